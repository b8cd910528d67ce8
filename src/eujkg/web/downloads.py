"""The release files at /dist/<file> and their VoID/DCAT description at /.well-known/void."""

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from eujkg.mediatypes import GRAPH_TYPES, TURTLE, by_suffix
from eujkg.web.documents import convert_turtle
from eujkg.web.negotiate import negotiate


def void(request: Request) -> Response:
    dist = request.app.state.dist
    path = dist / "void.ttl" if dist else None
    if path is None or not path.is_file():
        raise HTTPException(404, "No release is being served, so there is no dataset description")
    media = negotiate(request.headers.get("accept"), GRAPH_TYPES, TURTLE) or TURTLE
    if media == TURTLE:
        return FileResponse(path, media_type=TURTLE + "; charset=utf-8")
    return Response(convert_turtle(path.read_text(encoding="utf-8"), media), media_type=media)


def download(request: Request) -> Response:
    dist = request.app.state.dist
    name = request.path_params["name"]
    path = dist / name if dist else None
    if path is None or "/" in name or name.startswith(".") or not path.is_file():
        raise HTTPException(404, f"No file {name} in the release")
    return FileResponse(path, media_type=by_suffix(path.suffix), filename=name)
