"""One answer whatever the engine: the facade puts the list cells and the row order of a query's answer
(stored questions and the package's own queries) in a defined form, once, for the embedded store and
every remote one alike.

Why here and not in the queries: SPARQL 1.1 leaves the order of GROUP_CONCAT's parts undefined, and a
sub-select's ORDER BY need not survive the grouping above it (Oxigraph and Virtuoso both reorder).
Engines also differ in what an empty list is (unbound in Oxigraph, "" in Virtuoso), in whether the
joined text keeps its parts' language tag (Oxigraph keeps a shared one, Virtuoso drops it), and in how
they order language-tagged literals and ties under ORDER BY. So:

- a list cell (declared in the query header: `# list: COLUMN… "SEPARATOR"`) is split on its separator,
  its parts put in natural order (numbers by value, then text case-insensitively, then exactly) and
  joined again as a plain string; an empty list is unbound;
- rows are first put in order by their whole content, then sorted (stably) by the query's ORDER BY
  keys with one term order: unbound, blank nodes, IRIs, numbers by value, then other literals by text.
  A query ordered by a variable it does not project (summary, maturity-index: a number from a VALUES
  table) keeps the engine's row order, which is why such a variable must hold numbers or IRIs.
"""

import re
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from eujkg.errors import InputError
from eujkg.read.results import XSD, QueryResult

_NUMBERS = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "short", "byte",
                              "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
                              "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_ORDER_BY = re.compile(r"\bORDER\s+BY\b(?P<keys>.*)$", re.IGNORECASE | re.DOTALL)
_KEY = re.compile(r"\s*(?:(?P<direction>ASC|DESC)\s*\(\s*\?(?P<wrapped>\w+)\s*\)|\?(?P<plain>\w+))", re.IGNORECASE)


def order_keys(name: str, text: str) -> list[tuple[str, bool]]:
    """The outermost ORDER BY of a stored query as (variable, descending) pairs. The facade sorts the
    answer's rows by them, so only variables may be named there, in ASC() or DESC() or alone (Virtuoso
    refuses expressions over aggregates there anyway). Before a LIMIT, ORDER BY must be total over IRIs
    or numbers, which every engine orders alike, or each engine would keep other rows."""
    tail = _without_comments(text)
    tail = re.split(r"\b(?:LIMIT|OFFSET)\b", tail[tail.rfind("}") + 1:], flags=re.IGNORECASE)[0]
    match = _ORDER_BY.search(tail)
    if match is None:
        return []
    keys, rest = [], match["keys"]
    while rest.strip():
        key = _KEY.match(rest)
        if key is None:
            raise InputError(f"{name}.rq: ORDER BY may name only variables, alone or in ASC() or DESC(); "
                             f"cannot use '{' '.join(rest.split())[:60]}'")
        keys.append((key["wrapped"] or key["plain"], (key["direction"] or "").upper() == "DESC"))
        rest = rest[key.end():]
    return keys


def canonical(result: QueryResult, lists: dict[str, str], order: list[tuple[str, bool]]) -> QueryResult:
    """The answer with its list cells and row order in the defined form (see the module docstring)."""
    if result.boolean is not None or result.triples is not None:
        return result
    solutions = []
    for solution in result.solutions:
        row = dict(solution)
        for column, separator in lists.items():
            if column in row:
                row[column] = _list_cell(row[column], separator)
        solutions.append(row)
    if all(variable in result.variables for variable, _ in order):  # else ordered by what it does not show
        solutions.sort(key=lambda row: tuple(_content(row.get(v)) for v in result.variables))
        for variable, descending in reversed(order):
            solutions.sort(key=lambda row: _term_order(row.get(variable)), reverse=descending)
    return QueryResult(result.variables, solutions, truncated=result.truncated)


def _list_cell(term, separator: str):
    if term is None or term.value == "":
        return None
    parts = sorted(term.value.split(separator), key=_natural)
    return ox.Literal(separator.join(parts))


def _natural(text: str):
    """'Phase 2' before 'Phase 10'; 'alpha' beside 'Alpha'; exact text last, so the order is total."""
    pieces = re.split(r"(\d+)", text)
    return [int(p) if i % 2 else p.casefold() for i, p in enumerate(pieces)], text


def _content(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return "_:"  # engines name blank nodes each their own way
    return str(term)


def _term_order(term):
    if term is None:
        return (0,)
    if isinstance(term, ox.BlankNode):
        return (1,)
    if isinstance(term, ox.NamedNode):
        return (2, term.value)
    if term.datatype.value in _NUMBERS:
        try:
            number = Decimal(term.value.strip())
            if number.is_finite():
                return (3, number)
        except InvalidOperation:
            pass
    return (4, term.value, term.language or "", term.datatype.value)


def _without_comments(text: str) -> str:
    """The query without # comments: a '#' at the start of a line or after a space (IRIs hold theirs inside)."""
    return re.sub(r"(?m)(^|\s)#[^\n]*", r"\1", text)
