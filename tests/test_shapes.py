"""PASS and FAIL fixtures for the shapes (tests/shapes/): each FAIL file says, in `# expect:` lines,
exactly which shape and property must fail; PASS files must conform.

Fixtures are validated with the shipped places, sectors, vocabularies and sources and a few test
organisations (tests/shapes/context.ttl), through the same reasoning and validation as the graph.
"""

from pathlib import Path

import pytest

from eujkg import KnowledgeGraph, resources

HERE = Path(__file__).parent / "shapes"
PASS = sorted((HERE / "pass").glob("*.ttl"))
FAIL = sorted((HERE / "fail").glob("*.ttl"))
SUPPORT = ("places.ttl", "sectors.ttl", "vocabularies.ttl", "sources.ttl")


def fixture_graph(fixture: Path, engine: str = "fast") -> KnowledgeGraph:
    support = [resources.data_dir() / name for name in SUPPORT]
    return KnowledgeGraph(support + [HERE / "context.ttl", fixture], engine=engine)


def expected_failures(fixture: Path) -> set[tuple[str, str]]:
    pairs = set()
    for line in fixture.read_text(encoding="utf-8").splitlines():
        if line.startswith("# expect:"):
            shape, path = line.removeprefix("# expect:").split()
            pairs.add((shape, "" if path == "-" else path))
    return pairs


ENGINES = ["fast", "reference"]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("fixture", PASS, ids=[f.stem for f in PASS])
def test_pass_fixture_conforms(fixture, engine):
    report = fixture_graph(fixture, engine).validate()
    assert report.conforms, report.as_text()


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("fixture", FAIL, ids=[f.stem for f in FAIL])
def test_fail_fixture_fails_exactly_as_expected(fixture, engine):
    expected = expected_failures(fixture)
    assert expected, f"{fixture.name} declares no '# expect:' line"
    report = fixture_graph(fixture, engine).validate()
    found = set()
    for problem in report.problems:
        if problem.message.startswith("OWL RL inconsistency"):
            found.add(("owl-rl", "inconsistency"))
        else:
            found.add((problem.shape, problem.path))
            assert fixture.name in problem.origin, f"problem reported against {problem.origin}"
    assert found == expected, report.as_text()


def test_problem_names_the_line_that_defines_the_entity():
    fixture = HERE / "fail" / "cooperation-with-one-partner.ttl"
    [problem] = fixture_graph(fixture).validate().problems
    line = int(problem.origin.rsplit(":", 1)[1])
    assert fixture.read_text(encoding="utf-8").splitlines()[line - 1].startswith("cooperation:one-sided ")
    assert problem.entity == "cooperation:one-sided"
    assert problem.label == "One-sided cooperation"


@pytest.mark.parametrize("engine", ["fast", "reference"])
def test_problem_names_the_line_of_an_escaped_curie(tmp_path, engine):
    """Both engines share one file:line lookup (eujkg.build.curation); it once missed escaped local names."""
    text = (HERE / "fail" / "cooperation-with-one-partner.ttl").read_text(encoding="utf-8")
    fixture = tmp_path / "escaped.ttl"
    fixture.write_text(text.replace("cooperation:one-sided ", "cooperation:one\\&sided "), encoding="utf-8")
    [problem] = fixture_graph(fixture, engine).validate().problems
    line = [n for n, row in enumerate(fixture.read_text(encoding="utf-8").splitlines(), 1)
            if row.startswith("cooperation:one\\&sided ")]
    assert problem.entity == "cooperation:one&sided" and problem.origin.endswith(f"escaped.ttl:{line[0]}")
