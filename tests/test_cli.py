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


@pytest.mark.parametrize("args", [["--help"], ["validate", "--help"]])
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
    [line] = result.stderr.strip().splitlines()
    assert "bad.ttl:4:" in line and "Turtle syntax error" in line
    assert "Traceback" not in result.stderr


def test_missing_file_exits_2(tmp_path):
    result = run("validate", str(tmp_path / "nowhere.ttl"))
    assert result.returncode == EXIT_ERROR
    assert "nowhere.ttl: no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr
