"""Dereferenceable IRIs with content negotiation, and the HTML pages a person uses."""

import re

import pytest
from rdflib import Graph, URIRef

KBIC = "/id/organisation/kobe-biomedical-innovation-cluster"
KBIC_IRI = "https://w3id.org/eujkg" + KBIC


@pytest.mark.parametrize("accept, fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                         ("application/n-triples", "nt"), ("application/rdf+xml", "xml")])
def test_entity_iri_by_content_negotiation(client, accept, fmt):
    response = client.get(KBIC, headers={"accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    assert response.headers["vary"] == "Accept"
    graph = Graph().parse(data=response.text, format=fmt)
    cooperates = URIRef("https://w3id.org/eujkg/ontology#cooperatesWith")
    assert (URIRef(KBIC_IRI), cooperates, URIRef("https://w3id.org/eujkg/id/organisation/life-science-nord")) in graph


@pytest.mark.parametrize("fmt, media", [("ttl", "text/turtle"), ("jsonld", "application/ld+json"),
                                        ("nt", "application/n-triples"), ("html", "text/html")])
def test_format_override_for_browsers(client, fmt, media):
    response = client.get(KBIC, params={"format": fmt}, headers={"accept": "text/html"})
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)


def test_entity_page_shows_labels_links_inferences_and_sources(client):
    html = client.get(KBIC, headers={"accept": "text/html"}).text
    assert "<h1>Kobe Biomedical Innovation Cluster</h1>" in html
    assert 'href="/id/organisation/life-science-nord"' in html
    assert "Inferred by reasoning" in html and "Stated in the sources" in html
    assert "Referred to by" in html and "3.3 Best practice: Life Science Nord" in html
    assert "KBIC" in html


def test_unknown_entity_is_404(client):
    assert client.get("/id/organisation/no-such-thing", headers={"accept": "text/turtle"}).status_code == 404
    page = client.get("/id/organisation/no-such-thing", headers={"accept": "text/html"})
    assert page.status_code == 404 and "Nothing in the graph" in page.text


def test_ontology_page_and_rdf(client):
    html = client.get("/ontology", headers={"accept": "text/html"}).text
    assert 'id="Cooperation"' in html and "domain" in html and "range" in html
    turtle = client.get("/ontology", headers={"accept": "text/turtle"})
    graph = Graph().parse(data=turtle.text, format="turtle")
    assert len(graph) > 700


def test_home_has_counts_licence_downloads_and_search(client):
    html = client.get("/").text
    assert "What the graph holds" in html and "CC BY 4.0" in html
    for name in ("eujkg.ttl", "eujkg.jsonld", "eujkg.trig", "void.ttl"):
        assert f'href="/dist/{name}"' in html
    assert 'action="/search"' in html


def test_downloads_are_served(client, dist):
    response = client.get("/dist/eujkg.ttl")
    assert response.status_code == 200 and response.content == (dist / "eujkg.ttl").read_bytes()
    assert client.get("/dist/..%2Fsecret").status_code == 404


@pytest.mark.parametrize("q, expected", [("Kobe", "Kobe Biomedical Innovation Cluster"),
                                         ("KBIC", "Kobe Biomedical Innovation Cluster"), ("Yozenawa", "Yonezawa"),
                                         ("地域中核企業", "Regional Core Business Creation Support Programme")])
def test_search_by_label_japanese_and_alternative_labels(client, q, expected):
    html = client.get("/search", params={"q": q}).text
    assert f">{expected}</a>" in html


def test_every_example_of_the_search_placeholder_finds_something(client):
    placeholder = re.search(r'placeholder="[^"]*\(e\.g\. ([^)"]*)\)"', client.get("/").text)
    assert placeholder, "the home page's search box gives no examples"
    for example in placeholder.group(1).split(", "):
        found = re.search(r"<p>(\d+) results? for", client.get("/search", params={"q": example}).text)
        assert found and int(found.group(1)) > 0, f"the search example {example!r} finds nothing"


def test_network_filters_by_sector(client):
    everything = client.get("/network").text
    energy = client.get("/network", params={"sector": "https://w3id.org/eujkg/id/sector/energy"}).text
    assert everything.count('class="edge"') > energy.count('class="edge"') > 0
    assert "Fukushima Prefectural Government" in energy and "Life Science Nord" not in energy


def test_timeline_lists_agreements_cooperations_and_events(client):
    html = client.get("/timeline").text
    for text in ("badge agreement", "badge cooperation", "badge event", "<h2>2013</h2>"):
        assert text in html


def test_queries_page_builds_forms_from_headers(client):
    html = client.get("/queries").text
    assert 'action="/queries/partners"' in html and 'name="actor"' in html
    assert 'name="year"' in html and 'id="sparql-box"' in html


def test_stored_query_page_runs_the_query(client):
    html = client.get("/queries/partners", params={"actor": "Life Science Nord"}).text
    assert "2 rows" in html and "<td>Kobe Biomedical Innovation Cluster</td>" in html


def test_stored_query_page_reports_bad_input(client):
    html = client.get("/queries/partners", params={"actor": "Nobody"}).text
    assert 'class="error"' in html and "no eujkg:Organisation is labelled" in html


def test_void_at_well_known(client):
    response = client.get("/.well-known/void")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    assert "void:Dataset" in response.text


def test_pages_escape_user_input(client):
    html = client.get("/search", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
