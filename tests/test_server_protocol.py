"""SPARQL 1.1 Protocol at /sparql: methods, content negotiation, service description, error paths,
and the read-only and bounded rules."""

import json
import threading
import time

import httpx
import pytest

SELECT = "SELECT ?c WHERE { ?c a eujkg:Cooperation } ORDER BY ?c LIMIT 3"
CONSTRUCT = "CONSTRUCT { ?c a eujkg:Cooperation } WHERE { ?c a eujkg:Cooperation }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_get_select_defaults_to_sparql_json(client):
    response = client.get("/sparql", params={"query": SELECT})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    data = response.json()
    assert data["head"]["vars"] == ["c"] and len(data["results"]["bindings"]) == 3


@pytest.mark.parametrize("how", ["form", "direct"])
def test_post_select(client, how):
    if how == "form":
        response = client.post("/sparql", data={"query": SELECT})
    else:
        response = client.post("/sparql", content=SELECT, headers={"content-type": "application/sparql-query"})
    assert response.status_code == 200 and len(response.json()["results"]["bindings"]) == 3


@pytest.mark.parametrize("accept, start", [
    ("application/sparql-results+xml", "<?xml"),
    ("text/csv", "c\r\n"),
    ("text/tab-separated-values", "?c\n"),
    ("application/sparql-results+json;q=0.5, text/csv;q=0.9", "c\r\n"),
])
def test_select_results_by_accept(client, accept, start):
    response = client.get("/sparql", params={"query": SELECT}, headers={"accept": accept})
    assert response.status_code == 200
    assert response.text.startswith(start)
    assert response.headers["content-type"].split(";")[0] == accept.split(",")[-1].split(";")[0].strip()


def test_ask(client):
    response = client.get("/sparql", params={"query": "ASK { organisation:meti a eujkg:Ministry }"})
    assert response.json() == {"head": {}, "boolean": True}


@pytest.mark.parametrize("accept, fmt", [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                         ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")])
def test_construct_by_accept(client, accept, fmt):
    from rdflib import Graph
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    assert len(Graph().parse(data=response.text, format=fmt)) == 20


def test_service_description(client):
    from rdflib import Graph, URIRef
    response = client.get("/sparql", headers={"accept": "text/turtle"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in graph


@pytest.mark.parametrize("request_kwargs", [
    {"method": "GET", "params": {"update": "DROP ALL"}},
    {"method": "POST", "data": {"update": "DELETE WHERE { ?s ?p ?o }"}},
    {"method": "POST", "content": "DROP ALL", "headers": {"content-type": "application/sparql-update"}},
    {"method": "POST", "content": "INSERT DATA { <a:b> <a:c> <a:d> }", "headers": {"content-type": "application/sparql-query"}},
    {"method": "GET", "params": {"query": "PREFIX x: <http://x/>\nCLEAR ALL"}},
])
def test_updates_are_refused(client, request_kwargs):
    before = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}).json()
    method = request_kwargs.pop("method")
    response = client.request(method, "/sparql", **request_kwargs)
    assert response.status_code == 403 and "read-only" in response.text
    after = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}).json()
    assert before == after


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_not_allowed(client, method):
    assert client.request(method, "/sparql").status_code == 405


def test_service_is_refused(client):
    response = client.get("/sparql", params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"})
    assert response.status_code == 403 and "SERVICE is not allowed" in response.text


def test_malformed_query_gets_400_with_the_parser_message(client):
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert response.status_code == 400
    assert response.text.startswith("SPARQL syntax error at line 1, column ")


@pytest.mark.parametrize("kwargs, status", [
    ({"params": {"query": SELECT, "default-graph-uri": "https://w3id.org/eujkg/graph/nothing"}}, 400),
    ({"params": {"query": SELECT}, "headers": {"accept": "image/png"}}, 406),
    ({"params": {"query": CONSTRUCT}, "headers": {"accept": "text/csv"}}, 406),
])
def test_protocol_errors(client, kwargs, status):
    assert client.get("/sparql", **kwargs).status_code == status


def test_unsupported_post_body_is_415(client):
    response = client.post("/sparql", content=SELECT, headers={"content-type": "text/plain"})
    assert response.status_code == 415


def test_oversized_query_is_refused(client):
    response = client.post("/sparql", data={"query": "SELECT * WHERE { ?s ?p ?o } #" + "x" * 200_000})
    assert response.status_code == 413


def test_results_are_capped(client):
    response = client.get("/sparql", params={"query": "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"})
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == 50
    assert response.headers["x-eujkg-truncated"] == "results cut at 50"


def test_slow_query_is_stopped_and_the_endpoint_recovers(client):
    started = time.monotonic()
    response = client.get("/sparql", params={"query": SLOW})
    assert response.status_code == 503 and "time limit" in response.text
    assert time.monotonic() - started < 10
    assert client.get("/sparql", params={"query": SELECT}).status_code == 200


def test_other_clients_are_served_during_a_slow_query(live_server):
    slow_result = {}

    def slow():
        slow_result["response"] = httpx.get(f"{live_server}/sparql", params={"query": SLOW}, timeout=30)

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.3)
    timings = []
    for path in ["/", "/id/organisation/meti", "/queries/partners?actor=METI"]:
        started = time.monotonic()
        assert httpx.get(live_server + path, timeout=10).status_code == 200
        timings.append(time.monotonic() - started)
    fast = httpx.get(f"{live_server}/sparql", params={"query": SELECT}, timeout=10)
    assert fast.status_code == 200
    thread.join(30)
    assert slow_result["response"].status_code == 503
    assert max(timings) < 1.5, timings


def test_browser_gets_an_html_result_page(client):
    response = client.get("/sparql", params={"query": SELECT}, headers={"accept": "text/html"})
    assert response.status_code == 200 and "<table class=\"results\">" in response.text
    assert "3 rows" in response.text
    data = json.loads(client.get("/sparql", params={"query": SELECT, "format": "json"}).text)
    assert len(data["results"]["bindings"]) == 3
