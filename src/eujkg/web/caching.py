"""HTTP caching: validators on every GET answer, 304 when a conditional request's validator still holds,
Cache-Control, and `Vary: Accept` on negotiated answers.

The graph does not change while the server runs, so every answer of a GET is a pure function of the
URL and the Accept header: its ETag is a hash of its bytes (each representation has its own), and its
Last-Modified is when the served graph was built. A file of the release keeps the validators of the
file. HEAD runs as GET, so it carries the same validators, and its body is dropped here.
"""

import hashlib
from email.utils import formatdate, parsedate_to_datetime

from starlette.datastructures import Headers, MutableHeaders

MAX_AGE = 3600          # seconds a cache may reuse an answer without asking (the graph changes by release)
STATIC_MAX_AGE = 86400  # stylesheet and icon
NOT_NEGOTIATED = ("/static/", "/dist/")  # files: the same bytes whatever the Accept header
KEPT_ON_304 = {"etag", "last-modified", "cache-control", "vary", "content-location", "expires"}


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def still_fresh(request: Headers, etag: str | None, last_modified: str | None) -> bool:
    """True if the request's If-None-Match (or, without one, its If-Modified-Since) still holds (RFC 9110, 13.2.2)."""
    if "if-none-match" in request:
        wanted = [tag.strip().removeprefix("W/") for tag in request["if-none-match"].split(",")]
        return etag is not None and ("*" in wanted or etag.removeprefix("W/") in wanted)
    if "if-modified-since" in request and last_modified:
        try:
            return parsedate_to_datetime(last_modified) <= parsedate_to_datetime(request["if-modified-since"])
        except (TypeError, ValueError):
            return False  # an unreadable date is ignored
    return False


class Caching:
    """ASGI middleware: validators, Cache-Control and Vary on answers; 304 for GET/HEAD whose validator holds."""

    def __init__(self, app, built: float):
        """`built`: when the served graph was built (seconds since the epoch), the Last-Modified of every answer."""
        self.app = app
        self.last_modified = formatdate(built, usegmt=True)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        if method not in ("GET", "HEAD"):
            await self.app(scope, receive, self.marking(send, path))
            return
        request = Headers(scope=scope)
        start, chunks, streaming, finished = None, [], False, False

        async def reply(message):
            nonlocal start, streaming, finished
            if finished:
                return
            if message["type"] == "http.response.start":
                start = message
                headers = MutableHeaders(scope=start)
                if start["status"] == 200 and "etag" in headers:  # a release file: its own validators, streamed
                    finished = await self.conditional(start, request, path, send)
                    streaming = not finished
                    if streaming:
                        await send(start)
            elif message["type"] == "http.response.body":
                if streaming:
                    await send({**message, "body": b"" if method == "HEAD" else message.get("body", b"")})
                    return
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    await self.buffered(start, b"".join(chunks), request, path, method, send)
            else:
                await send(message)

        await self.app({**scope, "method": "GET"}, receive, reply)

    async def buffered(self, start, body, request, path, method, send):
        """An answer computed in memory: validators from its bytes, then 304 or the answer."""
        headers = MutableHeaders(scope=start)
        if start["status"] == 200 and "etag" not in headers:
            headers["ETag"] = etag_of(body)
            headers["Last-Modified"] = self.last_modified
        if await self.conditional(start, request, path, send):
            return
        await send(start)
        await send({"type": "http.response.body", "body": b"" if method == "HEAD" else body})

    async def conditional(self, start, request, path, send) -> bool:
        """Add Vary and Cache-Control; send a 304 and return True if the request's validator still holds."""
        headers = MutableHeaders(scope=start)
        self.add_vary(headers, path, start["status"])
        if start["status"] >= 500:
            headers["Cache-Control"] = "no-store"  # busy or timed out: do not keep it
        if start["status"] not in (200, 304):  # 304: the static files answer conditional requests themselves
            return False
        headers.setdefault("Cache-Control", f"public, max-age={STATIC_MAX_AGE if path.startswith('/static/') else MAX_AGE}")
        if start["status"] == 304 or not still_fresh(request, headers.get("etag"), headers.get("last-modified")):
            return False
        kept = [(k, v) for k, v in start["headers"]
                if k.decode("latin-1").lower() in KEPT_ON_304 or k.decode("latin-1").lower().startswith("access-control-")]
        await send({"type": "http.response.start", "status": 304, "headers": kept})
        await send({"type": "http.response.body", "body": b""})
        return True

    def marking(self, send, path):
        """For POST: Vary on negotiated answers, no-store on server errors; nothing is validated."""
        async def marked(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                self.add_vary(headers, path, message["status"])
                if message["status"] >= 500:
                    headers["Cache-Control"] = "no-store"
            await send(message)
        return marked

    @staticmethod
    def add_vary(headers: MutableHeaders, path: str, status: int) -> None:
        if status in (200, 304) and path.startswith(NOT_NEGOTIATED):
            return
        present = {v.strip().lower() for v in headers.get("vary", "").split(",") if v.strip()}
        if "accept" not in present and "*" not in present:
            headers["Vary"] = ", ".join([*(v.strip() for v in headers.get("vary", "").split(",") if v.strip()),
                                         "Accept"])
