"""HTTP requests to SPARQL endpoints and graph stores (urllib; no dependency), failing with one line."""

import urllib.error
import urllib.request

from eujkg.errors import InputError


def check_url(url: str) -> str:
    if not url.startswith(("http://", "https://")):
        raise InputError(f"--endpoint must be an http(s) URL, not '{url[:80]}'")
    return url


def post(url: str, body: bytes, content_type: str, accept: str, timeout: float) -> bytes:
    return send(urllib.request.Request(url, data=body, method="POST",
                                       headers={"Content-Type": content_type, "Accept": accept}), timeout)


def put(url: str, body: bytes, content_type: str, timeout: float) -> bytes:
    return send(urllib.request.Request(url, data=body, method="PUT", headers={"Content-Type": content_type}), timeout)


def send(request: urllib.request.Request, timeout: float) -> bytes:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) checked
            return response.read()
    except urllib.error.HTTPError as error:
        detail = " ".join(error.read().decode("utf-8", errors="replace").split())[:300]
        raise InputError(f"{request.full_url.split('?')[0]} answered {error.code} {error.reason}: {detail}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise InputError(f"cannot reach {request.full_url.split('?')[0]}: {reason}") from None
