"""SPARQLWrapper with its default settings gets every result format it offers, by GET (its default) and POST.

With defaults SPARQLWrapper sends both an Accept header and `format=`/`output=`/`results=` parameters
whose values are its own names (`tsv`, `n3`, `rdf+xml`, `json-ld`, `xml` for RDF/XML…) or media types;
the server takes a value it knows and otherwise follows Accept. Each answer is compared with the
embedded graph's answer to the same query."""

import csv
import io
import warnings

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDF, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

SELECT = """PREFIX eujkg: <https://w3id.org/eujkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?c ?label WHERE { ?c a eujkg:Cooperation ; skos:prefLabel ?label FILTER (lang(?label) = "en") } ORDER BY ?c"""
ASK = "ASK { <https://w3id.org/eujkg/id/organisation/meti> a <https://w3id.org/eujkg/ontology#Ministry> }"
CONSTRUCT = """PREFIX eujkg: <https://w3id.org/eujkg/ontology#>
CONSTRUCT { ?c eujkg:japanesePartner ?j } WHERE { ?c eujkg:japanesePartner ?j }"""
DESCRIBE = "DESCRIBE <https://w3id.org/eujkg/id/place/kobe>"
METHODS = ["GET", "POST"]
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


def wrapper(live_server, query, fmt, method):
    client = SPARQLWrapper(f"{live_server}/sparql")  # defaults: format parameters sent, not only conneg
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client


def expected_rows(shipped):
    return [(str(r["c"]), str(r["label"])) for r in shipped.sparql(SELECT).rows()]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_select(live_server, shipped, fmt, method):
    result = wrapper(live_server, SELECT, fmt, method).query()
    converted = result.convert()
    if fmt == JSON:
        rows = [(b["c"]["value"], b["label"]["value"]) for b in converted["results"]["bindings"]]
    elif fmt == XML:
        rows = []
        for node in converted.getElementsByTagName("result"):
            cells = {b.getAttribute("name"): b.firstChild.firstChild.nodeValue
                     for b in node.getElementsByTagName("binding")}
            rows.append((cells["c"], cells["label"]))
    elif fmt == CSV:
        table = list(csv.reader(io.StringIO(converted.decode("utf-8"))))
        assert table[0] == ["c", "label"]
        rows = [tuple(r) for r in table[1:]]
    else:
        lines = converted.decode("utf-8").splitlines()
        assert lines[0] == "?c\t?label"
        rows = [tuple(cell.split('"')[1] if cell.startswith('"') else cell.strip("<>") for cell in line.split("\t"))
                for line in lines[1:]]
    assert rows == expected_rows(shipped)
    media = {JSON: "application/sparql-results+json", XML: "application/sparql-results+xml", CSV: "text/csv",
             TSV: "text/tab-separated-values"}[fmt]
    assert result.info()["content-type"].split(";")[0] == media


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_ask(live_server, shipped, fmt, method):
    converted = wrapper(live_server, ASK, fmt, method).query().convert()
    expected = shipped.sparql(ASK).boolean
    if fmt == JSON:
        answer = converted["boolean"]
    elif fmt == XML:
        answer = converted.getElementsByTagName("boolean")[0].firstChild.nodeValue == "true"
    else:
        answer = converted.decode("utf-8").splitlines()[-1] == "true"
    assert answer is expected is True


GRAPH_FORMATS = {TURTLE: "text/turtle", N3: "text/turtle", RDFXML: "application/rdf+xml",
                 XML: "application/rdf+xml", RDF: "application/rdf+xml", JSONLD: "application/ld+json"}


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE], ids=["construct", "describe"])
@pytest.mark.parametrize("fmt", list(GRAPH_FORMATS))
def test_construct_and_describe(live_server, shipped, fmt, query, method):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # SPARQLWrapper warns that RDF is not a format of its own
        result = wrapper(live_server, query, fmt, method).query()
        converted = result.convert()
    assert result.info()["content-type"].split(";")[0] == GRAPH_FORMATS[fmt]
    graph = converted if isinstance(converted, Graph) else Graph().parse(data=converted, format="turtle")
    expected = Graph()
    for triple in shipped.sparql(query).triples:
        expected.add(tuple(_rdflib(t) for t in triple))
    assert len(graph) == len(expected) > 0
    assert isomorphic(graph, expected)


def _rdflib(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    plain = term.language or term.datatype.value == "http://www.w3.org/2001/XMLSchema#string"
    return Literal(term.value, lang=term.language, datatype=None if plain else URIRef(term.datatype.value))
