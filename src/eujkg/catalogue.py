"""The release's dataset description (dist/void.ttl): VoID for linked-data tools, DCAT-AP 3.0.1 for the EU
open-data portals that harvest it.

What stays the same from build to build is a Turtle file shipped with the package (dataset.ttl: titles,
publisher, licence, keywords, the release's version and dates); what the build measures is added here:
triple counts, class and property partitions, vocabularies, a linkset per outside dataset the graph links
to, example resources, and a distribution per release file with its size and SHA-256. Every node is an
IRI (hash IRIs inside the dataset document), and the triples are written sorted, so the same data gives
the same bytes on any day and machine. Public URLs (SPARQL endpoint, downloads) come from `public_base`,
the address the release is served at.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from importlib import resources as importlib_resources

import pyoxigraph as ox

from eujkg.prefixes import BASE, ID, ONTOLOGY, PREFIXES

DATASET = BASE + "dataset"
INFERRED_SUBSET = DATASET + "/inferred"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
IANA = "https://www.iana.org/assignments/media-types/"
SPDX = "http://spdx.org/rdf/terms#"
SHA256 = "https://spdx.org/rdf/terms#checksumAlgorithm_sha256"   # the form DCAT-AP 3.0.1's shapes require
RDF, XSD, DCT, DCAT, VOID, FOAF, SKOS = (PREFIXES[p] for p in ("rdf", "xsd", "dct", "dcat", "void", "foaf", "skos"))
LINK_PREDICATES = tuple(SKOS + p for p in ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch"))
EXAMPLE_KINDS = ("cooperation", "organisation", "programme", "agreement")


def static_description() -> list[ox.Triple]:
    """The shipped part of the description (dataset.ttl)."""
    text = importlib_resources.files("eujkg").joinpath("dataset.ttl").read_bytes()
    return list(ox.parse(text, format=ox.RdfFormat.TURTLE))


def version_of_description() -> str:
    versions = [t.object.value for t in static_description()
                if t.subject.value == DATASET and t.predicate.value == DCAT + "version"]
    return versions[0] if versions else ""


def describe(graphs: dict[str, list[ox.Triple]], files: dict[str, tuple[bytes, str, str]],
             public_base: str = BASE) -> bytes:
    """dist/void.ttl: `graphs` are the canonical triples by graph name, `files` name → (bytes, media type, what)."""
    out: list[ox.Triple] = list(static_description())

    def add(subject: str, predicate: str, obj) -> None:
        node = obj if isinstance(obj, (ox.Literal, ox.NamedNode)) else ox.NamedNode(obj)
        out.append(ox.Triple(ox.NamedNode(subject), ox.NamedNode(predicate), node))

    def number(value: int, datatype: str = "integer") -> ox.Literal:
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + datatype))

    asserted = graphs["ontology"] + graphs["data"]
    add(DATASET, VOID + "triples", number(len(asserted)))
    add(DATASET, VOID + "uriSpace", ox.Literal(ID))
    add(DATASET, VOID + "sparqlEndpoint", public_base + "sparql")
    add(DATASET, DCAT + "landingPage", public_base)
    add(public_base, RDF + "type", FOAF + "Document")
    for source in sorted({t.subject.value for t in graphs["data"]
                          if t.predicate.value == RDF + "type" and t.object.value == ONTOLOGY + "SourceDocument"}):
        add(DATASET, PREFIXES["prov"] + "wasDerivedFrom", source)
    add(DATASET, VOID + "subset", INFERRED_SUBSET)
    add(INFERRED_SUBSET, RDF + "type", VOID + "Dataset")
    add(INFERRED_SUBSET, DCT + "title", ox.Literal("Triples inferred by OWL RL reasoning", language="en"))
    add(INFERRED_SUBSET, VOID + "triples", number(len(graphs["inferred"])))

    _partitions(asserted + graphs["inferred"], asserted, add, number)
    _vocabularies(graphs["data"], add)
    _linksets(graphs["data"], add, number)
    _examples(graphs["data"], add)
    _service(public_base, add)
    for name, (content, media, what) in sorted(files.items()):
        _distribution(name, content, media, what, public_base, add, number)
    prefixes = {p: PREFIXES[p] for p in ("rdf", "xsd", "dct", "dcat", "void", "foaf", "owl", "prov", "eujkg")}
    return ox.serialize(sorted(set(out), key=str), format=ox.RdfFormat.TURTLE, prefixes=prefixes | {"spdx": SPDX})


def _partitions(every: list[ox.Triple], asserted: list[ox.Triple], add, number) -> None:
    members: dict[str, set[str]] = defaultdict(set)
    for triple in every:
        if triple.predicate.value == RDF + "type" and isinstance(triple.object, ox.NamedNode):
            members[triple.object.value].add(str(triple.subject))
    for cls, entities in sorted(members.items()):
        partition = f"{DATASET}#class-{_fragment(cls)}"
        add(DATASET, VOID + "classPartition", partition)
        add(partition, VOID + "class", cls)
        add(partition, VOID + "entities", number(len(entities)))
    for prop, count in sorted(Counter(t.predicate.value for t in asserted).items()):
        partition = f"{DATASET}#property-{_fragment(prop)}"
        add(DATASET, VOID + "propertyPartition", partition)
        add(partition, VOID + "property", prop)
        add(partition, VOID + "triples", number(count))


def _vocabularies(data: list[ox.Triple], add) -> None:
    used = {_namespace(t.predicate.value) for t in data}
    used |= {_namespace(t.object.value) for t in data if t.predicate.value == RDF + "type"}
    for vocabulary in sorted(v for v in used if v and not v.startswith(ID)):
        add(DATASET, VOID + "vocabulary", vocabulary)


def _linksets(data: list[ox.Triple], add, number) -> None:
    """A void:Linkset per outside dataset (by namespace) and link predicate, with its triple count."""
    links: Counter = Counter()
    for triple in data:
        if triple.predicate.value in LINK_PREDICATES and isinstance(triple.object, ox.NamedNode) \
                and not triple.object.value.startswith(BASE):
            links[(_namespace(triple.object.value), triple.predicate.value)] += 1
    for (namespace, predicate), count in sorted(links.items()):
        target = f"{DATASET}#target-{_fragment(namespace)}"
        linkset = f"{DATASET}#linkset-{_fragment(namespace)}-{_fragment(predicate)}"
        add(target, RDF + "type", VOID + "Dataset")
        add(target, VOID + "uriSpace", ox.Literal(namespace))
        add(linkset, RDF + "type", VOID + "Linkset")
        add(linkset, VOID + "subjectsTarget", DATASET)
        add(linkset, VOID + "objectsTarget", target)
        add(linkset, VOID + "linkPredicate", predicate)
        add(linkset, VOID + "triples", number(count))
        add(DATASET, VOID + "subset", linkset)


def _examples(data: list[ox.Triple], add) -> None:
    subjects = sorted({t.subject.value for t in data if isinstance(t.subject, ox.NamedNode)})
    for kind in EXAMPLE_KINDS:
        first = next((s for s in subjects if s.startswith(f"{ID}{kind}/")), None)
        if first:
            add(DATASET, VOID + "exampleResource", first)


def _service(public_base: str, add) -> None:
    service = public_base + "sparql"
    add(service, RDF + "type", DCAT + "DataService")
    add(service, DCT + "title", ox.Literal("eujkg SPARQL 1.1 endpoint (read-only)", language="en"))
    add(service, DCAT + "endpointURL", service)
    add(service, DCAT + "servesDataset", DATASET)
    add(service, DCT + "license", LICENCE)


def _distribution(name: str, content: bytes, media: str, what: str, public_base: str, add, number) -> None:
    download = public_base + "dist/" + name
    node = f"{DATASET}#distribution-{_fragment(name)}"
    checksum = f"{DATASET}#checksum-{_fragment(name)}"
    add(DATASET, DCAT + "distribution", node)
    add(node, RDF + "type", DCAT + "Distribution")
    add(node, DCT + "title", ox.Literal(name, language="en"))
    add(node, DCT + "description", ox.Literal(what[:1].upper() + what[1:] + ".", language="en"))
    add(node, DCAT + "accessURL", download)
    add(node, DCAT + "downloadURL", download)
    add(node, DCAT + "mediaType", IANA + media)
    add(IANA + media, RDF + "type", DCT + "MediaType")
    add(node, DCAT + "byteSize", number(len(content), "nonNegativeInteger"))
    add(node, DCT + "license", LICENCE)
    add(node, SPDX + "checksum", checksum)
    add(checksum, RDF + "type", SPDX + "Checksum")
    add(checksum, SPDX + "algorithm", SHA256)
    add(SHA256, RDF + "type", SPDX + "ChecksumAlgorithm")
    add(checksum, SPDX + "checksumValue", ox.Literal(hashlib.sha256(content).hexdigest(),
                                                      datatype=ox.NamedNode(XSD + "hexBinary")))
    if name.startswith("eujkg."):  # the whole dataset in one file (not the ontology or inferred part alone)
        add(DATASET, VOID + "dataDump", download)


def _namespace(iri: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1] if cut > 0 else ""


def _fragment(text: str) -> str:
    """A readable, stable fragment for a hash IRI."""
    tail = text.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    safe = "".join(c if c.isalnum() or c in "-._" else "-" for c in tail) or "x"
    return f"{safe}-{hashlib.sha256(text.encode()).hexdigest()[:6]}"
