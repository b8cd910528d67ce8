"""Exports re-import to the graph they came from; the release is complete, described and atomic."""

import hashlib

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.namespace import RDF

from eujkg.export import FORMATS, build_release, cached_graphs, write_atomically
from eujkg.namespaces import DCAT, VOID
from eujkg.graphs import DATA_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH


@pytest.fixture(scope="module")
def graphs(shipped):
    return cached_graphs(shipped)


def _ox(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)


def canonical(*graphs) -> set[str]:
    """The graph's canonical form (RDF Dataset Canonicalization, RDFC-1.0): equal iff isomorphic."""
    dataset = ox.Dataset([ox.Quad(_ox(s), _ox(p), _ox(o)) for graph in graphs for s, p, o in graph])
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return {str(quad) for quad in dataset}


def isomorphic(left, right) -> bool:
    return canonical(left) == canonical(right)


def expected(graphs, parts):
    merged = Graph()
    for part in parts:
        for triple in graphs[part]:
            merged.add(triple)
    return merged


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "trig"])
@pytest.mark.parametrize("inferred", [False, True])
def test_export_reimports_isomorphic(shipped, graphs, fmt, inferred):
    content = shipped.export(fmt, inferred=inferred)
    back = Graph().parse(data=content, format=FORMATS[fmt].media_type)
    parts = ["ontology", "data"] + (["inferred"] if inferred else [])
    assert isomorphic(back, expected(graphs, parts))
    # a second consumer, pyoxigraph, reads the same bytes to the same number of triples
    oxigraph_format = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
                       "rdfxml": ox.RdfFormat.RDF_XML}[fmt]
    assert len(list(ox.parse(content, oxigraph_format))) == len(back)


@pytest.mark.parametrize("inferred", [False, True])
def test_trig_keeps_named_graphs(shipped, graphs, inferred):
    back = Dataset().parse(data=shipped.export("trig", inferred=inferred), format="trig")
    names = {ONTOLOGY_GRAPH: "ontology", DATA_GRAPH: "data", INFERRED_GRAPH: "inferred"}
    present = {str(g.identifier) for g in back.graphs() if len(g)}
    assert present == {iri for iri, part in names.items() if inferred or part != "inferred"}
    for iri in present:
        assert isomorphic(back.graph(URIRef(iri)), graphs[names[iri]])


def test_jsonld_is_compact_with_the_shipped_context(shipped):
    text = shipped.export("jsonld").decode("utf-8")
    assert '"@context"' in text and '"eujkg": "https://w3id.org/eujkg/ontology#"' in text
    assert '"organisation:life-science-nord"' in text


def test_release_is_complete_and_described(shipped, tmp_path):
    dist = tmp_path / "dist"
    written = build_release(shipped, dist, "0.1.0")
    names = {p.name for p in written}
    assert names == {"eujkg.ttl", "eujkg.nt", "eujkg.jsonld", "eujkg.rdf", "eujkg.trig",
                     "eujkg-inferred.nt", "eujkg-ontology.ttl", "void.ttl"}
    assert sorted(p.name for p in dist.iterdir()) == sorted(names), "no temporary files are left behind"
    void = Graph().parse(dist / "void.ttl")
    dataset = URIRef("https://w3id.org/eujkg/dataset")
    assert (dataset, RDF.type, VOID.Dataset) in void and (dataset, RDF.type, DCAT.Dataset) in void
    distributions = list(void.objects(dataset, DCAT.distribution))
    assert len(distributions) == 7
    for dist_node in distributions:
        name = str(void.value(dist_node, DCAT.downloadURL)).rsplit("/", 1)[1]
        content = (dist / name).read_bytes()
        assert int(void.value(dist_node, DCAT.byteSize)) == len(content)
        checksum = void.value(dist_node, URIRef("http://spdx.org/rdf/terms#checksum"))
        value = void.value(checksum, URIRef("http://spdx.org/rdf/terms#checksumValue"))
        assert str(value) == hashlib.sha256(content).hexdigest()
    assert int(void.value(dataset, VOID.triples)) == shipped.triple_counts["ontology"] + shipped.triple_counts["data"]
    partitions = {str(void.value(p, VOID["class"])): int(void.value(p, VOID.entities))
                  for p in void.objects(dataset, VOID.classPartition)}
    assert partitions["https://w3id.org/eujkg/ontology#Cooperation"] == 20
    assert URIRef("http://www.w3.org/ns/org#") in set(void.objects(dataset, VOID.vocabulary))
    assert str(void.value(dataset, URIRef("http://purl.org/dc/terms/license"))) == "https://creativecommons.org/licenses/by/4.0/"


def test_interrupted_write_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "eujkg.ttl"
    target.write_bytes(b"old")

    def fail(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr("os.replace", fail)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, b"new content")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["eujkg.ttl"]


def test_the_isomorphism_check_can_fail(graphs):
    data = graphs["data"]
    smaller = Graph()
    for i, triple in enumerate(data):
        if i:
            smaller.add(triple)
    assert isomorphic(data, data) and not isomorphic(data, smaller)
