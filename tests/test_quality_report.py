"""The data-quality checks (queries/*-violation.rq) are part of the curator's report: `eujkg validate`
names each entity they find, with its file and line, and the data does not conform."""

import shutil
from pathlib import Path

from eujkg.cli import EXIT_NONCONFORMING, main

REPO = Path(__file__).resolve().parents[1]


def test_a_quality_problem_fails_validation_with_file_and_line(tmp_path, monkeypatch, capsys):
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    shutil.copy(REPO / "pyproject.toml", checkout)
    for name in ("ontology", "data", "queries"):
        shutil.copytree(REPO / name, checkout / name)
    extra = checkout / "data" / "zz-duplicate.ttl"
    extra.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix eujkg: <https://w3id.org/eujkg/ontology#> .\n"
        "@prefix organisation: <https://w3id.org/eujkg/id/organisation/> .\n"
        "@prefix section: <https://w3id.org/eujkg/id/section/> .\n\n"
        "organisation:life-science-nord-again a eujkg:ClusterOrganisation ;\n"
        '    skos:prefLabel "Life Science Nord"@en ;\n'
        "    eujkg:citation [ eujkg:section section:japan-page-cluster-to-cluster ] .\n", encoding="utf-8")
    monkeypatch.setenv("EUJKG_HOME", str(checkout))
    assert main(["validate"]) == EXIT_NONCONFORMING
    out = capsys.readouterr().out
    assert "Entities that share a kind and an English name" in out
    assert "duplicate-label-violation" in out
    first = out.splitlines()[0]
    assert "organisations.ttl:" in first and first.endswith('organisation:life-science-nord "Life Science Nord"')
    assert "second organisation:life-science-nord-again" in out
