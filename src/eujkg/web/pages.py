"""What the HTML pages show, computed from the graph (templates only lay it out)."""

import json
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from eujkg.errors import InputError
from eujkg.graphs import DATA_GRAPH, ONTOLOGY_GRAPH
from eujkg.prefixes import BASE, curie
from eujkg.read.queries import insert_values
from eujkg.read.resolve import normalise

EXAMPLE_QUERY = """SELECT ?cooperation ?label ?start WHERE {
  ?cooperation a eujkg:Cooperation ; skos:prefLabel ?label .
  OPTIONAL { ?cooperation eujkg:startDate ?start }
} ORDER BY ?start"""
ONTOLOGY = BASE + "ontology"
REGION_COLOURS = {"Japan": "#c0392b", "Europe": "#1f5fa8"}


def local_path(iri: str) -> str:
    """The path of this server that serves an IRI of ours; other IRIs stay as they are."""
    if iri.startswith(BASE + "id/"):
        return "/" + iri[len(BASE):]
    if iri.startswith(ONTOLOGY):
        return "/ontology" + iri[len(ONTOLOGY):]
    return iri


def short(iri: str) -> str:
    return curie(iri).strip("<>")


def exists(kg, iri: str) -> bool:
    return any(True for _ in kg.store.quads_for_pattern(ox.NamedNode(iri), None, None, None))


def _rows(kg, text: str, **values):
    terms = {k: (ox.NamedNode(v) if isinstance(v, str) and v.startswith("http") else v) for k, v in values.items()}
    return list(kg.store.query(insert_values(text, terms) if terms else text, use_default_graph_as_union=True,
                               prefixes={"eujkg": BASE + "ontology#", "skos": "http://www.w3.org/2004/02/skos/core#",
                                         "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
                                         "owl": "http://www.w3.org/2002/07/owl#"}))


def value_view(term, labels: dict) -> dict:
    """A term as the templates show it: a link with a label, or a literal with its language or datatype."""
    if isinstance(term, ox.NamedNode):
        return {"link": local_path(term.value), "text": labels.get(term.value) or short(term.value),
                "iri": term.value, "curie": short(term.value)}
    if isinstance(term, ox.BlankNode):
        return {"text": "_:" + term.value}
    note = "@" + term.language if term.language else ("" if term.datatype.value.endswith("#string")
                                                     else short(term.datatype.value))
    return {"text": term.value, "note": note}


# ---- entity pages ----

def entity_view(kg, iri: str) -> dict:
    from eujkg.read.describe import describe
    description = describe(kg, iri)
    labels = description.labels
    groups = defaultdict(list)
    types = []
    for statement in description.statements:
        if statement.predicate.endswith("#type") and statement.graph != "ontology":
            types.append({**value_view(statement.value, labels), "inferred": statement.graph == "inferred"})
            continue
        if isinstance(statement.value, list):
            value = {"nested": [{"property": value_view(ox.NamedNode(p), labels), "value": value_view(o, labels)}
                                for p, o in statement.value]}
        else:
            value = value_view(statement.value, labels)
        groups[statement.graph].append({"property": value_view(ox.NamedNode(statement.predicate), labels),
                                        "value": value})
    label_rows = _rows(kg, "SELECT ?p ?l WHERE { ?e skos:prefLabel|skos:altLabel ?l . ?e ?p ?l "
                           "FILTER (?p IN (skos:prefLabel, skos:altLabel)) }", e=iri)
    return {
        "iri": iri, "curie": short(iri), "title": labels.get(iri) or short(iri),
        "types": sorted(types, key=lambda t: (t["inferred"], t["text"])),
        "names": [{"kind": "preferred" if r["p"].value.endswith("prefLabel") else "also", "text": r["l"].value,
                   "language": r["l"].language or ""} for r in label_rows],
        "asserted": groups["asserted"], "inferred": groups["inferred"], "from_ontology": groups["ontology"],
        "incoming": [{"subject": value_view(ox.NamedNode(s), labels), "property": value_view(ox.NamedNode(p), labels),
                      "inferred": g == "inferred"} for s, p, g in description.incoming],
        "sources": description.sources,
    }


_ENTITY_GRAPH = """CONSTRUCT { ?e ?p ?o . ?o ?p2 ?o2 } WHERE {
  ?e ?p ?o OPTIONAL { FILTER isBlank(?o) ?o ?p2 ?o2 } }"""


def entity_rdf(kg, iri: str, media: str) -> bytes:
    """The entity's own statements (asserted and inferred) with its blank nodes, in an RDF format."""
    triples = _rows(kg, _ENTITY_GRAPH, e=iri)
    return _serialise(triples, media)


def ontology_rdf(kg, media: str) -> bytes:
    triples = [q.triple for q in kg.store.quads_for_pattern(None, None, None, ox.NamedNode(ONTOLOGY_GRAPH))]
    return _serialise(triples, media)


def _serialise(triples, media: str) -> bytes:
    from eujkg.prefixes import PREFIXES
    rdf_format = ox.RdfFormat.from_media_type(media)
    return ox.serialize(triples, format=rdf_format, prefixes=PREFIXES if media == "text/turtle" else None)


def convert_turtle(text: str, media: str) -> bytes:
    return _serialise(list(ox.parse(text.encode("utf-8"), ox.RdfFormat.TURTLE)), media)


# ---- ontology page ----

def ontology_view(kg) -> dict:
    graph = ox.NamedNode(ONTOLOGY_GRAPH)
    rows = list(kg.store.query("""
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX owl: <http://www.w3.org/2002/07/owl#>
        SELECT ?term ?kind ?label ?comment
               (GROUP_CONCAT(DISTINCT STR(?super); separator=" ") AS ?supers)
               (GROUP_CONCAT(DISTINCT STR(?domain); separator=" ") AS ?domains)
               (GROUP_CONCAT(DISTINCT STR(?range); separator=" ") AS ?ranges)
        WHERE { GRAPH ?g {
          ?term a ?kind ; rdfs:label ?label ; rdfs:comment ?comment .
          FILTER (?kind IN (owl:Class, owl:ObjectProperty, owl:DatatypeProperty))
          FILTER STRSTARTS(STR(?term), "https://w3id.org/eujkg/ontology#")
          OPTIONAL { ?term rdfs:subClassOf|rdfs:subPropertyOf ?super FILTER isIRI(?super) }
          OPTIONAL { ?term rdfs:domain ?domain } OPTIONAL { ?term rdfs:range ?range } } }
        GROUP BY ?term ?kind ?label ?comment ORDER BY ?label""", named_graphs=[graph], default_graph=graph))
    classes, properties = [], []
    for r in rows:
        item = {"anchor": r["term"].value.split("#")[1], "iri": r["term"].value, "label": r["label"].value,
                "comment": r["comment"].value,
                "supers": [_term_link(t) for t in _text(r["supers"]).split()],
                "domains": [_term_link(t) for t in _text(r["domains"]).split()],
                "ranges": [_term_link(t) for t in _text(r["ranges"]).split()]}
        (classes if r["kind"].value.endswith("Class") else properties).append(item)
    return {"classes": classes, "properties": properties, "iri": ONTOLOGY}


def _text(term) -> str:
    """A literal's text; '' for an unbound value (an empty GROUP_CONCAT, an OPTIONAL that did not match)."""
    return "" if term is None else term.value


def _term_link(iri: str) -> dict:
    return {"link": local_path(iri), "text": short(iri)}


# ---- home, search ----

def home_view(kg, dist: Path) -> dict:
    counts = kg.query("summary").rows()
    downloads = [{"name": p.name, "size": p.stat().st_size} for p in sorted(dist.iterdir())
                 if p.is_file() and not p.name.startswith(".")] if dist.is_dir() else []
    return {"counts": counts, "downloads": downloads}


def search(kg, text: str, limit: int = 60) -> list[dict]:
    """Entities whose labels (any language, alternative labels and acronyms too) match the text."""
    wanted = normalise(text)
    resolver = kg.resolver
    index = resolver._load()
    scored = {}
    for label, entities in index.items():
        if wanted == label:
            score = 0
        elif label.startswith(wanted):
            score = 1
        elif wanted in label:
            score = 2
        else:
            continue
        for entity in entities:
            if entity.startswith(BASE + "id/") and (entity not in scored or scored[entity][0] > score):
                scored[entity] = (score, label)
    hits = sorted(scored.items(), key=lambda kv: (kv[1][0], resolver._display.get(kv[0], kv[0]).casefold()))[:limit]
    kinds = _kinds(kg, [iri for iri, _ in hits])
    results = []
    for iri, (_, matched) in hits:
        label = resolver._display.get(iri, short(iri))
        results.append({"link": local_path(iri), "label": label, "kind": kinds.get(iri, ""), "curie": short(iri),
                        "matched": matched if matched != normalise(label) else ""})
    return results


def _kinds(kg, iris: list[str]) -> dict[str, str]:
    kinds = {}
    for r in _rows(kg, """SELECT ?e ?label WHERE { GRAPH <%s> { ?e a ?c } ?c rdfs:label|skos:prefLabel ?label
                           FILTER (LANG(?label) IN ("en", "")) }""" % DATA_GRAPH):
        if r["e"].value in iris:
            kinds.setdefault(r["e"].value, r["label"].value)
    return kinds


# ---- network ----

_PAIRS = """SELECT ?c ?cl ?j ?jl ?e ?el (GROUP_CONCAT(DISTINCT ?sl; separator=", ") AS ?sectors) WHERE {
  ?c a eujkg:Cooperation ; skos:prefLabel ?cl ; eujkg:japanesePartner ?j ; eujkg:europeanPartner ?e .
  ?j skos:prefLabel ?jl . ?e skos:prefLabel ?el .
  FILTER (LANG(?cl) = "en" && LANG(?jl) = "en" && LANG(?el) = "en")
  OPTIONAL { ?c eujkg:sector ?s . ?s skos:prefLabel ?sl FILTER (LANG(?sl) = "en") }
} GROUP BY ?c ?cl ?j ?jl ?e ?el"""
_IN_SECTOR = "SELECT ?c WHERE { ?c a eujkg:Cooperation ; eujkg:sector/skos:broader* ?sector }"
_TOP_SECTORS = """SELECT DISTINCT ?s ?l WHERE { ?c a eujkg:Cooperation ; eujkg:sector/skos:broader* ?s .
  ?s skos:topConceptOf ?scheme ; skos:prefLabel ?l FILTER (LANG(?l) = "en") } ORDER BY ?l"""


def network_view(kg, sector: str) -> dict:
    sectors = [{"iri": r["s"].value, "label": r["l"].value} for r in _rows(kg, _TOP_SECTORS)]
    chosen = sector if sector in {s["iri"] for s in sectors} else ""
    pairs = _rows(kg, _PAIRS)
    if chosen:
        keep = {r["c"].value for r in _rows(kg, _IN_SECTOR, sector=chosen)}
        pairs = [p for p in pairs if p["c"].value in keep]
    japanese, european = _ordered_columns(pairs)
    row, top, width, margin = 34, 40, 1300, 430
    height = top * 2 + row * max(len(japanese), len(european), 1)

    def place(items, x, region):
        step = (height - 2 * top) / max(len(items), 1)
        return {iri: {"iri": iri, "label": label, "short": label if len(label) <= 46 else label[:45] + "…", "x": x, "y": round(top + step * (i + 0.5), 1), "region": region,
                      "colour": REGION_COLOURS[region], "link": local_path(iri)} for i, (iri, label) in enumerate(items)}
    nodes = {**place(japanese, margin, "Japan"), **place(european, width - margin, "Europe")}
    edges = [{"x1": nodes[p["j"].value]["x"], "y1": nodes[p["j"].value]["y"], "x2": nodes[p["e"].value]["x"],
              "y2": nodes[p["e"].value]["y"], "label": p["cl"].value, "sectors": _text(p["sectors"]),
              "link": local_path(p["c"].value)} for p in pairs]
    return {"nodes": list(nodes.values()), "edges": edges, "width": width, "height": height, "sectors": sectors,
            "left": margin, "right": width - margin,
            "chosen": chosen, "cooperations": len({p["c"].value for p in pairs}),
            "japanese": len(japanese), "european": len(european)}


def _ordered_columns(pairs):
    """Japanese and European actors, each column ordered by the mean position of its partners
    (two barycentre passes), so that fewer cooperation lines cross."""
    links = [(p["j"].value, p["e"].value) for p in pairs]
    names = {p["j"].value: p["jl"].value for p in pairs} | {p["e"].value: p["el"].value for p in pairs}
    left = sorted({j for j, _ in links}, key=lambda i: names[i].casefold())
    right = sorted({e for _, e in links}, key=lambda i: names[i].casefold())
    for _ in range(2):
        position = {iri: n for n, iri in enumerate(left)}
        right.sort(key=lambda e: sum(position[j] for j, x in links if x == e) / sum(1 for _, x in links if x == e))
        position = {iri: n for n, iri in enumerate(right)}
        left.sort(key=lambda j: sum(position[e] for x, e in links if x == j) / sum(1 for x, _ in links if x == j))
    return [(i, names[i]) for i in left], [(i, names[i]) for i in right]


# ---- timeline ----

_TIMELINE = """SELECT ?thing ?label ?date ?kind ?note WHERE {
  { ?thing a eujkg:Agreement ; skos:prefLabel ?label . ?thing eujkg:signedDate|eujkg:negotiationStartDate ?date .
    BIND ("agreement" AS ?kind) OPTIONAL { ?thing eujkg:status/skos:prefLabel ?note } }
  UNION { ?thing a eujkg:Cooperation ; skos:prefLabel ?label ; eujkg:startDate ?date . BIND ("cooperation" AS ?kind) }
  UNION { ?thing a eujkg:Event ; skos:prefLabel ?label ; eujkg:startDate ?date . BIND ("event" AS ?kind)
          FILTER NOT EXISTS { ?thing a eujkg:Meeting } OPTIONAL { ?thing eujkg:status/skos:prefLabel ?note } }
  FILTER (LANG(?label) = "en")
} ORDER BY ?date"""


def timeline_view(kg) -> dict:
    years = defaultdict(list)
    for r in _rows(kg, _TIMELINE):
        date = r["date"].value
        years[date[:4]].append({"date": date[:16].replace("T", " "), "label": r["label"].value, "kind": r["kind"].value,
                                "note": _text(r["note"]),
                                "link": local_path(r["thing"].value)})
    return {"years": sorted(years.items()), "count": sum(len(v) for v in years.values())}


# ---- stored queries ----

INPUT_TYPES = {"year": "number", "integer": "number", "date": "text", "string": "text", "iri": "text"}


def query_forms(kg) -> list[dict]:
    forms = []
    for query in kg.queries.values():
        params = []
        for p in query.parameters:
            options = _labels_of(kg, p.cls) if p.type == "iri" else []
            params.append({"name": p.name, "type": INPUT_TYPES[p.type], "default": p.default or "", "doc": p.doc,
                           "required": p.required, "options": options, "kind": p.type})
        forms.append({"name": query.name, "title": query.title, "question": query.question, "params": params})
    return forms


def _labels_of(kg, cls: str | None) -> list[str]:
    from eujkg.prefixes import expand
    iri = expand(cls) if cls else None
    text = ("SELECT DISTINCT ?l WHERE { ?e a ?cls ; skos:prefLabel ?l FILTER (LANG(?l) IN ('en','')) } ORDER BY ?l"
            if iri else "SELECT DISTINCT ?l WHERE { ?e skos:prefLabel ?l FILTER (LANG(?l) IN ('en','')) } ORDER BY ?l")
    return [r["l"].value for r in _rows(kg, text, **({"cls": iri} if iri else {}))][:400]


def stored_view(kg, name: str, params: dict) -> dict:
    query = kg.queries[name]
    form = next(f for f in query_forms(kg) if f["name"] == name)
    for p in form["params"]:
        p["value"] = params.get(p["name"], p["default"])
    missing = [p.name for p in query.parameters if p.required and p.name not in params]
    context = {"form": form, "error": None, "columns": [], "rows": [], "ran": False}
    if missing:
        return context
    try:
        result = kg.query(name, **params)
    except InputError as error:
        context["error"] = str(error)
        return context
    context.update(ran=True, columns=result.variables,
                   rows=[[_cell(s[v]) for v in result.variables] for s in result.solutions])
    return context


def _cell(term) -> dict:
    """A result cell: English text needs no language note in a table."""
    if term is None:
        return {"text": ""}
    view = value_view(term, {})
    if view.get("note") and not (view["note"].startswith("@") and view["note"] != "@en"):
        view["note"] = ""  # only a non-English language tag is worth showing in a table
    return view


def result_view(response, form: str) -> dict:
    """The answer of the SPARQL endpoint, for the HTML page."""
    body = response.body.decode("utf-8")
    if form in ("CONSTRUCT", "DESCRIBE"):
        return {"turtle": body}
    data = json.loads(body)
    if "boolean" in data:
        return {"boolean": data["boolean"]}
    variables = data["head"]["vars"]
    rows = []
    for binding in data["results"]["bindings"]:
        row = []
        for v in variables:
            term = binding.get(v)
            if term is None:
                row.append({"text": ""})
            elif term["type"] == "uri":
                row.append({"link": local_path(term["value"]), "text": short(term["value"])})
            else:
                row.append({"text": term["value"], "note": term.get("xml:lang", "")})
        rows.append(row)
    return {"columns": variables, "rows": rows, "truncated": response.headers.get("x-eujkg-truncated", "")}
