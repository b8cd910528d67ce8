"""The release files at /dist/<file> (their description, void.ttl, is served by eujkg.web.dataset)."""

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from eujkg.mediatypes import by_suffix


def download(request: Request) -> Response:
    dist = request.app.state.dist
    name = request.path_params["name"]
    path = dist / name if dist else None
    if path is None or "/" in name or name.startswith(".") or not path.is_file():
        raise HTTPException(404, f"No file {name} in the release")
    return FileResponse(path, media_type=by_suffix(path.suffix), filename=name)
