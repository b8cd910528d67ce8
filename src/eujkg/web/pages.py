"""The HTML pages: home, search, the cooperation network, the timeline, the stored questions. Each
route reads through the facade's backend (eujkg.read), so the pages work on a remote store too; the
queries are files in eujkg/web/sparql/."""

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from eujkg.errors import InputError
from eujkg.mediatypes import HTML
from eujkg.prefixes import BASE, expand
from eujkg.read.queries import internal
from eujkg.read.resolve import normalise
from eujkg.web.html import cell_view, local_path, render, short, text
from eujkg.web.layout import network_layout
from eujkg.web.negotiate import DOCUMENT_TYPES, format_parameter, format_values, negotiate

EXAMPLE_QUERY = """SELECT ?cooperation ?label ?start WHERE {
  ?cooperation a eujkg:Cooperation ; skos:prefLabel ?label .
  OPTIONAL { ?cooperation eujkg:startDate ?start }
} ORDER BY ?start"""
INPUT_TYPES = {"year": "number", "integer": "number", "date": "text", "string": "text", "iri": "text"}


def _query(kg, name: str, **terms):
    return internal("eujkg.web", name).run(kg.backend, **terms).solutions


# ---- home, search ----

def home(request: Request) -> Response:
    """The landing page of the dataset (its dcat:landingPage); an RDF client is sent to the dataset description."""
    media = format_parameter(format_values(request), DOCUMENT_TYPES, triples=True) or \
        negotiate(request.headers.get("accept"), DOCUMENT_TYPES, HTML)
    if media not in (None, HTML):
        return RedirectResponse("/dataset", status_code=303)
    return render(request, "home.html", **home_view(request.app.state.kg, request.app.state.dist))


def home_view(kg, dist: Path | None) -> dict:
    counts = kg.query("summary").rows()
    downloads = [{"name": p.name, "size": p.stat().st_size} for p in sorted(dist.iterdir())
                 if p.is_file() and not p.name.startswith(".")] if dist and dist.is_dir() else []
    return {"counts": counts, "downloads": downloads}


def search(request: Request) -> Response:
    wanted = request.query_params.get("q", "")[:200]
    hits = search_view(request.app.state.kg, wanted) if wanted.strip() else []
    return render(request, "search.html", q=wanted, hits=hits)


def search_view(kg, wanted: str, limit: int = 60) -> list[dict]:
    """Entities whose labels (any language, alternative labels and acronyms too) match the text."""
    wanted = normalise(wanted)
    scored = {}
    for label, entities in sorted(kg.resolver.label_index().items()):  # in one order, not the store's
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
    display = kg.resolver.display_labels(scored)
    hits = sorted(scored.items(), key=lambda kv: (kv[1][0], display.get(kv[0], kv[0]).casefold(), kv[0]))[:limit]
    kinds = _kinds(kg, [iri for iri, _ in hits])
    results = []
    for iri, (_, matched) in hits:
        label = display.get(iri, short(iri))
        results.append({"link": local_path(iri), "label": label, "kind": kinds.get(iri, ""), "curie": short(iri),
                        "matched": matched if matched != normalise(label) else ""})
    return results


def _kinds(kg, iris: list[str]) -> dict[str, str]:
    if not iris:
        return {}
    graph = ox.NamedNode(kg.backend.graphs["data"])
    kinds = {}
    rows = [(ox.NamedNode(i), graph) for i in iris]
    for r in internal("eujkg.web", "kinds").run_rows(kg.backend, ("entity", "graph"), rows).solutions:
        kinds.setdefault(r["entity"].value, r["label"].value)
    return kinds


# ---- network ----

def network(request: Request) -> Response:
    return render(request, "network.html", **network_view(request.app.state.kg, request.query_params.get("sector", "")))


def network_view(kg, sector: str) -> dict:
    sectors = [{"iri": r["s"].value, "label": r["l"].value} for r in _query(kg, "network-sectors")]
    chosen = sector if sector in {s["iri"] for s in sectors} else ""
    pairs = [{"c": r["c"].value, "cl": r["cl"].value, "j": r["j"].value, "jl": r["jl"].value, "e": r["e"].value,
              "el": r["el"].value, "sectors": text(r["sectors"])} for r in _query(kg, "network-pairs")]
    if chosen:
        keep = {r["c"].value for r in _query(kg, "network-in-sector", sector=ox.NamedNode(chosen))}
        pairs = [p for p in pairs if p["c"] in keep]
    return {**network_layout(pairs, local_path), "sectors": sectors, "chosen": chosen}


# ---- timeline ----

def timeline(request: Request) -> Response:
    return render(request, "timeline.html", **timeline_view(request.app.state.kg))


def timeline_view(kg) -> dict:
    years = defaultdict(list)
    for r in _query(kg, "timeline"):
        date = r["date"].value
        years[date[:4]].append({"date": date[:16].replace("T", " "), "label": r["label"].value, "kind": r["kind"].value,
                                "note": text(r["note"]), "link": local_path(r["thing"].value)})
    return {"years": sorted(years.items()), "count": sum(len(v) for v in years.values())}


# ---- stored questions ----

def questions(request: Request) -> Response:
    return render(request, "queries.html", queries=query_forms(request.app.state.kg), example=EXAMPLE_QUERY)


def stored(request: Request) -> Response:
    kg = request.app.state.kg
    name = request.path_params["name"]
    if name not in kg.queries:
        raise HTTPException(404, f"No stored query named {name}")
    params = {k: v for k, v in request.query_params.items() if k != "format" and v != ""}
    return render(request, "stored.html", **stored_view(kg, name, params))


def query_forms(kg, names: list[str] | None = None) -> list[dict]:
    """A form per stored query (or per query named), with the choices of each entity field."""
    forms = []
    for name in names or kg.queries.names():
        query = kg.queries[name]
        params = []
        for p in query.parameters:
            options = _labels_of(kg, p.cls) if p.type == "iri" else []
            params.append({"name": p.name, "type": INPUT_TYPES[p.type], "default": p.default or "", "doc": p.doc,
                           "required": p.required, "options": options, "kind": p.type})
        forms.append({"name": query.name, "title": query.title, "question": query.question, "params": params})
    return forms


def _labels_of(kg, cls: str | None) -> list[str]:
    iri = expand(cls) if cls else None
    rows = _query(kg, "labels-of-class", cls=ox.NamedNode(iri)) if iri else _query(kg, "preferred-labels")
    return [r["l"].value for r in rows][:400]


def stored_view(kg, name: str, params: dict) -> dict:
    query = kg.queries[name]
    form = query_forms(kg, [name])[0]
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
                   rows=[[cell_view(s[v]) for v in result.variables] for s in result.solutions])
    return context
