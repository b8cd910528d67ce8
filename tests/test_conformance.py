"""The shipped graph: consistent under OWL RL, conforming to the shapes, inferences kept clean."""

from rdflib.namespace import OWL, RDF
from rdflib.term import BNode, Literal, URIRef

from eujkg.namespaces import BASE, EUJKG


def test_shipped_data_conforms(shipped_report):
    assert shipped_report.conforms, shipped_report.as_text()


def test_ontology_and_data_are_consistent(shipped):
    assert shipped.inconsistencies == []


def test_inferred_triples_are_kept_apart_and_free_of_noise(shipped):
    assert len(shipped.inferred) > 1000
    for s, p, o in shipped.inferred:
        assert (s, p, o) not in shipped.data
        assert isinstance(s, URIRef) and str(s).startswith(BASE)
        assert not isinstance(o, BNode)
        assert not (p == OWL.sameAs and s == o)
        assert o != OWL.Thing


def test_data_links_out_without_owl_sameas(shipped):
    assert not list(shipped.data.triples((None, OWL.sameAs, None)))


def test_every_data_file_defines_something(shipped):
    from eujkg.build.reference.parse import parse_turtle
    for path in shipped.data_files:
        assert any(isinstance(s, URIRef) for s in parse_turtle(path).subjects()), path.name


def test_no_literal_is_an_email_address(shipped):
    import re
    pattern = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
    offending = [o for o in shipped.data.objects() if isinstance(o, Literal) and pattern.search(str(o))]
    assert offending == []


def test_summary_counts_the_main_kinds(shipped):
    counts = shipped.summary()
    documents = set(shipped.data.subjects(RDF.type, EUJKG.SourceDocument))
    assert len(documents) >= 4
    assert counts["cited source documents"] == counts["SourceDocument"] == len(documents)
    assert counts["Organisation"] > 120
    assert counts["Cooperation"] >= 20
    assert counts["Event"] >= 40
    assert counts["Figure"] >= 100
