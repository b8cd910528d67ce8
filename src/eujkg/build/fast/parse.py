"""Parse Turtle files into a named graph of a pyoxigraph store; a syntax error names file and line."""

import re
from pathlib import Path

import pyoxigraph as ox

from eujkg.errors import InputError, display_path


def load(store: ox.Store, files: list[Path], graph: ox.NamedNode) -> None:
    for path in files:
        try:
            store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=graph,
                            base_iri=path.resolve().as_uri())
        except SyntaxError as error:
            raise InputError(syntax_message(path, error)) from None
        except OSError as error:
            raise InputError(f"{display_path(path)}: cannot read the file ({error})") from None


def syntax_message(path: Path, error: SyntaxError) -> str:
    text = " ".join(str(error).split())
    match = re.search(r"\bline (\d+)", text)
    line = match.group(1) if match else None
    where = f"{display_path(path)}:{line}" if line else display_path(path)
    return f"{where}: Turtle syntax error: {text}; fix the line and run again"


def shapes_graph(files: list[Path]):
    """The SHACL shapes as an rdflib Graph, which the shape compiler walks (the shapes are small)."""
    from rdflib import BNode, Graph, Literal, URIRef

    store = ox.Store()
    graph = ox.DefaultGraph()
    load(store, files, graph)
    string = "http://www.w3.org/2001/XMLSchema#string"

    def term(node):
        if isinstance(node, ox.NamedNode):
            return URIRef(node.value)
        if isinstance(node, ox.BlankNode):
            return BNode(node.value)
        if node.language:
            return Literal(node.value, lang=node.language)
        return Literal(node.value) if node.datatype.value == string else Literal(node.value, datatype=node.datatype.value)

    shapes = Graph()
    for quad in store.quads_for_pattern(None, None, None, graph):
        shapes.add((term(quad.subject), term(quad.predicate), term(quad.object)))
    return shapes
