"""Shared fixtures. The cache goes to a fresh folder per test session, so every run starts cold
and never touches the user's cache; the files read are this checkout's (EUJKG_HOME), never a copy
installed elsewhere; the shipped graph is reasoned over and validated once."""

import os
import tempfile
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
os.environ["EUJKG_CACHE_DIR"] = tempfile.mkdtemp(prefix="eujkg-test-cache-")
os.environ["EUJKG_HOME"] = str(TESTS.parent)  # the tests read this checkout's files, whatever the install

from eujkg import KnowledgeGraph  # noqa: E402  (after the cache folder is set)

pytest_plugins = ["server_fixtures", "browser_fixtures", "store_fixtures"]


@pytest.fixture(scope="session")
def shipped() -> KnowledgeGraph:
    return KnowledgeGraph.shipped()


@pytest.fixture(scope="session")
def shipped_report(shipped):
    return shipped.validate()
