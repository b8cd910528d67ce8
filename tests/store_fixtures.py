"""Real triple stores on loopback for the remote tests: `oxigraph serve` (pip package oxigraph) and
Debian's Virtuoso 7.2 (apt package virtuoso-opensource). One of each per test session, each with its
own database in a temporary folder, listening on 127.0.0.1 only, stopped when the session ends.
Virtuoso asks for Digest credentials; neither store asks for Basic ones, so Basic is proven through a
reverse proxy that demands them in front of the real Oxigraph, as a web server would."""

import base64
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

# Only what differs from Virtuoso's built-in defaults: files in the working folder, loopback ports,
# no checkpoints while the tests run, one thread per query (on 2 busy cores Virtuoso's parallel plans
# made candidate-partners take 20-45 s instead of 0.6-3 s). ResultSetMaxRows is Debian's default, so
# truncation shows. CaseMode is left at its default (Debian ships 2), under which Virtuoso answers ASK
# as a SELECT of ?__ASK_RETVAL: the remote backend must read that too.
VIRTUOSO_INI = """\
[Database]
DatabaseFile = virtuoso.db
ErrorLogFile = virtuoso.log
LockFile = virtuoso.lck
TransactionFile = virtuoso.trx
xa_persistent_file = virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = virtuoso-temp.db
TransactionFile = virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 0
ThreadsPerQuery = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = .
ServerThreads = 4
MaxClientConnections = 4

[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 60
"""


@dataclass(frozen=True)
class Store:
    """A running store: where to publish (Graph Store Protocol), where to query, and its credentials."""

    name: str
    graph_store: str
    query: str
    user: str | None = None
    password: str | None = None

    def credentials(self) -> dict[str, str]:
        """The environment variables `eujkg publish` reads its credentials from."""
        if self.user is None:
            return {}
        return {"EUJKG_USER": self.user, "EUJKG_PASSWORD": self.password}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, what: str, seconds: float, log: Path | None = None) -> float:
    """Seconds until `url` answers 200; fails the session with the store's log if it never does."""
    started = time.monotonic()
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return time.monotonic() - started
        except (urllib.error.URLError, OSError):
            pass
        if process.poll() is not None or time.monotonic() - started > seconds:
            process.kill()
            tail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
            pytest.fail(f"{what} did not start within {seconds:.0f} s\n{tail}")
        time.sleep(0.1)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


def oxigraph_binary() -> str:
    beside = Path(sys.executable).parent / "oxigraph"  # installed into the same virtual environment
    binary = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if binary is None:
        pytest.fail("the oxigraph server is a test dependency (pip install oxigraph)")
    return binary


@pytest.fixture(scope="session")
def oxigraph_store(tmp_path_factory):
    """`oxigraph serve` whose default graph is its own (not the union): the facade states the dataset."""
    port = free_port()
    process = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                                "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/", process, "oxigraph serve", 30)
    yield Store("oxigraph", base + "/store", base + "/query")
    stop(process)


@pytest.fixture(scope="session")
def virtuoso_store(tmp_path_factory):
    """Virtuoso with a fresh database; the dba password is set to a random one before anything is loaded."""
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if server is None or isql is None:
        pytest.fail("Virtuoso is a test dependency: apt-get install virtuoso-opensource (.ci/run does)")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(sql_port=sql_port, http_port=http_port))
    process = subprocess.Popen([server, "+configfile", "virtuoso.ini", "+foreground"], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http_port}"
    wait_for(base + "/sparql?query=ASK%7B%7D", process, "Virtuoso", 90, folder / "virtuoso.log")
    password = secrets.token_urlsafe(12)
    changed = subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba", f"EXEC=USER_CHANGE_PASSWORD('dba', 'dba', '{password}');"],
                             capture_output=True, text=True, timeout=60)
    if changed.returncode != 0 or "Error" in changed.stdout + changed.stderr:
        stop(process)
        pytest.fail(f"could not set Virtuoso's dba password: {changed.stdout} {changed.stderr}")
    yield Store("virtuoso", base + "/sparql-graph-crud-auth", base + "/sparql", "dba", password)
    stop(process)


class _BasicAuthProxy(BaseHTTPRequestHandler):
    """Relays every request to `upstream` once it carries the expected Basic credentials; 401 otherwise."""

    upstream = ""
    expected = ""

    def _relay(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.headers.get("Authorization") != self.expected:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="eujkg test store"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        headers = {k: v for k in ("Content-Type", "Accept") if (v := self.headers.get(k))}
        request = urllib.request.Request(self.upstream + self.path, data=body if body else None,
                                         method=self.command, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, kind, content = response.status, response.headers.get("Content-Type"), response.read()
        except urllib.error.HTTPError as error:
            status, kind, content = error.code, error.headers.get("Content-Type"), error.read()
        self.send_response(status)
        if kind:
            self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = _relay

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def basic_auth_store(oxigraph_store):
    """The test Oxigraph behind a reverse proxy that asks for HTTP Basic credentials."""
    user, password = "curator", secrets.token_urlsafe(12)
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    upstream = oxigraph_store.query.rsplit("/", 1)[0]
    handler = type("Proxy", (_BasicAuthProxy,), {"upstream": upstream, "expected": f"Basic {token}"})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    yield Store("oxigraph behind Basic auth", base + "/store", base + "/query", user, password)
    server.shutdown()
    thread.join(10)
