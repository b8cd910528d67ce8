"""OWL RL reasoning with owlrl, keeping inferred triples apart from asserted ones.

owlrl materialises the closure in one graph and adds noise: reflexive owl:sameAs and
equivalence for every term, `owl:Thing` typing, triples with literal subjects, and triples
about the RDF and OWL vocabularies and the ontology's own terms. `keep_inferred` keeps only
what the closure says about the data's things (IRIs under https://w3id.org/eujkg/id/), between
IRIs and literals (a blank node cannot be linked from a separate graph of inferences).
This is the reference engine; eujkg.build.fast.reason gives the same inferred triples much faster.
"""

from dataclasses import dataclass

from rdflib import Graph, Namespace
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import BNode, Literal, URIRef

from eujkg.namespaces import BASE, bind_prefixes

OWLRL_ERRORS = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")
_REFLEXIVE_NOISE = {OWL.sameAs, OWL.equivalentClass, OWL.equivalentProperty, RDFS.subClassOf, RDFS.subPropertyOf}
_THING_NOISE = {RDF.type, RDFS.subClassOf, RDFS.domain, RDFS.range}


@dataclass
class Inference:
    inferred: Graph
    inconsistencies: list[str]


def infer(ontology: Graph, data: Graph) -> Inference:
    """The OWL RL closure of ontology + data, as the triples it adds and the inconsistencies found."""
    import owlrl  # heavy import, only when reasoning is needed

    closure = Graph()
    for triple in ontology:
        closure.add(triple)
    for triple in data:
        closure.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    problems = _inconsistencies(closure)
    inferred = bind_prefixes(Graph())
    for triple in closure:
        if triple in ontology or triple in data or not keep_inferred(triple):
            continue
        inferred.add(triple)
    return Inference(inferred, problems)


def keep_inferred(triple) -> bool:
    """True for an inferred triple worth keeping (see the module docstring)."""
    subject, predicate, obj = triple
    if not isinstance(subject, URIRef) or not str(subject).startswith(BASE + "id/"):
        return False
    if isinstance(obj, BNode):
        return False
    if predicate in _REFLEXIVE_NOISE and subject == obj:
        return False
    if predicate in _THING_NOISE and obj in (OWL.Thing, RDFS.Resource):
        return False
    if obj == OWLRL_ERRORS.ErrorMessage:
        return False
    return True


def _inconsistencies(closure: Graph) -> list[str]:
    messages = [str(m) for m in closure.objects(None, OWLRL_ERRORS.error) if isinstance(m, Literal)]
    for individual in closure.subjects(RDF.type, OWL.Nothing):
        messages.append(f"{individual} is inferred to be of type owl:Nothing")
    return sorted(set(messages))
