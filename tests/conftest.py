"""Shared fixtures: the shipped graph is loaded, reasoned over and validated once per session."""

from pathlib import Path

import pytest

from eujkg import KnowledgeGraph

TESTS = Path(__file__).parent


@pytest.fixture(scope="session")
def shipped() -> KnowledgeGraph:
    return KnowledgeGraph.shipped()


@pytest.fixture(scope="session")
def union(shipped):
    """Ontology, asserted data and inferred triples together."""
    return shipped.union()


@pytest.fixture(scope="session")
def shipped_report(shipped):
    return shipped.validate()
