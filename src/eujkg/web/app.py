"""The ASGI application: routes for the SPARQL endpoint, entity IRIs, pages, downloads and VoID.

IRIs minted under https://w3id.org/eujkg/ map to paths of this server (…/id/<kind>/<slug> to
/id/<kind>/<slug>, …/ontology to /ontology), so a w3id.org redirect to a deployment resolves them.
"""

import threading
from collections import OrderedDict
from contextlib import asynccontextmanager
from importlib import resources as importlib_resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from eujkg.graphs import GRAPHS
from eujkg.prefixes import BASE
from eujkg.web import pages
from eujkg.web.formats import FORMAT_ALIASES, GRAPH_TYPES, negotiate
from eujkg.web.pool import QueryPool
from eujkg.web.sparql import ProtocolError, answer, choose_media, query_form, read_query, service_description

ENTITY_TYPES = ["text/html", *GRAPH_TYPES]


def create_app(kg, dist: Path, workers: int = 2, timeout: float = 10.0, max_results: int = 10_000) -> Starlette:
    """An app over a built KnowledgeGraph and its release folder (see `eujkg build`)."""
    entry = kg.ensure_built()
    graph_files = {iri: entry.graph_file(name) for name, iri in GRAPHS.items()}
    templates = Environment(loader=PackageLoader("eujkg.web", "templates"), autoescape=select_autoescape())
    templates.globals.update(local=pages.local_path, curie=pages.short)
    state = {"pool": None}
    rendered: OrderedDict = OrderedDict()  # the graph does not change while serving: pages are computed once
    lock = threading.Lock()  # sync views run in Starlette's thread pool

    def remembered(view):
        """Serve a page from a bounded cache keyed by URL and Accept; compute it on a miss."""
        def cached(request: Request) -> Response:
            key = (str(request.url.path), str(request.url.query), request.headers.get("accept", ""))
            with lock:
                hit = rendered.get(key)
                if hit is not None:
                    rendered.move_to_end(key)
            if hit is not None:
                body, status, media, headers = hit
                return Response(body, status_code=status, media_type=media, headers=headers)
            response = view(request)
            if response.status_code == 200 and not isinstance(response, FileResponse):
                entry = (response.body, response.status_code, response.media_type,
                         {k: v for k, v in response.headers.items() if k.lower() == "vary"})
                with lock:
                    rendered[key] = entry
                    while len(rendered) > 512:
                        rendered.popitem(last=False)
            return response
        return cached

    @asynccontextmanager
    async def lifespan(app):
        state["pool"] = QueryPool(graph_files, workers=workers, timeout=timeout, max_results=max_results)
        try:
            yield
        finally:
            state["pool"].close()

    def render(name: str, request: Request, status: int = 200, **context) -> HTMLResponse:
        html = templates.get_template(name).render(request=request, **context)
        return HTMLResponse(html, status_code=status)

    async def sparql(request: Request) -> Response:
        try:
            query = await read_query(request)
            if query is None:
                return _service(request)
            form = query_form(query)
            media = choose_media(request, form)
            if media is None:
                raise ProtocolError(406, "None of the accepted media types can be produced.")
            if media == "text/html":
                result = await answer(state["pool"], query, "application/sparql-results+json"
                                      if form in ("SELECT", "ASK") else "text/turtle", form)
                return render("sparql.html", request, query=query, result=pages.result_view(result, form))
            return await answer(state["pool"], query, media, form)
        except ProtocolError as error:
            if "text/html" in request.headers.get("accept", "") and error.status != 403:
                return render("sparql.html", request, status=error.status, query=request.query_params.get("query", ""),
                              error=str(error))
            return PlainTextResponse(str(error) + "\n", status_code=error.status)

    def _service(request: Request) -> Response:
        media = negotiate(request.headers.get("accept"), ["text/html", "text/turtle"], "text/turtle")
        if request.query_params.get("format") in FORMAT_ALIASES:
            media = FORMAT_ALIASES[request.query_params["format"]]
        if media == "text/html":
            return render("sparql.html", request, query=pages.EXAMPLE_QUERY, result=None)
        description = service_description(str(request.url_for("sparql")))
        if media == "text/turtle":
            return Response(description, media_type="text/turtle; charset=utf-8")
        return Response(pages.convert_turtle(description, media), media_type=media)

    def entity(request: Request) -> Response:
        iri = BASE + request.url.path.lstrip("/")
        if not pages.exists(kg, iri):
            raise HTTPException(404, f"Nothing in the graph has the IRI {iri}")
        media = _entity_media(request)
        if media == "text/html":
            return render("entity.html", request, **pages.entity_view(kg, iri))
        return Response(pages.entity_rdf(kg, iri, media), media_type=media, headers={"Vary": "Accept"})

    def ontology(request: Request) -> Response:
        media = _entity_media(request)
        if media == "text/html":
            return render("ontology.html", request, **pages.ontology_view(kg))
        return Response(pages.ontology_rdf(kg, media), media_type=media, headers={"Vary": "Accept"})

    def _entity_media(request: Request) -> str:
        wanted = request.query_params.get("format")
        if wanted:
            media = FORMAT_ALIASES.get(wanted.lower())
            if media not in ENTITY_TYPES:
                raise HTTPException(400, f"Unknown format '{wanted}': use html, ttl, jsonld, nt or rdfxml")
            return media
        media = negotiate(request.headers.get("accept"), ENTITY_TYPES, "text/html")
        if media is None:
            raise HTTPException(406, "Available as text/html, text/turtle, application/ld+json, "
                                     "application/n-triples, application/rdf+xml")
        return media

    def home(request: Request) -> Response:
        return render("home.html", request, **pages.home_view(kg, dist))

    def search(request: Request) -> Response:
        text = request.query_params.get("q", "")[:200]
        return render("search.html", request, q=text, hits=pages.search(kg, text) if text.strip() else [])

    def network(request: Request) -> Response:
        return render("network.html", request, **pages.network_view(kg, request.query_params.get("sector", "")))

    def timeline(request: Request) -> Response:
        return render("timeline.html", request, **pages.timeline_view(kg))

    def queries(request: Request) -> Response:
        return render("queries.html", request, queries=pages.query_forms(kg), example=pages.EXAMPLE_QUERY)

    def stored(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in kg.queries:
            raise HTTPException(404, f"No stored query named {name}")
        params = {k: v for k, v in request.query_params.items() if k != "format" and v != ""}
        return render("stored.html", request, **pages.stored_view(kg, name, params))

    def void(request: Request) -> Response:
        path = dist / "void.ttl"
        media = negotiate(request.headers.get("accept"), list(GRAPH_TYPES), "text/turtle") or "text/turtle"
        if media == "text/turtle":
            return FileResponse(path, media_type="text/turtle; charset=utf-8")
        return Response(pages.convert_turtle(path.read_text(encoding="utf-8"), media), media_type=media)

    def download(request: Request) -> Response:
        name = request.path_params["name"]
        path = dist / name
        if "/" in name or name.startswith(".") or not path.is_file():
            raise HTTPException(404, f"No file {name} in the release")
        media = {".ttl": "text/turtle", ".nt": "application/n-triples", ".jsonld": "application/ld+json",
                 ".rdf": "application/rdf+xml", ".trig": "application/trig"}.get(path.suffix, "application/octet-stream")
        return FileResponse(path, media_type=media, filename=name)

    async def not_found(request: Request, exc: HTTPException) -> Response:
        if "text/html" in request.headers.get("accept", ""):
            return render("error.html", request, status=exc.status_code, message=exc.detail)
        return PlainTextResponse(f"{exc.detail}\n", status_code=exc.status_code)

    static = Path(str(importlib_resources.files("eujkg.web"))) / "static"
    routes = [
        Route("/", remembered(home)), Route("/search", remembered(search)), Route("/network", remembered(network)),
        Route("/timeline", remembered(timeline)), Route("/queries", remembered(queries)),
        Route("/queries/{name}", remembered(stored)),
        Route("/sparql", sparql, methods=["GET", "POST"], name="sparql"),
        Route("/id/{path:path}", remembered(entity)), Route("/ontology", remembered(ontology)),
        Route("/.well-known/void", void), Route("/dist/{name}", download),
        Route("/favicon.ico", lambda r: RedirectResponse("/static/favicon.svg")),
        Mount("/static", StaticFiles(directory=static), name="static"),
    ]
    return Starlette(routes=routes, lifespan=lifespan, exception_handlers={HTTPException: not_found})
