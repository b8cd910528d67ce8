"""HTTP requests to SPARQL endpoints and graph stores (urllib; no dependency), failing with one line.

A store that asks for credentials (HTTP 401) gets those of eujkg.credentials, in the scheme it asks
for (Digest or Basic). Whatever goes wrong is one InputError naming the URL (without its query
string) and what the store said, cut to one line; never a traceback, never a password.
"""

import html
import http.client
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message

from eujkg import credentials
from eujkg.errors import InputError

_TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Reply:
    body: bytes
    headers: Message

    @property
    def media_type(self) -> str:
        return self.headers.get_content_type() if self.headers.get("Content-Type") else ""


def check_url(url: str) -> str:
    """An http(s) URL without user:password@ in it (credentials go elsewhere: eujkg.credentials)."""
    if not url.startswith(("http://", "https://")):
        raise InputError(f"--endpoint must be an http(s) URL, not '{url[:80]}'")
    return credentials.without_credentials(url)


def post(url: str, body: bytes, content_type: str, accept: str, timeout: float) -> Reply:
    return send(urllib.request.Request(url, data=body, method="POST",
                                       headers={"Content-Type": content_type, "Accept": accept}), timeout)


def put(url: str, body: bytes, content_type: str, timeout: float) -> Reply:
    """PUT a (large) body: the store's challenge is fetched first with a HEAD request, so that the body
    goes once and with its credentials (Virtuoso closes the connection on an unauthenticated upload)."""
    request = urllib.request.Request(url, data=body, method="PUT", headers={"Content-Type": content_type})
    return send(request, timeout, challenge_first=True)


def send(request: urllib.request.Request, timeout: float, challenge_first: bool = False) -> Reply:
    where = request.full_url.split("?")[0]
    found = credentials.lookup(request.full_url)
    try:
        opener = credentials.opener(request.full_url, found)
        if challenge_first:
            challenges = _challenges(request, timeout)
            if challenges:
                if found is None:
                    raise _unauthorized(where, None)
                request.add_unredirected_header("Authorization", credentials.authorization(request, challenges, found))
                opener = urllib.request.build_opener()
        with opener.open(request, timeout=timeout) as response:
            return Reply(response.read(), response.headers)
    except urllib.error.HTTPError as error:
        if error.code == 401:
            raise _unauthorized(where, found) from None
        raise InputError(f"{where} answered {error.code} {error.reason}: {said(error.read())}") from None
    except http.client.HTTPException as error:  # the connection broke off mid-answer, or a garbled status line
        raise InputError(f"{where} broke off its answer: {str(error) or type(error).__name__}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise InputError(f"cannot reach {where}: {reason}") from None


def _challenges(request: urllib.request.Request, timeout: float) -> list[str]:
    """The WWW-Authenticate challenges the store answers a HEAD of the same URL with; none if it lets it pass."""
    probe = urllib.request.Request(request.full_url, method="HEAD")
    try:
        with urllib.request.build_opener().open(probe, timeout=timeout):
            return []
    except urllib.error.HTTPError as error:
        return error.headers.get_all("WWW-Authenticate") or [] if error.code == 401 else []


def _unauthorized(where: str, found) -> InputError:
    advice = (f"it refused the credentials from {found[2]}" if found
              else f"the store asks for credentials: {credentials.WHERE}")
    return InputError(f"{where} answered 401 Unauthorized: {advice}")


def said(body: bytes, length: int = 300) -> str:
    """What a store's error page says, on one line: tags dropped, and the query Virtuoso echoes after
    'SPARQL query:' left out (it repeats the user's query and the dataset)."""
    text = body.decode("utf-8", errors="replace")
    text = text.split("SPARQL query:", 1)[0]
    text = " ".join(html.unescape(_TAGS.sub(" ", text)).split())
    return text if len(text) <= length else text[:length] + "…"
