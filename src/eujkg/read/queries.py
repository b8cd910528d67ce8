"""Queries as files: read the header of a .rq file, check and type the parameters, bind them.

Every query eujkg runs is a .rq file: the stored questions in queries/, and the internal ones of the
read path (eujkg/read/sparql/) and the web pages (eujkg/web/sparql/). Header lines (comments before
the first line of SPARQL):

    # title: Cooperation partners of an actor
    # question: Which organisations cooperate with the given actor, whichever side it is on?
    # param: actor iri eujkg:Organisation -- the actor, by IRI, CURIE or label
    # param: year year = 2005 -- a year (a default makes a parameter optional)
    # example: eujkg query partners actor="Life Science Nord"
    # list: partners places "; "

A `# list:` line names the columns that hold a list (a GROUP_CONCAT) and the separator that joins
it, so that the facade can put each answer in the one form every engine gives (eujkg.read.canonical):
list parts in order, and rows in the order of the outermost ORDER BY's variables.

Parameter types: iri (of an optional class), year, date, integer, string. Values are turned into
typed RDF terms and bound with a VALUES block; user text never becomes query text. The block goes
on each line `# VALUES here` of the query body (inside a sub-select, or in each branch of a UNION,
so that the parameters restrict it before it is evaluated), else at the start of the outermost
WHERE clause.
Only the header of the query being run is read (QueryFolder).
"""

import functools
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyoxigraph as ox

from eujkg.errors import InputError
from eujkg.prefixes import expand
from eujkg.read.canonical import canonical, order_keys
from eujkg.read.results import QueryResult

TYPES = ("iri", "year", "date", "integer", "string")
MAX_VALUE_LENGTH = 1000
XSD = "http://www.w3.org/2001/XMLSchema#"
_PARAM = re.compile(r"^(?P<name>[a-z][a-z0-9_]*)\s+(?P<type>\w+)(?:\s+(?P<cls>[^\s=]+))?"
                    r"(?:\s*=\s*(?P<default>\S+))?(?:\s+--\s+(?P<doc>.*))?$")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_MARKER = re.compile(r"^[ \t]*# VALUES here[ \t]*$", re.MULTILINE)
_LIST = re.compile(r'^(?P<columns>[a-z_][a-z0-9_]*(?:\s+[a-z_][a-z0-9_]*)*)\s+"(?P<separator>[^"]+)"$', re.IGNORECASE)


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    cls: str | None = None
    default: str | None = None
    doc: str = ""

    @property
    def required(self) -> bool:
        return self.default is None

    def describe(self) -> str:
        kind = f"{self.type} of {self.cls}" if self.cls else self.type
        need = "required" if self.required else f"default {self.default}"
        return f"{self.name} ({kind}, {need})" + (f": {self.doc}" if self.doc else "")


@dataclass
class StoredQuery:
    name: str
    path: Path
    title: str
    question: str
    text: str
    parameters: list[Parameter] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    lists: dict[str, str] = field(default_factory=dict)  # column → separator of its parts
    order: list[tuple[str, bool]] = field(default_factory=list)  # ORDER BY (variable, descending)

    @classmethod
    def read(cls, path: Path) -> "StoredQuery":
        text = path.read_text(encoding="utf-8")
        fields: dict[str, list[str]] = {}
        for line in text.splitlines():
            if not line.startswith("#"):
                if line.strip():
                    break
                continue
            key, sep, value = line[1:].strip().partition(":")
            if sep and key.strip() in ("title", "question", "param", "example", "list"):
                fields.setdefault(key.strip(), []).append(value.strip())
        missing = [k for k in ("title", "question") if k not in fields]
        if missing:
            raise InputError(f"{path.name}: header lacks {' and '.join('# ' + m + ':' for m in missing)}")
        parameters = [_parse_parameter(path, spec) for spec in fields.get("param", [])]
        if parameters and not (_WHERE.search(text) or _MARKER.search(text)):
            raise InputError(f"{path.name}: a query with parameters needs a WHERE {{ … }} clause")
        lists = {}
        for spec in fields.get("list", []):
            match = _LIST.match(spec)
            if match is None:
                raise InputError(f'{path.name}: cannot read \'# list: {spec}\' (expected: COLUMN… "SEPARATOR")')
            lists.update(dict.fromkeys(match["columns"].split(), match["separator"]))
        return cls(path.stem, path, fields["title"][0], " ".join(fields["question"]), text,
                   parameters, fields.get("example", []), lists, order_keys(path.stem, text))

    def canonical(self, result: QueryResult) -> QueryResult:
        """The answer in the one form every engine gives (eujkg.read.canonical)."""
        return canonical(result, self.lists, self.order)

    def run(self, backend, **terms) -> QueryResult:
        """Run on a backend with each parameter bound to an RDF term; the answer in canonical form."""
        return self.canonical(backend.query(self.bind_terms(terms)))

    def run_rows(self, backend, names: tuple[str, ...], rows: list[tuple]) -> QueryResult:
        """Run with one VALUES row per tuple of terms (see bind_rows); the answer in canonical form."""
        return self.canonical(backend.query(self.bind_rows(names, rows)))

    def bind(self, given: dict[str, str], resolve) -> str:
        """The query text with the parameters bound; `resolve(value, cls)` turns text into an IRI."""
        known = {p.name: p for p in self.parameters}
        unknown = sorted(set(given) - set(known))
        if unknown:
            listed = ", ".join(known) or "none"
            raise InputError(f"query {self.name} has no parameter {', '.join(unknown)}; its parameters: {listed}")
        terms: dict[str, ox.NamedNode | ox.Literal] = {}
        for parameter in self.parameters:
            raw = given.get(parameter.name, parameter.default)
            if raw is None:
                raise InputError(f"query {self.name} needs parameter {parameter.describe()}; "
                                 f"e.g. {self.examples[0] if self.examples else parameter.name + '=…'}")
            terms[parameter.name] = typed_term(parameter, str(raw), resolve)
        return insert_values(self.text, terms)

    def bind_terms(self, terms: dict) -> str:
        """The query text with each parameter bound to an RDF term the caller made (internal queries)."""
        self._check_names(tuple(terms))
        return insert_values(self.text, terms)

    def bind_rows(self, names: tuple[str, ...], rows: list[tuple]) -> str:
        """The query text with one VALUES row per tuple of terms (None for UNDEF), for internal queries."""
        self._check_names(names)
        return insert_block(self.text, values_block(names, rows))

    def _check_names(self, names: tuple[str, ...]) -> None:
        declared = sorted(p.name for p in self.parameters)
        if sorted(names) != declared:
            raise ValueError(f"query {self.name} binds {declared}, not {sorted(names)}")


def _parse_parameter(path: Path, spec: str) -> Parameter:
    match = _PARAM.match(spec)
    if not match or match["type"] not in TYPES:
        raise InputError(f"{path.name}: cannot read '# param: {spec}' (expected: NAME TYPE [CLASS] [= DEFAULT] -- DOC, "
                         f"TYPE one of {', '.join(TYPES)})")
    return Parameter(match["name"], match["type"], match["cls"], match["default"], match["doc"] or "")


def typed_term(parameter: Parameter, raw: str, resolve) -> ox.NamedNode | ox.Literal:
    """Check a parameter's text and turn it into an RDF term of the declared type."""
    where = f"parameter {parameter.name}"
    if len(raw) > MAX_VALUE_LENGTH:
        raise InputError(f"{where}: value is {len(raw)} characters long; at most {MAX_VALUE_LENGTH} are accepted")
    if "\x00" in raw:
        raise InputError(f"{where}: value contains a NUL character")
    value = raw.strip()
    if parameter.type == "iri":
        cls = expand(parameter.cls) if parameter.cls else None
        return ox.NamedNode(resolve(value, cls, where))
    if parameter.type in ("year", "integer"):
        if not re.fullmatch(r"[+-]?\d{1,9}", value):
            raise InputError(f"{where}: '{_clip(value)}' is not {'a year' if parameter.type == 'year' else 'a whole number'}")
        number = int(value)
        if parameter.type == "year" and not 1000 <= number <= 2999:
            raise InputError(f"{where}: {number} is not a plausible year (1000–2999)")
        return ox.Literal(str(number), datatype=ox.NamedNode(XSD + "integer"))
    if parameter.type == "date":
        try:
            day = date.fromisoformat(value) if len(value) == 10 else date(int(value), 1, 1)
        except ValueError:
            raise InputError(f"{where}: '{_clip(value)}' is not a date (YYYY-MM-DD or YYYY)") from None
        return ox.Literal(day.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    return ox.Literal(raw)


def insert_values(text: str, terms: dict) -> str:
    """Bind `terms` (name → RDF term) with `VALUES (?a ?b) { (t1 t2) }` (see insert_block)."""
    if not terms:
        return text
    return insert_block(text, values_block(tuple(terms), [tuple(terms.values())]))


def values_block(names: tuple[str, ...], rows: list[tuple]) -> str:
    """`VALUES (?a ?b) { (t1 t2) … }`; a None term is UNDEF. pyoxigraph writes escaped N-Triples terms."""
    body = " ".join("(" + " ".join("UNDEF" if t is None else str(t) for t in row) + ")" for row in rows)
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ {body} }}"


def insert_block(text: str, block: str) -> str:
    """Put a VALUES block on every line `# VALUES here` (one in each branch of a UNION, say: the join
    distributes over the union, so the rows are the same), else right after the opening brace of the
    outermost WHERE."""
    if _MARKER.search(text):
        return _MARKER.sub(lambda m: m.group(0)[: len(m.group(0)) - len(m.group(0).lstrip())] + block, text)
    match = _WHERE.search(text)
    return f"{text[: match.end()]}\n  {block}{text[match.end():]}"


def load_queries(folder: Path) -> dict[str, StoredQuery]:
    """Every query of a folder, headers read (to list them)."""
    return {q.name: q for q in (StoredQuery.read(p) for p in sorted(folder.glob("*.rq")))}


class QueryFolder:
    """The queries of a folder by name; a query's file is read the first time it is asked for."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._read: dict[str, StoredQuery] = {}

    def names(self) -> list[str]:
        return sorted(p.stem for p in self.folder.glob("*.rq"))

    def __contains__(self, name: str) -> bool:
        return name in self._read or (self.folder / f"{name}.rq").is_file()

    def __getitem__(self, name: str) -> StoredQuery:
        if name not in self._read:
            if "/" in name or name.startswith(".") or not (self.folder / f"{name}.rq").is_file():
                raise KeyError(name)
            self._read[name] = StoredQuery.read(self.folder / f"{name}.rq")
        return self._read[name]

    def __iter__(self):
        return iter(self.names())

    def values(self) -> list[StoredQuery]:
        return [self[name] for name in self.names()]

    def items(self):
        return [(name, self[name]) for name in self.names()]


@functools.cache
def internal(package: str, name: str) -> StoredQuery:
    """One of the package's own queries: `<package>/sparql/<name>.rq` (eujkg.read, eujkg.web)."""
    from importlib import resources
    return StoredQuery.read(Path(str(resources.files(package))) / "sparql" / f"{name}.rq")


def parse_assignments(items: list[str]) -> dict[str, str]:
    """`key=value` arguments of the command line as a dict."""
    given = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise InputError(f"'{_clip(item)}' is not a parameter; write NAME=VALUE (quote values with spaces)")
        given[key.strip()] = value
    return given


def _clip(text: str, length: int = 60) -> str:
    text = text.replace("\n", "\\n")
    return text if len(text) <= length else text[:length] + "…"
