"""The check every user SPARQL query passes before anything runs it: size, nesting, and no SERVICE.

pyoxigraph evaluates `SERVICE <iri> { … }` by sending an HTTP request to that IRI, so a query that
reaches it can make this machine call any address (server-side request forgery). The check parses the
query with a full SPARQL 1.1 grammar (rdflib's) and looks for a service pattern in the parse tree, so
no spelling of the IRI (prefixed name, BASE-relative IRI, variable, \\u escapes, comments between the
tokens) slips past it. Size and nesting are bounded before parsing, because deep nesting exhausts the
parsers' stacks (pyoxigraph segfaults at a few thousand braces).

Used on every path that runs user SPARQL: the server's workers, `eujkg sparql` and
`KnowledgeGraph.sparql`. Stored queries are the project's own files and are not user input.
"""

from __future__ import annotations

import re
import sys

from eujkg.errors import InputError
from eujkg.prefixes import PREFIXES

MAX_QUERY_BYTES = 100_000
MAX_NESTING = 64

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_SKIPPED = re.compile(r'''(?sx)
    "{3}.*?"{3} | '{3}.*?'{3}                     # long strings
  | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*'     # short strings
  | \#[^\n]*                                      # comments
''')
_OPENING, _CLOSING = "{([", "})]"


class QueryRefused(InputError):
    """A query that is not run; `status` is the HTTP status the server answers with."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def check_size_and_nesting(text: str) -> None:
    """Refuse a query that is too long or nested too deeply, before any parser sees it."""
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_QUERY_BYTES:
        raise QueryRefused(f"the query is {size:,} bytes long; at most {MAX_QUERY_BYTES:,} are accepted", 413)
    depth = deepest = 0
    # Brackets inside IRIs are counted too: over-counting is safe, under-counting is not.
    for character in _SKIPPED.sub(" ", _unescape(text)):
        if character in _OPENING:
            depth += 1
            deepest = max(deepest, depth)
        elif character in _CLOSING:
            depth = max(depth - 1, 0)
    if deepest > MAX_NESTING:
        raise QueryRefused(f"the query nests brackets {deepest} deep; at most {MAX_NESTING} levels are accepted", 400)


def check_query(text: str):
    """Refuse a user query that is too big, too deep, not a query, or uses SERVICE; return its parse tree
    (rdflib's), so that what else is read from it (its FROM clauses: eujkg.read.dataset) costs no second parse."""
    check_size_and_nesting(text)
    tree = _parse(text)
    if _has_service(tree):
        raise QueryRefused("SERVICE is not allowed: eujkg never sends queries to other endpoints", 403)
    return tree


def parse_query(text: str):
    """rdflib's parse tree of a user query (project prefixes predeclared); refused as by check_query if it
    does not parse. For what else is read from the text (eujkg.read.dataset)."""
    return _parse(text)


def _unescape(text: str) -> str:
    """SPARQL's \\u and \\U escapes, which the grammar applies before parsing."""
    def replace(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)
    return _ESCAPE.sub(replace, text)


def _parse(text: str):
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    prologue = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 8000))  # the grammar recurses ~60 frames a bracket; nesting is bounded above
    try:
        return parseQuery(prologue + text)
    except ParseException as error:
        if _looks_like_update(text):
            raise QueryRefused("eujkg is read-only: SPARQL Update is not accepted", 403) from None
        line = error.lineno - len(PREFIXES)
        raise QueryRefused(f"SPARQL syntax error at line {line}, column {error.col}: {error.msg}", 400) from None
    except RecursionError:
        raise QueryRefused("the query is nested too deeply to be checked", 400) from None
    finally:
        sys.setrecursionlimit(limit)


def _looks_like_update(text: str) -> bool:
    from rdflib.plugins.sparql.parser import parseUpdate
    try:
        parseUpdate(text)
    except Exception:  # noqa: BLE001 - anything that is not an update is simply not one
        return False
    return True


def _has_service(tree) -> bool:
    """Whether the parse tree holds a ServiceGraphPattern anywhere (walked without recursion)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    pending = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                return True
            pending.extend(node.values())
        elif isinstance(node, (ParseResults, list, tuple)):
            pending.extend(node)
        elif isinstance(node, dict):
            pending.extend(node.values())
    return False
