"""SHACL validation with pySHACL: the reference engine's validation step.

The graph given to pySHACL is the asserted data, the inferred triples other than types, and
the types that follow from the asserted ones through rdfs:subClassOf. Types inferred from
rdfs:domain and rdfs:range are left out on purpose: with them every `sh:class` check on a
property with a range would pass whatever the value (citing a place as a source section
would make the place a section). pySHACL runs no inference of its own and never sees the
ontology's terms as data.
"""

from rdflib import Graph
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import BNode, Node, URIRef

from eujkg.build.curation import Violation, path_steps
from eujkg.namespaces import SH, curie


def validate(data: Graph, inferred: Graph, ontology: Graph, shapes: Graph) -> list[Violation]:
    """Validate the data (see the module docstring) against the shapes."""
    import pyshacl  # heavy import, only when validating

    _, results, _ = pyshacl.validate(
        validation_graph(data, inferred, ontology), shacl_graph=shapes, inference="none", abort_on_first=False,
        allow_warnings=False, inplace=True,
    )
    # Only the report's own results: nested ones (sh:detail of sh:node, sh:or) repeat them in shape-internal terms.
    return [_violation(results, result, shapes)
            for report in results.subjects(RDF.type, SH.ValidationReport)
            for result in results.objects(report, SH.result)]


def validation_graph(data: Graph, inferred: Graph, ontology: Graph) -> Graph:
    """Asserted data + inferred non-type triples + types implied by asserted types via subclasses."""
    graph = Graph()
    for triple in data:
        graph.add(triple)
    for triple in inferred:
        if triple[1] != RDF.type:
            graph.add(triple)
    superclasses: dict[Node, set[Node]] = {}
    for subject, cls in data.subject_objects(RDF.type):
        if cls not in superclasses:
            superclasses[cls] = set(ontology.transitive_objects(cls, RDFS.subClassOf))
        for superclass in superclasses[cls]:
            graph.add((subject, RDF.type, superclass))
    return graph


def _violation(results: Graph, result: Node, shapes: Graph) -> Violation:
    shape = _node_shape(shapes, results.value(result, SH.sourceShape))
    return Violation(
        focus=results.value(result, SH.focusNode),
        message=str(results.value(result, SH.resultMessage) or "violates a constraint"),
        path=tuple(path_steps(results, results.value(result, SH.resultPath))),
        value=results.value(result, SH.value),
        shape=str(shape) if isinstance(shape, URIRef) else "",
    )


def _node_shape(shapes: Graph, shape: Node) -> Node:
    """A property shape is a blank node; name the node shape that holds it instead."""
    if isinstance(shape, BNode):
        return shapes.value(predicate=SH.property, object=shape) or shape
    return shape


class RdflibData:
    """The asserted data as an rdflib Graph, as eujkg.build.curation reads it."""

    def __init__(self, graph: Graph):
        self.graph = graph

    def iri(self, node) -> str | None:
        return str(node) if isinstance(node, URIRef) else None

    def parent(self, node):
        if not isinstance(node, BNode):
            return None
        found = next(iter(self.graph.subject_predicates(node)), None)
        return None if found is None else (found[0], str(found[1]))

    def labels(self, node) -> list[tuple[str, str | None]]:
        return [(str(label), getattr(label, "language", None)) for label in self.graph.objects(node, SKOS.prefLabel)]

    def types(self, node) -> list[str]:
        return [str(t) for t in self.graph.objects(node, RDF.type) if isinstance(t, URIRef)]

    def text(self, term) -> str:
        return curie(str(term)) if isinstance(term, URIRef) else str(term)
