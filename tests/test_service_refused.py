"""SERVICE in every spelling is refused on every path that runs user SPARQL, and no connection is made.

A listener on loopback counts the connections it receives while each query goes through the facade,
the CLI and the server (whose worker processes run pyoxigraph, which would otherwise send the request).
"""

import socket
import threading

import pytest

from eujkg.cli import EXIT_ERROR, main
from eujkg.read.guard import QueryRefused


@pytest.fixture(scope="module")
def listener():
    """A TCP listener on 127.0.0.1 that records every connection made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    connections = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except (TimeoutError, OSError):
                continue
            connections.append(connection.recv(200))
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], connections
    stop.set()
    thread.join(2)
    server.close()


FORMS = {
    "full IRI": "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "empty prefix": "PREFIX : <{url}> SELECT * WHERE {{ SERVICE :x {{ ?s ?p ?o }} }}",
    "named prefix": "PREFIX remote: <{url}> SELECT * WHERE {{ SERVICE remote:sparql {{ ?s ?p ?o }} }}",
    "lower case": "select * where {{ service <{url}> {{ ?s ?p ?o }} }}",
    "SILENT": "SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
    "variable": "SELECT * WHERE {{ VALUES ?endpoint {{ <{url}> }} SERVICE ?endpoint {{ ?s ?p ?o }} }}",
    "relative to BASE": "BASE <{url}> SELECT * WHERE {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
    "comment between tokens": "SELECT * WHERE {{ SERVICE# a comment\n<{url}> {{ ?s ?p ?o }} }}",
    "in OPTIONAL": "SELECT * WHERE {{ ?a ?b ?c OPTIONAL {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} LIMIT 1",
    "in UNION": "SELECT * WHERE {{ {{ ?a ?b ?c }} UNION {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} LIMIT 1",
    "in MINUS": "SELECT * WHERE {{ ?a ?b ?c MINUS {{ SERVICE <{url}> {{ ?a ?b ?c }} }} }} LIMIT 1",
    "in FILTER EXISTS": "ASK {{ FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "in a sub-select": "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
    "in GRAPH": "SELECT * WHERE {{ GRAPH ?g {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "CONSTRUCT": "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "DESCRIBE": "DESCRIBE ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "unicode escape": "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
}


def _query(form, port):
    return FORMS[form].format(url=f"http://127.0.0.1:{port}/sparql")


@pytest.mark.parametrize("form", FORMS)
def test_facade_refuses(shipped, listener, form):
    port, connections = listener
    with pytest.raises(QueryRefused) as refused:
        shipped.sparql(_query(form, port))
    assert refused.value.status in (400, 403)
    assert connections == []


@pytest.mark.parametrize("form", FORMS)
def test_cli_refuses(shipped, listener, form, capsys):
    port, connections = listener
    assert main(["sparql", _query(form, port)]) == EXIT_ERROR
    error = capsys.readouterr().err
    assert error.startswith("eujkg: error: ") and error.count("\n") == 1
    assert connections == []


@pytest.mark.parametrize("method", ["GET", "POST form", "POST body"])
@pytest.mark.parametrize("form", FORMS)
def test_server_refuses(client, listener, form, method):
    port, connections = listener
    query = _query(form, port)
    if method == "GET":
        response = client.get("/sparql", params={"query": query})
    elif method == "POST form":
        response = client.post("/sparql", data={"query": query})
    else:
        response = client.post("/sparql", content=query.encode(), headers={"Content-Type": "application/sparql-query"})
    assert response.status_code in (400, 403), response.text
    assert "127.0.0.1" not in response.text.replace(query, ""), "nothing from the address is echoed"
    assert connections == []


def test_the_listener_would_see_a_connection(listener):
    """The listener really records connections, so the tests above can fail."""
    port, connections = listener
    with socket.create_connection(("127.0.0.1", port), timeout=2) as connection:
        connection.sendall(b"probe")
    for _ in range(50):
        if connections:
            break
        threading.Event().wait(0.05)
    assert connections == [b"probe"]
    connections.clear()


def test_service_is_the_reason(shipped, listener):
    port, _ = listener
    with pytest.raises(QueryRefused, match="SERVICE is not allowed"):
        shipped.sparql(_query("empty prefix", port))


def test_ordinary_queries_still_run(shipped, client):
    assert shipped.sparql("SELECT ?service WHERE { BIND('SERVICE' AS ?service) }").rows()[0]["service"] == "SERVICE"
    response = client.get("/sparql", params={"query": "PREFIX service: <http://example.org/> ASK { ?s ?p ?o }"})
    assert response.status_code == 200 and response.json()["boolean"] is True


@pytest.mark.parametrize("depth", [65, 4000])
def test_deep_nesting_is_refused_before_parsing(shipped, client, depth):
    query = "SELECT * WHERE " + "{" * depth + " ?s ?p ?o " + "}" * depth
    with pytest.raises(QueryRefused, match="nests brackets"):
        shipped.sparql(query)
    assert client.get("/sparql", params={"query": query}).status_code == 400
