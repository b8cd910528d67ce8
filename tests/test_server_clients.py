"""Real SPARQL clients work against the endpoint unchanged: SPARQLWrapper and rdflib's SPARQLStore."""

from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper


def test_sparqlwrapper_select(live_server):
    client = SPARQLWrapper(f"{live_server}/sparql")
    client.setQuery("""PREFIX eujkg: <https://w3id.org/eujkg/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?label WHERE { ?c a eujkg:Cooperation ; skos:prefLabel ?label } ORDER BY ?label""")
    client.setReturnFormat(JSON)
    labels = [b["label"]["value"] for b in client.query().convert()["results"]["bindings"]]
    assert len(labels) == 20 and "Toyama Pharmaceutical Association – Polepharma" in labels


def test_sparqlwrapper_post_and_construct(live_server):
    client = SPARQLWrapper(f"{live_server}/sparql")
    client.setMethod("POST")
    client.setQuery("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER (?s = <https://w3id.org/eujkg/id/place/kobe>) }")
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.query().convert(), format="turtle")
    assert (URIRef("https://w3id.org/eujkg/id/place/kobe"), URIRef("https://w3id.org/eujkg/ontology#locatedIn"),
            URIRef("https://w3id.org/eujkg/id/place/japan")) in graph


def test_rdflib_sparqlstore(live_server):
    store = SPARQLStore(query_endpoint=f"{live_server}/sparql")
    graph = Graph(store=store)
    rows = list(graph.query("""PREFIX eujkg: <https://w3id.org/eujkg/ontology#>
        SELECT ?partner WHERE { <https://w3id.org/eujkg/id/organisation/life-science-nord> eujkg:cooperatesWith ?partner }"""))
    partners = {str(r.partner) for r in rows}
    assert "https://w3id.org/eujkg/id/organisation/kobe-biomedical-innovation-cluster" in partners
    assert bool(graph.query("ASK { ?s ?p ?o }").askAnswer)
