"""The ontology as a document: header, labels and comments, alignment, the closed namespace."""

import pytest
from rdflib import Graph
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from eujkg import resources
from rdflib.namespace import PROV

from eujkg.namespaces import EUJKG, ONTOLOGY_IRI, ORG

NS = str(EUJKG._NS)


@pytest.fixture(scope="module")
def ontology(shipped) -> Graph:
    return shipped.ontology


def own_terms(ontology):
    return {s for s in ontology.subjects(RDF.type, None) if str(s).startswith(NS)}


def test_header_has_version_licence_title_description(ontology):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionIRI) is not None
    assert str(ontology.value(ONTOLOGY_IRI, DCTERMS.license)) == "https://creativecommons.org/licenses/by/4.0/"
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.title) is not None
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.description) is not None


def test_every_term_has_english_label_and_comment(ontology):
    missing = []
    for term in own_terms(ontology):
        for prop in (RDFS.label, RDFS.comment):
            if not any(getattr(v, "language", None) == "en" for v in ontology.objects(term, prop)):
                missing.append(f"{term} {prop}")
    assert missing == []


def test_closed_namespace_matches_the_ontology(ontology):
    declared = {str(term)[len(NS):] for term in own_terms(ontology)}
    in_python = {name for name in EUJKG.__annotations__}
    assert declared == in_python


def test_closed_namespace_rejects_typos():
    with pytest.raises(AttributeError):
        EUJKG.Cooperaton  # noqa: B018


@pytest.mark.parametrize("term, superclass", [
    (EUJKG.Organisation, ORG.Organization),
    (EUJKG.Cooperation, ORG.OrganizationalCollaboration),
    (EUJKG.ClusterPartnership, ORG.OrganizationalCollaboration),
    (EUJKG.SourceDocument, PROV.Entity),
    (EUJKG.Citation, PROV.Derivation),
    (EUJKG.Person, PROV.Person),
    (EUJKG.Role, ORG.Membership),
])
def test_aligned_with_standard_vocabularies(ontology, term, superclass):
    assert (term, RDFS.subClassOf, superclass) in ontology


def test_locatedin_is_transitive_and_cooperateswith_symmetric(ontology):
    assert (EUJKG.locatedIn, RDF.type, OWL.TransitiveProperty) in ontology
    assert (EUJKG.cooperatesWith, RDF.type, OWL.SymmetricProperty) in ontology


def test_every_module_has_its_shapes_beside_it():
    modules = {p.name.removesuffix(".ttl") for p in resources.ontology_files()}
    shapes = {p.name.removesuffix(resources.SHAPES_SUFFIX) for p in resources.shapes_files()}
    assert modules == shapes


def test_every_constraint_speaks_to_a_curator(shipped):
    """Every constraint of a shape with a target (the ones whose results reach a report) has a message."""
    from eujkg.namespaces import SH
    shapes = shipped.shapes
    targets = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
    targeted = {s for t in targets for s in shapes.subjects(t, None)}
    constraints = [c for s in targeted for p in (SH.property, SH.sparql) for c in shapes.objects(s, p)]
    silent = [c for c in constraints if shapes.value(c, SH.message) is None]
    assert constraints and silent == []
