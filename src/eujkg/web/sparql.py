"""The SPARQL 1.1 Protocol endpoint: queries by GET and POST, read-only, bounded, negotiated.

Updates and SERVICE (which would make this server send requests elsewhere) are refused before anything
runs; `default-graph-uri` and `named-graph-uri` choose among the three graphs (eujkg.read.dataset);
queries run in the worker pool (see pool.py). Each refused, stopped or truncated query is logged as
one line of key=value pairs (logger eujkg.web.sparql).
"""

import json
import logging
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from eujkg.graphs import GRAPHS
from eujkg.mediatypes import (FORM, FORMATS, GRAPH_TYPES, HTML, JSON, JSON_LD, RDF_XML, RESULTS_TYPES, SPARQL_JSON,
                              SPARQL_QUERY, SPARQL_UPDATE, SPARQL_XML, TURTLE, XML)
from eujkg.read.dataset import Dataset, UnknownGraph, requested
from eujkg.read.guard import MAX_QUERY_BYTES, QueryRefused, check_size_and_nesting
from eujkg.read.sparqltext import form_of, is_update
from eujkg.web.html import local_path, render, short
from eujkg.web.negotiate import DOCUMENT_TYPES, FORMAT_PARAMETERS, format_parameter, negotiate
from eujkg.web.pool import Busy, QueryRejected, QueryTimeout

log = logging.getLogger("eujkg.web.sparql")


class ProtocolError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def log_event(event: str, query: str, **fields) -> None:
    """One line per refused, stopped or truncated query: `event=refused status=403 reason="…" bytes=123`."""
    pairs = {"event": event, **fields, "bytes": len(query.encode("utf-8", errors="replace"))}
    log.warning(" ".join(f"{key}={json.dumps(value) if isinstance(value, str) and (' ' in value or not value) else value}"
                         for key, value in pairs.items()))


@dataclass
class ProtocolRequest:
    query: str | None        # None: no query, the client asks for the service description
    dataset: Dataset | None  # from default-graph-uri and named-graph-uri; None: the query's own, or the union
    formats: list[str]       # the values of format= and output=, from the URL or the form


async def sparql(request: Request) -> Response:
    """The endpoint: an answer in the negotiated format, an HTML page for browsers, or the service description."""
    query = None
    try:
        protocol = await read_request(request)
        query = protocol.query
        if query is None:
            return service(request, protocol.formats)
        form = query_form(query)
        media = choose_media(request, form, protocol.formats)
        if media is None:
            raise ProtocolError(406, "None of the accepted media types can be produced.")
        pool = request.app.state.pool
        if media == HTML:
            response = await answer(pool, query, SPARQL_JSON if form in ("SELECT", "ASK") else TURTLE, form,
                                    protocol.dataset)
            return render(request, "sparql.html", query=query, result=result_view(response, form))
        return await answer(pool, query, media, form, protocol.dataset)
    except ProtocolError as error:
        if error.status in (400, 403, 413):
            log_event("refused", query or "", status=error.status, reason=str(error))
        if HTML in request.headers.get("accept", "") and error.status != 403:
            return render(request, "sparql.html", status=error.status, query=request.query_params.get("query", ""),
                          error=str(error))
        return PlainTextResponse(str(error) + "\n", status_code=error.status)


def service(request: Request, formats: list[str]) -> Response:
    """The SPARQL 1.1 Service Description, in any RDF format, or the query form for browsers."""
    media = format_parameter(formats, DOCUMENT_TYPES, triples=True) or \
        negotiate(request.headers.get("accept"), DOCUMENT_TYPES, TURTLE) or TURTLE
    if media == HTML:
        from eujkg.web.pages import EXAMPLE_QUERY
        return render(request, "sparql.html", query=EXAMPLE_QUERY, result=None)
    description = service_description(str(request.url_for("sparql")))
    if media == TURTLE:
        return Response(description, media_type=TURTLE + "; charset=utf-8")
    from eujkg.web.documents import convert_turtle
    return Response(convert_turtle(description, media), media_type=media)


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


async def read_request(request: Request) -> ProtocolRequest:
    """The query, dataset and format of a protocol request (GET parameters, or a POST body), refusing updates."""
    fields = list(request.query_params.multi_items())
    if request.method == "POST":
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await request.body()
        if len(body) > MAX_QUERY_BYTES:
            raise ProtocolError(413, f"The request is larger than {MAX_QUERY_BYTES} bytes.")
        if content_type == SPARQL_UPDATE:
            raise ProtocolError(403, "This endpoint is read-only: SPARQL Update is not accepted.")
        if content_type == SPARQL_QUERY:
            fields = [(k, v) for k, v in fields if k != "query"] + [("query", body.decode("utf-8", errors="replace"))]
        elif content_type == FORM:
            form = await request.form()
            fields += [(k, v) for k, v in form.multi_items() if isinstance(v, str)]
        else:
            raise ProtocolError(415, "Send the query as application/sparql-query or as a form field 'query' "
                                     "(application/x-www-form-urlencoded).")
    values = {}
    for key, value in fields:
        values.setdefault(key, []).append(value)
    if "update" in values:
        raise ProtocolError(403, "This endpoint is read-only: SPARQL Update is not accepted.")
    queries = values.get("query", [])
    if len(queries) > 1:
        raise ProtocolError(400, "More than one query in the request: send exactly one 'query'.")
    query = queries[0] if queries else None
    if query is not None and len(query.encode("utf-8")) > MAX_QUERY_BYTES:
        raise ProtocolError(413, f"The query is longer than {MAX_QUERY_BYTES} bytes.")
    try:
        dataset = requested(values.get("default-graph-uri", []), values.get("named-graph-uri", []))
    except UnknownGraph as error:
        raise ProtocolError(400, str(error)) from None
    return ProtocolRequest(query, dataset, [v for key in FORMAT_PARAMETERS for v in values.get(key, [])])


def choose_media(request: Request, form: str, formats: list[str]) -> str | None:
    """The media type to answer with: a known format= value, else Accept; text/html for browsers."""
    triples = form in ("CONSTRUCT", "DESCRIBE")
    offered = list(GRAPH_TYPES if triples else RESULTS_TYPES)
    chosen = format_parameter(formats, offered + [HTML], triples)
    if chosen:
        return chosen
    media = negotiate(request.headers.get("accept", ""), offered + [HTML, JSON, XML], offered[0])
    return {JSON: JSON_LD if triples else SPARQL_JSON, XML: RDF_XML if triples else SPARQL_XML}.get(media, media)


async def answer(pool, query: str, media: str, form: str, dataset: Dataset | None = None) -> Response:
    results_media = media if media in RESULTS_TYPES else SPARQL_JSON
    graph_media = media if media in GRAPH_TYPES else TURTLE
    if form in ("SELECT", "ASK") and media in GRAPH_TYPES or form in ("CONSTRUCT", "DESCRIBE") and media in RESULTS_TYPES:
        raise ProtocolError(406, f"A {form} query cannot be answered as {media}.")
    try:
        result = await pool.run(query, results_media, graph_media, dataset)
    except QueryRejected as error:
        raise ProtocolError(error.status, str(error)) from None
    except QueryTimeout as error:
        log_event("stopped", query, status=503, timeout_s=pool.timeout)
        raise ProtocolError(503, str(error)) from None
    except Busy as error:
        log_event("busy", query, status=503)
        raise ProtocolError(503, str(error)) from None
    headers = {"Vary": "Accept"}
    if result.truncated:
        log_event("truncated", query, status=200, max_results=pool.max_results)
        headers["X-Eujkg-Truncated"] = f"results cut at {pool.max_results}"
    media_type = result.media_type + ("; charset=utf-8" if result.media_type.startswith("text/") else "")
    return Response(result.body, media_type=media_type, headers=headers)


def service_description(endpoint: str) -> str:
    """A SPARQL 1.1 Service Description of this endpoint, in Turtle."""
    formats = " ".join(f"<http://www.w3.org/ns/formats/{f.w3c}>" for f in FORMATS
                       if f.kind in ("results", "graph"))
    graphs = "\n".join(f'        sd:namedGraph [ sd:name <{iri}> ] ;' for iri in GRAPHS.values())
    return f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix void: <http://rdfs.org/ns/void#> .
@prefix dct: <http://purl.org/dc/terms/> .

<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat {formats.replace(' ', ', ')} ;
    sd:feature sd:UnionDefaultGraph ;
    dct:description "Read-only SPARQL 1.1 endpoint of eujkg, the EU–Japan Cluster Cooperation Knowledge Graph. No update, no SERVICE; queries are time-limited and results capped. default-graph-uri, named-graph-uri, FROM and FROM NAMED choose among the three named graphs below; any other graph IRI is refused (400)."@en ;
    sd:defaultDataset [
        a sd:Dataset ;
        sd:defaultGraph [ a sd:Graph ; dct:description "The union of the ontology, the asserted data and the inferred triples"@en ] ;
{graphs}
        void:sparqlEndpoint <{endpoint}> ] .
"""


def result_view(response, form: str) -> dict:
    """The answer of the SPARQL endpoint, for the HTML page."""
    body = response.body.decode("utf-8")
    if form in ("CONSTRUCT", "DESCRIBE"):
        return {"turtle": body}
    data = json.loads(body)
    if "boolean" in data:
        return {"boolean": data["boolean"]}
    variables = data["head"]["vars"]
    rows = []
    for binding in data["results"]["bindings"]:
        row = []
        for v in variables:
            term = binding.get(v)
            if term is None:
                row.append({"text": ""})
            elif term["type"] == "uri":
                row.append({"link": local_path(term["value"]), "text": short(term["value"])})
            else:
                row.append({"text": term["value"], "note": term.get("xml:lang", "")})
        rows.append(row)
    return {"columns": variables, "rows": rows, "truncated": response.headers.get("x-eujkg-truncated", "")}
