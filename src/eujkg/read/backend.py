"""The read path's one interface: a backend answers a SPARQL query text with a QueryResult.

Every reader — the facade, the command line, describe, the resolver, every web page and the SPARQL
endpoint's workers — goes through a backend, so each of them works on the embedded store and on a
remote endpoint alike (eujkg.read.remote). The dataset is the same for both: the default graph is
the union of the ontology, data and inferred graphs, which are also named graphs (`graphs`).
"""

from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from eujkg.errors import InputError
from eujkg.graphs import GRAPHS
from eujkg.prefixes import PREFIXES
from eujkg.read.dataset import Dataset
from eujkg.read.results import QueryResult


class Backend(Protocol):
    graphs: dict[str, str]  # "ontology", "data", "inferred" → the graph's IRI in this store

    def query(self, text: str, limit: int | None = None, dataset: Dataset | None = None) -> QueryResult:
        """Answer a SPARQL query (project prefixes predeclared), keeping at most `limit` rows or triples;
        on `dataset` if given (eujkg.read.dataset), else on the union of the graphs with the three as named graphs."""


class Embedded:
    """Reads from a pyoxigraph Store holding the three graphs."""

    def __init__(self, store: ox.Store):
        self.store = store
        self.graphs = dict(GRAPHS)

    @classmethod
    def from_files(cls, graph_files: dict[str, Path]) -> "Embedded":
        """A store loaded from the N-Triples file of each graph ("ontology", "data", "inferred")."""
        store = ox.Store()
        for name, path in graph_files.items():
            store.load(path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(GRAPHS[name]))
        return cls(store)

    @classmethod
    def open(cls, folder: Path) -> "Embedded":
        """pyoxigraph's on-disk store in `folder` (see eujkg.build.cache), opened read-only: the same cost
        at any size, and any number of processes may read it at once."""
        return cls(ox.Store.read_only(str(folder)))

    def query(self, text: str, limit: int | None = None, dataset: Dataset | None = None) -> QueryResult:
        if dataset is None:
            chosen = {"use_default_graph_as_union": True}
        else:
            chosen = {"default_graph": [ox.NamedNode(self.graphs[name]) for name in dataset.default],
                      "named_graphs": [ox.NamedNode(self.graphs[name]) for name in dataset.named]}
        try:
            answer = self.store.query(text, prefixes=PREFIXES, **chosen)
        except SyntaxError as error:
            raise InputError(f"SPARQL syntax error: {' '.join(str(error).split())}") from None
        return QueryResult.from_oxigraph(answer, limit)
