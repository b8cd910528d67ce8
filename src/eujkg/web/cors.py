"""CORS: any web page, from any origin, may read every answer of this server, and preflights are answered.

The server is read-only and serves public data without cookies or credentials, so every answer allows the
origin `*`. The value never depends on the request's Origin: an answer cached without one serves every
site, and no `Vary: Origin` is needed. OPTIONS, on any path, answers the preflight (or, without one,
lists the path's methods); write methods are never allowed.
"""

from starlette.datastructures import Headers, MutableHeaders

EXPOSED = ("ETag", "Content-Disposition", "Content-Location", "Link", "Location", "Retry-After",
           "X-Eujkg-Truncated")
PREFLIGHT_MAX_AGE = 86400  # browsers may reuse a preflight answer for a day


def methods_of(path: str) -> tuple[str, ...]:
    """The methods a path answers: POST only at the SPARQL endpoint."""
    return ("GET", "HEAD", "POST", "OPTIONS") if path.rstrip("/") == "/sparql" else ("GET", "HEAD", "OPTIONS")


class CORS:
    """ASGI middleware adding Access-Control-Allow-Origin: * to every answer and answering OPTIONS."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS":
            await self.options(scope, send)
            return

        async def send_allowing_any_origin(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Access-Control-Allow-Origin"] = "*"
                headers["Access-Control-Expose-Headers"] = ", ".join(EXPOSED)
            await send(message)

        await self.app(scope, receive, send_allowing_any_origin)

    async def options(self, scope, send):
        request = Headers(scope=scope)
        methods = ", ".join(methods_of(scope["path"]))
        headers = {"Allow": methods, "Access-Control-Allow-Origin": "*", "Content-Length": "0"}
        if "access-control-request-method" in request:
            headers.update({
                "Access-Control-Allow-Methods": methods,
                # any request header: no credentials are ever involved, and nothing is written
                "Access-Control-Allow-Headers": request.get("access-control-request-headers", ""),
                "Access-Control-Max-Age": str(PREFLIGHT_MAX_AGE),
                "Vary": "Access-Control-Request-Headers",
            })
        await send({"type": "http.response.start", "status": 204,
                    "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]})
        await send({"type": "http.response.body", "body": b""})
