"""Query results: typed Python rows, the terminal table, and the one writer of every format.

Works on pyoxigraph terms, so printing results never needs rdflib. SELECT and ASK answers are
written by pyoxigraph's own results serialiser (SPARQL 1.1 JSON, XML, CSV, TSV), fed the solutions
kept here (which may be capped), so the command line and the server write the same bytes.
"""

import json
import shutil
import sys
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from eujkg.mediatypes import TURTLE
from eujkg.prefixes import PREFIXES, curie

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                               "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong")}


class IRI(str):
    """An IRI in a result row: a str, so it prints and compares like one, but tells itself apart from text."""

    def __repr__(self) -> str:
        return f"IRI({str.__repr__(self)})"


def python_value(term):
    """The Python value of a result term: IRI, int, Decimal, float, bool, date, datetime or str."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return IRI(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    datatype = term.datatype.value
    text = term.value
    try:
        if datatype in _INTEGERS or datatype == XSD + "gYear":
            return int(text)
        if datatype == XSD + "decimal":
            return Decimal(text)
        if datatype in (XSD + "double", XSD + "float"):
            return float(text)
        if datatype == XSD + "boolean":
            return text in ("true", "1")
        if datatype == XSD + "date":
            return date.fromisoformat(text)
        if datatype == XSD + "dateTime":
            return datetime.fromisoformat(text)
    except (ValueError, InvalidOperation):
        return text
    return text


@dataclass
class QueryResult:
    """The answer to a SELECT (variables and solutions), an ASK (boolean) or a CONSTRUCT (triples)."""

    variables: list[str]
    solutions: list[dict]
    boolean: bool | None = None
    triples: list | None = None
    truncated: bool = False  # more solutions or triples than the `limit` asked for

    @classmethod
    def from_oxigraph(cls, answer, limit: int | None = None) -> "QueryResult":
        """Collect a pyoxigraph answer, keeping at most `limit` solutions or triples."""
        if isinstance(answer, ox.QueryBoolean):
            return cls([], [], boolean=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            triples, truncated = _take(answer, limit)
            return cls([], [], triples=triples, truncated=truncated)
        variables = [v.value for v in answer.variables]
        solutions, truncated = _take(answer, limit)
        return cls(variables, [{name: solution[name] for name in variables} for solution in solutions],
                   truncated=truncated)

    @property
    def form(self) -> str:
        """"boolean", "triples" or "solutions"."""
        return "boolean" if self.boolean is not None else "triples" if self.triples is not None else "solutions"

    def serialize(self, media_type: str) -> bytes:
        """The answer in a SPARQL results format (SELECT, ASK) or an RDF format (CONSTRUCT, DESCRIBE)."""
        if self.triples is not None:
            return serialize_triples(self.triples, media_type)
        if self.boolean is not None:
            document = {"head": {}, "boolean": self.boolean}
        else:
            bindings = [{name: json_term(t) for name, t in s.items() if t is not None} for s in self.solutions]
            document = {"head": {"vars": self.variables}, "results": {"bindings": bindings}}
        parsed = ox.parse_query_results(json.dumps(document, ensure_ascii=False).encode("utf-8"),
                                        format=ox.QueryResultsFormat.JSON)
        return parsed.serialize(format=ox.QueryResultsFormat.from_media_type(media_type))

    def rows(self) -> list[dict]:
        """Each solution as a dict of Python values (None where unbound)."""
        return [{name: python_value(s[name]) for name in self.variables} for s in self.solutions]

    def __len__(self) -> int:
        return len(self.solutions)

    def to_table(self, width: int | None = None) -> str:
        """A table with IRIs as CURIEs; on a terminal (or given a width) long cells are cut with an ellipsis."""
        if self.boolean is not None:
            return "yes" if self.boolean else "no"
        if not self.variables:
            return ""
        if width is None:
            width = shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() else 1_000_000
        cells = [[_short(s[n]) for n in self.variables] for s in self.solutions]
        widths = [max([len(n)] + [len(row[i]) for row in cells]) for i, n in enumerate(self.variables)]
        budget = max(width - 3 * (len(widths) - 1), 10 * len(widths))
        while sum(widths) > budget and max(widths) > 10:
            widest = widths.index(max(widths))
            widths[widest] -= 1
        def line(values):
            return " | ".join(_fit(v, w) for v, w in zip(values, widths)).rstrip()
        out = [line(self.variables), "-+-".join("-" * w for w in widths)]
        out += [line(row) for row in cells]
        out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
        return "\n".join(out)


def serialize_triples(triples, media_type: str) -> bytes:
    """Triples in an RDF format, with the project's prefixes in Turtle."""
    return ox.serialize(triples, format=ox.RdfFormat.from_media_type(media_type),
                        prefixes=PREFIXES if media_type == TURTLE else None)


def _take(items, limit: int | None) -> tuple[list, bool]:
    if limit is None:
        return list(items), False
    taken = []
    for item in items:
        if len(taken) == limit:
            return taken, True
        taken.append(item)
    return taken, False


def json_term(term) -> dict:
    """A term as SPARQL 1.1 Query Results JSON."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    item = {"type": "literal", "value": term.value}
    if term.language:
        item["xml:lang"] = term.language
    elif term.datatype.value != XSD + "string":
        item["datatype"] = term.datatype.value
    return item


def _plain(term) -> str:
    return term.value if not isinstance(term, ox.BlankNode) else f"_:{term.value}"


def _short(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return curie(term.value).strip("<>") if term.value.startswith("https://w3id.org/eujkg/") else term.value
    return " ".join(_plain(term).split())


def _fit(text: str, width: int) -> str:
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"
