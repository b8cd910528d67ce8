"""The edit-check loop tells the truth: run in a checkout, the commands read that checkout's files.

CI installs the package without -e (`pip install ".[test]"`, as the README says), so the installed
copy of data/ is not the one a curator edits; these tests edit a checkout and expect to see it.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture()
def checkout(tmp_path):
    """A copy of this checkout's project files in a fresh folder."""
    root = tmp_path / "checkout"
    root.mkdir()
    shutil.copy(REPO / "pyproject.toml", root)
    for name in ("ontology", "data", "queries"):
        shutil.copytree(REPO / name, root / name)
    return root


def run(args, cwd):
    env = {k: v for k, v in os.environ.items() if k != "EUJKG_HOME"}
    return subprocess.run([sys.executable, "-m", "eujkg", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_a_broken_file_in_the_checkout_is_seen(checkout):
    cooperations = checkout / "data" / "cooperations.ttl"
    text = cooperations.read_text(encoding="utf-8")
    broken, count = re.subn(r"eujkg:japanesePartner [\w:-]+ ;", "", text, count=1)
    assert count == 1
    cooperations.write_text(broken, encoding="utf-8")
    result = run(["validate"], cwd=checkout / "data")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "japanese" in result.stdout.lower()
    assert f"of the checkout at {checkout}" in result.stderr


def test_every_command_says_what_it_read(checkout):
    for args in (["queries"], ["query", "summary", "--format", "csv"], ["validate"]):
        result = run(args, cwd=checkout)
        assert result.returncode == 0, result.stderr
        said = [line for line in result.stderr.splitlines() if line.startswith("eujkg: reading ")]
        assert len(said) == 1 and said[0].endswith(f"of the checkout at {checkout}"), result.stderr


def test_outside_a_checkout_the_installed_files_are_read(tmp_path):
    result = run(["queries"], cwd=tmp_path)
    assert result.returncode == 0
    assert "of the installed package at" in result.stderr


def test_eujkg_home_must_be_a_checkout(tmp_path):
    env = {**os.environ, "EUJKG_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "eujkg", "queries"], env=env, capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip() == f"eujkg: error: EUJKG_HOME={tmp_path}: not an eujkg checkout " \
                                    "(pyproject.toml, ontology/, data/, queries/)"
