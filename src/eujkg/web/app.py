"""The ASGI application: the routes of each group (SPARQL protocol, documents, pages, downloads)
over one KnowledgeGraph, whose backend — embedded or remote — every route reads through.

IRIs minted under https://w3id.org/eujkg/ map to paths of this server (…/id/<kind>/<slug> to
/id/<kind>/<slug>, …/ontology to /ontology), so a w3id.org redirect to a deployment resolves them.
The route functions take the graph, the release folder, the templates and the query pool from
`request.app.state`.
"""

import threading
import time
from collections import OrderedDict
from contextlib import asynccontextmanager
from importlib import resources as importlib_resources
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from eujkg.mediatypes import HTML
from eujkg.web import dataset, documents, downloads, graphs, pages, sparql
from eujkg.web.caching import Caching
from eujkg.web.cors import CORS
from eujkg.web.html import render, templates
from eujkg.web.pool import QueryPool

PAGE_CACHE_SIZE = 512


def create_app(kg, dist: Path | None, workers: int = 2, timeout: float = 10.0, max_results: int = 10_000) -> Starlette:
    """An app over a KnowledgeGraph (built, or KnowledgeGraph.remote) and its release folder, if any."""
    spec = kg.backend_spec

    @asynccontextmanager
    async def lifespan(app):
        app.state.pool = QueryPool(spec, workers=workers, timeout=timeout, max_results=max_results)
        try:
            yield
        finally:
            app.state.pool.close()

    remembered = page_cache()
    static = Path(str(importlib_resources.files("eujkg.web"))) / "static"
    routes = [
        Route("/", remembered(pages.home)), Route("/search", remembered(pages.search)),
        Route("/network", remembered(pages.network)), Route("/timeline", remembered(pages.timeline)),
        Route("/queries", remembered(pages.questions)), Route("/queries/{name}", remembered(pages.stored)),
        Route("/sparql", sparql.sparql, methods=["GET", "POST"], name="sparql"),
        Route("/id/{path:path}", remembered(documents.entity)), Route("/ontology", remembered(documents.ontology)),
        Route("/ontology/{version}", remembered(documents.ontology_version)), Route("/graph/{name}", graphs.graph),
        Route("/dataset", remembered(dataset.description)), Route("/.well-known/void", dataset.description),
        Route("/dist/{name}", downloads.download),
        Route("/favicon.ico", lambda r: RedirectResponse("/static/favicon.svg")),
        Mount("/static", StaticFiles(directory=static), name="static"),
        Route("/{path:path}", dataset.described),  # last: other IRIs the dataset description mints
    ]
    middleware = [Middleware(CORS), Middleware(Caching, built=built_at(dist))]
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers={HTTPException: error_page},
                    middleware=middleware)
    app.state.kg, app.state.dist, app.state.templates = kg, dist, templates()
    return app


def built_at(dist: Path | None) -> float:
    """When the served graph was built: its release's, or (a remote store without one) now."""
    void = dist / "void.ttl" if dist else None
    return void.stat().st_mtime if void and void.is_file() else time.time()


def page_cache():
    """A decorator serving a view's answers from a bounded cache keyed by URL and Accept (the graph does
    not change while serving, so a page is computed once); a miss computes it."""
    rendered: OrderedDict = OrderedDict()
    lock = threading.Lock()  # sync views run in Starlette's thread pool

    def remembered(view):
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
                         {k: v for k, v in response.headers.items() if k.lower() in ("vary", "link")})
                with lock:
                    rendered[key] = entry
                    while len(rendered) > PAGE_CACHE_SIZE:
                        rendered.popitem(last=False)
            return response
        return cached
    return remembered


async def error_page(request: Request, exc: HTTPException) -> Response:
    if HTML in request.headers.get("accept", ""):
        return render(request, "error.html", status=exc.status_code, message=exc.detail)
    return PlainTextResponse(f"{exc.detail}\n", status_code=exc.status_code)
