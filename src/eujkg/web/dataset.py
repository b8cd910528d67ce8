"""The dataset description (VoID and DCAT, the release's void.ttl) behind the dataset IRI
https://w3id.org/eujkg/dataset, at /dataset and /.well-known/void: RDF by content negotiation, or a page
for browsers with a section per thing it describes (distributions, linksets, partitions…), anchored by
the fragment of its IRI, so …/dataset#publisher opens at the publisher.

Every other IRI the description mints under https://w3id.org/eujkg/ without a route of its own (a subset
such as …/dataset/inferred) answers 303 See Other to its section of the description (`described`).
"""

import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from eujkg.mediatypes import HTML, TURTLE
from eujkg.prefixes import BASE
from eujkg.read.results import serialize_triples
from eujkg.web.html import local_path, render, short, value_view
from eujkg.web.negotiate import DOCUMENT_TYPES, format_parameter, format_values, negotiate

DATASET = BASE + "dataset"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
VOID = "http://rdfs.org/ns/void#"
TITLES = ("http://purl.org/dc/terms/title", "http://www.w3.org/2000/01/rdf-schema#label",
          "http://xmlns.com/foaf/0.1/name", "http://www.w3.org/2004/02/skos/core#prefLabel")
GROUPS = [  # (kind, heading), in the order the page shows them; other kinds follow
    ("Dataset", "The dataset"), ("Catalog", "Catalogue"), ("DataService", "SPARQL endpoint"),
    ("Subset", "Subsets and linked datasets"), ("Distribution", "Distributions (downloads)"),
    ("Linkset", "Linksets"), ("ClassPartition", "Class partitions"), ("PropertyPartition", "Property partitions"),
]


def void_file(request: Request) -> Path:
    dist = request.app.state.dist
    path = dist / "void.ttl" if dist else None
    if path is None or not path.is_file():
        raise HTTPException(404, "No release is being served, so there is no dataset description")
    return path


def description(request: Request) -> Response:
    """The description in the negotiated format: HTML by default at /dataset (an IRI, as /id/… are), Turtle at
    /.well-known/void (where VoID clients look for RDF, RFC 5785)."""
    path = void_file(request)
    default = TURTLE if request.url.path.startswith("/.well-known/") else HTML
    media = format_parameter(format_values(request), DOCUMENT_TYPES, triples=True) or \
        negotiate(request.headers.get("accept"), DOCUMENT_TYPES, default)
    if media is None:
        raise HTTPException(406, "Available as " + ", ".join(DOCUMENT_TYPES))
    if media == HTML:
        return render(request, "dataset.html", **page_view(str(path), path.stat().st_mtime))
    if media == TURTLE:
        return FileResponse(path, media_type=TURTLE + "; charset=utf-8")
    return Response(serialize_triples(triples_of(str(path), path.stat().st_mtime), media), media_type=media)


def described(request: Request) -> Response:
    """The last route: an IRI of ours the description mentions is sent to its section; anything else is 404."""
    iri = BASE + request.url.path.lstrip("/")
    dist = request.app.state.dist
    path = dist / "void.ttl" if dist else None
    if path is not None and path.is_file() and iri in mentioned(str(path), path.stat().st_mtime):
        return RedirectResponse(f"/dataset#{anchor(iri)}", status_code=303)
    raise HTTPException(404, f"Nothing here has the IRI {iri}")


@lru_cache(maxsize=4)
def triples_of(path: str, mtime: float) -> list:
    return list(ox.parse(path=path, format=ox.RdfFormat.TURTLE))


@lru_cache(maxsize=4)
def mentioned(path: str, mtime: float) -> frozenset[str]:
    """The IRIs under BASE the description names, anywhere in a triple."""
    return frozenset(t.value for triple in triples_of(path, mtime) for t in (triple.subject, triple.object)
                     if isinstance(t, ox.NamedNode) and t.value.startswith(BASE))


def anchor(iri: str) -> str:
    """The id of a thing's section: the fragment of a …/dataset#… IRI, else its path made an id."""
    if iri.startswith(DATASET + "#"):
        return iri[len(DATASET) + 1:]
    return re.sub(r"[^A-Za-z0-9._-]+", "-", iri[len(BASE):]).strip("-") or "home"


@lru_cache(maxsize=4)
def page_view(path: str, mtime: float) -> dict:
    statements, kinds = defaultdict(list), defaultdict(set)
    for triple in triples_of(path, mtime):
        statements[triple.subject].append((triple.predicate.value, triple.object))
        if triple.predicate.value == RDF_TYPE:
            kinds[triple.subject].add(triple.object.value.rsplit("/", 1)[-1].rsplit("#", 1)[-1])
    titles = {s.value: _title(s, said) or _fragment(s.value) for s, said in statements.items()
              if isinstance(s, ox.NamedNode)}
    sections = defaultdict(list)
    for subject, said in statements.items():
        kind = _kind(subject, said, kinds[subject])
        iri = subject.value if isinstance(subject, ox.NamedNode) else "_:" + subject.value
        sections[kind].append({
            "iri": iri, "anchor": anchor(iri) if iri.startswith(BASE) else re.sub(r"[^A-Za-z0-9_-]", "-", iri),
            "title": titles.get(iri) or short(iri),
            "statements": [{"property": value_view(ox.NamedNode(p), {}), "value": _value(o, titles)}
                           for p, o in sorted(said, key=lambda po: (po[0] != RDF_TYPE, po[0], str(po[1])))]})
    order = [kind for kind, _ in GROUPS] + sorted(k for k in sections if k not in dict(GROUPS))
    headings = dict(GROUPS)
    groups = [{"kind": kind, "heading": headings.get(kind, kind), "anchor": "kind-" + kind,
               "things": sorted(sections[kind], key=lambda s: (s["title"].casefold(), s["iri"]))}
              for kind in order if sections.get(kind)]
    main = next((s for s in sections.get("Dataset", [])), {"title": "eujkg", "iri": DATASET})
    return {"title": main["title"], "iri": DATASET, "groups": groups}


def _kind(subject, said, types: set[str]) -> str:
    if isinstance(subject, ox.NamedNode) and subject.value == DATASET:
        return "Dataset"
    predicates = {p for p, _ in said}
    if VOID + "class" in predicates:
        return "ClassPartition"
    if VOID + "property" in predicates:
        return "PropertyPartition"
    if "Dataset" in types and "Linkset" not in types:
        return "Subset"
    return sorted(types)[0] if types else "Other"


def _title(subject, said) -> str:
    for wanted in TITLES:
        texts = [o for p, o in said if p == wanted and isinstance(o, ox.Literal)]
        english = [o.value for o in texts if o.language in ("en", None, "")]
        if english or texts:
            return (english or [texts[0].value])[0]
    for p, o in said:
        if p in (VOID + "class", VOID + "property") and isinstance(o, ox.NamedNode):
            return f"{'class' if p.endswith('class') else 'property'} {short(o.value)}"
    return ""


def _fragment(iri: str) -> str:
    return iri.split("#", 1)[1] if iri.startswith(DATASET + "#") else ""


def _value(term, titles: dict) -> dict:
    view = value_view(term, titles)
    if isinstance(term, ox.NamedNode) and term.value in titles and term.value.startswith(BASE):
        view["link"] = "#" + anchor(term.value) if term.value.startswith(DATASET + "#") else local_path(term.value)
    return view
