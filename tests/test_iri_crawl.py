"""Every IRI the release mints dereferences, in Turtle and in HTML: each IRI under https://w3id.org/eujkg/
in the release's eujkg.nt and void.ttl (subjects and objects), the ontology IRI and its version IRI, the
three graph IRIs and the dataset IRI. A minted IRI maps to the same path on the server (a w3id.org redirect
to a deployment resolves it); a fragment is not sent (…/ontology#Term is a term of the …/ontology document,
…/dataset#publisher of the dataset description).

An answer is 200 (or 303 to a document that is); the Turtle answer says something about the IRI, the HTML
answer is a page. A graph IRI's Turtle is the graph itself, every triple of it; the SPARQL endpoint's
(…/sparql) is its service description; a release file (…/dist/<file>) is the file, whatever is asked for."""

import re
from urllib.parse import urldefrag

import pytest
from rdflib import Graph, URIRef

BASE = "https://w3id.org/eujkg/"
OWL = "http://www.w3.org/2002/07/owl#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SD = "http://www.w3.org/ns/sparql-service-description#"


def minted_iris(dist) -> set[str]:
    ours = re.compile(r"<(" + re.escape(BASE) + r"[^>]*)>")
    iris = set(ours.findall((dist / "eujkg.nt").read_text(encoding="utf-8")))
    void = Graph().parse(dist / "void.ttl", format="turtle")
    iris |= {str(t) for triple in void for t in triple if isinstance(t, URIRef) and str(t).startswith(BASE)}
    ontology = Graph().parse(dist / "eujkg-ontology.ttl", format="turtle")
    iris |= {str(o) for o in ontology.objects(URIRef(BASE + "ontology"), URIRef(OWL + "versionIRI"))}
    iris |= {BASE + "ontology", BASE + "graph/ontology", BASE + "graph/data", BASE + "graph/inferred", BASE + "dataset"}
    return iris


@pytest.fixture(scope="module")
def documents(dist) -> dict[str, set[str]]:
    """Each path to fetch, with the IRIs it must describe."""
    paths: dict[str, set[str]] = {}
    for iri in minted_iris(dist):
        document, _ = urldefrag(iri)
        paths.setdefault("/" + document[len(BASE):], set()).add(iri)
    return paths


def test_the_crawl_covers_every_kind_of_iri(documents):
    kinds = {path.split("/")[1] for path in documents}
    assert {"", "id", "ontology", "graph", "dataset", "dist", "sparql"} <= kinds
    assert any(p.startswith("/ontology/") for p in documents)  # the version IRI
    assert len(documents) > 500


def fetch(client, path, accept):
    response = client.get(path, headers={"accept": accept}, follow_redirects=False)
    if response.status_code == 303:
        response = client.get(response.headers["location"], headers={"accept": accept}, follow_redirects=False)
    return response


def test_every_minted_iri_answers_in_turtle(client, documents, shipped):
    failures = []
    for path, iris in sorted(documents.items()):
        response = fetch(client, path, "text/turtle")
        if response.status_code != 200:
            failures.append(f"{path}: {response.status_code}")
            continue
        if path.startswith("/dist/"):
            continue  # the file itself
        if path == "/sparql":
            service = Graph().parse(data=response.text, format="turtle")
            if not list(service.subjects(URIRef(RDF_TYPE), URIRef(SD + "Service"))):
                failures.append(f"{path}: no service description")
            continue
        if not response.headers["content-type"].startswith("text/turtle"):
            failures.append(f"{path}: {response.headers['content-type']}")
            continue
        graph = Graph().parse(data=response.text, format="turtle")
        if path.startswith("/graph/"):  # the graph itself, whole
            if len(graph) != shipped.triple_counts[path.rsplit("/", 1)[1]]:
                failures.append(f"{path}: {len(graph)} triples")
            continue
        mentioned = {str(t) for triple in graph for t in triple}
        failures += [f"{path}: says nothing about {iri}" for iri in iris if iri not in mentioned]
    assert not failures, f"{len(failures)} of {len(documents)}: " + "; ".join(failures[:20])


def test_every_minted_iri_answers_in_html(client, documents):
    failures = []
    for path in sorted(documents):
        response = fetch(client, path, "text/html,application/xhtml+xml,*/*;q=0.8")  # what browsers send
        if response.status_code != 200:
            failures.append(f"{path}: {response.status_code}")
        elif not path.startswith("/dist/") and not (response.headers["content-type"].startswith("text/html")
                                                     and "<h1" in response.text):
            failures.append(f"{path}: {response.headers['content-type']}")
    assert not failures, f"{len(failures)} of {len(documents)}: " + "; ".join(failures[:20])
