"""The documents behind the three graph IRIs (https://w3id.org/eujkg/graph/ontology, …/data, …/inferred)
at /graph/<name>: for RDF clients the graph itself, every triple of it, in the negotiated format (what
FROM <…/graph/data> and default-graph-uri name); for browsers a page saying what the graph holds, how
big it is and how to query or download it. Read through the backend, so a remote store works too."""

import pyoxigraph as ox
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from eujkg.graphs import GRAPHS
from eujkg.mediatypes import HTML
from eujkg.read.queries import internal
from eujkg.read.results import serialize_triples
from eujkg.web.html import render
from eujkg.web.negotiate import document_media

WHAT = {
    "ontology": ("The ontology", "The OWL ontology: classes, properties and their axioms (the module files of "
                 "ontology/), with the SHACL shapes left out."),
    "data": ("The asserted data", "What the four source reports state: actors, programmes, agreements, "
             "cooperations, sectors, places, events and figures, each fact with its citation."),
    "inferred": ("The inferred triples", "What OWL RL reasoning over the ontology and the data adds, such as "
                 "types, inverse links and cooperatesWith between partners; stated in no source as such."),
}


def graph(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in GRAPHS:
        raise HTTPException(404, f"No graph {name}: the graphs are " + ", ".join(f"/graph/{n}" for n in GRAPHS))
    kg = request.app.state.kg
    store_graph = ox.NamedNode(kg.backend.graphs[name])
    media = document_media(request)
    links = {"Link": '</dataset>; rel="describedby"'}
    if media != HTML:
        query = internal("eujkg.web", "graph-triples").bind_terms({"graph": store_graph})
        body = serialize_triples(kg.backend.query(query).triples, media)
        return Response(body, media_type=media, headers=links)
    size = kg.backend.query(internal("eujkg.web", "graph-size").bind_terms({"graph": store_graph})).solutions[0]
    title, what = WHAT[name]
    page = render(request, "graph.html", graph=name, iri=GRAPHS[name], title=title, what=what,
                  triples=int(size["triples"].value), subjects=int(size["subjects"].value),
                  others=[n for n in GRAPHS if n != name])
    page.headers.update(links)
    return page
