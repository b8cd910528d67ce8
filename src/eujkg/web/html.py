"""What every HTML view shares: the templates, links to this server, and terms as the templates show them."""

import pyoxigraph as ox
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from eujkg.prefixes import BASE, curie

ONTOLOGY = BASE + "ontology"


def templates() -> Environment:
    environment = Environment(loader=PackageLoader("eujkg.web", "templates"), autoescape=select_autoescape())
    environment.globals.update(local=local_path, curie=short)
    return environment


def render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    """A page from its template; the environment is the app's (request.app.state.templates)."""
    html = request.app.state.templates.get_template(name).render(request=request, **context)
    return HTMLResponse(html, status_code=status)


SERVED = ("id/", "ontology", "graph/", "dataset", "dist/", "sparql")  # what this server answers under BASE


def local_path(iri: str) -> str:
    """The path of this server that serves an IRI of ours; other IRIs stay as they are."""
    if iri == BASE or iri.startswith(BASE) and iri[len(BASE):].startswith(SERVED):
        return "/" + iri[len(BASE):]
    return iri


def short(iri: str) -> str:
    return curie(iri).strip("<>")


def text(term) -> str:
    """A literal's text; '' for an unbound value (an empty GROUP_CONCAT, an OPTIONAL that did not match)."""
    return "" if term is None else term.value


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


def cell_view(term) -> dict:
    """A result cell: English text needs no language note in a table."""
    if term is None:
        return {"text": ""}
    view = value_view(term, {})
    if view.get("note") and not (view["note"].startswith("@") and view["note"] != "@en"):
        view["note"] = ""  # only a non-English language tag is worth showing in a table
    return view
