"""Serialisations of the graph and the release in dist/: every format, the ontology alone, and a
VoID + DCAT description of the dataset with sizes and checksums. Files are written atomically.
"""

import hashlib
import json
import os
import tempfile
from datetime import date
from importlib import resources as importlib_resources
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, XSD

from eujkg.errors import InputError
from eujkg.graphs import GRAPHS
from eujkg.mediatypes import EXPORT_FORMATS as FORMATS
from eujkg.mediatypes import N_TRIPLES, TURTLE
from eujkg.namespaces import DCAT, VOID, bind_prefixes
from eujkg.prefixes import BASE, PREFIXES

DATASET = URIRef(BASE + "dataset")
DOWNLOADS = BASE + "dist/"
SPDX = "http://spdx.org/rdf/terms#"
LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")


def jsonld_context() -> dict:
    """The JSON-LD context that ships with the package (no context is ever fetched)."""
    text = importlib_resources.files("eujkg").joinpath("context.jsonld").read_text(encoding="utf-8")
    return json.loads(text)["@context"]


def cached_graphs(kg) -> dict[str, Graph]:
    entry = kg.ensure_built()
    graphs = {}
    for name in ("ontology", "data", "inferred"):
        graph = bind_prefixes(Graph())
        graph.parse(entry.graph_file(name), format="nt")
        graphs[name] = graph
    return graphs


def serialise(kg, fmt: str, inferred: bool = False, graphs: dict[str, Graph] | None = None) -> bytes:
    """Ontology + asserted data (+ inferred triples) in `fmt`; TriG keeps them as named graphs.

    pyoxigraph writes Turtle, N-Triples, RDF/XML and TriG straight from the cached N-Triples (fast at
    millions of triples); rdflib writes compact JSON-LD with the shipped context."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format '{fmt}'; choose one of {', '.join(FORMATS)}")
    parts = ["ontology", "data"] + (["inferred"] if inferred else [])
    if fmt == "jsonld":
        graphs = graphs or cached_graphs(kg)
        merged = bind_prefixes(Graph())
        for name in parts:
            for triple in graphs[name]:
                merged.add(triple)
        return merged.serialize(format="json-ld", context=jsonld_context(), auto_compact=True, encoding="utf-8")
    return _serialise_oxigraph(kg, fmt, parts)


def _serialise_oxigraph(kg, fmt: str, parts: list[str]) -> bytes:
    import pyoxigraph as ox

    entry = kg.ensure_built()
    rdf_format = ox.RdfFormat.from_media_type(FORMATS[fmt].media_type)
    if fmt == "trig":
        dataset = ox.Store()
        for part in parts:
            dataset.bulk_load(path=str(entry.graph_file(part)), format=ox.RdfFormat.N_TRIPLES,
                              to_graph=ox.NamedNode(GRAPHS[part]))
        return dataset.dump(format=rdf_format, prefixes=PREFIXES)
    triples = [t for part in parts for t in ox.parse(path=str(entry.graph_file(part)), format=ox.RdfFormat.N_TRIPLES)]
    return ox.serialize(triples, format=rdf_format, prefixes=None if fmt == "nt" else PREFIXES)


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


def build_release(kg, dist: Path, version: str) -> list[Path]:
    """Write the release into `dist` (see README, "The release"); returns the files written."""
    graphs = cached_graphs(kg)
    files: dict[str, tuple[bytes, str, str]] = {}
    for fmt, info in FORMATS.items():
        name = "eujkg" + info.suffix
        inferred = fmt == "trig"
        files[name] = (serialise(kg, fmt, inferred, graphs), info.media_type,
                       "ontology, asserted data and inferred triples as three named graphs" if inferred
                       else "ontology and asserted data")
    files["eujkg-inferred.nt"] = (graphs["inferred"].serialize(format="nt", encoding="utf-8"),
                                  N_TRIPLES, "the triples inferred by OWL RL reasoning, alone")
    files["eujkg-ontology.ttl"] = (graphs["ontology"].serialize(format="turtle", encoding="utf-8"),
                                   TURTLE, "the ontology alone")
    void = dataset_description(kg, graphs, {n: (c, m, d) for n, (c, m, d) in files.items()}, version)
    files["void.ttl"] = (void.serialize(format="turtle", encoding="utf-8"), TURTLE, "this dataset description")
    written = []
    for name, (content, _, _) in files.items():
        write_atomically(dist / name, content)
        written.append(dist / name)
    return written


def dataset_description(kg, graphs: dict[str, Graph], files: dict, version: str) -> Graph:
    """VoID and DCAT description: title, licence, version, counts, classes, vocabularies, distributions."""
    g = bind_prefixes(Graph())
    g.bind("spdx", SPDX)
    d = DATASET
    g.add((d, RDF.type, VOID.Dataset))
    g.add((d, RDF.type, DCAT.Dataset))
    g.add((d, DCTERMS.title, Literal("eujkg – EU–Japan Cluster Cooperation Knowledge Graph", lang="en")))
    g.add((d, DCTERMS.description, Literal(
        "Actors, programmes, agreements, EU–Japan cooperations, sectors, places, events and figures of EU–Japan "
        "cluster cooperation, taken from four public reports and citing the section each statement comes from.",
        lang="en")))
    g.add((d, DCTERMS.license, LICENCE))
    g.add((d, DCAT.version, Literal(version)))
    g.add((d, OWL.versionInfo, Literal(version)))
    g.add((d, DCTERMS.modified, Literal(date.today().isoformat(), datatype=XSD.date)))
    g.add((d, VOID.uriSpace, Literal(BASE + "id/")))
    g.add((d, VOID.triples, Literal(len(graphs["ontology"]) + len(graphs["data"]))))
    for source in graphs["data"].subjects(RDF.type, URIRef(BASE + "ontology#SourceDocument")):
        g.add((d, DCTERMS.source, source))
    inferred = URIRef(BASE + "dataset/inferred")
    g.add((d, VOID.subset, inferred))
    g.add((inferred, RDF.type, VOID.Dataset))
    g.add((inferred, DCTERMS.title, Literal("Triples inferred by OWL RL reasoning", lang="en")))
    g.add((inferred, VOID.triples, Literal(len(graphs["inferred"]))))
    typed = Graph()
    for name in ("data", "inferred"):
        for triple in graphs[name].triples((None, RDF.type, None)):
            typed.add(triple)
    classes = sorted(set(typed.objects(None, RDF.type)))
    for cls in classes:
        partition = BNode()
        g.add((d, VOID.classPartition, partition))
        g.add((partition, VOID["class"], cls))
        g.add((partition, VOID.entities, Literal(len(set(typed.subjects(RDF.type, cls))))))
    vocabularies = set()
    for s, p, o in graphs["data"]:
        vocabularies.add(_namespace(p))
        if p == RDF.type:
            vocabularies.add(_namespace(o))
    for vocabulary in sorted(v for v in vocabularies if v and not v.startswith(BASE + "id/")):
        g.add((d, VOID.vocabulary, URIRef(vocabulary)))
    for name, (content, media, what) in sorted(files.items()):
        dist = URIRef(DOWNLOADS + name)
        g.add((d, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(f"{name}: {what}", lang="en")))
        g.add((dist, DCAT.downloadURL, dist))
        g.add((dist, DCAT.mediaType, URIRef("https://www.iana.org/assignments/media-types/" + media)))
        g.add((dist, DCTERMS.format, Literal(media)))
        g.add((dist, DCAT.byteSize, Literal(len(content), datatype=XSD.nonNegativeInteger)))
        g.add((dist, DCTERMS.license, LICENCE))
        checksum = BNode()
        g.add((dist, URIRef(SPDX + "checksum"), checksum))
        g.add((checksum, RDF.type, URIRef(SPDX + "Checksum")))
        g.add((checksum, URIRef(SPDX + "algorithm"), URIRef(SPDX + "checksumAlgorithm_sha256")))
        g.add((checksum, URIRef(SPDX + "checksumValue"), Literal(hashlib.sha256(content).hexdigest(), datatype=XSD.hexBinary)))
    return g


def _namespace(term) -> str:
    text = str(term)
    cut = max(text.rfind("#"), text.rfind("/"))
    return text[: cut + 1] if cut > 0 else ""
