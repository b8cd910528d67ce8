"""Where reads go: the embedded pyoxigraph store, or any SPARQL 1.1 endpoint over HTTP.

Both answer a SPARQL text with a QueryResult of pyoxigraph terms, over a dataset whose default
graph is the union of the ontology, data and inferred graphs and whose named graphs are those
three. For a remote endpoint the facade states that dataset in the request (default-graph-uri and
named-graph-uri, SPARQL 1.1 Protocol) instead of relying on the engine's union-default-graph
setting, which Oxigraph, Fuseki, GraphDB and Virtuoso configure differently.
"""

import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox

from eujkg.errors import InputError
from eujkg.graphs import GRAPHS, graph_names
from eujkg.prefixes import PREFIXES
from eujkg.read.results import QueryResult
from eujkg.read.sparqltext import form_of

DEFAULT_GRAPHS = GRAPHS


class Embedded:
    """Reads from a pyoxigraph Store holding the three graphs."""

    def __init__(self, store: ox.Store):
        self.store = store
        self.graphs = dict(DEFAULT_GRAPHS)

    def query(self, text: str) -> QueryResult:
        try:
            answer = self.store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)
        except SyntaxError as error:
            raise InputError(f"SPARQL syntax error: {' '.join(str(error).split())}") from None
        return QueryResult.from_oxigraph(answer)


class Remote:
    """Reads from a SPARQL 1.1 query endpoint (Oxigraph, Fuseki, GraphDB, Virtuoso…)."""

    def __init__(self, endpoint: str, graph_base: str | None = None, timeout: float = 60.0,
                 union_default_graph: bool = False):
        """`union_default_graph`: the store's default graph already is the union of its named graphs
        (Oxigraph --union-default-graph, GraphDB, Virtuoso), so requests need not state the dataset."""
        if not endpoint.startswith(("http://", "https://")):
            raise InputError(f"--endpoint must be an http(s) URL, not '{endpoint[:80]}'")
        self.endpoint = endpoint
        self.graphs = graph_names(graph_base)
        self.timeout = timeout
        self.union_default_graph = union_default_graph
        self._prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())

    def query(self, text: str) -> QueryResult:
        form = form_of(text) or "SELECT"
        accept = "application/sparql-results+json" if form in ("SELECT", "ASK") else "application/n-triples"
        fields = [("query", self._prologue + text)]
        if not self.union_default_graph:
            fields += [("default-graph-uri", g) for g in self.graphs.values()]
            fields += [("named-graph-uri", g) for g in self.graphs.values()]
        body = post(self.endpoint, urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded",
                    accept, self.timeout)
        if accept == "application/n-triples":
            return QueryResult([], [], triples=list(ox.parse(body, ox.RdfFormat.N_TRIPLES)))
        return QueryResult.from_oxigraph(ox.parse_query_results(body, ox.QueryResultsFormat.JSON))


def post(url: str, body: bytes, content_type: str, accept: str, timeout: float) -> bytes:
    return _send(urllib.request.Request(url, data=body, method="POST",
                                        headers={"Content-Type": content_type, "Accept": accept}), timeout)


def put(url: str, body: bytes, content_type: str, timeout: float) -> bytes:
    return _send(urllib.request.Request(url, data=body, method="PUT", headers={"Content-Type": content_type}), timeout)


def _send(request: urllib.request.Request, timeout: float) -> bytes:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) checked above
            return response.read()
    except urllib.error.HTTPError as error:
        detail = " ".join(error.read().decode("utf-8", errors="replace").split())[:300]
        raise InputError(f"{request.full_url.split('?')[0]} answered {error.code} {error.reason}: {detail}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise InputError(f"cannot reach {request.full_url.split('?')[0]}: {reason}") from None


def publish(graph_store: str, graphs: dict[str, bytes], names: dict[str, str], timeout: float = 300.0) -> dict[str, int]:
    """PUT each graph (N-Triples) to a SPARQL 1.1 Graph Store Protocol endpoint, replacing what was there."""
    if not graph_store.startswith(("http://", "https://")):
        raise InputError(f"--endpoint must be an http(s) URL, not '{graph_store[:80]}'")
    sizes = {}
    for name, content in graphs.items():
        separator = "&" if "?" in graph_store else "?"
        url = f"{graph_store}{separator}{urllib.parse.urlencode({'graph': names[name]})}"
        put(url, content, "application/n-triples", timeout)
        sizes[name] = len(content)
    return sizes
