"""Media types, written once: every format eujkg reads or writes, with its names and file suffix.

The export (`eujkg export --format`), the release files, the server's content negotiation and
`?format=` overrides, the download route, the service description and the remote backend all
derive their tables from FORMATS.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    media_type: str
    kind: str                 # "results" (SELECT/ASK answers), "graph" (triples), "dataset" (quads), "page"
    names: tuple[str, ...]    # short names: the first is the canonical one (`--format`, `?format=`)
    suffix: str               # file suffix
    w3c: str = ""             # http://www.w3.org/ns/formats/<w3c>, for the service description

    @property
    def name(self) -> str:
        return self.names[0]


FORMATS = (
    Format("application/sparql-results+json", "results", ("json",), ".srj", "SPARQL_Results_JSON"),
    Format("application/sparql-results+xml", "results", ("xml",), ".srx", "SPARQL_Results_XML"),
    Format("text/csv", "results", ("csv",), ".csv", "SPARQL_Results_CSV"),
    Format("text/tab-separated-values", "results", ("tsv",), ".tsv", "SPARQL_Results_TSV"),
    Format("text/turtle", "graph", ("ttl", "turtle"), ".ttl", "Turtle"),
    Format("application/n-triples", "graph", ("nt",), ".nt", "N-Triples"),
    Format("application/ld+json", "graph", ("jsonld", "json-ld"), ".jsonld", "JSON-LD"),
    Format("application/rdf+xml", "graph", ("rdfxml", "rdf"), ".rdf", "RDF_XML"),
    Format("application/trig", "dataset", ("trig",), ".trig", "TriG"),
    Format("text/html", "page", ("html",), ".html"),
)
BY_MEDIA_TYPE = {f.media_type: f for f in FORMATS}

RESULTS_TYPES = [f.media_type for f in FORMATS if f.kind == "results"]   # the first is the default
GRAPH_TYPES = [f.media_type for f in FORMATS if f.kind == "graph"]       # the first is the default
EXPORT_FORMATS = {f.name: f for f in FORMATS if f.kind in ("graph", "dataset")}  # ttl, nt, jsonld, rdfxml, trig
ALIASES = {name: f.media_type for f in FORMATS for name in f.names}      # ?format= overrides for browsers
TURTLE, N_TRIPLES, JSON_LD, RDF_XML = "text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"
SPARQL_JSON, SPARQL_XML, HTML = "application/sparql-results+json", "application/sparql-results+xml", "text/html"
# Requests of the SPARQL 1.1 Protocol, and the generic types a client may ask for instead of the precise ones
SPARQL_QUERY, SPARQL_UPDATE = "application/sparql-query", "application/sparql-update"
FORM = "application/x-www-form-urlencoded"
JSON, XML = "application/json", "application/xml"


def by_suffix(suffix: str) -> str:
    """The media type of a release file by its suffix; application/octet-stream if unknown."""
    return next((f.media_type for f in FORMATS if f.suffix == suffix and f.kind != "results"),
                "application/octet-stream")
