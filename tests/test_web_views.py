"""The web views as functions: what each page shows, computed from the shipped graph, without HTTP;
and the one log line per refused, stopped or truncated query."""

import logging

import pytest

from eujkg.web import documents, layout, pages

LSN = "https://w3id.org/eujkg/id/organisation/life-science-nord"


def test_entity_view_tells_asserted_inferred_and_names_apart(shipped):
    view = documents.entity_view(shipped, LSN)
    assert view["title"] == "Life Science Nord" and view["curie"] == "organisation:life-science-nord"
    assert any(n["kind"] == "preferred" and n["text"] == "Life Science Nord" for n in view["names"])
    assert view["asserted"] and view["inferred"]
    assert any(t["inferred"] for t in view["types"]) and any(not t["inferred"] for t in view["types"])


def test_entity_view_of_an_unknown_iri_is_none(shipped):
    assert documents.entity_view(shipped, "https://w3id.org/eujkg/id/organisation/no-such-thing") is None
    assert documents.entity_rdf(shipped, "https://w3id.org/eujkg/id/organisation/no-such-thing", "text/turtle") is None


def test_ontology_view_lists_the_ontologys_classes(shipped):
    view = documents.ontology_view(shipped)
    classes = {c["anchor"] for c in view["classes"]}
    assert {"Cooperation", "Organisation", "Programme"} <= classes and view["properties"]


def test_search_finds_acronyms_and_japanese_labels(shipped):
    hits = pages.search_view(shipped, "KBIC")
    assert hits[0]["curie"] == "organisation:kobe-biomedical-innovation-cluster" and hits[0]["kind"]
    japanese = [label for label, entities in shipped.resolver.label_index().items()
                if any("\u3040" <= ch <= "\u9fff" for ch in label)]
    assert japanese and pages.search_view(shipped, japanese[0])


def test_network_view_draws_every_cooperation_between_two_columns(shipped):
    view = pages.network_view(shipped, "")
    cooperations = shipped.sparql("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a eujkg:Cooperation ; "
                                  "eujkg:japanesePartner ?j ; eujkg:europeanPartner ?e }").rows()[0]["n"]
    assert view["cooperations"] == cooperations
    assert {n["x"] for n in view["nodes"]} == {view["left"], view["right"]}
    narrowed = pages.network_view(shipped, view["sectors"][0]["iri"])
    assert 0 < narrowed["cooperations"] <= view["cooperations"]


def test_layout_puts_partners_side_by_side():
    pairs = [{"c": f"c{i}", "cl": f"C{i}", "j": j, "jl": j.upper(), "e": e, "el": e.upper(), "sectors": ""}
             for i, (j, e) in enumerate([("a", "y"), ("b", "x"), ("c", "z")])]
    drawn = layout.network_layout(pairs, lambda iri: "/" + iri)
    y = {n["iri"]: n["y"] for n in drawn["nodes"]}
    assert [y["a"], y["b"], y["c"]] == [y["y"], y["x"], y["z"]]  # no line crosses
    assert {e["link"] for e in drawn["edges"]} == {"/c0", "/c1", "/c2"}


def test_timeline_is_in_date_order(shipped):
    view = pages.timeline_view(shipped)
    dates = [item["date"] for _, items in view["years"] for item in items]
    assert dates == sorted(dates) and view["count"] == len(dates)


def test_stored_view_runs_the_query_and_reports_bad_parameters(shipped):
    ran = pages.stored_view(shipped, "partners", {"actor": "Life Science Nord"})
    assert ran["ran"] and ran["rows"] and "partner" in ran["columns"]
    refused = pages.stored_view(shipped, "partners", {"actor": "No Such Actor Anywhere"})
    assert not refused["ran"] and "no eujkg:Organisation is labelled" in refused["error"]
    assert pages.stored_view(shipped, "partners", {})["ran"] is False


@pytest.mark.parametrize("params, event", [
    ({"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"}, "event=refused status=403"),
    ({"query": "SELECT * WHERE { ?s ?p ?o }", "format": "json"}, "event=truncated status=200 max_results=50"),
    ({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"}, "event=stopped status=503"),
])
def test_refused_and_truncated_queries_are_logged_once(client, caplog, params, event):
    with caplog.at_level(logging.WARNING, logger="eujkg.web.sparql"):
        client.get("/sparql", params=params)
    lines = [r.getMessage() for r in caplog.records if r.name == "eujkg.web.sparql"]
    assert len(lines) == 1 and lines[0].startswith(event) and "bytes=" in lines[0]
