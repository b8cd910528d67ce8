"""Concrete content from the sources: one ASK query per file in tests/facts/, each must hold
over ontology + data + inferred triples (the query store)."""

from pathlib import Path

import pytest

FACTS = sorted((Path(__file__).parent / "facts").glob("*.rq"))


@pytest.mark.parametrize("fact", FACTS, ids=[f.stem for f in FACTS])
def test_fact_holds(shipped, fact):
    result = shipped.sparql(fact.read_text(encoding="utf-8"))
    assert result.boolean is True, f"{fact.name} does not hold:\n{fact.read_text(encoding='utf-8').splitlines()[0]}"


def test_there_are_fact_files():
    assert len(FACTS) >= 20
