"""Media types of the SPARQL endpoint and pages, Accept-header negotiation, and the SPARQL
results serialisations for a (possibly capped) list of solutions."""

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from eujkg.read.results import json_term

RESULTS_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "ttl",
    "application/n-triples": "nt",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
}
FORMAT_ALIASES = {  # ?format= overrides for browsers
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values",
    "ttl": "text/turtle", "turtle": "text/turtle", "nt": "application/n-triples",
    "jsonld": "application/ld+json", "json-ld": "application/ld+json", "rdfxml": "application/rdf+xml",
    "rdf": "application/rdf+xml", "html": "text/html",
}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def negotiate(accept: str | None, offered: list[str], default: str) -> str | None:
    """The offered media type the Accept header prefers (q-values, wildcards); None if none is acceptable."""
    if not accept:
        return default
    best, best_q = None, 0.0
    for position, item in enumerate(accept.split(",")):
        parts = [p.strip() for p in item.split(";")]
        media, q = parts[0].lower(), 1.0
        for param in parts[1:]:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        candidates = offered if media == "*/*" else [o for o in offered if o == media or
                                                     (media.endswith("/*") and o.startswith(media[:-1]))]
        if media == "*/*":
            candidates = [default]
        for candidate in candidates:
            score = q - position * 1e-6 - (0.001 if media.endswith("*") else 0)
            if q > 0 and score > best_q:
                best, best_q = candidate, score
    return best


def serialise_boolean(value: bool, media: str) -> bytes:
    if media == "application/sparql-results+xml":
        return (f'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                f"<boolean>{'true' if value else 'false'}</boolean></sparql>").encode()
    if media in ("text/csv", "text/tab-separated-values"):
        return (("_askResult\r\n" if media == "text/csv" else "?_askResult\n") + ("true" if value else "false") + "\n").encode()
    return json.dumps({"head": {}, "boolean": value}).encode()


def serialise_solutions(variables: list[str], rows: list[list], media: str) -> bytes:
    if media == "application/sparql-results+xml":
        return _xml(variables, rows)
    if media == "text/csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(variables)
        for row in rows:
            writer.writerow(["" if t is None else (f"_:{t.value}" if isinstance(t, ox.BlankNode) else t.value) for t in row])
        return out.getvalue().encode()
    if media == "text/tab-separated-values":
        lines = ["\t".join("?" + v for v in variables)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode()
    bindings = [{v: json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}, ensure_ascii=False).encode()


def _xml(variables, rows) -> bytes:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
    out += [f"<variable name={quoteattr(v)}/>" for v in variables]
    out.append("</head><results>")
    for row in rows:
        out.append("<result>")
        for variable, term in zip(variables, row):
            if term is None:
                continue
            if isinstance(term, ox.NamedNode):
                value = f"<uri>{escape(term.value)}</uri>"
            elif isinstance(term, ox.BlankNode):
                value = f"<bnode>{escape(term.value)}</bnode>"
            elif term.language:
                value = f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
            elif term.datatype.value != XSD_STRING:
                value = f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
            else:
                value = f"<literal>{escape(term.value)}</literal>"
            out.append(f"<binding name={quoteattr(variable)}>{value}</binding>")
        out.append("</result>")
    out.append("</results></sparql>")
    return "".join(out).encode()
