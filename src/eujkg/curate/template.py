"""A CSV template for one kind of thing: comment lines documenting each column, then the header row."""

import csv
import io

from eujkg.curate.kinds import KINDS, LIST_SEPARATOR, Kind
from eujkg.errors import InputError


def kind_named(name: str) -> Kind:
    if name not in KINDS:
        raise InputError(f"no template for '{name}'; choose one of {', '.join(KINDS)}")
    return KINDS[name]


def template(name: str) -> str:
    """The template's text: `# ` lines the importer skips, the header row, and one example row."""
    kind = kind_named(name)
    lines = [
        f"# eujkg template: {kind.name} — {kind.doc}.",
        "# One row per thing. Lines starting with # are ignored. Fill the columns below; leave a cell empty if the",
        f"# source does not say. Several values in one cell are separated by '{LIST_SEPARATOR}'. Things are named by",
        "# label, acronym, CURIE (organisation:kbic) or IRI. Import with: eujkg import FILE.csv",
        "#",
    ]
    for column in kind.columns:
        need = "required" if column.required else "optional"
        several = ", several allowed" if column.many else ""
        example = f"; e.g. {column.example}" if column.example and column.example != "…" else ""
        lines.append(f"# {column.name} ({need}{several}): {column.doc}{example}")
    out = io.StringIO()
    out.write("\n".join(lines) + "\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in kind.columns])
    return out.getvalue()
