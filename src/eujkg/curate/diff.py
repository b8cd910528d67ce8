"""What changed between two versions of the graph, entity by entity, for a reviewer to read.

A side is a release (a dist/ folder, or one of its files), or a checkout (its ontology/ and data/,
or the word `working` for the checkout being worked in). Asserted triples only: what the curators
wrote, not what the reasoner adds. Blank nodes (citations) are compared by their content, so a
re-serialisation that renames them is no change. An entity that disappears without being kept as
`owl:deprecated` (with `dct:isReplacedBy`) is flagged: a published IRI never goes away.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from eujkg.errors import InputError
from eujkg.prefixes import ID, PREFIXES, curie

RDF_TYPE = PREFIXES["rdf"] + "type"
DEPRECATED = PREFIXES["owl"] + "deprecated"
REPLACED_BY = PREFIXES["dct"] + "isReplacedBy"
LABEL = PREFIXES["skos"] + "prefLabel"
FORMATS = {".nt": ox.RdfFormat.N_TRIPLES, ".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG,
           ".nq": ox.RdfFormat.N_QUADS, ".rdf": ox.RdfFormat.RDF_XML, ".jsonld": ox.RdfFormat.JSON_LD}
RELEASE_FILE = "eujkg.nt"   # ontology + asserted data of a release


@dataclass
class Side:
    name: str
    statements: dict[str, set[str]]          # entity IRI -> its statements, as readable text
    kinds: dict[str, str]
    labels: dict[str, str]
    deprecated: dict[str, list[str]]         # entity -> replacements


@dataclass
class Diff:
    old: Side
    new: Side
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    changed: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.retired or self.changed)

    @property
    def removed_without_deprecation(self) -> list[str]:
        return self.removed

    def summary(self) -> str:
        return (f"{len(self.added)} added, {len(self.changed)} changed, {len(self.retired)} retired "
                f"(owl:deprecated), {len(self.removed)} removed")

    def as_text(self) -> str:
        lines = [f"Changes from {self.old.name} to {self.new.name}: {self.summary()}."]
        lines += self._section("Added", self.added, "+", self.new)
        lines += self._section("Retired (kept as owl:deprecated)", self.retired, "~", self.new)
        lines += self._section("Removed without owl:deprecated (a published IRI must stay: mark it "
                               "owl:deprecated with dct:isReplacedBy)", self.removed, "-", self.old)
        lines += self._section("Changed", list(self.changed), "~", self.new)
        return "\n".join(lines) + "\n"

    def _section(self, title: str, entities: list[str], mark: str, side: Side) -> list[str]:
        if not entities:
            return []
        lines = ["", f"{title} ({len(entities)}):"]
        by_kind: dict[str, list[str]] = defaultdict(list)
        for entity in entities:
            by_kind[side.kinds.get(entity) or self.old.kinds.get(entity, "other")].append(entity)
        for kind in sorted(by_kind):
            lines.append(f"  {kind} ({len(by_kind[kind])})")
            for entity in sorted(by_kind[kind]):
                label = side.labels.get(entity) or self.old.labels.get(entity, "")
                lines.append(f"    {mark} {curie(entity)}" + (f' "{label}"' if label else ""))
                if entity in self.retired and side.deprecated.get(entity):
                    lines.append(f"        replaced by {', '.join(map(curie, side.deprecated[entity]))}")
                if entity in self.changed:
                    gone, came = self.changed[entity]
                    lines += [f"        - {s}" for s in gone] + [f"        + {s}" for s in came]
        return lines


def compare(old: Side, new: Side) -> Diff:
    diff = Diff(old, new)
    for entity in sorted(set(old.statements) | set(new.statements)):
        before, after = old.statements.get(entity, set()), new.statements.get(entity, set())
        if not before:
            diff.added.append(entity)
        elif not after:
            diff.removed.append(entity)
        elif entity in new.deprecated and entity not in old.deprecated:
            diff.retired.append(entity)
        elif before != after:
            diff.changed[entity] = (sorted(before - after), sorted(after - before))
    return diff


def read_side(spec: str) -> Side:
    """A release folder or file, a checkout folder, or `working` (the checkout being worked in)."""
    from eujkg import resources

    if spec == "working":
        root = resources.root()
        return _side(f"the working copy at {root}", _checkout_files(root))
    path = Path(spec)
    if path.is_dir() and (path / RELEASE_FILE).is_file():
        return _side(f"the release in {path}", [path / RELEASE_FILE])
    if path.is_dir() and (path / "data").is_dir() and (path / "ontology").is_dir():
        return _side(f"the checkout at {path}", _checkout_files(path))
    if path.is_file() and path.suffix in FORMATS:
        return _side(str(path), [path])
    raise InputError(f"{spec}: not a release folder (with {RELEASE_FILE}), a release file "
                     f"({', '.join(FORMATS)}), a checkout folder or 'working'")


def _checkout_files(root: Path) -> list[Path]:
    ontology = sorted(p for p in (root / "ontology").glob("*.ttl") if not p.name.endswith(".shapes.ttl"))
    return ontology + sorted((root / "data").glob("*.ttl"))


def _side(name: str, files: list[Path]) -> Side:
    triples: list[ox.Triple] = []
    for path in files:
        try:
            for quad in ox.parse(path=str(path), format=FORMATS[path.suffix]):
                if not quad.graph_name or isinstance(quad.graph_name, ox.DefaultGraph) or \
                        not str(quad.graph_name.value).endswith("inferred"):
                    triples.append(ox.Triple(quad.subject, quad.predicate, quad.object))
        except SyntaxError as error:
            raise InputError(f"{path}: cannot be read: {' '.join(str(error).split())}") from None
        except OSError as error:
            raise InputError(f"{path}: cannot be read ({error.strerror})") from None
    about: dict = defaultdict(list)
    for triple in triples:
        about[triple.subject].append(triple)

    def text(term, seen=()) -> str:
        if isinstance(term, ox.BlankNode):
            if term in seen:
                return "[ … ]"
            inner = sorted(f"{_short(t.predicate)} {text(t.object, (*seen, term))}" for t in about.get(term, []))
            return "[ " + " ; ".join(inner) + " ]"
        return _short(term)

    side = Side(name, {}, {}, {}, {})
    for subject, own in about.items():
        if not isinstance(subject, ox.NamedNode) or not subject.value.startswith(ID):
            continue
        iri = subject.value
        side.statements[iri] = {f"{_short(t.predicate)} {text(t.object)}" for t in own}
        side.kinds[iri] = iri[len(ID):].split("/", 1)[0]
        for t in own:
            if t.predicate.value == LABEL and isinstance(t.object, ox.Literal) and t.object.language in ("en", None):
                side.labels[iri] = t.object.value
            if t.predicate.value == DEPRECATED and t.object.value in ("true", "1"):
                side.deprecated.setdefault(iri, [])
            if t.predicate.value == REPLACED_BY:
                side.deprecated.setdefault(iri, []).append(t.object.value)
    return side


def _short(term) -> str:
    if isinstance(term, ox.NamedNode):
        return curie(term.value)
    return str(term)
