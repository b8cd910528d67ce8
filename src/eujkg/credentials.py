"""Credentials for triple stores that ask for them (Virtuoso's Graph Store endpoint always does).

They come from the environment variables EUJKG_USER and EUJKG_PASSWORD, or else from ~/.netrc (the
entry for the store's host); never from the command line, where `ps` and the shell history would
show them, and they are never printed. They are sent only when a store asks (HTTP 401), in the
scheme it asks for: Digest (Virtuoso) or Basic.
"""

import base64
import netrc
import os
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from eujkg.errors import InputError

USER, PASSWORD = "EUJKG_USER", "EUJKG_PASSWORD"
WHERE = f"set {USER} and {PASSWORD}, or add the store's host to ~/.netrc"


def without_credentials(url: str) -> str:
    """The URL, refused if it carries user:password@ (the message shows it without them)."""
    parts = urllib.parse.urlsplit(url)
    if "@" in parts.netloc:
        host = parts.netloc.rsplit("@", 1)[1]
        shown = urllib.parse.urlunsplit((parts.scheme, host, parts.path, "", ""))
        raise InputError(f"{shown}: credentials do not go in the URL; {WHERE}")
    return url


def lookup(url: str) -> tuple[str, str, str] | None:
    """(user, password, where they come from) for the store at `url`, or None."""
    user, password = os.environ.get(USER), os.environ.get(PASSWORD)
    if user and password:
        return user, password, f"{USER}/{PASSWORD}"
    if user or password:
        raise InputError(f"set both {USER} and {PASSWORD}, or neither (then ~/.netrc is read)")
    path = Path.home() / ".netrc"
    if not path.is_file():
        return None
    try:
        entry = netrc.netrc(str(path)).authenticators(urllib.parse.urlsplit(url).hostname or "")
    except netrc.NetrcParseError as error:  # its message may quote a token, that is, a password
        raise InputError(f"~/.netrc: cannot read line {error.lineno}; see 'man netrc' for its format") from None
    except OSError as error:
        raise InputError(f"~/.netrc: cannot read it ({error.strerror})") from None
    if entry is None or not entry[0] or not entry[2]:
        return None
    return entry[0], entry[2], "~/.netrc"


def opener(url: str, found: tuple[str, str, str] | None) -> urllib.request.OpenerDirector:
    """An opener that answers a store's 401 with the credentials found, in the scheme the store asks for."""
    if found is None:
        return urllib.request.build_opener()
    passwords = _passwords(url, found)
    return urllib.request.build_opener(_DigestOnce(passwords), urllib.request.HTTPBasicAuthHandler(passwords))


def authorization(request: urllib.request.Request, challenges: list[str], found: tuple[str, str, str]) -> str:
    """The Authorization header answering a store's WWW-Authenticate challenges (Digest preferred), for
    sending a large body once: a store that refuses it unauthenticated closes the connection mid-upload."""
    by_scheme = {c.split(None, 1)[0].lower(): c for c in challenges if c.strip()}
    if "digest" in by_scheme:
        fields = by_scheme["digest"].split(None, 1)[1] if " " in by_scheme["digest"] else ""
        challenge = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(fields)))
        answer = urllib.request.HTTPDigestAuthHandler(_passwords(request.full_url, found)).get_authorization(
            request, challenge)
        if answer:
            return f"Digest {answer}"
    if "basic" in by_scheme:
        return "Basic " + base64.b64encode(f"{found[0]}:{found[1]}".encode()).decode("ascii")
    schemes = ", ".join(sorted(by_scheme)) or "none"
    raise InputError(f"{request.full_url.split('?')[0]} asks for credentials in a scheme eujkg does not speak ({schemes}); "
                     "Digest and Basic are supported")


def _passwords(url: str, found: tuple[str, str, str]) -> urllib.request.HTTPPasswordMgrWithDefaultRealm:
    parts = urllib.parse.urlsplit(url)
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, f"{parts.scheme}://{parts.netloc}/", found[0], found[1])
    return passwords


class _DigestOnce(urllib.request.HTTPDigestAuthHandler):
    """Digest, tried once: a refused password is refused again."""

    def http_error_auth_reqed(self, auth_header, host, req, headers):
        if self.retried > 0:
            raise urllib.error.HTTPError(req.full_url, 401, "Unauthorized", headers, None)
        return super().http_error_auth_reqed(auth_header, host, req, headers)
