"""CORS: every read route may be used by a web page of any origin (the server is read-only and holds public
data), and preflight requests are answered. The allowed origin is `*` whatever the request's Origin, so the
answer does not depend on Origin (no `Vary: Origin` needed) and a cached copy serves every site."""

import pytest

ORIGIN = "https://yasgui.example.org"
QUERY = "SELECT ?c WHERE { ?c a eujkg:Cooperation } LIMIT 2"
READ_ROUTES = [
    "/", "/search?q=Kobe", "/network", "/timeline", "/queries", "/queries/partners?actor=METI",
    "/sparql", "/sparql?query=ASK%7B%7D", "/id/place/kobe", "/ontology", "/ontology/0.1.0", "/graph/data",
    "/dataset", "/.well-known/void", "/dist/eujkg.ttl", "/static/style.css",
    "/id/organisation/no-such-thing",  # errors too: a page must be able to read why it failed
]
NEEDED_BY_CLIENTS = {"etag", "x-eujkg-truncated", "content-disposition", "link", "retry-after"}


@pytest.mark.parametrize("path", READ_ROUTES)
def test_every_read_route_allows_any_origin(client, path):
    for headers in ({"origin": ORIGIN}, {}):  # also without Origin: a shared cache may store that answer
        response = client.get(path, headers=headers)
        assert response.headers.get("access-control-allow-origin") == "*", (path, headers, response.status_code)
        exposed = {h.strip().lower() for h in response.headers.get("access-control-expose-headers", "").split(",")}
        assert NEEDED_BY_CLIENTS <= exposed
        assert "origin" not in response.headers.get("vary", "").lower()


def test_post_query_allows_any_origin(client):
    response = client.post("/sparql", content=QUERY, headers={"origin": ORIGIN, "content-type": "application/sparql-query"})
    assert response.status_code == 200 and response.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize("path, method, request_headers", [
    ("/sparql", "POST", "content-type, accept"),
    ("/sparql", "GET", "if-none-match"),
    ("/id/place/kobe", "GET", "accept, if-modified-since"),
    ("/dist/eujkg.nt", "HEAD", "range"),
])
def test_preflight_is_answered(client, path, method, request_headers):
    response = client.options(path, headers={"origin": ORIGIN, "access-control-request-method": method,
                                              "access-control-request-headers": request_headers})
    assert response.status_code == 204, response.text
    assert response.headers["access-control-allow-origin"] == "*"
    allowed_methods = {m.strip() for m in response.headers["access-control-allow-methods"].split(",")}
    assert {"GET", "HEAD", method} <= allowed_methods
    assert ("POST" in allowed_methods) == (path == "/sparql")  # only the endpoint takes POST
    allowed_headers = {h.strip().lower() for h in response.headers["access-control-allow-headers"].split(",")}
    assert {h.strip() for h in request_headers.split(",")} <= allowed_headers
    assert int(response.headers["access-control-max-age"]) >= 600


def test_plain_options_lists_the_methods(client):
    response = client.options("/sparql")
    assert response.status_code == 204
    assert {m.strip() for m in response.headers["allow"].split(",")} >= {"GET", "HEAD", "POST", "OPTIONS"}


def test_writes_stay_refused_from_any_origin(client):
    preflight = client.options("/sparql", headers={"origin": ORIGIN, "access-control-request-method": "PUT"})
    assert "PUT" not in preflight.headers.get("access-control-allow-methods", "")
    update = client.post("/sparql", data={"update": "DROP ALL"}, headers={"origin": ORIGIN})
    assert update.status_code == 403
