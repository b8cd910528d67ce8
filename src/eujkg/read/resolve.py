"""Turn what a user typed (an IRI, a CURIE or a label) into the IRI of one entity.

Labels match case-, accent-width- and dash-insensitively against preferred and alternative
labels in every language; an unknown or ambiguous label is an error that lists the closest
matches, with their CURIEs, so the user can pick one.
"""

import difflib
import re
import unicodedata

import pyoxigraph as ox

from eujkg.errors import InputError
from eujkg.prefixes import curie, expand

_LABELS = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?entity ?label ?preferred WHERE {
  { ?entity skos:prefLabel ?label BIND (true AS ?preferred) }
  UNION { ?entity skos:altLabel|rdfs:label ?label BIND (false AS ?preferred) }
}"""
_TYPES = "SELECT ?entity ?cls WHERE { ?entity a ?cls }"
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


def _clip(text: str, length: int = 80) -> str:
    """User text fit for a one-line message."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length] + "…"


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _DASHES.sub("-", text)
    return " ".join(text.casefold().split())


class Resolver:
    """Resolves user input against one store; the label index is built on first use."""

    def __init__(self, select):
        """`select(text)` runs a SPARQL query and returns a QueryResult (see eujkg.read.backend)."""
        self.select = select
        self._index: dict[str, set[str]] | None = None
        self._preferred: dict[str, set[str]] = {}
        self._types: dict[str, set[str]] = {}
        self._display: dict[str, str] = {}

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
        if not self.select(f"ASK {{ {node} ?p ?o }}").boolean:  # node: a checked, serialised IRI
            raise InputError(f"{where}: nothing in the graph has the IRI {curie(iri)}")
        self._load()
        if cls and cls not in self._types.get(iri, set()):
            raise InputError(f"{where}: {curie(iri)} is not a {curie(cls)}")
        return iri

    def _by_label(self, value: str, cls: str | None, where: str) -> str:
        index = self._load()
        wanted = normalise(value)
        def of_class(entities):
            return {e for e in entities if cls is None or cls in self._types.get(e, set())}

        preferred = of_class(self._preferred.get(wanted, set()))
        if len(preferred) == 1:  # a preferred label wins over alternative ones
            return next(iter(preferred))
        candidates = of_class(index.get(wanted, set()))
        if len(candidates) == 1:
            return next(iter(candidates))
        kind = curie(cls) if cls else "entity"
        if len(candidates) > 1:
            listed = "; ".join(self._show(e) for e in sorted(candidates))
            raise InputError(f"{where}: '{_clip(value)}' names several things: {listed}. Give the CURIE of the one you mean")
        labels = [label for label, entities in index.items()
                  if cls is None or any(cls in self._types.get(e, set()) for e in entities)]
        close = difflib.get_close_matches(wanted, labels, n=5, cutoff=0.5)
        if not close:
            close = [label for label in labels if wanted and wanted in label][:5]
        suggested = dict.fromkeys(e for label in close for e in sorted(of_class(index[label])))
        suggestions = "; ".join(self._show(e) for e in suggested)
        hint = f" Closest matches: {suggestions}." if suggestions else ""
        raise InputError(f"{where}: no {kind} is labelled '{_clip(value)}'.{hint}")

    def _show(self, iri: str) -> str:
        return f"{self._display.get(iri, iri)} ({curie(iri)})"

    def _load(self) -> dict[str, set[str]]:
        if self._index is None:
            self._index = {}
            for solution in self.select(_LABELS).solutions:
                entity, label = solution["entity"], solution["label"]
                if not isinstance(entity, ox.NamedNode):
                    continue
                self._index.setdefault(normalise(label.value), set()).add(entity.value)
                if solution["preferred"].value == "true":
                    self._preferred.setdefault(normalise(label.value), set()).add(entity.value)
                if label.language in ("en", None, "") and (solution["preferred"].value == "true"
                                                            or entity.value not in self._display):
                    self._display[entity.value] = label.value
            for solution in self.select(_TYPES).solutions:
                if isinstance(solution["entity"], ox.NamedNode):
                    self._types.setdefault(solution["entity"].value, set()).add(solution["cls"].value)
        return self._index
