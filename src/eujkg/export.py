"""Serialisations of the graph and the release in dist/: every format, the ontology alone, the inferred
triples alone, and the dataset description (eujkg.catalogue). Blank nodes are named canonically and
triples sorted, so a release is the same bytes whenever and wherever it is built. Files are written
atomically.
"""

import json
import os
import tempfile
from importlib import resources as importlib_resources
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef

from eujkg.errors import InputError
from eujkg.graphs import GRAPHS as GRAPH_IRIS
from eujkg.mediatypes import EXPORT_FORMATS as FORMATS
from eujkg.mediatypes import JSON_LD, N_TRIPLES, TURTLE
from eujkg.namespaces import bind_prefixes
from eujkg.prefixes import BASE, PREFIXES


def jsonld_context() -> dict:
    """The JSON-LD context that ships with the package (no context is ever fetched)."""
    text = importlib_resources.files("eujkg").joinpath("context.jsonld").read_text(encoding="utf-8")
    return json.loads(text)["@context"]


def cached_graphs(kg) -> dict[str, Graph]:
    """The three graphs as rdflib Graphs (for callers that want rdflib; the release does not need it)."""
    graphs = {}
    for name, triples in canonical_triples(kg).items():
        graph = bind_prefixes(Graph())
        for triple in triples:
            graph.add(tuple(_rdflib_term(t) for t in (triple.subject, triple.predicate, triple.object)))
        graphs[name] = graph
    return graphs


def canonical_triples(kg) -> dict[str, list]:
    """The ontology, data and inferred triples, blank nodes named by RDFC-1.0 and sorted.

    The cache holds whatever blank-node names the engine gave; canonical names and a fixed order make
    every serialisation the same bytes for the same graph, whichever build or machine made it."""
    import pyoxigraph as ox

    entry = kg.ensure_built()
    dataset = ox.Dataset()
    for name, iri in GRAPH_IRIS.items():
        for triple in ox.parse(path=str(entry.graph_file(name)), format=ox.RdfFormat.N_TRIPLES):
            dataset.add(ox.Quad(triple.subject, triple.predicate, triple.object, ox.NamedNode(iri)))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    by_graph: dict[str, list] = {name: [] for name in GRAPH_IRIS}
    names = {iri: name for name, iri in GRAPH_IRIS.items()}
    for quad in dataset:
        by_graph[names[quad.graph_name.value]].append(ox.Triple(quad.subject, quad.predicate, quad.object))
    return {name: sorted(triples, key=str) for name, triples in by_graph.items()}


def serialise(kg, fmt: str, inferred: bool = False, triples: dict[str, list] | None = None) -> bytes:
    """Ontology + asserted data (+ inferred triples) in `fmt`; TriG keeps them as named graphs.

    pyoxigraph writes Turtle, N-Triples, RDF/XML and TriG; rdflib writes compact JSON-LD with the
    shipped context. Both are fed the canonical, sorted triples, so the bytes are reproducible."""
    import pyoxigraph as ox

    if fmt not in FORMATS:
        raise InputError(f"unknown format '{fmt}'; choose one of {', '.join(FORMATS)}")
    triples = triples or canonical_triples(kg)
    parts = ["ontology", "data"] + (["inferred"] if inferred else [])
    if FORMATS[fmt].kind == "dataset":
        quads = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(GRAPH_IRIS[part]))
                 for part in parts for t in triples[part]]
        return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    merged = sorted({t for part in parts for t in triples[part]}, key=str)
    if FORMATS[fmt].media_type == JSON_LD:
        graph = bind_prefixes(Graph())
        for triple in merged:
            graph.add(tuple(_rdflib_term(t) for t in (triple.subject, triple.predicate, triple.object)))
        text = graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True, encoding="utf-8")
        return (json.dumps(_stable(json.loads(text)), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    rdf_format = ox.RdfFormat.from_media_type(FORMATS[fmt].media_type)
    return ox.serialize(merged, format=rdf_format, prefixes=None if FORMATS[fmt].media_type == N_TRIPLES else PREFIXES)


def _stable(node):
    """JSON-LD with its unordered arrays sorted (rdflib emits them in hash order); @list arrays keep their order."""
    if isinstance(node, dict):
        return {key: (value if key == "@list" else _stable(value)) for key, value in sorted(node.items())}
    if isinstance(node, list):
        return sorted((_stable(item) for item in node), key=lambda item: json.dumps(item, sort_keys=True))
    return node


def _rdflib_term(term):
    import pyoxigraph as ox
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def write_atomically(path: Path, content: bytes) -> None:
    """Write through a temporary file in the same folder and rename it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def build_release(kg, dist: Path, version: str, public_base: str = BASE) -> list[Path]:
    """Write the release into `dist` (see README, "The release"); returns the files written.

    `public_base` is where the release is served (SPARQL endpoint and downloads in void.ttl)."""
    import pyoxigraph as ox

    from eujkg.catalogue import describe
    triples = canonical_triples(kg)
    files: dict[str, tuple[bytes, str, str]] = {}
    for fmt, info in FORMATS.items():
        inferred = info.kind == "dataset"
        files["eujkg" + info.suffix] = (serialise(kg, fmt, inferred, triples), info.media_type,
                                        "ontology, asserted data and inferred triples as three named graphs"
                                        if inferred else "ontology and asserted data")
    files["eujkg-inferred.nt"] = (ox.serialize(triples["inferred"], format=ox.RdfFormat.N_TRIPLES),
                                  N_TRIPLES, "the triples inferred by OWL RL reasoning, alone")
    files["eujkg-ontology.ttl"] = (ox.serialize(triples["ontology"], format=ox.RdfFormat.TURTLE, prefixes=PREFIXES),
                                   TURTLE, "the ontology alone")
    files["void.ttl"] = (describe(triples, files, public_base), TURTLE, "this dataset description")
    written = []
    for name, (content, _, _) in files.items():
        write_atomically(dist / name, content)
        written.append(dist / name)
    return written
