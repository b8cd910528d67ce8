"""Curators' tools: CSV templates, importing rows from CSV and XLSX, and diffs between versions.

The import cases in tests/import_cases/ are invented things (their labels say "test fixture") that name
real entities of the graph; they are imported into a temporary file, never into data/.
"""

import csv
import io
import shutil
from pathlib import Path

import pytest

from eujkg import KnowledgeGraph, resources
from eujkg.cli import EXIT_ERROR, EXIT_NONCONFORMING, EXIT_OK, main
from eujkg.curate.kinds import KINDS

CASES = Path(__file__).parent / "import_cases"
GOOD = sorted(CASES.glob("*.csv"))
BROKEN = sorted((CASES / "broken").glob("*.csv"))


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_template_documents_every_column(kind, capsys):
    assert main(["template", kind]) == EXIT_OK
    text = capsys.readouterr().out
    comments = [line for line in text.splitlines() if line.startswith("#")]
    header = next(csv.reader(line for line in text.splitlines() if not line.startswith("#")))
    assert header == [column.name for column in KINDS[kind].columns]
    for column in header:
        assert any(line.startswith(f"# {column} (") for line in comments), f"column {column} is not documented"


def test_every_kind_has_an_import_case():
    covered = {path.read_text(encoding="utf-8").split("\n", 1)[0].split(":", 1)[1].strip() for path in GOOD}
    assert covered == set(KINDS)


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """All good cases imported together (later files name things made by earlier ones)."""
    output = tmp_path_factory.mktemp("import") / "imported.ttl"
    assert main(["import", *map(str, GOOD), "--output", str(output)]) == EXIT_OK
    return output


@pytest.fixture(scope="module")
def with_imported(imported):
    return KnowledgeGraph(resources.data_files() + [imported], quality_checks=True)


def test_imported_rows_conform_with_the_data(with_imported):
    assert with_imported.validate().conforms


def test_imported_rows_answer_the_stored_queries(with_imported):
    partners = with_imported.query("partners", actor="KPC-TEST").rows()
    assert [r["partner_label"] for r in partners] == ["Hamburg Optics Network (test fixture)"]
    kbic = {r["partner_label"] for r in with_imported.query("partners", actor="KBIC").rows()}
    assert "Hamburg Optics Network (test fixture)" in kbic
    figures = with_imported.query("figures-about", entity="Kyushu Photonics Cluster (test fixture)").rows()
    assert [str(f["value"]) for f in figures] == ["120"]
    events = with_imported.query("events-in-period", **{"from": "2019-11-01", "to": "2019-11-30"}).rows()
    assert any("test fixture" in str(e["label"]) for e in events)
    agreements = with_imported.query("agreements-in-period", **{"from": "2019", "to": "2019"}).rows()
    assert any("test fixture" in str(a["label"]) for a in agreements)


@pytest.mark.parametrize("case", GOOD, ids=lambda p: p.stem)
def test_each_case_imports_alone_or_after_the_ones_it_names(case, tmp_path):
    needed = [p for p in GOOD if p.name <= case.name]
    output = tmp_path / "out.ttl"
    assert main(["import", *map(str, needed), "--output", str(output)]) == EXIT_OK
    assert output.read_text(encoding="utf-8").startswith("@prefix ")


def test_xlsx_gives_the_same_turtle_as_csv(tmp_path, imported):
    from openpyxl import Workbook

    sheets = []
    for case in GOOD:
        workbook = Workbook()
        sheet = workbook.active
        for row in csv.reader(io.StringIO(case.read_text(encoding="utf-8"))):
            sheet.append(row)
        path = tmp_path / f"{case.stem}.xlsx"
        workbook.save(path)
        sheets.append(path)
    output = tmp_path / "from-xlsx.ttl"
    assert main(["import", *map(str, sheets), "--output", str(output)]) == EXIT_OK
    strip = lambda text: [line for line in text.splitlines() if not line.startswith("#")]  # noqa: E731
    assert strip(output.read_text(encoding="utf-8")) == strip(imported.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", BROKEN, ids=lambda p: p.stem)
def test_broken_rows_are_reported_by_row_and_column(case, tmp_path, capsys):
    output = tmp_path / "never.ttl"
    assert main(["import", str(case), "--output", str(output)]) == EXIT_NONCONFORMING
    lines = capsys.readouterr().out.splitlines()
    assert not output.exists(), "nothing is written when a row fails"
    problems = [line for line in lines if line.startswith(str(case))]
    expected = [line.split("\t") for line in case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()]
    assert len(problems) == len(expected), "\n".join(lines)
    for (row, column, words), line in zip(expected, problems):
        where = f"{case}:{row}" + (f", column {column}:" if column else ":")
        assert line.startswith(where) and words in line, f"expected {where} … {words}, got {line}"


@pytest.mark.parametrize("args, message", [
    (["import", "no-such-file.csv", "--output", "x.ttl"], "no-such-file.csv: no such file"),
    (["import", "README.md", "--output", "x.ttl"], "give a .csv or .xlsx file"),
    (["template", "spaceship"], None),
])
def test_bad_arguments_are_one_line_errors(args, message, capsys):
    if message is None:
        with pytest.raises(SystemExit) as stopped:
            main(args)
        assert stopped.value.code == EXIT_ERROR
        return
    assert main(args) == EXIT_ERROR
    assert message in capsys.readouterr().err


def test_an_unknown_column_is_named(tmp_path, capsys):
    sheet = tmp_path / "odd.csv"
    sheet.write_text("# eujkg template: figure\nlabel,colour\nX,red\n", encoding="utf-8")
    assert main(["import", str(sheet), "--output", str(tmp_path / "o.ttl")]) == EXIT_NONCONFORMING
    assert "column colour: not a column of the figure template" in capsys.readouterr().out


# ---- diff ----

@pytest.fixture()
def two_checkouts(tmp_path):
    repo = Path(__file__).resolve().parents[1]
    old, new = tmp_path / "old", tmp_path / "new"
    for root in (old, new):
        root.mkdir()
        for name in ("ontology", "data"):
            shutil.copytree(repo / name, root / name)
    return old, new


def test_diff_of_identical_versions_is_empty(two_checkouts, capsys):
    old, new = two_checkouts
    assert main(["diff", str(old), str(new)]) == EXIT_OK
    assert "0 added, 0 changed, 0 retired (owl:deprecated), 0 removed" in capsys.readouterr().out


def test_diff_lists_added_changed_retired_and_removed(two_checkouts, imported, capsys):
    old, new = two_checkouts
    shutil.copy(imported, new / "data" / "imported.ttl")
    organisations = new / "data" / "organisations.ttl"
    text = organisations.read_text(encoding="utf-8")
    text = text.replace('skos:prefLabel "Life Science Nord"@en ;', 'skos:prefLabel "Life Science Nord"@en ; '
                        'skos:altLabel "LSN (diff test)"@en ;', 1)
    organisations.write_text(text, encoding="utf-8")
    (new / "data" / "retired.ttl").write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n@prefix dct: <http://purl.org/dc/terms/> .\n"
        "<https://w3id.org/eujkg/id/organisation/kobe-biomedical-innovation-cluster> owl:deprecated true ; "
        "dct:isReplacedBy <https://w3id.org/eujkg/id/organisation/life-science-nord> .\n", encoding="utf-8")
    (new / "data" / "sources.ttl").write_text((new / "data" / "sources.ttl").read_text(encoding="utf-8"),
                                               encoding="utf-8")
    persons = new / "data" / "persons.ttl"
    persons.unlink()
    assert main(["diff", str(old), str(new)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "+ organisation:kyushu-photonics-cluster-test-fixture" in out
    assert '+ skos:altLabel "LSN (diff test)"@en' in out
    assert "~ organisation:kobe-biomedical-innovation-cluster" in out and "replaced by organisation:life-science-nord" in out
    assert "Removed without owl:deprecated" in out and "- person:" in out


def test_diff_of_a_release_and_the_working_copy(dist, capsys):
    assert main(["diff", str(dist), "working"]) == EXIT_OK
    assert "0 added, 0 changed" in capsys.readouterr().out


def test_diff_refuses_what_it_cannot_read(tmp_path, capsys):
    assert main(["diff", str(tmp_path), "working"]) == EXIT_ERROR
    assert "not a release folder" in capsys.readouterr().err


def test_build_writes_the_changes_against_the_previous_release(tmp_path, monkeypatch, capsys):
    repo = Path(__file__).resolve().parents[1]
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    shutil.copy(repo / "pyproject.toml", checkout)
    for name in ("ontology", "data", "queries"):
        shutil.copytree(repo / name, checkout / name)
    monkeypatch.setenv("EUJKG_HOME", str(checkout))
    dist = tmp_path / "dist"
    assert main(["build", "--dist", str(dist)]) == EXIT_OK
    assert not (dist / "changes.txt").exists(), "a first release has nothing to compare with"
    assert main(["import", str(GOOD[0])]) == EXIT_OK
    assert main(["build", "--dist", str(dist)]) == EXIT_OK
    changes = (dist / "changes.txt").read_text(encoding="utf-8")
    assert changes.startswith(f"Changes from the previous release in {dist} to the release in {dist}: 2 added")
    before = (dist / "changes.txt").read_bytes()
    assert main(["build", "--dist", str(dist)]) == EXIT_OK
    assert (dist / "changes.txt").read_bytes() == before, "a rebuild of the same data keeps the last changes"
    assert "No entity changed" in capsys.readouterr().out
