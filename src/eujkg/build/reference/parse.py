"""Parse Turtle files with rdflib into one graph; a syntax error names the file and line."""

from pathlib import Path

from rdflib import Graph

from eujkg.errors import InputError, display_path
from eujkg.namespaces import bind_prefixes


def parse_turtle(path: Path) -> Graph:
    """Parse one Turtle file; a syntax error becomes an InputError naming file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{display_path(path)}: cannot read the file ({error})") from error
    graph = Graph()
    try:
        graph.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
    except Exception as error:  # rdflib raises several types for bad Turtle
        raise InputError(_syntax_message(path, error)) from error
    return graph


def _syntax_message(path: Path, error: Exception) -> str:
    line = getattr(error, "lines", None)
    why = getattr(error, "_why", None) or str(error).splitlines()[0]
    if isinstance(line, int):
        return f"{display_path(path)}:{line + 1}: Turtle syntax error: {why}; fix the line and run again"
    return f"{display_path(path)}: Turtle syntax error: {why}"


def load_files(paths: list[Path]) -> Graph:
    """Parse every file into one graph (with the project's prefixes bound)."""
    merged = bind_prefixes(Graph())
    for path in paths:
        for triple in parse_turtle(path):
            merged.add(triple)
    return merged
