"""The project's prefixes as plain strings, importable without rdflib (the query path uses them)."""

BASE = "https://w3id.org/eujkg/"
ONTOLOGY = BASE + "ontology#"
ID = BASE + "id/"

# Kinds of things, each with its own IRI path under /id/ (see DESIGN.md, "IRIs").
KINDS = (
    "organisation", "person", "programme", "agreement", "cooperation", "event", "figure",
    "place", "sector", "concept", "scheme", "source", "section", "assessment", "evaluation", "challenge",
    "publication",
)

PREFIXES = {
    "eujkg": ONTOLOGY,
    "shape": BASE + "shapes#",
    **{kind: f"{ID}{kind}/" for kind in KINDS},
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "cv": "http://data.europa.eu/m8g/",
    "eurio": "http://data.europa.eu/s66#",
    "time": "http://www.w3.org/2006/time#",
    "nace": "http://data.europa.eu/ux2/nace2/",
    "country": "http://publications.europa.eu/resource/authority/country/",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "sh": "http://www.w3.org/ns/shacl#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "void": "http://rdfs.org/ns/void#",
}


def curie(iri: str) -> str:
    """A short form of an IRI for messages: a CURIE where a project prefix fits, else <iri>."""
    best = max((p for p, ns in PREFIXES.items() if iri.startswith(ns)), key=lambda p: len(PREFIXES[p]), default=None)
    if best is None:
        return f"<{iri}>"
    return f"{best}:{iri[len(PREFIXES[best]):]}"


def expand(text: str) -> str | None:
    """The IRI a CURIE such as `organisation:meti` stands for, or None if it is not one."""
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return None
