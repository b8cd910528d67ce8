"""HTTP caching: every GET answer carries validators (ETag, Last-Modified) and Cache-Control; a conditional
request whose validator still holds gets 304 with no body; negotiated answers say `Vary: Accept`, and each
representation has its own ETag."""

from email.utils import format_datetime, parsedate_to_datetime
from datetime import timedelta

import pytest

QUERY = "SELECT ?c WHERE { ?c a eujkg:Cooperation } ORDER BY ?c LIMIT 3"
CACHEABLE = [  # (path, params, Accept)
    ("/", {}, "text/html"),
    ("/queries/partners", {"actor": "METI"}, "text/html"),
    ("/sparql", {"query": QUERY}, "application/sparql-results+json"),
    ("/sparql", {"query": QUERY}, "text/csv"),
    ("/sparql", {}, "text/turtle"),
    ("/id/place/kobe", {}, "text/turtle"),
    ("/id/place/kobe", {}, "text/html"),
    ("/ontology", {}, "application/rdf+xml"),
    ("/ontology/0.1.0", {}, "text/turtle"),
    ("/graph/ontology", {}, "application/n-triples"),
    ("/dataset", {}, "text/turtle"),
    ("/.well-known/void", {}, "application/ld+json"),
    ("/dist/eujkg.ttl", {}, "*/*"),
    ("/static/style.css", {}, "*/*"),
]
NEGOTIATED = [c for c in CACHEABLE if not c[0].startswith(("/dist/", "/static/"))]


def ids(cases):
    return [f"{path} {accept}" for path, _, accept in cases]


@pytest.mark.parametrize("path, params, accept", CACHEABLE, ids=ids(CACHEABLE))
def test_validators_and_cache_control(client, path, params, accept):
    first = client.get(path, params=params, headers={"accept": accept})
    assert first.status_code == 200
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert etag.strip('W/').startswith('"') and etag.endswith('"')
    assert "max-age=" in first.headers["cache-control"] and "public" in first.headers["cache-control"]

    same = client.get(path, params=params, headers={"accept": accept, "if-none-match": etag})
    assert same.status_code == 304 and same.content == b""
    assert same.headers["etag"] == etag and "cache-control" in same.headers
    listed = client.get(path, params=params, headers={"accept": accept, "if-none-match": f'"other", {etag}'})
    assert listed.status_code == 304
    assert client.get(path, params=params, headers={"accept": accept, "if-none-match": "*"}).status_code == 304
    changed = client.get(path, params=params, headers={"accept": accept, "if-none-match": '"other"'})
    assert changed.status_code == 200 and changed.content == first.content

    assert client.get(path, params=params, headers={"accept": accept, "if-modified-since": modified}).status_code == 304
    earlier = format_datetime(parsedate_to_datetime(modified) - timedelta(seconds=1), usegmt=True)
    assert client.get(path, params=params, headers={"accept": accept, "if-modified-since": earlier}).status_code == 200
    # If-None-Match wins over If-Modified-Since (RFC 9110, 13.2.2)
    both = client.get(path, params=params, headers={"accept": accept, "if-none-match": '"other"',
                                                    "if-modified-since": modified})
    assert both.status_code == 200


@pytest.mark.parametrize("path, params, accept", NEGOTIATED, ids=ids(NEGOTIATED))
def test_negotiated_answers_vary_on_accept(client, path, params, accept):
    response = client.get(path, params=params, headers={"accept": accept})
    assert "accept" in {v.strip().lower() for v in response.headers["vary"].split(",")}


@pytest.mark.parametrize("path, params, accepts", [
    ("/id/place/kobe", {}, ("text/turtle", "application/n-triples", "text/html")),
    ("/sparql", {"query": QUERY}, ("application/sparql-results+json", "application/sparql-results+xml", "text/csv")),
    ("/dataset", {}, ("text/turtle", "application/ld+json", "text/html")),
])
def test_each_representation_has_its_own_etag(client, path, params, accepts):
    etags = {client.get(path, params=params, headers={"accept": a}).headers["etag"] for a in accepts}
    assert len(etags) == len(accepts)
    turtle_tag = client.get(path, params=params, headers={"accept": accepts[0]}).headers["etag"]
    other = client.get(path, params=params, headers={"accept": accepts[1], "if-none-match": turtle_tag})
    assert other.status_code == 200  # another representation's validator does not match


def test_head_has_the_validators_of_get(client):
    get = client.get("/id/place/kobe", headers={"accept": "text/turtle"})
    head = client.head("/id/place/kobe", headers={"accept": "text/turtle"})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["etag"] == get.headers["etag"] and head.headers["last-modified"] == get.headers["last-modified"]


def test_errors_and_posts_are_not_marked_cacheable(client):
    missing = client.get("/id/organisation/no-such-thing", headers={"accept": "text/turtle"})
    assert missing.status_code == 404 and "etag" not in missing.headers
    assert "public" not in missing.headers.get("cache-control", "")
    post = client.post("/sparql", data={"query": QUERY})
    assert post.status_code == 200 and "public" not in post.headers.get("cache-control", "")
