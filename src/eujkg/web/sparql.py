"""The SPARQL 1.1 Protocol endpoint: queries by GET and POST, read-only, bounded, negotiated.

Updates, SERVICE (which would make this server send requests elsewhere) and dataset parameters
are refused before anything runs; queries run in the worker pool (see pool.py).
"""

from starlette.requests import Request
from starlette.responses import Response

from eujkg.web.formats import FORMAT_ALIASES, GRAPH_TYPES, RESULTS_TYPES, negotiate
from eujkg.read.guard import MAX_QUERY_BYTES, QueryRefused, check_size_and_nesting
from eujkg.web.pool import Busy, QueryRejected, QueryTimeout
from eujkg.read.sparqltext import form_of, is_update


class ProtocolError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE; refuses updates, oversized and too deeply nested queries.

    The full check (a parse that refuses SERVICE in any spelling) runs in the worker, beside the query,
    so that parsing a hostile text is bounded by the same time limit."""
    try:
        check_size_and_nesting(query)
    except QueryRefused as error:
        raise ProtocolError(error.status, str(error)) from None
    if is_update(query):
        raise ProtocolError(403, "This endpoint is read-only: SPARQL Update is not accepted.")
    form = form_of(query)
    if form is None:
        raise ProtocolError(400, "Not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE.")
    return form


async def read_query(request: Request) -> str | None:
    """The query text of a protocol request (None when there is none), refusing updates and datasets."""
    params = dict(request.query_params)
    if request.method == "POST":
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await request.body()
        if len(body) > MAX_QUERY_BYTES:
            raise ProtocolError(413, f"The request is larger than {MAX_QUERY_BYTES} bytes.")
        if content_type == "application/sparql-update":
            raise ProtocolError(403, "This endpoint is read-only: SPARQL Update is not accepted.")
        if content_type == "application/sparql-query":
            params["query"] = body.decode("utf-8", errors="replace")
        elif content_type == "application/x-www-form-urlencoded":
            form = await request.form()
            params.update({k: v for k, v in form.items() if isinstance(v, str)})
        else:
            raise ProtocolError(415, "Send the query as application/sparql-query or as a form field 'query' "
                                     "(application/x-www-form-urlencoded).")
    if "update" in params:
        raise ProtocolError(403, "This endpoint is read-only: SPARQL Update is not accepted.")
    if "default-graph-uri" in params or "named-graph-uri" in params:
        raise ProtocolError(400, "default-graph-uri and named-graph-uri are not supported: the default graph is the "
                                 "union of all graphs; use GRAPH <…> in the query to pick one.")
    query = params.get("query")
    if query is not None and len(query.encode("utf-8")) > MAX_QUERY_BYTES:
        raise ProtocolError(413, f"The query is longer than {MAX_QUERY_BYTES} bytes.")
    return query


def choose_media(request: Request, form: str) -> str | None:
    """The media type to answer with, from ?format= or Accept; text/html for browsers."""
    wanted = request.query_params.get("format")
    if wanted:
        return FORMAT_ALIASES.get(wanted.lower())
    offered = list(RESULTS_TYPES if form in ("SELECT", "ASK") else GRAPH_TYPES)
    default = offered[0]
    accept = request.headers.get("accept", "")
    media = negotiate(accept, offered + ["text/html", "application/json", "application/xml"], default)
    return {"application/json": "application/sparql-results+json" if form in ("SELECT", "ASK") else "application/ld+json",
            "application/xml": "application/sparql-results+xml" if form in ("SELECT", "ASK") else "application/rdf+xml"
            }.get(media, media)


async def answer(pool, query: str, media: str, form: str) -> Response:
    results_media = media if media in RESULTS_TYPES else "application/sparql-results+json"
    graph_media = media if media in GRAPH_TYPES else "text/turtle"
    if form in ("SELECT", "ASK") and media in GRAPH_TYPES or form in ("CONSTRUCT", "DESCRIBE") and media in RESULTS_TYPES:
        raise ProtocolError(406, f"A {form} query cannot be answered as {media}.")
    try:
        result = await pool.run(query, results_media, graph_media)
    except QueryRejected as error:
        raise ProtocolError(error.status, str(error)) from None
    except QueryTimeout as error:
        raise ProtocolError(503, str(error)) from None
    except Busy as error:
        raise ProtocolError(503, str(error)) from None
    headers = {"Vary": "Accept"}
    if result.truncated:
        headers["X-Eujkg-Truncated"] = f"results cut at {pool.max_results}"
    media_type = result.media_type + ("; charset=utf-8" if result.media_type.startswith("text/") else "")
    return Response(result.body, media_type=media_type, headers=headers)


def service_description(endpoint: str) -> str:
    """A SPARQL 1.1 Service Description of this endpoint, in Turtle."""
    formats = " ".join(f"<http://www.w3.org/ns/formats/{f}>" for f in
                       ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                        "Turtle", "N-Triples", "JSON-LD", "RDF_XML"))
    graphs = "\n".join(
        f'        sd:namedGraph [ sd:name <https://w3id.org/eujkg/graph/{g}> ] ;' for g in ("ontology", "data", "inferred"))
    return f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix void: <http://rdfs.org/ns/void#> .
@prefix dct: <http://purl.org/dc/terms/> .

<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat {formats.replace(' ', ', ')} ;
    sd:feature sd:UnionDefaultGraph ;
    dct:description "Read-only SPARQL 1.1 endpoint of eujkg, the EU–Japan Cluster Cooperation Knowledge Graph. No update, no SERVICE; queries are time-limited and results capped."@en ;
    sd:defaultDataset [
        a sd:Dataset ;
        sd:defaultGraph [ a sd:Graph ; dct:description "The union of the ontology, the asserted data and the inferred triples"@en ] ;
{graphs}
        void:sparqlEndpoint <{endpoint}> ] .
"""
