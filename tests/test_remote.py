"""The remote backend against a real Oxigraph server on loopback: publish through the Graph Store
Protocol, then every stored query returns the same rows remote as embedded."""

import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from eujkg import InputError, KnowledgeGraph
from eujkg.graphs import graph_names
from eujkg.cli import EXIT_OK, main

CASES = sorted((Path(__file__).parent / "query_cases").glob("*.json"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    beside = Path(sys.executable).parent / "oxigraph"  # installed into the same virtual environment
    binary = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if binary is None:
        pytest.fail("the oxigraph server is a test dependency (pip install oxigraph)")
    port = _free_port()
    process = subprocess.Popen([binary, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                                "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=1)
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("oxigraph serve did not start")
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="module")
def published(oxigraph, shipped):
    shipped.ensure_built()
    assert main(["publish", "--endpoint", f"{oxigraph}/store"]) == EXIT_OK
    assert main(["publish", "--endpoint", f"{oxigraph}/store"]) == EXIT_OK  # twice: still one copy
    return KnowledgeGraph.remote(f"{oxigraph}/query")


def normalise(rows: list[dict]) -> list[tuple]:
    """Rows comparable across engines: GROUP_CONCAT lists (separated by '; ', ', ' or ' | ') as sorted parts."""
    def cell(value):
        text = "" if value is None else str(value)
        return "; ".join(sorted(re.split(r"; |, | \| ", text)))
    return sorted(tuple((k, cell(v)) for k, v in row.items()) for row in rows)


def test_publishing_twice_leaves_one_copy(published, shipped):
    counts = shipped.triple_counts
    for name, iri in graph_names(None).items():
        n = published.sparql(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}").rows()[0]["n"]
        assert n == counts[name], name


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_stored_query_same_rows_remote_as_embedded(published, shipped, case_file):
    case = json.loads(case_file.read_text(encoding="utf-8"))
    embedded = shipped.query(case["query"], **case["params"]).rows()
    remote = published.query(case["query"], **case["params"]).rows()
    assert normalise(remote) == normalise(embedded)


def test_describe_sources_and_labels_remote(published, shipped):
    assert published.describe("KBIC").as_text() == shipped.describe("KBIC").as_text()
    assert normalise(published.sources("Polepharma").rows()) == normalise(shipped.sources("Polepharma").rows())
    with pytest.raises(InputError, match="Closest matches: Life Science Nord"):
        published.query("partners", actor="Life Sciense Nord")


PAGES = ["/", "/search?q=kobe", "/network", "/network?sector=https://w3id.org/eujkg/id/sector/life-sciences",
         "/timeline", "/queries", "/queries/partners?actor=Life+Science+Nord", "/queries/candidate-partners",
         "/id/organisation/life-science-nord", "/id/cooperation/kyushu-bio-cluster--french-food-cluster",
         "/id/organisation/life-science-nord?format=ttl", "/ontology", "/ontology?format=nt",
         "/sparql?query=SELECT+%3Fc+WHERE+%7B+%3Fc+a+eujkg%3ACooperation+%7D+ORDER+BY+%3Fc",
         "/sparql?query=ASK+%7B%7D&format=csv", "/.well-known/void", "/id/organisation/no-such-thing"]


def test_every_page_is_served_from_the_remote_store(published, shipped, dist):
    """`eujkg serve --endpoint`: the same app over the published store answers every page as it does
    over the embedded store (the pages read through the backend only)."""
    from starlette.testclient import TestClient

    from eujkg.web.app import create_app
    with TestClient(create_app(published, dist, workers=1)) as remote, \
            TestClient(create_app(shipped, dist, workers=1)) as embedded:
        for path in PAGES:
            here, there = embedded.get(path), remote.get(path)
            assert there.status_code == here.status_code, path
            if path.endswith("format=ttl") or path.endswith("format=nt"):
                assert _canonical(there.content, path) == _canonical(here.content, path), path
            elif path.startswith("/queries/"):  # stored answers: rows and GROUP_CONCAT lists in any order
                assert _cells(there.text) == _cells(here.text), path
            else:
                assert there.text == here.text, path


def _cells(html: str) -> list[str]:
    return sorted("; ".join(sorted(re.split(r"; |, ", cell))) for cell in re.findall(r"<td>(.*?)</td>", html))


def _canonical(body: bytes, path: str) -> set[str]:
    import pyoxigraph as ox
    fmt = ox.RdfFormat.TURTLE if path.endswith("ttl") else ox.RdfFormat.N_TRIPLES
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in ox.parse(body, fmt))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return {str(quad) for quad in dataset}


def test_cli_query_with_endpoint(published, oxigraph, capsys):
    assert main(["query", "partners", "actor=Life Science Nord", "--endpoint", f"{oxigraph}/query",
                 "--format", "csv"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Kobe Biomedical Innovation Cluster" in out and "Japanese" in out


def test_union_default_graph_mode_gives_the_same_rows(published, oxigraph, shipped):
    """Runs before the mirror below is published: in this mode the endpoint reads every graph in the store."""
    union = KnowledgeGraph.remote(f"{oxigraph}/query", union_default_graph=True)
    for name, params in [("partners", {"actor": "Life Science Nord"}), ("summary", {}),
                         ("programmes-active-in-year", {"year": "2005"})]:
        assert normalise(union.query(name, **params).rows()) == normalise(shipped.query(name, **params).rows())


def test_publish_under_another_graph_base(oxigraph, shipped):
    base = "https://example.org/mirror/"
    assert main(["publish", "--endpoint", f"{oxigraph}/store", "--graph", base]) == EXIT_OK
    mirror = KnowledgeGraph.remote(f"{oxigraph}/query", graph_base=base)
    assert normalise(mirror.query("partners", actor="Life Science Nord").rows()) == \
        normalise(shipped.query("partners", actor="Life Science Nord").rows())


def test_unreachable_endpoint_is_one_clear_error(capsys):
    port = _free_port()
    assert main(["query", "summary", "--endpoint", f"http://127.0.0.1:{port}/query"]) == 2
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if not line.startswith("eujkg: reading ")]
    assert len(errors) == 1 and errors[0].startswith(f"eujkg: error: cannot reach http://127.0.0.1:{port}/query")
    assert "Traceback" not in err
