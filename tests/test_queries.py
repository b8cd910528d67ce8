"""Stored queries: each competency question has a query, and each query a case in tests/query_cases/
with rows taken from the sources. Also: headers, examples, quality checks, parameter handling."""

import json
import shlex
from pathlib import Path

import pytest

from eujkg import InputError, resources
from eujkg.cli import EXIT_OK, main
from eujkg.read.queries import load_queries

CASES = sorted((Path(__file__).parent / "query_cases").glob("*.json"))
QUERIES = load_queries(resources.queries_dir())


def matches(row: dict, expected: dict) -> bool:
    for key, want in expected.items():
        have = row[key]
        if isinstance(want, str) and "; " in want:
            if have is None or set(str(have).split("; ")) != set(want.split("; ")):
                return False
        elif isinstance(want, str):
            if have is None or str(have) != want:
                return False
        elif have != want:
            return False
    return True


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_query_returns_rows_from_the_sources(shipped, case_file):
    case = json.loads(case_file.read_text(encoding="utf-8"))
    rows = shipped.query(case["query"], **case["params"]).rows()
    if "rows" in case:
        assert len(rows) == case["rows"]
    assert len(rows) >= case.get("min_rows", 1)
    for expected in case.get("expect", []):
        assert any(matches(row, expected) for row in rows), f"no row matches {expected}"
    for unwanted in case.get("absent", []):
        assert not any(matches(row, unwanted) for row in rows), f"a row matches {unwanted}"
    for column in case.get("non_empty", []):
        assert all(row[column] not in (None, "") for row in rows)
    if "ordered_by" in case:
        column = case["ordered_by"].lstrip("-")
        values = [row[column] for row in rows]
        assert values == sorted(values, reverse=case["ordered_by"].startswith("-"))


def test_every_query_has_a_case():
    covered = {json.loads(c.read_text(encoding="utf-8"))["query"] for c in CASES}
    answering = {name for name in QUERIES if not name.endswith("-violation")}
    assert answering <= covered, f"queries without a test case: {sorted(answering - covered)}"
    assert len(answering) >= 19


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_header_documents_the_query(name):
    query = QUERIES[name]
    assert query.title and query.question.endswith("?")
    assert query.examples, "every query shows an example call"
    for parameter in query.parameters:
        assert parameter.doc, f"parameter {parameter.name} lacks a description"


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_example_runs(shipped, name, capsys):
    words = shlex.split(QUERIES[name].examples[0])
    assert words[:3] == ["eujkg", "query", name]
    assert main(words[1:] + ["--format", "json"]) == EXIT_OK
    result = json.loads(capsys.readouterr().out)
    assert "results" in result


@pytest.mark.parametrize("name", sorted(n for n in QUERIES if n.endswith("-violation")))
def test_quality_check_finds_nothing(shipped, name):
    assert shipped.query(name).rows() == []


def test_quality_checks_exist():
    assert any(n.endswith("-violation") for n in QUERIES)


@pytest.mark.parametrize("given", [
    "Life Science Nord", "life science nord", "  LIFE SCIENCE NORD ", "Life Sciences Nord",
    "organisation:life-science-nord", "https://w3id.org/eujkg/id/organisation/life-science-nord",
])
def test_actor_by_label_curie_or_iri(shipped, given):
    rows = shipped.query("partners", actor=given).rows()
    assert {r["partner_label"] for r in rows} == {"Kobe Biomedical Innovation Cluster",
                                                  "Foundation for Biomedical Research and Innovation"}


def test_unknown_label_lists_closest_matches(shipped):
    with pytest.raises(InputError) as error:
        shipped.query("partners", actor="Life Sciense Nord")
    assert "no eujkg:Organisation is labelled 'Life Sciense Nord'" in str(error.value)
    assert "Life Science Nord (organisation:life-science-nord)" in str(error.value)


def test_ambiguous_label_lists_the_candidates(shipped):
    with pytest.raises(InputError) as error:
        shipped.query("cooperations-in-sector", sector="Tourism")
    assert "sector:tourism" in str(error.value) and "sector:jetro-tourism" in str(error.value)


def test_entity_of_the_wrong_class_is_refused(shipped):
    with pytest.raises(InputError, match="is not a eujkg:Organisation"):
        shipped.query("partners", actor="place:kobe")


@pytest.mark.parametrize("params, message", [
    ({}, "needs parameter actor"),
    ({"actor": "METI", "colour": "blue"}, "has no parameter colour"),
])
def test_missing_or_unknown_parameter(shipped, params, message):
    with pytest.raises(InputError, match=message):
        shipped.query("partners", **params)


@pytest.mark.parametrize("value", ["20O5", "2005-01", "3000", "", "2005; DROP"])
def test_bad_year_is_refused(shipped, value):
    with pytest.raises(InputError, match="parameter year"):
        shipped.query("programmes-active-in-year", year=value)


def test_unknown_query_suggests_a_name(shipped):
    with pytest.raises(InputError, match="did you mean partners"):
        shipped.query("partner", actor="METI")
