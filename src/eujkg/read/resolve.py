"""Turn what a user typed (an IRI, a CURIE or a label) into the IRI of one entity.

Labels match case-, accent-width- and dash-insensitively against preferred and alternative
labels in every language; an unknown or ambiguous label is an error that lists the closest
matches, with their CURIEs, so the user can pick one. A label costs one query with the label
bound (read/sparql/label-matches.rq); every label is read (all-labels.rq) only to suggest the
closest matches to an unknown one, and for search.
"""

import difflib
import re
import unicodedata

import pyoxigraph as ox

from eujkg.errors import InputError
from eujkg.prefixes import curie, expand
from eujkg.read.queries import internal

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


def _clip(text: str, length: int = 80) -> str:
    """User text fit for a one-line message."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length] + "…"


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _DASHES.sub("-", text)
    return " ".join(text.casefold().split())


def _run(backend, name: str, **terms):
    return internal("eujkg.read", name).run(backend, **terms).solutions


class Resolver:
    """Resolves user input against one backend (anything with `query(text) -> QueryResult`)."""

    def __init__(self, backend):
        self.backend = backend
        self._index: dict[str, set[str]] | None = None

    def __call__(self, value: str, cls: str | None = None, where: str = "entity") -> str:
        if not value:
            raise InputError(f"{where}: empty value; give an IRI, a CURIE or a label")
        iri = value if re.match(r"^https?://", value) else expand(value)
        if iri is not None:
            return self._check_iri(iri, cls, where)
        return self._by_label(value, cls, where)

    def _check_iri(self, iri: str, cls: str | None, where: str) -> str:
        try:
            node = ox.NamedNode(iri)
        except ValueError:
            raise InputError(f"{where}: '{_clip(iri)}' is not a valid IRI") from None
        rows = _run(self.backend, "entity-types", entity=node)
        if not rows or rows[0]["known"].value != "yes":
            raise InputError(f"{where}: nothing in the graph has the IRI {curie(iri)}")
        if cls and cls not in {r["type"].value for r in rows if r["type"] is not None}:
            raise InputError(f"{where}: {curie(iri)} is not a {curie(cls)}")
        return iri

    def _by_label(self, value: str, cls: str | None, where: str) -> str:
        wanted = normalise(value)
        matches = [r for r in _run(self.backend, "label-matches", text=ox.Literal(wanted))
                   if normalise(r["label"].value) == wanted]
        if matches:
            typed = {r["entity"].value: set(r["types"].value.split()) for r in matches}
            preferred = {r["entity"].value for r in matches if r["preferred"].value == "yes"}
        else:  # a spelling SPARQL's LCASE does not fold (NFKC, ß…): compare with every label
            typed = {e: None for e in self.label_index().get(wanted, set())}
            preferred = set()

        def of_class(entities):
            return {e for e in entities if cls is None or cls in (typed[e] if typed[e] is not None
                                                                  else self._types(e))}

        chosen = of_class(preferred)
        if len(chosen) == 1:  # a preferred label wins over alternative ones
            return next(iter(chosen))
        candidates = of_class(typed)
        if len(candidates) == 1:
            return next(iter(candidates))
        kind = curie(cls) if cls else "entity"
        if len(candidates) > 1:
            listed = "; ".join(self._show(sorted(candidates)))
            raise InputError(f"{where}: '{_clip(value)}' names several things: {listed}. Give the CURIE of the one you mean")
        raise InputError(f"{where}: no {kind} is labelled '{_clip(value)}'.{self._closest(wanted, cls)}")

    def _closest(self, wanted: str, cls: str | None) -> str:
        index = self.label_index()
        members = None if cls is None else {r["entity"].value for r in _run(self.backend, "instances",
                                                                             cls=ox.NamedNode(cls))}

        def of_class(entities):
            return {e for e in entities if members is None or e in members}

        labels = sorted(label for label, entities in index.items() if of_class(entities))  # not in the store's order
        close = difflib.get_close_matches(wanted, labels, n=5, cutoff=0.5)
        if not close:
            close = [label for label in labels if wanted and wanted in label][:5]
        suggested = list(dict.fromkeys(e for label in close for e in sorted(of_class(index[label]))))
        return f" Closest matches: {'; '.join(self._show(suggested))}." if suggested else ""

    def _types(self, iri: str) -> set[str]:
        return {r["type"].value for r in _run(self.backend, "entity-types", entity=ox.NamedNode(iri))
                if r["type"] is not None}

    def _show(self, iris: list[str]) -> list[str]:
        labels = self.display_labels(iris)
        return [f"{labels.get(iri, iri)} ({curie(iri)})" for iri in iris]

    def display_labels(self, iris) -> dict[str, str]:
        """The English (or untagged) label of each IRI that has one (the first in canonical order)."""
        iris = sorted(set(iris))
        if not iris:
            return {}
        labels: dict[str, str] = {}
        rows = [(ox.NamedNode(i),) for i in iris]
        for r in internal("eujkg.read", "labels").run_rows(self.backend, ("entity",), rows).solutions:
            labels.setdefault(r["entity"].value, r["label"].value)
        return labels

    def label_index(self) -> dict[str, set[str]]:
        """Every label, normalised, with the things it names (read once)."""
        if self._index is None:
            index: dict[str, set[str]] = {}  # kept only once complete: a store's error leaves no half index
            for row in self.backend.query(internal("eujkg.read", "all-labels").text).solutions:
                index.setdefault(normalise(row["label"].value), set()).add(row["entity"].value)
            self._index = index
        return self._index
