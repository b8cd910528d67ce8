"""A backend on any SPARQL 1.1 query endpoint over HTTP (Oxigraph, Fuseki, GraphDB, Virtuoso…).

The facade states the dataset in each request (default-graph-uri and named-graph-uri, SPARQL 1.1
Protocol) instead of relying on the engine's union-default-graph setting, which Oxigraph, Fuseki,
GraphDB and Virtuoso configure differently; `union_default_graph=True` leaves it out.

Answers are read here rather than by pyoxigraph's results parser, which refuses what some stores
send: blank nodes come back as `_:b0` (Oxigraph), `nodeID://b10411` (Virtuoso, as a bnode or as an
IRI) or skolem IRIs (`…/.well-known/genid/…`), and all of them become blank nodes; Virtuoso writes
typed literals as "typed-literal" and, unless configured as Debian ships it (CaseMode 2), answers an
ASK as a SELECT of ?__ASK_RETVAL (one row, 1, for true; none for false). An answer a store cut short (Virtuoso's ResultSetMaxRows, which
it reports only in an X-SPARQL-MaxRows header) or that is not a SPARQL answer is one clear error.
"""

import json
import urllib.parse

import pyoxigraph as ox

from eujkg.errors import InputError
from eujkg.graphs import graph_names
from eujkg.http import Reply, check_url, post, said
from eujkg.mediatypes import FORM, N_TRIPLES, SPARQL_JSON
from eujkg.prefixes import PREFIXES
from eujkg.read.dataset import Dataset
from eujkg.read.results import QueryResult
from eujkg.read.sparqltext import form_of

RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


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
        reply = post(self.endpoint, urllib.parse.urlencode(fields).encode(), FORM, accept, self.timeout)
        cut = reply.headers.get("X-SPARQL-MaxRows")
        if cut:
            raise InputError(f"{self.endpoint} cut the answer at {cut} rows (its own limit, Virtuoso's "
                             "ResultSetMaxRows): ask for fewer rows, or raise that limit")
        try:
            if accept == N_TRIPLES:
                return _triples(reply, limit)
            return _solutions(json.loads(reply.body), limit, form == "ASK")
        except (ValueError, KeyError, TypeError, AttributeError, SyntaxError):
            kind = reply.media_type or "no media type"
            raise InputError(f"{self.endpoint} did not answer with {'SPARQL JSON results' if accept == SPARQL_JSON else 'N-Triples'} "
                             f"({kind}): {said(reply.body, 120)}") from None


def _solutions(document: dict, limit: int | None, ask: bool) -> QueryResult:
    if "boolean" in document:
        if not isinstance(document["boolean"], bool):
            raise ValueError("boolean")
        return QueryResult([], [], boolean=document["boolean"])
    variables = [str(v) for v in document["head"]["vars"]]
    bindings = document["results"]["bindings"]
    if ask and variables == ["__ASK_RETVAL"]:  # no row for false
        return QueryResult([], [], boolean=any(b["__ASK_RETVAL"]["value"] in ("1", "true") for b in bindings))
    truncated = limit is not None and len(bindings) > limit
    blanks: dict[str, ox.BlankNode] = {}
    solutions = [{v: _term(b[v], blanks) if v in b else None for v in variables}
                 for b in (bindings[:limit] if truncated else bindings)]
    return QueryResult(variables, solutions, truncated=truncated)


def _term(cell: dict, blanks: dict):
    kind, value = cell["type"], cell["value"]
    if kind == "bnode" or (kind == "uri" and _is_blank(value)):
        return _blank(value, blanks)
    if kind == "uri":
        return ox.NamedNode(value)
    if kind not in ("literal", "typed-literal"):
        raise ValueError(kind)
    if cell.get("xml:lang"):
        return ox.Literal(value, language=cell["xml:lang"])
    if cell.get("datatype") and cell["datatype"] != RDF_LANG_STRING:
        return ox.Literal(value, datatype=ox.NamedNode(cell["datatype"]))
    return ox.Literal(value)


def _triples(reply: Reply, limit: int | None) -> QueryResult:
    fmt = ox.RdfFormat.from_media_type(reply.media_type) if reply.media_type else None
    blanks: dict[str, ox.BlankNode] = {}
    triples = []
    for triple in ox.parse(reply.body, fmt or ox.RdfFormat.N_TRIPLES):
        subject, predicate, value = triple.subject, triple.predicate, triple.object
        if isinstance(subject, ox.NamedNode) and _is_blank(subject.value):
            subject = _blank(subject.value, blanks)
        if isinstance(value, ox.NamedNode) and _is_blank(value.value):
            value = _blank(value.value, blanks)
        triples.append(ox.Triple(subject, predicate, value))
    truncated = limit is not None and len(triples) > limit
    return QueryResult([], [], triples=triples[:limit] if truncated else triples, truncated=truncated)


def _is_blank(iri: str) -> bool:
    """Virtuoso's names for blank nodes, and skolem IRIs (RDF 1.1, section 3.5)."""
    return iri.startswith("nodeID://") or "/.well-known/genid/" in iri


def _blank(name: str, blanks: dict) -> ox.BlankNode:
    """One blank node per name the store gave, within one answer."""
    if name not in blanks:
        blanks[name] = ox.BlankNode(f"b{len(blanks)}")
    return blanks[name]
