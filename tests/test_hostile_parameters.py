"""Hostile parameter values are bound as data (and come back unchanged) or refused with a clear
error; none changes the query or the graph."""

import pytest

from eujkg import InputError
from eujkg.read.queries import StoredQuery

HOSTILE = [
    'O\'Reilly "quoted"',
    '"} ; DROP ALL ; SELECT * WHERE { ?s ?p ?o',
    "> . DROP GRAPH <https://w3id.org/eujkg/graph/data> . <",
    "line one\nline two\r\n} UNION { ?s ?p ?o }",
    "\\u0022 escaped \\\" backslashes \\",
    "# comment } ) ]",
    "<https://w3id.org/eujkg/id/organisation/meti>",
    "x" * 1000,
]


@pytest.fixture(scope="module")
def echo(tmp_path_factory):
    path = tmp_path_factory.mktemp("q") / "echo.rq"
    path.write_text("# title: Echo\n# question: Does a value come back as it went in?\n"
                    "# param: text string -- any text\n# example: eujkg query echo text=x\n"
                    "SELECT ?text ?n WHERE { ?s a <https://w3id.org/eujkg/ontology#Cooperation> BIND (1 AS ?n) } LIMIT 1\n",
                    encoding="utf-8")
    return StoredQuery.read(path)


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_string_values_are_bound_as_literals(shipped, echo, value):
    before = len(shipped.store)
    rows = shipped.sparql(echo.bind({"text": value}, shipped.resolver)).rows()
    assert rows == [{"text": value, "n": 1}]
    assert len(shipped.store) == before


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_entity_values_are_refused_in_one_line(shipped, value):
    with pytest.raises(InputError) as error:
        shipped.query("partners", actor=value)
    assert str(error.value).startswith("parameter actor")
    assert "\n" not in str(error.value)


def test_overlong_value_is_refused(shipped, echo):
    with pytest.raises(InputError, match="at most 1000 are accepted"):
        echo.bind({"text": "x" * 100_000}, shipped.resolver)


def test_update_through_sparql_is_refused(shipped):
    before = len(shipped.store)
    with pytest.raises(InputError, match="read-only: SPARQL Update is not accepted"):
        shipped.sparql("DELETE WHERE { ?s ?p ?o }")
    assert len(shipped.store) == before
