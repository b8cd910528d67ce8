"""A backend on any SPARQL 1.1 query endpoint over HTTP (Oxigraph, Fuseki, GraphDB, Virtuoso…).

The facade states the dataset in each request (default-graph-uri and named-graph-uri, SPARQL 1.1
Protocol) instead of relying on the engine's union-default-graph setting, which Oxigraph, Fuseki,
GraphDB and Virtuoso configure differently; `union_default_graph=True` leaves it out.
"""

import urllib.parse

import pyoxigraph as ox

from eujkg.graphs import graph_names
from eujkg.http import check_url, post
from eujkg.mediatypes import FORM, N_TRIPLES, SPARQL_JSON
from eujkg.prefixes import PREFIXES
from eujkg.read.dataset import Dataset
from eujkg.read.results import QueryResult
from eujkg.read.sparqltext import form_of


class Remote:
    def __init__(self, endpoint: str, graph_base: str | None = None, timeout: float = 60.0,
                 union_default_graph: bool = False):
        """`union_default_graph`: the store's default graph already is the union of its named graphs
        (Oxigraph --union-default-graph, GraphDB, Virtuoso), so requests need not state the dataset."""
        self.endpoint = check_url(endpoint)
        self.graph_base = graph_base
        self.graphs = graph_names(graph_base)
        self.timeout = timeout
        self.union_default_graph = union_default_graph
        self._prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())

    def query(self, text: str, limit: int | None = None, dataset: Dataset | None = None) -> QueryResult:
        form = form_of(text) or "SELECT"
        accept = SPARQL_JSON if form in ("SELECT", "ASK") else N_TRIPLES
        fields = [("query", self._prologue + text)]
        if dataset is not None:
            fields += [("default-graph-uri", self.graphs[name]) for name in dataset.default]
            fields += [("named-graph-uri", self.graphs[name]) for name in dataset.named]
        elif not self.union_default_graph:
            fields += [("default-graph-uri", g) for g in self.graphs.values()]
            fields += [("named-graph-uri", g) for g in self.graphs.values()]
        body = post(self.endpoint, urllib.parse.urlencode(fields).encode(), FORM, accept, self.timeout)
        if accept == N_TRIPLES:
            return _triples(body, limit)
        return QueryResult.from_oxigraph(ox.parse_query_results(body, ox.QueryResultsFormat.JSON), limit)


def _triples(body: bytes, limit: int | None) -> QueryResult:
    triples = list(ox.parse(body, ox.RdfFormat.N_TRIPLES))
    truncated = limit is not None and len(triples) > limit
    return QueryResult([], [], triples=triples[:limit] if truncated else triples, truncated=truncated)
