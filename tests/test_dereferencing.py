"""The IRIs the release mints beside the entities': the ontology's version IRI, the three graph IRIs, the
dataset IRI and what its description names. (test_iri_crawl.py fetches every IRI; this says what each gives.)"""

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

BASE = "https://w3id.org/eujkg/"
OWL_VERSION_IRI = URIRef("http://www.w3.org/2002/07/owl#versionIRI")


def test_the_version_iri_answers_with_the_ontology(client):
    ontology = Graph().parse(data=client.get("/ontology", headers={"accept": "text/turtle"}).text, format="turtle")
    version = str(ontology.value(URIRef(BASE + "ontology"), OWL_VERSION_IRI))
    assert version.startswith(BASE + "ontology/")
    response = client.get(version[len(BASE) - 1:], headers={"accept": "text/turtle"})
    assert response.status_code == 200
    assert isomorphic(Graph().parse(data=response.text, format="turtle"), ontology)
    other = client.get("/ontology/0.0.0-never", headers={"accept": "text/turtle"})
    assert other.status_code == 404 and version in other.text


@pytest.mark.parametrize("name", ["ontology", "data", "inferred"])
def test_a_graph_iri_answers_with_the_graph_itself(client, shipped, name):
    response = client.get(f"/graph/{name}", headers={"accept": "application/n-triples"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/n-triples")
    assert len(Graph().parse(data=response.text, format="nt")) == shipped.triple_counts[name]
    assert response.headers["link"] == '</dataset>; rel="describedby"'
    page = client.get(f"/graph/{name}", headers={"accept": "text/html"})
    assert page.status_code == 200 and f"{shipped.triple_counts[name]:,} triples" in page.text
    assert BASE + "graph/" + name in page.text


def test_an_unknown_graph_is_404(client):
    response = client.get("/graph/everything", headers={"accept": "text/turtle"})
    assert response.status_code == 404 and "/graph/data" in response.text


@pytest.mark.parametrize("path", ["/dataset", "/.well-known/void"])
def test_the_dataset_iri_answers_with_its_description(client, dist, path):
    release = Graph().parse(dist / "void.ttl", format="turtle")
    for accept, fmt in [("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")]:
        response = client.get(path, headers={"accept": accept})
        assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
        assert isomorphic(Graph().parse(data=response.text, format=fmt), release), accept


def test_where_the_defaults_lead(client):
    assert client.get("/.well-known/void").headers["content-type"].startswith("text/turtle")  # VoID clients
    assert client.get("/dataset").headers["content-type"].startswith("text/html")  # an IRI, like /id/…


def test_the_description_page_has_a_section_per_thing(client, dist):
    release = Graph().parse(dist / "void.ttl", format="turtle")
    html = client.get("/dataset", headers={"accept": "text/html"}).text
    hashed = {str(s).split("#", 1)[1] for s in release.subjects() if str(s).startswith(BASE + "dataset#")}
    assert hashed and all(f'id="{fragment}"' in html for fragment in hashed)


def test_other_described_iris_see_their_section(client, dist):
    release = Graph().parse(dist / "void.ttl", format="turtle")
    assert (URIRef(BASE + "dataset"), None, URIRef(BASE + "dataset/inferred")) in release
    response = client.get("/dataset/inferred", headers={"accept": "text/turtle"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/dataset#dataset-inferred"
    landing = client.get("/", headers={"accept": "text/turtle"}, follow_redirects=False)
    assert landing.status_code == 303 and landing.headers["location"] == "/dataset"
    assert client.get("/", headers={"accept": "text/html"}).status_code == 200
    assert client.get("/no/such/thing", headers={"accept": "text/turtle"}).status_code == 404
