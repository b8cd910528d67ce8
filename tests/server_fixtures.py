"""Fixtures for the server tests: a built release, the app, and a live server on loopback."""

import socket
import threading
import time

import pytest
import uvicorn

from eujkg.export import build_release
from eujkg.web.app import create_app


@pytest.fixture(scope="session")
def dist(shipped, tmp_path_factory):
    folder = tmp_path_factory.mktemp("dist")
    build_release(shipped, folder, "0.1.0")
    return folder


@pytest.fixture(scope="session")
def client(shipped, dist):
    from starlette.testclient import TestClient
    app = create_app(shipped, dist, workers=2, timeout=2.0, max_results=50)
    with TestClient(app) as test_client:
        yield test_client


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(shipped, dist):
    """A real uvicorn server on 127.0.0.1 in a background thread; its base URL."""
    port = free_port()
    app = create_app(shipped, dist, workers=2, timeout=2.0, max_results=10_000)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
