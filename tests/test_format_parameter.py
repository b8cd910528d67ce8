"""`format=` (or `output=`) overrides Accept when the server knows the value for what is asked, and is
ignored otherwise, so Accept decides: clients that send names of their own (SPARQLWrapper: test_sparqlwrapper_
formats.py) are not turned away."""

import pytest

SELECT = "SELECT ?c WHERE { ?c a eujkg:Cooperation } LIMIT 2"
CONSTRUCT = "CONSTRUCT { ?c a eujkg:Cooperation } WHERE { ?c a eujkg:Cooperation }"
CASES = [  # path, query, format values, Accept, expected media type
    ("/sparql", SELECT, ["tsv"], "text/csv", "text/tab-separated-values"),
    ("/sparql", SELECT, ["text/tab-separated-values"], "", "text/tab-separated-values"),
    ("/sparql", SELECT, ["no-such-format"], "text/csv", "text/csv"),
    ("/sparql", SELECT, ["no-such-format", "xml"], "", "application/sparql-results+xml"),
    ("/sparql", SELECT, ["turtle"], "application/sparql-results+xml", "application/sparql-results+xml"),
    ("/sparql", CONSTRUCT, ["json"], "", "application/ld+json"),
    ("/sparql", CONSTRUCT, ["xml"], "", "application/rdf+xml"),
    ("/sparql", CONSTRUCT, ["n3"], "", "text/turtle"),
    ("/sparql", CONSTRUCT, ["rdf+xml", "application/rdf+xml"], "", "application/rdf+xml"),
    ("/sparql", CONSTRUCT, ["csv"], "application/n-triples", "application/n-triples"),
    ("/id/place/kobe", None, ["unknown"], "application/ld+json", "application/ld+json"),
    ("/id/place/kobe", None, ["ttl"], "text/html", "text/turtle"),
    ("/ontology", None, ["rdf"], "text/html", "application/rdf+xml"),
]


@pytest.mark.parametrize("path, query, formats, accept, media", CASES)
def test_format_or_accept(client, path, query, formats, accept, media):
    params = ([("query", query)] if query else []) + [("format", f) for f in formats]
    response = client.get(path, params=params, headers={"accept": accept} if accept else {})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media


def test_output_is_read_like_format(client):
    response = client.get("/sparql", params={"query": SELECT, "output": "csv"})
    assert response.headers["content-type"].startswith("text/csv")


def test_format_in_a_posted_form(client):
    response = client.post("/sparql", data={"query": SELECT, "format": "tsv"})
    assert response.headers["content-type"].startswith("text/tab-separated-values")
