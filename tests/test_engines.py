"""The fast engine (pyoxigraph, OWL RL and SHACL compiled to SPARQL) gives what the reference
engine (rdflib, owlrl, pySHACL) gives: the same inferred triples, the same inconsistencies and the
same validation problems, on the shipped graph and on a generated graph with planted problems."""

from pathlib import Path

import pyoxigraph as ox
import pytest

from eujkg import KnowledgeGraph
from eujkg.synthetic import generate


def canonical(path: Path) -> set[str]:
    """A graph file in canonical form (RDFC-1.0), comparable whatever its blank node labels."""
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in ox.parse(path=str(path),
                                                                                      format=ox.RdfFormat.N_TRIPLES))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return {str(quad) for quad in dataset}


def pair(files: list[Path], tmp_path: Path):
    fast = KnowledgeGraph(files, cache_root=tmp_path / "fast", engine="fast")
    reference = KnowledgeGraph(files, cache_root=tmp_path / "reference", engine="reference")
    return fast.ensure_built(), reference.ensure_built()


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> list[Path]:
    return generate(tmp_path_factory.mktemp("generated"), triples=3000, seed=7, problems=8)


@pytest.mark.parametrize("graph", ["shipped", "generated"])
def test_same_graphs_inferences_and_report(shipped, generated, tmp_path, graph):
    files = shipped.data_files if graph == "shipped" else generated
    fast, reference = pair(files, tmp_path)
    for name in ("ontology", "data", "inferred"):
        assert canonical(fast.graph_file(name)) == canonical(reference.graph_file(name)), name
    assert fast.meta["inconsistencies"] == reference.meta["inconsistencies"]
    assert fast.report == reference.report
    if graph == "generated":
        assert len(reference.report) >= 8, "the planted problems are found"
        assert reference.meta["inconsistencies"], "the planted disjointness violations are found"


def test_unsupported_shape_construct_is_refused(tmp_path):
    from rdflib import Graph

    from eujkg.errors import EujkgError
    from eujkg.build.fast.validate import compile_shapes
    shapes = Graph().parse(data="""@prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ; sh:closed true .""", format="turtle")
    with pytest.raises(EujkgError, match="sh:closed"):
        compile_shapes(shapes)


def test_generator_names_only_things_the_shipped_data_holds(shipped):
    """The generated graph builds on the shipped one: a place, sector, concept, programme or section it
    names that the data no longer holds would leave its organisations and cooperations dangling."""
    from eujkg import synthetic
    from eujkg.prefixes import PREFIXES
    named = {"place": synthetic.JAPAN + synthetic.EUROPE + ["kobe"], "sector": synthetic.SECTORS,
             "concept": synthetic.FORMS + synthetic.STATUSES + synthetic.EVENT_TYPES
             + ["status-signed", "measure-number-of-members", "unit-count"],
             "programme": synthetic.PROGRAMMES, "section": synthetic.SECTIONS}
    held = {str(row["s"]) for row in shipped.sparql("SELECT DISTINCT ?s WHERE { ?s a ?kind }").rows()}
    missing = [f"{kind}:{slug}" for kind, slugs in named.items() for slug in slugs
               if PREFIXES[kind] + slug not in held]
    assert not missing, f"src/eujkg/synthetic.py names what the shipped data does not hold: {missing}"
