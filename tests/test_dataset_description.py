"""dist/void.ttl: a dataset description the EU open-data portals can harvest (DCAT-AP 3.0.1) and
linked-data tools can use (VoID), and a release that is the same bytes whenever it is built."""

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, RDF, SH, SKOS, VOID

from eujkg import __version__
from eujkg.catalogue import DATASET, LINK_PREDICATES, version_of_description
from eujkg.export import build_release

HERE = Path(__file__).parent
REFERENCE = HERE.parent.parent / "shared" / "reference" / "dcat-ap-3.0.1"   # SEMICeu/DCAT-AP releases/3.0.1/shacl


@pytest.fixture(scope="module")
def void(dist):
    return Graph().parse(dist / "void.ttl")


def _violations(data: Graph, shapes: Graph) -> list[str]:
    import pyshacl
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    return sorted(f"{report.value(r, SH.focusNode)} {report.value(r, SH.resultPath)}: {report.value(r, SH.resultMessage)}"
                  for r in report.subjects(SH.resultSeverity, SH.Violation))


def test_the_rules_we_rely_on_hold(void):
    assert _violations(void, Graph().parse(HERE / "dcat" / "mandatory.ttl")) == []


def test_our_rules_can_fail(void):
    broken = Graph() + void
    for distribution in list(broken.subjects(RDF.type, DCAT.Distribution))[:1]:
        broken.remove((distribution, DCAT.accessURL, None))
    assert any("access URL" in v for v in _violations(broken, Graph().parse(HERE / "dcat" / "mandatory.ttl")))


@pytest.mark.parametrize("shapes", ["shapes.ttl", "range.ttl"])
def test_dcat_ap_301_shapes_find_no_violation(void, shapes):
    """The SEMICeu DCAT-AP 3.0.1 shapes (mandatory constraints, and classes of values) as harvesters run them."""
    if not (REFERENCE / shapes).is_file():
        pytest.skip(f"the DCAT-AP reference shapes are not beside this checkout ({REFERENCE})")
    assert _violations(void, Graph().parse(REFERENCE / shapes)) == []


def test_void_is_complete(void, shipped, dist):
    dataset = URIRef(DATASET)
    assert str(void.value(dataset, VOID.sparqlEndpoint)) == "https://w3id.org/eujkg/sparql"
    examples = set(void.objects(dataset, VOID.exampleResource))
    assert examples and all(str(e).startswith("https://w3id.org/eujkg/id/") for e in examples)
    dumps = {str(d).rsplit("/", 1)[1] for d in void.objects(dataset, VOID.dataDump)}
    assert dumps == {p.name for p in dist.iterdir() if p.name.startswith("eujkg.")}
    properties = {str(void.value(p, VOID.property)): int(void.value(p, VOID.triples))
                  for p in void.objects(dataset, VOID.propertyPartition)}
    assert sum(properties.values()) == int(void.value(dataset, VOID.triples))


def test_a_linkset_per_outside_dataset_counts_its_links(void, shipped):
    data = shipped.data
    expected = Counter()
    for s, p, o in data:
        if str(p) in LINK_PREDICATES and isinstance(o, URIRef) and not str(o).startswith("https://w3id.org/eujkg/"):
            namespace = str(o)[: max(str(o).rfind("#"), str(o).rfind("/")) + 1]
            expected[(namespace, str(p))] += 1
    found = Counter()
    for linkset in void.subjects(RDF.type, VOID.Linkset):
        target = void.value(linkset, VOID.objectsTarget)
        found[(str(void.value(target, VOID.uriSpace)), str(void.value(linkset, VOID.linkPredicate)))] = \
            int(void.value(linkset, VOID.triples))
    assert found == expected
    assert any(p == str(SKOS.exactMatch) or p == str(SKOS.closeMatch) for _, p in found) or not expected


def test_public_base_sets_the_endpoint_and_downloads(shipped, tmp_path):
    build_release(shipped, tmp_path, __version__, "https://data.example.org/eujkg/")
    void = Graph().parse(tmp_path / "void.ttl")
    assert str(void.value(URIRef(DATASET), VOID.sparqlEndpoint)) == "https://data.example.org/eujkg/sparql"
    urls = {str(u) for u in void.objects(None, DCAT.accessURL)}
    assert urls and all(u.startswith("https://data.example.org/eujkg/dist/") for u in urls)


def test_the_description_states_the_package_version():
    assert version_of_description() == __version__, "bump dcat:version and dct:modified in src/eujkg/dataset.ttl"


def test_the_release_is_the_same_bytes_whoever_builds_it(tmp_path):
    """Two builds in fresh processes, with their own caches, hash seeds and time zones."""
    def build(name, seed, zone):
        env = {**os.environ, "PYTHONHASHSEED": seed, "TZ": zone, "EUJKG_CACHE_DIR": str(tmp_path / f"cache-{name}")}
        subprocess.run([sys.executable, "-m", "eujkg", "build", "--dist", str(tmp_path / name)], env=env, check=True,
                       capture_output=True, timeout=600)
        return {p.name: p.read_bytes() for p in (tmp_path / name).iterdir()}
    first, second = build("a", "1", "UTC"), build("b", "2", "Asia/Tokyo")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
