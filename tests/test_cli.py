"""The `eujkg` command: help texts, exit codes 0/1/2, errors as one line without a traceback."""

import subprocess
import sys
from pathlib import Path

import pytest

from eujkg import resources
from eujkg.cli import EXIT_ERROR, EXIT_NONCONFORMING, EXIT_OK, main

SHAPES = Path(__file__).parent / "shapes"
SUPPORT = [resources.data_dir() / n for n in ("places.ttl", "sectors.ttl", "vocabularies.ttl", "sources.ttl")]


def run(*args):
    return subprocess.run([sys.executable, "-m", "eujkg", *args], capture_output=True, text=True, timeout=300)


COMMANDS = ["build", "validate", "queries", "query", "sparql", "describe", "export"]


@pytest.mark.parametrize("args", [["--help"]] + [[c, "--help"] for c in COMMANDS])
def test_help(args):
    result = run(*args)
    assert result.returncode == 0
    assert result.stdout.startswith("usage: eujkg")
    assert "Exit codes" in result.stdout


def test_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("eujkg ")


def test_no_command_is_a_usage_error():
    result = run()
    assert result.returncode == 2 and "usage:" in result.stderr


def test_conforming_files_exit_0(capsys):
    code = main(["validate", *map(str, SUPPORT), str(SHAPES / "context.ttl"), str(SHAPES / "pass" / "complete-cooperation.ttl")])
    assert code == EXIT_OK
    assert "conforms" in capsys.readouterr().out


def test_nonconforming_files_exit_1_and_name_file_entity_and_fix(capsys):
    fixture = SHAPES / "fail" / "cooperation-with-one-partner.ttl"
    code = main(["validate", *map(str, SUPPORT), str(SHAPES / "context.ttl"), str(fixture)])
    out = capsys.readouterr().out
    assert code == EXIT_NONCONFORMING
    assert "cooperation-with-one-partner.ttl:" in out
    assert "cooperation:one-sided" in out
    assert "eujkg:europeanPartner" in out
    assert "does not conform" in out


def test_syntax_error_exits_2_with_file_and_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix a: <http://example.org/> .\n\na:b a:c a:d .\na:e a:f "unterminated .\n', encoding="utf-8")
    result = run("validate", str(bad))
    assert result.returncode == EXIT_ERROR
    assert result.stdout == ""
    [line] = [l for l in result.stderr.splitlines() if l.startswith("eujkg: error")]
    assert "bad.ttl:4:" in line and "Turtle syntax error" in line
    assert "Traceback" not in result.stderr


def test_missing_file_exits_2(tmp_path):
    result = run("validate", str(tmp_path / "nowhere.ttl"))
    assert result.returncode == EXIT_ERROR
    assert "nowhere.ttl: no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_queries_lists_every_stored_query(shipped, capsys):
    assert main(["queries"]) == EXIT_OK
    out = capsys.readouterr().out
    for name in shipped.queries:
        assert f"\n{name}\n" in "\n" + out
    assert "actor (iri of eujkg:Organisation, required)" in out


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_query_formats(shipped, capsys, fmt):
    assert main(["query", "partners", "actor=Life Science Nord", "--format", fmt]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Kobe Biomedical Innovation Cluster" in out
    if fmt == "json":
        import json
        data = json.loads(out)
        assert data["head"]["vars"][0] == "partner"
        assert {"type": "literal", "value": "Japanese"} in [b["side"] for b in data["results"]["bindings"]]
    if fmt == "tsv":
        assert out.splitlines()[0].startswith("?partner\t")
        assert '"Japanese"' in out


def test_query_errors_are_one_line_exit_2(shipped):
    for args, text in [(["query", "nonexistent"], "no stored query named 'nonexistent'"),
                       (["query", "partners", "actor=Nobody At All"], "no eujkg:Organisation is labelled"),
                       (["query", "partners", "actor"], "write NAME=VALUE"),
                       (["sparql", "SELECT * WHERE { ?s ?p }"], "SPARQL syntax error")]:
        result = run(*args)
        assert result.returncode == EXIT_ERROR, args
        errors = [l for l in result.stderr.splitlines() if l.startswith("eujkg: error")]
        assert len(errors) == 1 and text in errors[0], result.stderr
        assert "Traceback" not in result.stderr


def test_sparql_text_and_file(shipped, tmp_path, capsys):
    assert main(["sparql", "ASK { organisation:meti a eujkg:Ministry }"]) == EXIT_OK
    assert capsys.readouterr().out.strip() == "yes"
    query = tmp_path / "count.rq"
    query.write_text("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/eujkg/graph/data> { ?s a eujkg:Cooperation } }")
    assert main(["sparql", str(query), "--format", "csv"]) == EXIT_OK
    assert capsys.readouterr().out.split() == ["n", "20"]


def test_describe_shows_asserted_inferred_incoming_and_sources(shipped, capsys):
    assert main(["describe", "Life Science Nord"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith('organisation:life-science-nord  "Life Science Nord"')
    asserted, inferred = out.index("Asserted:"), out.index("Inferred (OWL RL):")
    assert "eujkg:cooperatesWith organisation:kobe-biomedical-innovation-cluster" in out[inferred:]
    assert "eujkg:basedIn place:hamburg" in out[asserted:inferred]
    assert "Referred to by:" in out and "cooperation:kobe-biomedical-innovation-cluster--life-science-nord" in out
    assert "Sources:" in out and "D3.5 – Discussion paper on Japan – 3.1" in out


def test_export_to_file_and_stdout(shipped, tmp_path, capsys):
    target = tmp_path / "out" / "graph.nt"
    assert main(["export", "--format", "nt", "--output", str(target)]) == EXIT_OK
    assert target.stat().st_size > 100_000
    assert main(["export", "--format", "ttl"]) == EXIT_OK
    assert "@prefix eujkg:" in capsys.readouterr().out
