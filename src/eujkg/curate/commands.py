"""The curators' commands of the `eujkg` CLI: template, import, diff (each a thin layer over a function)."""

import sys
from pathlib import Path

from eujkg.errors import InputError

EXIT_OK, EXIT_NONCONFORMING, EXIT_ERROR = 0, 1, 2


def add_commands(commands) -> None:
    from eujkg.curate.kinds import KINDS

    template = commands.add_parser(
        "template", help="write a CSV template for adding things from a spreadsheet",
        description="Write a CSV template for one kind of thing; comment lines document each column. Fill it in "
                    "(or open it in a spreadsheet and save as .xlsx) and add the rows with 'eujkg import'.",
        epilog="Exit codes: 0 written, 2 error.")
    template.add_argument("kind", choices=list(KINDS), help="what the rows describe")
    template.add_argument("--output", type=Path, help="file to write (default: standard output)")
    template.set_defaults(handler=_template)

    importer = commands.add_parser(
        "import", help="turn spreadsheet rows (CSV or XLSX) into Turtle, validated with the shipped data",
        description="Read rows made from 'eujkg template', resolve the things they name, write Turtle in the house "
                    "style and validate it together with the data. Every problem is reported by file, row and "
                    "column; nothing is written unless all rows pass.",
        epilog="Exit codes: 0 imported, 1 a row does not pass (nothing written), 2 error.")
    importer.add_argument("files", nargs="+", type=Path, metavar="FILE", help=".csv or .xlsx files, read in order")
    importer.add_argument("--output", type=Path,
                          help="Turtle file to write (default: data/imported-<first file's name>.ttl in the checkout)")
    importer.set_defaults(handler=_import)

    diff = commands.add_parser(
        "diff", help="list what changed between two releases, or a release and the working copy",
        description="Compare the asserted triples of two versions entity by entity: added, changed (with the "
                    "statements), retired (owl:deprecated) and removed. A side is a release folder (dist/), a "
                    "release file, a checkout folder, or 'working' (the checkout you are in).",
        epilog="Exit codes: 0 compared, 2 error.")
    diff.add_argument("old", help="the earlier version")
    diff.add_argument("new", nargs="?", default="working", help="the later version (default: working)")
    diff.set_defaults(handler=_diff)


def _template(args) -> int:
    from eujkg.curate.importer import _write_atomically
    from eujkg.curate.template import template

    text = template(args.kind)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    if args.output.is_dir():
        raise InputError(f"--output {args.output}: is a folder; give a file name such as {args.kind}s.csv")
    _write_atomically(args.output, text)
    print(f"Wrote the {args.kind} template to {args.output}.", file=sys.stderr)
    return EXIT_OK


def _import(args) -> int:
    import time

    from eujkg import resources
    from eujkg.cli import _progress, _say_origin
    from eujkg.curate.importer import import_files
    from eujkg.graph import KnowledgeGraph

    started = time.perf_counter()
    output = args.output
    if output is None:
        if resources.checkout_root() is None:
            raise InputError("not in an eujkg checkout: give --output FILE.ttl")
        output = resources.root() / "data" / f"imported-{args.files[0].stem}.ttl"
    if output.is_dir():
        raise InputError(f"--output {output}: is a folder; give a .ttl file name")
    _say_origin()
    kg = KnowledgeGraph.shipped()
    data_files = list(kg.data_files)
    kg = KnowledgeGraph([f for f in data_files if f.resolve() != output.resolve()], kg.cache_root, kg.engine)
    kg.validate(_progress)
    result = import_files(args.files, output, kg, data_files)
    for problem in result.problems:
        print(problem.as_text())
    if result.problems:
        count = len(result.problems)
        print(f"{count} problem{'s' if count != 1 else ''}: nothing written.")
        return EXIT_NONCONFORMING
    kinds: dict[str, int] = {}
    for entity in result.entities:
        kinds[entity.kind.name] = kinds.get(entity.kind.name, 0) + 1
    listed = ", ".join(f"{n} {k}{'s' if n != 1 else ''}" for k, n in kinds.items())
    print(f"Imported {listed} into {output}; with the data they conform "
          f"({time.perf_counter() - started:.1f} s).")
    return EXIT_OK


def _diff(args) -> int:
    from eujkg.curate.diff import compare, read_side

    sys.stdout.write(compare(read_side(args.old), read_side(args.new)).as_text())
    return EXIT_OK
