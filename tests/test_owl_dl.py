"""OWL 2 DL tools load the ontology: HermiT (through owlready2, on Debian's Java) finds the ontology
consistent with no unsatisfiable class, and the ontology with the shipped data consistent.

HermiT accepts only the datatypes of the OWL 2 datatype map and refuses a file that uses any other.
The ontology's axioms use none (its date and duration properties state no datatype range; the shapes
check the datatype), so it is given to HermiT exactly as shipped (its one such literal, the header's
dct:issued xsd:date, is an annotation, which HermiT reads past). The data gives dates and durations as
precisely as the sources do, typed xsd:gYear, xsd:gYearMonth, xsd:date and xsd:duration, which OWL 2
lacks: for the data run, every such literal is retyped as xsd:string with the same lexical form.
No assertion is dropped. The retyping can neither create nor hide an inconsistency because no OWL axiom
constrains the values of those properties (no range, no functionality, no restriction, no key on them or
their super-properties), which `test_retyped_literals_are_unconstrained` checks.

Runs wherever Java is found; skipped with the reason when it is not, except under CI=true, where a
missing Java fails (`.ci/run` installs Debian's default-jre-headless).
"""

import os
import shutil
from pathlib import Path

import owlready2
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from eujkg import resources
from eujkg.namespaces import EUJKG

DEBIAN_JAVA = Path("/usr/lib/jvm/default-java/bin/java")
# A plain Namespace: rdflib's closed XSD warns on the unknown names pytest probes module attributes for.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

# The OWL 2 datatype map (OWL 2 Structural Specification, section 4), plus rdf:langString, the RDF 1.1
# name of language-tagged strings (rdf:PlainLiteral in OWL 2).
OWL2_DATATYPES = {RDF.PlainLiteral, RDF.XMLLiteral, RDF.langString, RDFS.Literal, OWL.real, OWL.rational} | {
    XSD[name] for name in (
        "decimal integer nonNegativeInteger nonPositiveInteger positiveInteger negativeInteger long int short "
        "byte unsignedLong unsignedInt unsignedShort unsignedByte double float string normalizedString token "
        "language Name NCName NMTOKEN boolean hexBinary base64Binary anyURI dateTime dateTimeStamp").split()}


def java_or_skip() -> str:
    java = str(DEBIAN_JAVA) if DEBIAN_JAVA.exists() else shutil.which("java")
    if java is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Java is missing: install Debian's default-jre-headless (.ci/run does) to run HermiT")
        pytest.skip("Java is missing (install Debian's default-jre-headless): HermiT cannot run")
    return java


def read(paths) -> Graph:
    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


def with_triples(graph: Graph, triples) -> Graph:
    out = Graph()
    out += graph
    for triple in triples:
        out.add(triple)
    return out


def outside_owl2(literal) -> bool:
    return isinstance(literal, Literal) and literal.datatype is not None and literal.datatype not in OWL2_DATATYPES


def retyped_for_owl2(data: Graph) -> Graph:
    """The data with every literal of a datatype OWL 2 lacks retyped as xsd:string, same lexical form."""
    out = Graph()
    for s, p, o in data:
        out.add((s, p, Literal(str(o), datatype=XSD.string) if outside_owl2(o) else o))
    return out


def hermit(graph: Graph, tmp_path: Path) -> owlready2.World:
    """Run HermiT on the graph (as N-Triples, which owlready2 reads) and return the reasoned world.
    Raises OwlReadyInconsistentOntologyError when the graph is inconsistent."""
    owlready2.JAVA_EXE = java_or_skip()
    path = tmp_path / "input.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load(format="ntriples")
    owlready2.sync_reasoner_hermit(world, debug=0)
    return world


def unsatisfiable(world: owlready2.World) -> list[str]:
    """The classes HermiT found equivalent to owl:Nothing (owlready2 lists owl:Nothing too when there are any)."""
    return sorted(c.iri for c in world.inconsistent_classes() if c.iri != str(OWL.Nothing))


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return read(resources.ontology_files())


@pytest.fixture(scope="module")
def data() -> Graph:
    return read(resources.data_files())


def test_ontology_is_consistent_with_no_unsatisfiable_class(ontology, tmp_path):
    assert unsatisfiable(hermit(ontology, tmp_path)) == []


def test_ontology_with_shipped_data_is_consistent(ontology, data, tmp_path):
    world = hermit(ontology + retyped_for_owl2(data), tmp_path)
    assert unsatisfiable(world) == []


def test_retyped_literals_are_unconstrained(ontology, data):
    """No OWL axiom looks at the values of the properties whose literals are retyped."""
    retyped = {p for _, p, o in data if outside_owl2(o)}
    assert retyped, "nothing to retype: the data uses only OWL 2 datatypes, drop the retyping"
    keys = {p for key in ontology.objects(None, OWL.hasKey) for p in ontology.items(key)}
    constrained = []
    for prop in retyped:
        supers = ontology.transitiveClosure(lambda p, _: ontology.objects(p, RDFS.subPropertyOf), prop)
        for sup in {prop, *supers}:
            if ((sup, RDFS.range, None) in ontology or (sup, RDF.type, OWL.FunctionalProperty) in ontology
                    or (None, OWL.onProperty, sup) in ontology or sup in keys):
                constrained.append(f"{prop} (through {sup})")
    assert constrained == []


def test_every_term_has_one_declared_kind(ontology, data):
    """OWL 2 DL needs every class and property declared, a property as one kind only. HermiT reads past
    annotation axioms, so a property punned with an annotation property (what an undeclared super-property
    makes of its sub-properties) would pass the runs above."""
    kinds: dict = {}
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty):
        for term in ontology.subjects(RDF.type, kind):
            kinds.setdefault(term, set()).add(kind)
    graph = ontology + data
    builtin = (str(RDF), str(RDFS), str(OWL))
    properties = {p for p in graph.predicates() if not str(p).startswith(builtin)}
    properties |= {t for pair in ontology.subject_objects(RDFS.subPropertyOf) for t in pair}
    classes = {c for c in graph.objects(None, RDF.type) if not str(c).startswith(builtin)}
    classes |= {t for pair in ontology.subject_objects(RDFS.subClassOf) for t in pair if isinstance(t, URIRef)}
    classes |= set(ontology.objects(None, RDFS.domain))
    classes |= {c for p, c in ontology.subject_objects(RDFS.range) if OWL.ObjectProperty in kinds.get(p, ())}
    problems = [f"property {p} declared as {sorted(kinds.get(p, []))}" for p in properties
                if len(kinds.get(p, set()) - {OWL.Class}) != 1]
    problems += [f"class {c} not declared owl:Class" for c in classes if OWL.Class not in kinds.get(c, ())]
    problems += [f"{sub} and its super-property {sup} are different kinds"
                 for sub, sup in ontology.subject_objects(RDFS.subPropertyOf) if kinds.get(sub) != kinds.get(sup)]
    assert sorted(problems) == []


# The harness can fail: HermiT does see the disjointness axioms and reports what breaks them.

def test_an_unsatisfiable_class_is_reported(ontology, tmp_path):
    both = URIRef("https://example.org/test#CompanyAndUniversity")
    clash = with_triples(ontology, [(both, RDF.type, OWL.Class), (both, RDFS.subClassOf, EUJKG.Company),
                                    (both, RDFS.subClassOf, EUJKG.University)])
    assert unsatisfiable(hermit(clash, tmp_path)) == [str(both)]


def test_an_inconsistent_individual_is_reported(ontology, tmp_path):
    thing = URIRef("https://example.org/test#company-and-ministry")
    clash = with_triples(ontology, [(thing, RDF.type, EUJKG.Company), (thing, RDF.type, EUJKG.Ministry)])
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        hermit(clash, tmp_path)
