"""From a validation result to a curator's problem, for both engines: which entity (the IRI owning a
blank node such as a citation), its label and kind, the file and line that define it, the property
path, the value, the shape; problems sorted by file and line.

The engines hand over `Violation`s and a `DataView` of the asserted data in their own terms
(pyoxigraph or rdflib); everything a curator reads is decided here, once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from eujkg.build.report import Problem, ValidationReport
from eujkg.errors import display_path
from eujkg.prefixes import curie


class DataView(Protocol):
    """The asserted data, as much as curation needs of it, in an engine's own terms."""

    def iri(self, node) -> str | None:
        """The IRI of a named node; None for a blank node or a literal."""

    def parent(self, node) -> tuple[object, str] | None:
        """A (subject, predicate IRI) that points at a blank node, if any."""

    def labels(self, node) -> list[tuple[str, str | None]]:
        """The node's skos:prefLabels as (text, language)."""

    def types(self, node) -> list[str]:
        """The IRIs of the node's asserted types."""

    def text(self, term) -> str:
        """A value as the report shows it: a CURIE for an IRI, the lexical form of a literal."""


@dataclass(frozen=True)
class Violation:
    """One validation result as an engine found it."""

    focus: object
    message: str
    path: tuple[str, ...] = ()   # readable steps of the property path ("eujkg:sector", "^eujkg:partOf")
    value: object = None
    shape: str = ""              # the IRI of the node shape


def report(view: DataView, violations, inconsistencies: list[str], data_files: list[Path]) -> ValidationReport:
    """The curator's report: inconsistencies first, then each distinct problem, by file and line."""
    origins = Origins(data_files)
    problems = {problem(view, v, origins) for v in violations}
    return ValidationReport(inconsistency_problems(inconsistencies) + sorted(problems, key=order))


def problem(view: DataView, violation: Violation, origins: Origins) -> Problem:
    owner, via = owning_entity(view, violation.focus)
    iri = view.iri(owner)
    value = violation.value
    return Problem(
        entity=curie(iri) if iri else "(blank node)",
        label=label(view, owner),
        kind=min((curie(t) for t in view.types(owner)), default=""),
        origin=origins.of(iri) if iri else "",
        message=violation.message,
        path="/".join([curie(p) for p in via] + list(violation.path)),
        value=view.text(value) if value is not None and value != violation.focus else "",
        shape=curie(violation.shape) if violation.shape else "",
    )


def owning_entity(view: DataView, node) -> tuple[object, list[str]]:
    """For a blank node (a citation, a role), the IRI that owns it and the predicates from there."""
    via: list[str] = []
    seen = set()
    while view.iri(node) is None and node not in seen:
        seen.add(node)
        parent = view.parent(node)
        if parent is None:
            break
        node, predicate = parent
        via.insert(0, predicate)
    return node, via


def label(view: DataView, node) -> str:
    labels = view.labels(node)
    english = [text for text, language in labels if language in ("en", None, "")]
    return (english or [text for text, _ in labels] or [""])[0]


def inconsistency_problems(messages: list[str]) -> list[Problem]:
    """Inconsistencies found by the reasoner, as problems of the report."""
    return [Problem(entity="(ontology and data)", label="", kind="", origin="", message=f"OWL RL inconsistency: {m}")
            for m in messages]


def order(problem: Problem):
    file, _, line = problem.origin.rpartition(":")
    return (file or "~", int(line) if line.isdigit() else 0, problem.entity, problem.path, problem.message)


def path_steps(graph, path) -> list[str]:
    """A SHACL path (a node of the rdflib `graph` holding it) as readable steps: `p`, a sequence
    `p/q`, `^p` for an inverse, `p|q` for alternatives."""
    from rdflib.collection import Collection
    from rdflib.namespace import RDF, SH
    from rdflib.term import URIRef

    if path is None:
        return []
    if isinstance(path, URIRef):
        return [curie(str(path))]
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return ["^" + "/".join(path_steps(graph, inverse))]
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return ["|".join(s for step in Collection(graph, alternatives) for s in path_steps(graph, step))]
    if graph.value(path, RDF.first) is not None:
        return [s for step in Collection(graph, path) for s in path_steps(graph, step)]
    return []


_PREFIX_LINE = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([\w.-]*):\s*<([^>]*)>", re.MULTILINE | re.IGNORECASE)
_ESCAPE = re.compile(r"([~.!$&()*+,;=/?#@%])")


class Origins:
    """Where each entity is defined: the first data file, and line in it, that starts with the entity's
    IRI or CURIE (escaped or not, e.g. `cooperation:one\\&sided`). Files are read only when asked."""

    def __init__(self, data_files: list[Path]):
        self.data_files = list(data_files)
        self._files: list[tuple[Path, dict[str, int], list[tuple[str, str]]]] | None = None

    def of(self, iri: str) -> str:
        """`file:line`, or '' when no file defines the entity at the start of a line."""
        for path, starts, prefixes in self._indexed():
            for candidate in _spellings(iri, prefixes):
                if candidate in starts:
                    return f"{display_path(path)}:{starts[candidate]}"
        return ""

    def _indexed(self):
        if self._files is None:
            self._files = []
            for path in self.data_files:
                text = path.read_text(encoding="utf-8")
                starts: dict[str, int] = {}
                for number, line in enumerate(text.splitlines(), start=1):
                    token = line.split(" ", 1)[0].strip()
                    if token and token not in starts:
                        starts[token] = number
                self._files.append((path, starts, _PREFIX_LINE.findall(text)))
        return self._files


def _spellings(iri: str, prefixes: list[tuple[str, str]]) -> list[str]:
    spellings = [f"<{iri}>"]
    for prefix, namespace in prefixes:
        if namespace and iri.startswith(namespace):
            local = iri[len(namespace):]
            escaped = _ESCAPE.sub(r"\\\1", local)
            spellings += [f"{prefix}:{local}", f"{prefix}:{escaped}"]
    return spellings
