"""The `eujkg` command: a thin layer over KnowledgeGraph.

Exit codes: 0 success, 1 the data does not conform (validate, build), 2 an error (bad Turtle,
unknown query or parameter, bad option). Errors are one line on stderr, never a traceback.
Heavy modules are imported inside the commands that need them, so a warm `eujkg query` starts fast.
"""

import argparse
import sys
import time
from pathlib import Path

from eujkg.errors import EujkgError, InputError

EXIT_OK, EXIT_NONCONFORMING, EXIT_ERROR = 0, 1, 2
OUTPUT_FORMATS = ("table", "csv", "tsv", "json")
EXIT_CODES = "Exit codes: 0 success, 1 the data does not conform, 2 error."


def _parser() -> argparse.ArgumentParser:
    from eujkg import __version__

    parser = argparse.ArgumentParser(
        prog="eujkg",
        description="The EU-Japan Cluster Cooperation Knowledge Graph: validate, query and export it.",
        epilog=EXIT_CODES + " Reasoning and validation results are cached by content in "
               "$EUJKG_CACHE_DIR (default ~/.cache/eujkg).",
    )
    parser.add_argument("--version", action="version", version=f"eujkg {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    build = commands.add_parser(
        "build", help="reason, validate and write the release into dist/",
        description="Reason over the shipped ontology and data, validate them, and write the release: the graph in "
                    "Turtle, N-Triples, JSON-LD, RDF/XML and TriG, the ontology alone, the inferred triples and a "
                    "VoID/DCAT dataset description. Nothing is written if the data does not conform.",
        epilog=EXIT_CODES)
    build.add_argument("--dist", type=Path, default=Path("dist"), help="folder to write the release to (default: dist)")
    build.add_argument("--public-base", metavar="URL", default="https://w3id.org/eujkg/",
                       help="where the release is served, for the SPARQL endpoint and download URLs of void.ttl "
                            "(default: https://w3id.org/eujkg/, which redirects to the deployment)")
    build.set_defaults(handler=_build)

    validate = commands.add_parser(
        "validate", help="check the data against the ontology and the shapes",
        description="Reason over the ontology and data (OWL RL) and validate the result with the SHACL shapes. "
                    "Prints every problem with the file, line and entity it concerns.",
        epilog="Exit codes: 0 conforms, 1 does not conform, 2 error (e.g. a Turtle syntax error).")
    validate.add_argument("paths", nargs="*", metavar="PATH",
                          help="Turtle files or folders to validate instead of the shipped data")
    validate.add_argument("--with-shipped-data", action="store_true",
                          help="validate PATHs together with the shipped data (to check new facts in context)")
    validate.add_argument("--engine", choices=("fast", "reference"), default="fast",
                          help="fast (default: pyoxigraph, OWL RL and SHACL compiled to SPARQL) or reference "
                               "(rdflib, owlrl, pySHACL); both report the same problems")
    validate.set_defaults(handler=_validate)

    queries = commands.add_parser(
        "queries", help="list the stored queries with their questions and parameters",
        description="List the stored queries: name, title, the question each answers, its parameters and an example.",
        epilog=EXIT_CODES)
    queries.set_defaults(handler=_queries)

    query = commands.add_parser(
        "query", help="run a stored query",
        description="Run a stored query by name. Parameters are NAME=VALUE; an entity may be given by IRI, "
                    "CURIE (organisation:life-science-nord) or label (\"Life Science Nord\").",
        epilog="Example: eujkg query partners actor=\"Life Science Nord\". " + EXIT_CODES)
    query.add_argument("name", help="the stored query (see 'eujkg queries')")
    query.add_argument("params", nargs="*", metavar="NAME=VALUE", help="parameters of the query")
    query.add_argument("--format", choices=OUTPUT_FORMATS, default="table",
                       help="table (default, fits a terminal), csv, tsv or json (SPARQL 1.1 results formats)")
    _remote_options(query)
    query.set_defaults(handler=_query)

    sparql = commands.add_parser(
        "sparql", help="run a SPARQL query given as text or as a .rq file",
        description="Run a SPARQL 1.1 query over the ontology, the data and the inferred triples (their union is "
                    "the default graph; GRAPH <https://w3id.org/eujkg/graph/data> etc. select one). "
                    "The project prefixes (eujkg:, organisation:, skos:, …) are predeclared.",
        epilog=EXIT_CODES)
    sparql.add_argument("query", help="the query text, or the path of a .rq file")
    sparql.add_argument("--format", choices=OUTPUT_FORMATS, default="table", help="output format for SELECT/ASK")
    _remote_options(sparql)
    sparql.set_defaults(handler=_sparql)

    describe = commands.add_parser(
        "describe", help="everything about one entity, with its sources",
        description="Show every statement about an entity (asserted, from the ontology, inferred), what refers to "
                    "it, and the source sections and quotes behind it.",
        epilog="Example: eujkg describe \"Kobe Biomedical Innovation Cluster\". " + EXIT_CODES)
    describe.add_argument("entity", help="IRI, CURIE or label")
    _remote_options(describe)
    describe.set_defaults(handler=_describe)

    export = commands.add_parser(
        "export", help="write the graph in an RDF format",
        description="Serialise the ontology and the asserted data (with --inferred, also the inferred triples). "
                    "TriG keeps them as separate named graphs. JSON-LD uses the context shipped with the package.",
        epilog=EXIT_CODES)
    export.add_argument("--format", required=True, choices=("ttl", "nt", "jsonld", "rdfxml", "trig"))
    export.add_argument("--inferred", action="store_true", help="include the triples inferred by OWL RL")
    export.add_argument("--output", type=Path, help="file to write (atomically); default: standard output")
    export.set_defaults(handler=_export)

    serve = commands.add_parser(
        "serve", help="serve the graph: SPARQL endpoint, entity pages, downloads",
        description="Start a read-only web server over the built graph: a SPARQL 1.1 endpoint at /sparql, every "
                    "IRI under https://w3id.org/eujkg/ as a page (/id/…, /ontology) with content negotiation, search, "
                    "a cooperation network, a timeline, the stored questions, and the release files. Builds the "
                    "release first if DIST has none. With --endpoint, every page and query reads from that SPARQL "
                    "endpoint instead (nothing is built; DIST is served if it holds a release).",
        epilog=EXIT_CODES)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--dist", type=Path, default=Path("dist"), help="release folder to serve (default: dist)")
    serve.add_argument("--workers", type=int, default=2, help="SPARQL worker processes (default 2)")
    serve.add_argument("--timeout", type=float, default=10.0, help="SPARQL time limit in seconds (default 10)")
    serve.add_argument("--max-results", type=int, default=10_000, help="most rows or triples per answer (default 10000)")
    _remote_options(serve)
    serve.set_defaults(handler=_serve)

    publish = commands.add_parser(
        "publish", help="upload the release to a triple store (SPARQL 1.1 Graph Store Protocol)",
        description="Reason and validate if needed, then PUT the ontology, the asserted data and the inferred triples "
                    "as three named graphs to a Graph Store Protocol endpoint, replacing what those graphs held (so "
                    "publishing twice leaves one copy). Oxigraph: http://HOST:7878/store; Fuseki: "
                    "http://HOST:3030/DATASET/data; GraphDB: http://HOST:7200/repositories/REPO/rdf-graphs/service; "
                    "Virtuoso: http://HOST:8890/sparql-graph-crud-auth.",
        epilog="Credentials, for a store that asks for them (Digest or Basic): the environment variables EUJKG_USER "
               "and EUJKG_PASSWORD, or else the store host's entry in ~/.netrc; never on the command line (a URL "
               "with user:password@ is refused). " + EXIT_CODES)
    publish.add_argument("--endpoint", required=True, help="the Graph Store Protocol URL")
    publish.add_argument("--graph", metavar="IRI", help="base IRI of the three named graphs "
                         "(default https://w3id.org/eujkg/graph/ → …/ontology, …/data, …/inferred)")
    publish.set_defaults(handler=_publish)

    from eujkg.curate.commands import add_commands
    add_commands(commands)
    return parser


def _remote_options(command) -> None:
    command.add_argument("--endpoint", metavar="URL", help="read from this SPARQL 1.1 query endpoint instead of the "
                         "embedded store (it must hold a release published with 'eujkg publish')")
    command.add_argument("--graph", metavar="IRI", help="base IRI the release was published under (see publish)")
    command.add_argument("--union-default-graph", action="store_true",
                         help="the endpoint's default graph already is the union of its named graphs (Oxigraph "
                              "--union-default-graph, GraphDB, Virtuoso): do not state the dataset in each request")


def _progress(message: str) -> None:
    print(f"eujkg: {message} …", file=sys.stderr, flush=True)


def _say_origin(given_data=None) -> None:
    from eujkg import resources
    print(f"eujkg: {resources.origin(given_data)}", file=sys.stderr, flush=True)


def _shipped(args=None):
    from eujkg.graph import KnowledgeGraph
    _say_origin()
    if args is not None and getattr(args, "endpoint", None):
        return KnowledgeGraph.remote(args.endpoint, args.graph, union_default_graph=args.union_default_graph)
    if args is not None and getattr(args, "graph", None):
        raise InputError("--graph goes with --endpoint")
    return KnowledgeGraph.shipped()


def _conforming_graph(refusal: str):
    """The shipped graph if it conforms; otherwise print the problems and `refusal`, and return None."""
    kg = _shipped()
    report = kg.validate(_progress)
    if report.conforms:
        return kg
    print(report.as_text())
    print(refusal)
    return None


def _warn_if_nonconforming(kg) -> None:
    if kg.is_remote:
        return  # a remote store is read as published
    report = kg.validate(_progress, quality=False)  # the cached checks only: a query stays fast
    if not report.conforms:
        print(f"eujkg: warning: the data does not conform ({len(report.problems)} problems); "
              "run 'eujkg validate' for details", file=sys.stderr)


def _validate(args) -> int:
    from eujkg.graph import KnowledgeGraph

    started = time.perf_counter()
    if args.paths:
        kg = KnowledgeGraph.from_paths(args.paths, with_shipped_data=args.with_shipped_data, engine=args.engine)
        _say_origin(kg.data_files)
    else:
        _say_origin()
        kg = KnowledgeGraph.shipped(engine=args.engine)
    report = kg.validate(_progress)
    print(report.as_text())
    counts = kg.triple_counts
    print(f"Checked {counts['data']} asserted and {counts['inferred']} inferred triples "
          f"from {len(kg.data_files)} data files in {time.perf_counter() - started:.1f} s.")
    return EXIT_OK if report.conforms else EXIT_NONCONFORMING


def _build(args) -> int:
    from eujkg import __version__
    from eujkg.export import build_release

    started = time.perf_counter()
    public_base = _public_base(args.public_base)
    kg = _conforming_graph("Nothing written: fix the problems above and build again.")
    if kg is None:
        return EXIT_NONCONFORMING
    from eujkg.curate.diff import read_side
    previous = read_side(str(args.dist)) if (args.dist / "eujkg.nt").is_file() else None
    if previous is not None:
        previous.name = f"the previous release in {args.dist}"
    _progress(f"writing the release into {args.dist}")
    written = build_release(kg, args.dist, __version__, public_base)
    if previous is not None:
        _write_changes(previous, args.dist)
    counts = kg.triple_counts
    print(f"eujkg {__version__}: {counts['ontology']} ontology, {counts['data']} asserted and "
          f"{counts['inferred']} inferred triples; the data conforms.")
    for kind, number in kg.summary().items():
        print(f"  {kind:<28} {number}")
    print(f"Wrote {len(written)} files into {args.dist}/:")
    for path in written:
        print(f"  {path.name:<22} {path.stat().st_size:>10,} bytes")
    print(f"Done in {time.perf_counter() - started:.1f} s.")
    return EXIT_OK


def _write_changes(previous, dist: Path) -> None:
    """dist/changes.txt: what this release changed against the one it replaced (kept when nothing changed)."""
    from eujkg.curate.diff import compare, read_side
    from eujkg.curate.importer import _write_atomically

    changes = compare(previous, read_side(str(dist)))
    if changes.empty:
        print("No entity changed since the previous release in this folder.")
        return
    _write_atomically(dist / "changes.txt", changes.as_text())
    print(f"Since the previous release: {changes.summary()} (dist/changes.txt lists them).")
    if changes.removed:
        print(f"eujkg: warning: {len(changes.removed)} entities of the previous release are gone without "
              "owl:deprecated; a published IRI should stay, marked owl:deprecated with dct:isReplacedBy",
              file=sys.stderr)


def _public_base(url: str) -> str:
    if not url.startswith(("http://", "https://")) or any(c in url for c in " <>\"{}|\\^`"):
        raise InputError(f"--public-base must be an http(s) URL, not '{url[:80]}'")
    return url if url.endswith("/") else url + "/"


def _queries(args) -> int:
    from eujkg import resources
    from eujkg.read.queries import QueryFolder

    _say_origin()
    for query in QueryFolder(resources.queries_dir()).values():
        print(f"{query.name}\n  {query.title}\n  {query.question}")
        for parameter in query.parameters:
            print(f"  - {parameter.describe()}")
        for example in query.examples:
            print(f"  e.g. {example}")
        print()
    return EXIT_OK


def _print_result(result, fmt: str) -> None:
    from eujkg.mediatypes import ALIASES, N_TRIPLES

    if result.triples is not None:
        sys.stdout.buffer.write(result.serialize(N_TRIPLES))
        return
    if fmt == "table":
        text = result.to_table()
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    body = result.serialize(ALIASES[fmt])
    sys.stdout.buffer.write(body if body.endswith(b"\n") else body + b"\n")


def _query(args) -> int:
    from eujkg.read.queries import parse_assignments

    given = parse_assignments(args.params)
    kg = _shipped(args)
    kg.stored_query(args.name)  # an unknown name fails before any build
    _warn_if_nonconforming(kg)
    _print_result(kg.query(args.name, **given), args.format)
    return EXIT_OK


def _sparql(args) -> int:
    text = args.query
    if text.endswith(".rq") or (len(text) < 300 and "\n" not in text and Path(text).is_file()):
        path = Path(text)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise InputError(f"{path}: cannot read the query ({error.strerror})") from None
    from eujkg.read.guard import check_query
    check_query(text)  # refuse before any build; KnowledgeGraph.sparql checks again for Python callers
    kg = _shipped(args)
    _warn_if_nonconforming(kg)
    _print_result(kg.sparql(text), args.format)
    return EXIT_OK


def _describe(args) -> int:
    kg = _shipped(args)
    _warn_if_nonconforming(kg)
    sys.stdout.write(kg.describe(args.entity).as_text())
    return EXIT_OK


def _export(args) -> int:
    kg = _shipped()
    _warn_if_nonconforming(kg)
    content = kg.export(args.format, inferred=args.inferred)
    if args.output:
        from eujkg.export import write_atomically
        write_atomically(args.output, content)
        print(f"Wrote {len(content):,} bytes to {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(content)
    return EXIT_OK


def _publish(args) -> int:
    from eujkg.graphs import graph_names
    from eujkg.http import check_url
    from eujkg.publish import publish

    check_url(args.endpoint)  # before anything prints the URL
    started = time.perf_counter()
    kg = _conforming_graph("Nothing published: fix the problems above first.")
    if kg is None:
        return EXIT_NONCONFORMING
    entry = kg.ensure_built()
    names = graph_names(args.graph)
    contents = {name: entry.graph_file(name).read_bytes() for name in names}
    _progress(f"uploading {len(contents)} graphs to {args.endpoint}")
    sizes = publish(args.endpoint, contents, names)
    counts = kg.triple_counts
    for name, size in sizes.items():
        print(f"  <{names[name]}>  {counts[name]:>8,} triples  {size:>12,} bytes")
    print(f"Published to {args.endpoint} in {time.perf_counter() - started:.1f} s (each graph replaced).")
    return EXIT_OK


def _serve(args) -> int:
    from eujkg import __version__
    from eujkg.export import build_release

    if not 0 < args.port < 65536 or args.workers < 1 or args.timeout <= 0 or args.max_results < 1:
        raise InputError("--port must be 1-65535; --workers, --timeout and --max-results must be positive")
    dist = args.dist
    if args.endpoint:
        kg = _shipped(args)
        if not (dist / "void.ttl").is_file():
            dist = None
    else:
        if args.graph:
            raise InputError("--graph goes with --endpoint")
        kg = _conforming_graph("Not serving: fix the problems above first.")
        if kg is None:
            return EXIT_NONCONFORMING
        if not (dist / "void.ttl").is_file():
            _progress(f"writing the release into {dist}")
            build_release(kg, dist, __version__)
    import uvicorn

    from eujkg.web.app import create_app
    app = create_app(kg, dist, workers=args.workers, timeout=args.timeout, max_results=args.max_results)
    _progress(f"serving on http://{args.host}:{args.port}/ (Ctrl-C stops)")
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return EXIT_OK


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
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
