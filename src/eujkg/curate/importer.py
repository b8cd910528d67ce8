"""Turn a curator's spreadsheet rows into Turtle in the house style, checked before anything is written.

Each cell is read with its column's spec (eujkg.curate.kinds); things are named by label, acronym,
CURIE or IRI and resolved against the graph and the rows before them. The Turtle is then validated
together with the shipped data (the same reasoning and shapes as `eujkg validate`), and problems are
mapped back to the row that made the entity. Nothing is written unless every row passes.

A kept mapping engine (RML/YARRRML: morph-kgc; LinkML) was considered and not used: the work here is
resolving names against the graph, reporting by row and column, and writing reviewable Turtle in the
house style, none of which those engines do; the mapping itself is a table of column specs.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from importlib import resources as importlib_resources
from pathlib import Path

import pyoxigraph as ox

from eujkg.curate.kinds import KINDS, LIST_SEPARATOR, Column, Kind
from eujkg.curate.rows import Sheet, read_sheet
from eujkg.errors import InputError
from eujkg.prefixes import ID, PREFIXES, curie, expand
from eujkg.read.queries import insert_values
from eujkg.read.resolve import normalise

XSD = PREFIXES["xsd"]
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
_PN_LOCAL = re.compile(r"[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?")


@dataclass(frozen=True)
class RowProblem:
    path: Path
    row: int | None
    column: str | None
    message: str

    def as_text(self) -> str:
        where = f"{self.path}:{self.row}" if self.row is not None else str(self.path)
        column = f", column {self.column}" if self.column else ""
        return f"{where}{column}: {self.message}"


@dataclass
class Entity:
    iri: str
    kind: Kind
    sheet: Path
    row: int
    statements: list[tuple[str, list]] = field(default_factory=list)   # (property CURIE, values)
    citation: tuple[str, str | None] | None = None


@dataclass
class ImportResult:
    entities: list[Entity]
    problems: list[RowProblem]
    turtle: str = ""


def _sparql(name: str) -> str:
    return importlib_resources.files("eujkg.curate").joinpath("sparql", f"{name}.rq").read_text(encoding="utf-8")


def slug(label: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


class Importer:
    """Reads sheets against one graph; entities of earlier rows can be named by later ones."""

    def __init__(self, kg):
        self.kg = kg
        self.new_by_label: dict[str, str] = {}
        self.minted: set[str] = set()
        self._schemes: dict[str, dict[str, set[str]]] = {}
        self._classes: dict[str, dict[str, str]] = {}

    # ---- reading cells ----

    def run(self, paths: list[Path]) -> ImportResult:
        entities: list[Entity] = []
        problems: list[RowProblem] = []
        for path in paths:
            sheet = read_sheet(path)
            kind = self._kind_of(sheet)
            unknown = [name for name in sheet.header if kind.column(name) is None]
            if unknown:
                problems.append(RowProblem(path, None, ", ".join(unknown), f"not a column of the {kind.name} "
                                           f"template; its columns: {', '.join(c.name for c in kind.columns)}"))
                continue
            for number, cells in sheet.rows:
                entity, found = self._row(sheet, kind, number, cells)
                problems.extend(found)
                if entity is not None and not found:
                    entities.append(entity)
        return ImportResult(entities, problems)

    def _kind_of(self, sheet: Sheet) -> Kind:
        if sheet.kind in KINDS:
            return KINDS[sheet.kind]
        matching = [k for k in KINDS.values() if set(sheet.header) <= {c.name for c in k.columns}
                    and all(c.name in sheet.header for c in k.columns if c.required)]
        if len(matching) == 1:
            return matching[0]
        raise InputError(f"{sheet.path}: cannot tell which kind of thing the rows are; keep the first line "
                         f"'# eujkg template: KIND' of the template (KIND one of {', '.join(KINDS)})")

    def _row(self, sheet: Sheet, kind: Kind, number: int, cells: dict[str, str]):
        problems: list[RowProblem] = []
        values: dict[str, list] = {}
        for column in kind.columns:
            raw = cells.get(column.name, "")
            parts = [p.strip() for p in raw.split(LIST_SEPARATOR)] if column.many else [raw.strip()]
            parts = [p for p in parts if p]
            if not parts:
                if column.required:
                    problems.append(RowProblem(sheet.path, number, column.name, f"required: {column.doc}"))
                continue
            if len(raw) > 10_000:
                problems.append(RowProblem(sheet.path, number, column.name, "cell longer than 10,000 characters"))
                continue
            terms = []
            for part in parts:
                try:
                    terms.append(self._term(column, part))
                except InputError as error:
                    problems.append(RowProblem(sheet.path, number, column.name, str(error)))
            values[column.name] = terms
        if problems:
            return None, problems
        iri = self._mint(kind, values)
        if iri in self.minted or self._exists(iri):
            problems.append(RowProblem(sheet.path, number, "label", f"{curie(iri)} already exists; give this "
                                       "thing another label, or edit the existing one in data/"))
            return None, problems
        self.minted.add(iri)
        entity = Entity(iri, kind, sheet.path, number)
        cls = values.pop("type", [ox.NamedNode(expand(kind.cls) or kind.cls)])
        entity.statements.append(("a", cls))
        section = values.pop("source_section")[0]
        quote = values.pop("quote", [None])[0]
        entity.citation = (section.value, quote.value if quote is not None else None)
        merged: dict[str, list] = {}
        for column in kind.columns:
            if column.name in values and column.property:
                merged.setdefault(column.property, []).extend(values[column.name])
        entity.statements.extend(merged.items())
        for column in ("label", "acronym", "alternative_labels"):
            for term in values.get(column, []):
                self.new_by_label.setdefault(normalise(term.value), iri)
        return entity, problems

    def _term(self, column: Column, text: str):
        if column.type == "text":
            return ox.Literal(text, language="en")
        if column.type == "text-ja":
            return ox.Literal(text, language="ja")
        if column.type == "plain":
            return ox.Literal(text)
        if column.type == "entity":
            return ox.NamedNode(self._entity(text, column.target or None))
        if column.type == "concept":
            return ox.NamedNode(self._concept(text, column.target))
        if column.type == "class":
            return ox.NamedNode(self._class(text, column.target))
        if column.type == "section":
            value = text if ":" in text else "section:" + text
            try:
                return ox.NamedNode(self.kg.resolve(value, expand("eujkg:SourceSection")))
            except InputError:
                raise InputError(f"no source section '{text}': use a section id of data/sources.ttl") from None
        if column.type == "date":
            return _date(text)
        if column.type == "number":
            if not _NUMBER.fullmatch(text):
                raise InputError(f"'{text}' is not a number (digits, a dot for decimals, no thousands separator)")
            return ox.Literal(text, datatype=ox.NamedNode(XSD + ("decimal" if "." in text else "integer")))
        raise InputError(f"unknown column type {column.type}")

    def _entity(self, text: str, cls: str | None) -> str:
        new = self.new_by_label.get(normalise(text))
        if new is not None:
            return new
        iri = text if text.startswith(("http://", "https://")) else expand(text)
        if iri in self.minted:
            return iri
        try:
            return self.kg.resolve(text, expand(cls) if cls else None)
        except InputError as error:
            raise InputError(str(error).removeprefix("entity: ")) from None

    def _concept(self, text: str, scheme: str) -> str:
        iri = text if text.startswith(("http://", "https://")) else expand(text)
        labels = self._scheme(scheme)
        if iri is not None and any(iri in found for found in labels.values()):
            return iri
        found = labels.get(normalise(text), set())
        if len(found) == 1:
            return next(iter(found))
        choices = sorted({label for label in labels})
        if len(found) > 1:
            raise InputError(f"'{text}' names several concepts of {scheme}: {', '.join(sorted(map(curie, found)))}")
        raise InputError(f"'{text}' is not a concept of {scheme}; choose one of: {'; '.join(choices[:40])}")

    def _scheme(self, scheme: str) -> dict[str, set[str]]:
        if scheme not in self._schemes:
            text = insert_values(_sparql("concepts-in-scheme"), {"scheme": ox.NamedNode(expand(scheme) or scheme)})
            labels: dict[str, set[str]] = {}
            for solution in self.kg.backend.query(text).solutions:
                labels.setdefault(normalise(solution["label"].value), set()).add(solution["concept"].value)
            self._schemes[scheme] = labels
        return self._schemes[scheme]

    def _class(self, text: str, base: str) -> str:
        if base not in self._classes:
            names: dict[str, str] = {}
            query = insert_values(_sparql("subclasses"), {"base": ox.NamedNode(expand(base) or base)})
            for solution in self.kg.backend.query(query).solutions:
                iri = solution["class"].value
                names[normalise(iri.rsplit("#", 1)[-1])] = iri
                names[normalise(curie(iri))] = iri
                if solution["label"] is not None:
                    names[normalise(solution["label"].value)] = iri
            self._classes[base] = names
        found = self._classes[base].get(normalise(text)) or self._classes[base].get(normalise(text.replace(" ", "")))
        if found is None:
            listed = sorted({curie(i).removeprefix("eujkg:") for i in self._classes[base].values()})
            raise InputError(f"'{text}' is not a kind of {base}; choose one of: {', '.join(listed)}")
        return found

    def _mint(self, kind: Kind, values: dict[str, list]) -> str:
        if kind.name == "cooperation":
            japanese, european = values["japanese_partners"][0].value, values["european_partners"][0].value
            local = f"{japanese.rsplit('/', 1)[-1]}--{european.rsplit('/', 1)[-1]}"
        else:
            local = slug(values["label"][0].value)
        return f"{ID}{kind.name}/{local}"

    def _exists(self, iri: str) -> bool:
        return bool(self.kg.backend.query(insert_values(_sparql("entity-exists"),
                                                        {"entity": ox.NamedNode(iri)})).boolean)


def _date(text: str) -> ox.Literal:
    try:
        if re.fullmatch(r"\d{4}", text):
            return ox.Literal(text, datatype=ox.NamedNode(XSD + "gYear"))
        if re.fullmatch(r"\d{4}-\d{2}", text):
            date.fromisoformat(text + "-01")
            return ox.Literal(text, datatype=ox.NamedNode(XSD + "gYearMonth"))
        return ox.Literal(date.fromisoformat(text).isoformat(), datatype=ox.NamedNode(XSD + "date"))
    except ValueError:
        raise InputError(f"'{text}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD") from None


# ---- writing Turtle in the house style ----

def _short(term) -> str:
    if isinstance(term, ox.NamedNode):
        short = curie(term.value)
        prefix, _, local = short.partition(":")
        if not short.startswith("<") and (local == "" or _PN_LOCAL.fullmatch(local)):
            return short
        return f"<{term.value}>"
    if isinstance(term, ox.Literal) and term.datatype.value.startswith(XSD) and term.language is None:
        kind = term.datatype.value[len(XSD):]
        if kind == "string":
            return str(term)
        return f'"{term.value}"^^xsd:{kind}' if kind != "integer" and kind != "decimal" else term.value
    return str(term)


def to_turtle(entities: list[Entity], sources: list[Path]) -> str:
    blocks = []
    for entity in entities:
        lines = [f"{_short(ox.NamedNode(entity.iri))} a {', '.join(_short(t) for t in entity.statements[0][1])} ;"]
        for prop, terms in entity.statements[1:]:
            lines.append(f"    {prop} {', '.join(_short(t) for t in terms)} ;")
        section, quote = entity.citation
        quoted = f" ; eujkg:quote {str(ox.Literal(quote))}" if quote else ""
        lines.append(f"    eujkg:citation [ eujkg:section {_short(ox.NamedNode(section))}{quoted} ] .")
        blocks.append(f"# {entity.sheet.name}, row {entity.row}\n" + "\n".join(lines))
    body = "\n\n".join(blocks)
    used = sorted({p for p in PREFIXES if re.search(rf"(?<![\w:/<-]){re.escape(p)}:", body)} | {"eujkg"})
    width = max(len(p) for p in used) + 2
    header = "\n".join(f"@prefix {(p + ':').ljust(width)}<{PREFIXES[p]}> ." for p in used)
    named = ", ".join(s.name for s in sources)
    return f"{header}\n\n# Imported with `eujkg import` from {named}.\n\n{body}\n"


# ---- the whole import ----

def import_files(paths: list[Path], output: Path, kg, data_files: list[Path]) -> ImportResult:
    """Read, resolve, write Turtle to a temporary file, validate it with `data_files`; write `output` if clean."""
    importer = Importer(kg)
    result = importer.run(paths)
    if not result.entities and not result.problems:
        raise InputError(f"{', '.join(map(str, paths))}: no rows to import")
    if result.entities:  # the rows that read well are validated too, so every problem is reported at once
        result.turtle = to_turtle(result.entities, paths)
        result.problems += _validate(result, output, data_files, kg)
    result.problems.sort(key=lambda p: (str(p.path), p.row or 0))
    if not result.problems:
        _write_atomically(output, result.turtle)
    return result


def _validate(result: ImportResult, output: Path, data_files: list[Path], kg) -> list[RowProblem]:
    from eujkg.graph import KnowledgeGraph

    rows = {curie(e.iri): e for e in result.entities} | {e.iri: e for e in result.entities}
    with tempfile.TemporaryDirectory(prefix="eujkg-import-") as folder:
        staged = Path(folder) / output.name
        staged.write_text(result.turtle, encoding="utf-8")
        keep = [f for f in data_files if f.resolve() != output.resolve()]
        report = KnowledgeGraph(keep + [staged], cache_root=kg.cache_root, engine=kg.engine,
                                quality_checks=True).validate()
    problems = []
    for problem in report.problems:
        entity = rows.get(problem.entity)
        detail = f" (property {problem.path})" if problem.path else ""
        if entity is not None:
            problems.append(RowProblem(entity.sheet, entity.row, _column_of(entity.kind, problem.path),
                                       problem.message + detail))
        else:
            problems.append(RowProblem(output, None, None, f"{problem.entity}: {problem.message}{detail}"))
    return problems


def _column_of(kind: Kind, path: str) -> str | None:
    return next((c.name for c in kind.columns if c.property and c.property == path), None)


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
