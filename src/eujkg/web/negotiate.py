"""Content negotiation: the offered media type an Accept header prefers, and `?format=` overrides."""

from starlette.exceptions import HTTPException
from starlette.requests import Request

from eujkg.mediatypes import ALIASES, GRAPH_TYPES, HTML


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


def document_media(request: Request) -> str:
    """The media type of an RDF document (entity, ontology): ?format= first, then Accept; HTML by default."""
    wanted = request.query_params.get("format")
    if wanted:
        media = ALIASES.get(wanted.lower())
        if media not in DOCUMENT_TYPES:
            raise HTTPException(400, f"Unknown format '{wanted}': use html, ttl, jsonld, nt or rdfxml")
        return media
    media = negotiate(request.headers.get("accept"), DOCUMENT_TYPES, HTML)
    if media is None:
        raise HTTPException(406, "Available as " + ", ".join(DOCUMENT_TYPES))
    return media
