"""Parse Turtle files into one graph, remembering which file and line defines each subject.

The origins let a validation report say "data/cooperations.ttl:123" instead of an IRI alone.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.term import URIRef

from eujkg.errors import InputError
from eujkg.namespaces import bind_prefixes


@dataclass(frozen=True)
class Origin:
    path: Path
    line: int

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line}"


@dataclass
class LoadedGraph:
    graph: Graph
    files: list[Path]
    origins: dict[URIRef, Origin] = field(default_factory=dict)


def display_path(path: Path) -> str:
    """The path relative to the working directory where possible, so messages stay short."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def parse_turtle(path: Path) -> tuple[Graph, str]:
    """Parse one Turtle file; a syntax error becomes an InputError naming file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{display_path(path)}: cannot read the file ({error})") from error
    graph = Graph()
    try:
        graph.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
    except Exception as error:  # rdflib raises several types for bad Turtle
        raise InputError(_syntax_message(path, text, error)) from error
    return graph, text


def _syntax_message(path: Path, text: str, error: Exception) -> str:
    line = getattr(error, "lines", None)
    why = getattr(error, "_why", None) or str(error).splitlines()[0]
    if isinstance(line, int):
        return f"{display_path(path)}:{line + 1}: Turtle syntax error: {why}; fix the line and run again"
    return f"{display_path(path)}: Turtle syntax error: {why}"


def load_files(paths: list[Path]) -> LoadedGraph:
    """Parse every file into one graph; each subject's origin is the first file that names it as subject."""
    merged = bind_prefixes(Graph())
    origins: dict[URIRef, Origin] = {}
    for path in paths:
        graph, text = parse_turtle(path)
        for triple in graph:
            merged.add(triple)
        subjects = {s for s in graph.subjects() if isinstance(s, URIRef)}
        lines = _subject_lines(graph, text, subjects)
        for subject in subjects:
            origins.setdefault(subject, Origin(path, lines.get(subject, 1)))
    return LoadedGraph(merged, list(paths), origins)


_ESCAPE = re.compile(r"([~.!$&()*+,;=/?#@%])")


def _subject_lines(graph: Graph, text: str, subjects) -> dict[URIRef, int]:
    """Line of each subject's first statement: where its CURIE or IRI starts a line."""
    starts: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        token = line.split(" ", 1)[0].strip()
        if token and token not in starts:
            starts[token] = number
    prefixes = [(p, str(ns)) for p, ns in graph.namespaces() if p]
    found: dict[URIRef, int] = {}
    for subject in subjects:
        text_iri = str(subject)
        candidates = [f"<{text_iri}>"]
        for prefix, namespace in prefixes:
            if text_iri.startswith(namespace):
                local = text_iri[len(namespace):]
                escaped = _ESCAPE.sub(r"\\\1", local)
                candidates.extend((f"{prefix}:{local}", f"{prefix}:{escaped}"))
        for candidate in candidates:
            if candidate in starts:
                found[subject] = starts[candidate]
                break
    return found
