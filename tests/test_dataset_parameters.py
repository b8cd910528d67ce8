"""The SPARQL 1.1 Protocol's dataset: `default-graph-uri` and `named-graph-uri` (and FROM / FROM NAMED in the
query) pick among the three graphs by their IRIs; without them the default graph is the union of the three
and the named graphs are the three. A graph IRI the server does not hold is refused with 400 naming the ones
it holds (see the dataset module for why), never answered as a silently empty graph. rdflib's SPARQLStore
reads one named graph through `default-graph-uri`."""

from urllib.parse import urlencode

import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore

GRAPH = "https://w3id.org/eujkg/graph/"
ONTOLOGY, DATA, INFERRED = GRAPH + "ontology", GRAPH + "data", GRAPH + "inferred"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
NAMED = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


@pytest.fixture(scope="module")
def counts(shipped):
    """Triples per graph, from the embedded store: {graph IRI: count}."""
    return {GRAPH + name: n for name, n in shipped.triple_counts.items()}


def fields_of(query: str, dataset: dict) -> list[tuple[str, str]]:
    """The protocol's fields: the query, then each IRI under its parameter name (they repeat)."""
    return [("query", query)] + [(key.replace("_", "-"), iri) for key, iris in dataset.items() for iri in iris]


def count(client, query=COUNT, method="GET", **dataset) -> int:
    fields = fields_of(query, dataset)
    if method == "GET":
        response = client.get("/sparql", params=fields)
    else:
        response = client.post("/sparql", content=urlencode(fields).encode(),
                               headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def named(client, **dataset) -> dict[str, int]:
    bindings = client.get("/sparql", params=fields_of(NAMED, dataset)).json()["results"]["bindings"]
    return {b["g"]["value"]: int(b["n"]["value"]) for b in bindings}


def test_without_dataset_the_default_graph_is_the_union(client, counts):
    union = count(client)
    assert union <= sum(counts.values()) and union >= max(counts.values())
    assert named(client) == counts


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("graph", [ONTOLOGY, DATA, INFERRED])
def test_default_graph_uri_picks_one_graph(client, counts, graph, method):
    assert count(client, method=method, default_graph_uri=[graph]) == counts[graph]


def test_several_default_graph_uris_merge(client, counts):
    assert count(client, default_graph_uri=[ONTOLOGY, DATA, INFERRED]) == count(client)
    assert count(client, method="POST", default_graph_uri=[ONTOLOGY, DATA]) == \
        count(client, query=COUNT.replace("WHERE", f"FROM <{ONTOLOGY}> FROM <{DATA}> WHERE"))


def test_named_graph_uri_limits_the_named_graphs(client, counts):
    assert named(client, named_graph_uri=[DATA]) == {DATA: counts[DATA]}
    assert named(client, named_graph_uri=[DATA, INFERRED]) == {DATA: counts[DATA], INFERRED: counts[INFERRED]}
    # named graphs only: the default graph of that dataset is empty (SPARQL 1.1 Query, 13.2)
    assert count(client, named_graph_uri=[DATA]) == 0


def test_default_and_named_together(client, counts):
    assert count(client, default_graph_uri=[ONTOLOGY], named_graph_uri=[DATA]) == counts[ONTOLOGY]
    assert named(client, default_graph_uri=[ONTOLOGY], named_graph_uri=[DATA]) == {DATA: counts[DATA]}


def test_from_in_the_query_is_honoured_and_the_protocol_overrides_it(client, counts):
    from_data = COUNT.replace("WHERE", f"FROM <{DATA}> WHERE")
    assert count(client, query=from_data) == counts[DATA]
    assert count(client, query=from_data, default_graph_uri=[ONTOLOGY]) == counts[ONTOLOGY]
    from_named = NAMED.replace("WHERE", f"FROM NAMED <{INFERRED}> WHERE")
    bindings = client.get("/sparql", params={"query": from_named}).json()["results"]["bindings"]
    assert [(b["g"]["value"], int(b["n"]["value"])) for b in bindings] == [(INFERRED, counts[INFERRED])]


@pytest.mark.parametrize("fields", [
    [("default-graph-uri", "https://w3id.org/eujkg/graph/typo")],
    [("named-graph-uri", "http://example.org/elsewhere")],
    [("default-graph-uri", DATA), ("named-graph-uri", "not an iri")],
])
def test_a_graph_the_server_does_not_hold_is_400(client, fields):
    response = client.get("/sparql", params=[("query", COUNT)] + fields)
    assert response.status_code == 400
    message = response.text
    assert fields[-1][1] in message and all(g in message for g in (ONTOLOGY, DATA, INFERRED))


def test_from_a_graph_the_server_does_not_hold_is_400(client):
    response = client.get("/sparql", params={"query": COUNT.replace("WHERE", "FROM <http://example.org/g> WHERE")})
    assert response.status_code == 400 and "http://example.org/g" in response.text


def test_service_description_names_the_graphs(client):
    from rdflib import Namespace
    sd = Namespace("http://www.w3.org/ns/sparql-service-description#")
    graph = Graph().parse(data=client.get("/sparql", headers={"accept": "text/turtle"}).text, format="turtle")
    assert {str(g) for g in graph.objects(None, sd.name)} == {ONTOLOGY, DATA, INFERRED}


@pytest.mark.parametrize("graph", [ONTOLOGY, DATA, INFERRED])
def test_rdflib_sparqlstore_on_a_named_graph(live_server, counts, shipped, graph):
    store = SPARQLStore(query_endpoint=f"{live_server}/sparql", returnFormat="json")
    named_graph = Graph(store=store, identifier=URIRef(graph))
    assert len(named_graph) == counts[graph]
    subject = next(iter(named_graph.subjects()))
    expected = shipped.sparql(f"SELECT ?p ?o WHERE {{ GRAPH <{graph}> {{ <{subject}> ?p ?o }} }}").rows()
    assert len(list(named_graph.predicate_objects(subject))) == len(expected) > 0
    rows = list(named_graph.query("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"))
    assert int(rows[0][0]) == len(shipped.sparql(
        f"SELECT DISTINCT ?s WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").rows())


def test_rdflib_sparqlstore_lists_the_graphs(live_server):
    store = SPARQLStore(query_endpoint=f"{live_server}/sparql", returnFormat="json")
    named = {getattr(g, "identifier", g) for g in store.contexts()}  # SELECT ?name WHERE { GRAPH ?name {} }
    assert {str(g) for g in named} == {ONTOLOGY, DATA, INFERRED}


def test_from_in_eujkg_sparql(shipped, counts):
    """The facade (`eujkg sparql`, KnowledgeGraph.sparql) honours FROM as the endpoint does."""
    answer = shipped.sparql(COUNT.replace("WHERE", f"FROM <{INFERRED}> WHERE")).rows()
    assert int(answer[0]["n"]) == counts[INFERRED]


@pytest.mark.parametrize("text, expected", [
    ("SELECT * WHERE { ?s ?p ?o }", None),
    ('SELECT * WHERE { ?s ?p "from" }', None),
    (f"SELECT * FROM <{DATA}> FROM NAMED <{INFERRED}> WHERE {{ ?s ?p ?o }}", (("data",), ("inferred",))),
    (f"SELECT * \\u0046ROM <{ONTOLOGY}> WHERE {{ ?s ?p ?o }}", (("ontology",), ())),
    (f"BASE <{GRAPH}> SELECT * from <data> WHERE {{ ?s ?p ?o }}", (("data",), ())),
])
def test_the_dataset_of_a_query_text(text, expected):
    """Read from the text alone too (a caller without a parse tree), FROM spelt any way the grammar allows."""
    from eujkg.read.dataset import of_query
    dataset = of_query(text)
    assert (None if dataset is None else (dataset.default, dataset.named)) == expected
