"""The documents behind our IRIs: every https://w3id.org/eujkg/id/… IRI at /id/…, the ontology at
/ontology (and at its version IRI, /ontology/<version>), as an HTML page or RDF by content negotiation. Everything is read through the facade's
backend, so the documents work on a remote store too."""

from collections import defaultdict

import pyoxigraph as ox
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from eujkg.mediatypes import HTML
from eujkg.prefixes import BASE
from eujkg.read.describe import describe
from eujkg.read.queries import internal
from eujkg.read.results import serialize_triples
from eujkg.web.html import ONTOLOGY, local_path, render, short, text, value_view
from eujkg.web.negotiate import document_media

SKOS = "http://www.w3.org/2004/02/skos/core#"
NAME_PROPERTIES = {SKOS + "prefLabel": "preferred", SKOS + "altLabel": "also"}


def _query(kg, name: str, **terms):
    return internal("eujkg.web", name).run(kg.backend, **terms)


# ---- entity pages and documents ----

def entity(request: Request) -> Response:
    kg = request.app.state.kg
    iri = BASE + request.url.path.lstrip("/")
    media = document_media(request)
    if media == HTML:
        view = entity_view(kg, iri)
        if view is None:
            raise HTTPException(404, f"Nothing in the graph has the IRI {iri}")
        return render(request, "entity.html", **view)
    body = entity_rdf(kg, iri, media)
    if body is None:
        raise HTTPException(404, f"Nothing in the graph has the IRI {iri}")
    return Response(body, media_type=media, headers={"Vary": "Accept"})


def entity_view(kg, iri: str) -> dict | None:
    """What the entity page shows; None if the graph says nothing about the IRI. Four queries (see describe)."""
    description = describe(kg, iri)
    if not description.statements:
        return None
    labels = description.labels
    groups = defaultdict(list)
    types, names = [], {}
    for statement in description.statements:
        if statement.predicate.endswith("#type") and statement.graph != "ontology":
            types.append({**value_view(statement.value, labels), "inferred": statement.graph == "inferred"})
            continue
        if statement.predicate in NAME_PROPERTIES and isinstance(statement.value, ox.Literal):
            names.setdefault((statement.predicate, statement.value), {
                "kind": NAME_PROPERTIES[statement.predicate], "text": statement.value.value,
                "language": statement.value.language or ""})
        if isinstance(statement.value, list):
            value = {"nested": [{"property": value_view(ox.NamedNode(p), labels), "value": value_view(o, labels)}
                                for p, o in statement.value]}
        else:
            value = value_view(statement.value, labels)
        groups[statement.graph].append({"property": value_view(ox.NamedNode(statement.predicate), labels),
                                        "value": value})
    return {
        "iri": iri, "curie": short(iri), "title": labels.get(iri) or short(iri),
        "types": sorted(types, key=lambda t: (t["inferred"], t["text"])),
        "names": list(names.values()),
        "asserted": groups["asserted"], "inferred": groups["inferred"], "from_ontology": groups["ontology"],
        "incoming": [{"subject": value_view(ox.NamedNode(s), labels), "property": value_view(ox.NamedNode(p), labels),
                      "inferred": g == "inferred"} for s, p, g in description.incoming],
        "sources": description.sources,
    }


def entity_rdf(kg, iri: str, media: str) -> bytes | None:
    """The entity's own statements (asserted and inferred) with its blank nodes; None if there are none."""
    triples = _query(kg, "entity-document", entity=ox.NamedNode(iri)).triples
    return serialize_triples(triples, media) if triples else None


# ---- the ontology ----

def ontology(request: Request) -> Response:
    kg = request.app.state.kg
    media = document_media(request)
    if media == HTML:
        return render(request, "ontology.html", **ontology_view(kg))
    return Response(ontology_rdf(kg, media), media_type=media, headers={"Vary": "Accept"})


def ontology_version(request: Request) -> Response:
    """The version IRI the ontology declares (owl:versionIRI) answers with the ontology; other versions are 404."""
    kg = request.app.state.kg
    iri = BASE + request.url.path.lstrip("/")
    graph = ox.NamedNode(kg.backend.graphs["ontology"])
    versions = [r["version"].value for r in _query(kg, "ontology-version", graph=graph).solutions]
    if iri not in versions:
        raise HTTPException(404, f"This server holds the ontology version {', '.join(versions) or '(none declared)'}, "
                                 f"not {iri}")
    return ontology(request)


def ontology_rdf(kg, media: str) -> bytes:
    graph = ox.NamedNode(kg.backend.graphs["ontology"])
    return serialize_triples(_query(kg, "ontology-document", graph=graph).triples, media)


def ontology_view(kg) -> dict:
    rows = _query(kg, "ontology-terms", graph=ox.NamedNode(kg.backend.graphs["ontology"])).solutions
    classes, properties = [], []
    for r in rows:
        item = {"anchor": r["term"].value.split("#")[1], "iri": r["term"].value, "label": r["label"].value,
                "comment": r["comment"].value,
                "supers": [_term_link(t) for t in sorted(text(r["supers"]).split())],
                "domains": [_term_link(t) for t in sorted(text(r["domains"]).split())],
                "ranges": [_term_link(t) for t in sorted(text(r["ranges"]).split())]}
        (classes if r["kind"].value.endswith("Class") else properties).append(item)
    return {"classes": classes, "properties": properties, "iri": ONTOLOGY}


def _term_link(iri: str) -> dict:
    return {"link": local_path(iri), "text": short(iri)}


def convert_turtle(turtle: str, media: str) -> bytes:
    """A Turtle document (the VoID file, the service description) in another RDF format."""
    return serialize_triples(list(ox.parse(turtle.encode("utf-8"), ox.RdfFormat.TURTLE)), media)
