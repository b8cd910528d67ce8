"""Content negotiation: the offered media type an Accept header prefers, and `?format=` overrides.

A `format=` (or `output=`) value the server knows and can answer wins; any other value is ignored and
the Accept header decides, so a client sending its own names still gets what its Accept asks for.
Known values: our short names (eujkg.mediatypes), the media types themselves, and the names of
SPARQLWrapper, which sends `format=` by default: `xml`, `json` (for triples: RDF/XML and JSON-LD),
`n3` (answered as Turtle, which is N3), `rdf+xml`, `json-ld`, `tsv`…
"""

from starlette.exceptions import HTTPException
from starlette.requests import Request

from eujkg.mediatypes import (ALIASES, GRAPH_TYPES, HTML, JSON, JSON_LD, N_TRIPLES, RDF_XML, SPARQL_JSON, SPARQL_XML,
                              TURTLE, XML)


def negotiate(accept: str | None, offered: list[str], default: str) -> str | None:
    """The offered media type the Accept header prefers (q-values, wildcards); None if none is acceptable."""
    if not accept:
        return default
    best, best_q = None, 0.0
    for position, item in enumerate(accept.split(",")):
        parts = [p.strip() for p in item.split(";")]
        media, q = parts[0].lower(), 1.0
        for param in parts[1:]:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        candidates = offered if media == "*/*" else [o for o in offered if o == media or
                                                     (media.endswith("/*") and o.startswith(media[:-1]))]
        if media == "*/*":
            candidates = [default]
        for candidate in candidates:
            score = q - position * 1e-6 - (0.001 if media.endswith("*") else 0)
            if q > 0 and score > best_q:
                best, best_q = candidate, score
    return best


DOCUMENT_TYPES = [HTML, *GRAPH_TYPES]
FORMAT_PARAMETERS = ("format", "output")
RESULTS_NAMES = {JSON: SPARQL_JSON, XML: SPARQL_XML}
TRIPLES_NAMES = {"json": JSON_LD, JSON: JSON_LD, "xml": RDF_XML, XML: RDF_XML, "rdf+xml": RDF_XML,
                 "n3": TURTLE, "text/n3": TURTLE, "ntriples": N_TRIPLES, "n-triples": N_TRIPLES}


def format_parameter(values: list[str], offered: list[str], triples: bool) -> str | None:
    """The first `format=` value naming one of the `offered` media types (for an answer of triples if
    `triples`, else of solutions); None if none does."""
    names = TRIPLES_NAMES if triples else RESULTS_NAMES
    for value in values:
        name = value.split(";")[0].strip().lower()
        media = names.get(name) or ALIASES.get(name) or name
        if media in offered:
            return media
    return None


def format_values(request: Request) -> list[str]:
    return [value for key in FORMAT_PARAMETERS for value in request.query_params.getlist(key)]


def document_media(request: Request) -> str:
    """The media type of an RDF document (entity, ontology): a known ?format= first, then Accept; HTML by default."""
    media = format_parameter(format_values(request), DOCUMENT_TYPES, triples=True)
    if media:
        return media
    media = negotiate(request.headers.get("accept"), DOCUMENT_TYPES, HTML)
    if media is None:
        raise HTTPException(406, "Available as " + ", ".join(DOCUMENT_TYPES))
    return media
