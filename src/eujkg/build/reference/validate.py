"""SHACL validation with pySHACL, reported in terms a curator can act on.

The graph given to pySHACL is the asserted data, the inferred triples other than types, and
the types that follow from the asserted ones through rdfs:subClassOf. Types inferred from
rdfs:domain and rdfs:range are left out on purpose: with them every `sh:class` check on a
property with a range would pass whatever the value (citing a place as a source section
would make the place a section). pySHACL runs no inference of its own and never sees the
ontology's terms as data.
"""

from rdflib import Graph
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import BNode, Node, URIRef

from eujkg.build.reference.parse import Origin
from eujkg.namespaces import SH, curie
from eujkg.build.report import Problem, ValidationReport


def validate(data: Graph, inferred: Graph, ontology: Graph, shapes: Graph,
             origins: dict[URIRef, Origin]) -> ValidationReport:
    """Validate the data (see the module docstring) against the shapes; problems sorted by file and line."""
    import pyshacl  # heavy import, only when validating

    focus_graph = validation_graph(data, inferred, ontology)
    _, results, _ = pyshacl.validate(
        focus_graph, shacl_graph=shapes, inference="none", abort_on_first=False,
        allow_warnings=False, inplace=True,
    )
    # Only the report's own results: nested ones (sh:detail of sh:node, sh:or) repeat them in shape-internal terms.
    problems = [_problem(results, result, data, shapes, origins)
                for report in results.subjects(RDF.type, SH.ValidationReport)
                for result in results.objects(report, SH.result)]
    return ValidationReport(sorted(set(problems), key=_order))


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


def inconsistency_problems(messages: list[str]) -> list[Problem]:
    """Inconsistencies found by the reasoner, as problems of the report."""
    return [Problem(entity="(ontology and data)", label="", kind="", origin="", message=f"OWL RL inconsistency: {m}")
            for m in messages]


def _problem(results: Graph, result: Node, data: Graph, shapes: Graph, origins: dict[URIRef, Origin]) -> Problem:
    focus = results.value(result, SH.focusNode)
    owner, via = _owning_entity(data, focus)
    value = results.value(result, SH.value)
    shape = _node_shape(shapes, results.value(result, SH.sourceShape))
    message = results.value(result, SH.resultMessage) or "violates a constraint"
    path_text = "/".join([curie(p) for p in via] + _path_steps(results, results.value(result, SH.resultPath)))
    origin = origins.get(owner) if isinstance(owner, URIRef) else None
    return Problem(
        entity=curie(owner) if isinstance(owner, URIRef) else "(blank node)",
        label=_label(data, owner),
        kind=_kind(data, owner),
        origin=str(origin) if origin else "",
        message=str(message),
        path=path_text,
        value=_value_text(value) if value is not None and value != focus else "",
        shape=curie(shape) if isinstance(shape, URIRef) else "",
    )


def _node_shape(shapes: Graph, shape: Node) -> Node:
    """A property shape is a blank node; name the node shape that holds it instead."""
    if isinstance(shape, BNode):
        return shapes.value(predicate=SH.property, object=shape) or shape
    return shape


def _path_steps(results: Graph, path: Node) -> list[str]:
    """A SHACL path as readable steps: `p`, a sequence `p/q`, `^p` for an inverse."""
    if path is None:
        return []
    if isinstance(path, URIRef):
        return [curie(path)]
    inverse = results.value(path, SH.inversePath)
    if inverse is not None:
        return ["^" + "/".join(_path_steps(results, inverse))]
    alternatives = results.value(path, SH.alternativePath)
    if alternatives is not None:
        return ["|".join(s for step in Collection(results, alternatives) for s in _path_steps(results, step))]
    if results.value(path, RDF.first) is not None:
        return [s for step in Collection(results, path) for s in _path_steps(results, step)]
    return []


def _owning_entity(data: Graph, node: Node) -> tuple[Node, list[URIRef]]:
    """For a blank node (a citation, a role), the IRI that owns it and the path from there."""
    via: list[URIRef] = []
    seen = set()
    while isinstance(node, BNode) and node not in seen:
        seen.add(node)
        parent = next(iter(data.subject_predicates(node)), None)
        if parent is None:
            break
        node, predicate = parent
        via.insert(0, predicate)
    return node, via


def _label(data: Graph, node: Node) -> str:
    labels = list(data.objects(node, SKOS.prefLabel))
    english = [label for label in labels if getattr(label, "language", None) in ("en", None)]
    return str((english or labels)[0]) if labels else ""


def _kind(data: Graph, node: Node) -> str:
    kinds = sorted(curie(t) for t in data.objects(node, RDF.type) if isinstance(t, URIRef))
    return kinds[0] if kinds else ""


def _value_text(value: Node) -> str:
    return curie(value) if isinstance(value, URIRef) else str(value)


def _order(problem: Problem):
    file, _, line = problem.origin.rpartition(":")
    return (file or "~", int(line) if line.isdigit() else 0, problem.entity, problem.path, problem.message)
