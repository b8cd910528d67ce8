"""Deterministic answers: every query's answer is put in one form (eujkg.read.canonical), so it does not
depend on the order in which an engine happens to produce rows or GROUP_CONCAT parts. The remote tests
(test_remote.py) show the same bytes from Oxigraph and Virtuoso; these check the rules that make it so,
for every query file, stored and internal."""

import random
import re
from importlib import resources as package_files
from pathlib import Path

import pyoxigraph as ox
import pytest

from eujkg import resources
from eujkg.mediatypes import SPARQL_JSON
from eujkg.read.queries import StoredQuery, load_queries
from eujkg.read.results import QueryResult

STORED = load_queries(resources.queries_dir())
FILES = sorted(resources.queries_dir().glob("*.rq")) + sorted(
    path for package in ("eujkg.read", "eujkg.web")
    for path in (Path(str(package_files.files(package))) / "sparql").glob("*.rq"))
_CONCAT = re.compile(r'GROUP_CONCAT\s*\((?:DISTINCT\s+)?[^;]+;\s*separator\s*=\s*"(?P<separator>[^"]*)"\s*\)'
                     r'\s+AS\s+\?(?P<alias>\w+)', re.IGNORECASE)


def body(path: Path) -> str:
    return "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#"))


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_every_list_column_is_declared_with_its_separator(path):
    query = StoredQuery.read(path)
    text = body(path)
    for match in _CONCAT.finditer(text):
        alias, separator = match["alias"], match["separator"]
        outer = re.search(rf"SAMPLE\s*\(\s*\?{alias}\s*\)\s+AS\s+\?(\w+)", text, re.IGNORECASE)
        column = outer.group(1) if outer else alias
        assert query.lists.get(column) == separator, f'add "# list: {column} \\"{separator}\\"" to the header'


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_query_text_is_ascii(path):
    """Virtuoso 7.2 turns a non-ASCII constant that reaches GROUP_CONCAT into '?' ('2001–2005' read '2001?2005')."""
    for line in body(path).splitlines():
        assert line.isascii(), f"{path.name}: non-ASCII text in the query: {line.strip()[:80]}"


@pytest.mark.parametrize("name", sorted(STORED))
def test_rows_are_ordered_by_what_the_answer_shows(shipped, name):
    """The facade sorts by the ORDER BY variables; one the answer does not show must be a number from a
    VALUES table (summary, maturity-index), which every engine orders alike."""
    query = STORED[name]
    result = shipped.query(name, **example_parameters(query))
    for variable, _ in query.order:
        if variable not in result.variables:
            assert re.search(rf"VALUES\s*\([^)]*\?{variable}\b", query.text), f"project ?{variable} or order by another"


@pytest.mark.parametrize("name", sorted(STORED))
def test_answer_does_not_depend_on_the_order_engines_give(shipped, name):
    """The raw answer, with its rows and its list cells' parts shuffled as another engine might give
    them, is put in the same form, byte for byte."""
    query = STORED[name]
    raw = shipped.backend.query(query.bind(example_parameters(query), shipped.resolver))
    expected = query.canonical(raw).serialize(SPARQL_JSON)
    generator = random.Random(name)
    sorted_here = all(variable in raw.variables for variable, _ in query.order)  # else the engine's order stays
    for _ in range(5):
        shuffled = [dict(row) for row in raw.solutions]
        if sorted_here:
            generator.shuffle(shuffled)
        for row in shuffled:
            for column, separator in query.lists.items():
                if row.get(column) is not None:
                    parts = row[column].value.split(separator)
                    generator.shuffle(parts)
                    row[column] = ox.Literal(separator.join(parts), language="en")  # as Oxigraph keeps a tag
        assert query.canonical(QueryResult(raw.variables, shuffled)).serialize(SPARQL_JSON) == expected


def test_an_empty_list_is_unbound_whatever_the_engine_gives():
    query = STORED["programmes"]
    for empty in (None, ox.Literal("")):  # Oxigraph leaves it unbound, Virtuoso gives ""
        answer = QueryResult(["programme", "launched_by"], [{"programme": ox.NamedNode("https://example.org/p"),
                                                            "launched_by": empty}])
        assert query.canonical(answer).solutions[0]["launched_by"] is None


def test_list_parts_in_natural_order():
    query = STORED["programmes"]
    cell = ox.Literal("10. Tenth; 2. second; 1. First; 2. Second")
    answer = QueryResult(["phases"], [{"phases": cell}])
    assert query.canonical(answer).solutions[0]["phases"] == ox.Literal("1. First; 2. Second; 2. second; 10. Tenth")


def example_parameters(query) -> dict[str, str]:
    words = re.findall(r'(\w+)=("[^"]*"|\S+)', query.examples[0])
    return {key: value.strip('"') for key, value in words}
