"""The `eujkg` command: a thin layer over KnowledgeGraph.

Exit codes: 0 success (data conforms), 1 the data does not conform, 2 an error
(bad Turtle, missing file, bad option). Errors are one line on stderr, never a traceback.
"""

import argparse
import sys
import time

from eujkg.errors import EujkgError

EXIT_OK, EXIT_NONCONFORMING, EXIT_ERROR = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    from eujkg import __version__

    parser = argparse.ArgumentParser(
        prog="eujkg",
        description="The EU-Japan Cluster Cooperation Knowledge Graph: validate, query and export it.",
        epilog="Exit codes: 0 success, 1 the data does not conform, 2 error.",
    )
    parser.add_argument("--version", action="version", version=f"eujkg {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    validate = commands.add_parser(
        "validate", help="check the data against the ontology and the shapes",
        description="Reason over the ontology and data (OWL RL) and validate the result with the SHACL shapes. "
                    "Prints every problem with the file, line and entity it concerns.",
        epilog="Exit codes: 0 conforms, 1 does not conform, 2 error (e.g. a Turtle syntax error).",
    )
    validate.add_argument("paths", nargs="*", metavar="PATH",
                          help="Turtle files or folders to validate instead of the shipped data")
    validate.add_argument("--with-shipped-data", action="store_true",
                          help="validate PATHs together with the shipped data (to check new facts in context)")
    validate.set_defaults(handler=_validate)
    return parser


def _validate(args) -> int:
    from eujkg.graph import KnowledgeGraph

    started = time.perf_counter()
    if args.paths:
        graph = KnowledgeGraph.from_paths(args.paths, with_shipped_data=args.with_shipped_data)
    else:
        graph = KnowledgeGraph.shipped()
    report = graph.validate()
    print(report.as_text())
    print(f"Checked {len(graph.data)} asserted and {len(graph.inferred)} inferred triples "
          f"from {len(graph.data_files)} data files in {time.perf_counter() - started:.1f} s.")
    return EXIT_OK if report.conforms else EXIT_NONCONFORMING


def main(argv=None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except EujkgError as error:
        print(f"eujkg: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("eujkg: interrupted", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
