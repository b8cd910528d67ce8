"""Benchmark (not a test): eujkg's build and stored queries beside the peers, in one run, on generated
graphs shaped like ours (eujkg.synthetic) of growing size.

For each size, every step runs in a fresh process, which reports its time and peak memory:
  eujkg:  build = parse (pyoxigraph) + reason (OWL RL compiled to SPARQL) + validate (SHACL compiled
          to SPARQL; reasoning and validation overlap on two threads), then the on-disk store that
          readers open, then each stored query with its example's parameters as a user runs it: a new
          process per run (interpreter start, imports, opening the store, resolving labels, the query);
  kept:   the peer stack a user could assemble from kept parts: pyoxigraph parses and writes N-Triples,
          nemo (nemo-python) runs OWL RL as one rule program (bench/peer_owlrl.rls), the Rust `shacl`
          package validates the closure;
  naive:  rdflib parse, owlrl closure, pySHACL (only up to --naive-max triples: it takes minutes at 100k).
eujkg and the kept stack run --pairs times, interleaved, and the medians are shown. The machine's load
average is written beside each size, since other work on the machine changes every figure.

    python bench/scale.py --sizes 10000 100000 1000000 --out bench/results/scale.md
"""

import argparse
import json
import os
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent


# ---- child steps: each prints one JSON line ----

def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _files(folder: str) -> list[Path]:
    return sorted(Path(folder).glob("*.ttl"))


def child_build(folder: str, cache: str) -> dict:
    from eujkg.build import build
    from eujkg import resources
    result = build("fast", resources.ontology_files(), resources.shapes_files(), _files(folder))
    return {**result.timings, "peak_mb": _peak_mb(), "triples": result.triples, "problems": len(result.report.problems),
            "inconsistencies": len(result.inconsistencies)}


def child_store(folder: str, cache: str) -> dict:
    """Build into the cache (not timed), then time writing the on-disk store readers open."""
    from eujkg import KnowledgeGraph
    from eujkg.graphs import GRAPHS
    entry = KnowledgeGraph(_files(folder), cache_root=Path(cache)).ensure_built()
    started = time.perf_counter()
    entry.query_store(GRAPHS)
    return {"seconds": time.perf_counter() - started, "peak_mb": _peak_mb()}


def child_query(folder: str, cache: str, name: str) -> dict:
    """One stored query with its example's parameters, as `eujkg query` runs it (the parent times the process)."""
    from eujkg import KnowledgeGraph
    from eujkg.read.queries import parse_assignments
    kg = KnowledgeGraph(_files(folder), cache_root=Path(cache))
    query = kg.stored_query(name)
    params = parse_assignments(shlex.split(query.examples[0])[3:]) if query.examples else {}
    return {"rows": len(kg.query(name, **params).rows()), "peak_mb": _peak_mb()}


def child_kept(folder: str, cache: str) -> dict:
    """pyoxigraph parse → N-Triples → nemo OWL RL → Rust shacl over the closure."""
    import nmo_python
    import pyoxigraph as ox
    import shacl

    from eujkg import resources
    work = Path(tempfile.mkdtemp(dir=cache))
    out = {}
    started = time.perf_counter()
    store = ox.Store()
    for path in resources.ontology_files() + _files(folder):
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
    asserted = work / "asserted.nt"
    asserted.write_bytes(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()))
    out["parse_s"], out["parse_mb"] = time.perf_counter() - started, _peak_mb()
    del store

    step = time.perf_counter()
    closure = work / "closure.nt"
    program = (HERE / "peer_owlrl.rls").read_text(encoding="utf-8")
    program = program.replace("{input}", str(asserted)).replace("{output}", str(closure))
    engine = nmo_python.NemoEngine(nmo_python.load_string(program))
    engine.reason()
    engine.write_result("t", nmo_python.NemoOutputManager(str(work), overwrite=True))
    out["clashes"] = len(list(engine.result("clash")))
    del engine
    out["reason_s"], out["reason_mb"] = time.perf_counter() - step, _peak_mb()

    step = time.perf_counter()
    written = next(p for p in work.iterdir() if p.name.endswith("closure.nt"))  # nemo prefixes the name
    shapes = shacl.Shapes.from_turtle("\n".join(p.read_text(encoding="utf-8") for p in resources.shapes_files()))
    report = shapes.validate_file(str(written))
    out["validate_s"], out["validate_mb"] = time.perf_counter() - step, _peak_mb()
    out["results"] = len(report.results)
    out["build_s"] = time.perf_counter() - started
    out["peak_mb"] = _peak_mb()
    return out


def _naive_graph(folder: str):
    import rdflib

    from eujkg import resources
    graph = rdflib.Graph()
    for path in resources.ontology_files() + _files(folder):
        graph.parse(path, format="turtle")
    return graph


def child_naive(folder: str, cache: str) -> dict:
    """rdflib parse, owlrl closure, pySHACL over the closure (what a user writes by hand)."""
    import owlrl
    import pyshacl
    import rdflib

    from eujkg import resources
    out = {}
    started = time.perf_counter()
    graph = _naive_graph(folder)
    out["parse_s"] = time.perf_counter() - started
    step = time.perf_counter()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    out["reason_s"] = time.perf_counter() - step
    step = time.perf_counter()
    shapes = rdflib.Graph()
    for path in resources.shapes_files():
        shapes.parse(path, format="turtle")
    pyshacl.validate(graph, shacl_graph=shapes, inference="none")
    out["validate_s"] = time.perf_counter() - step
    out["build_s"] = time.perf_counter() - started
    out["peak_mb"] = _peak_mb()
    return out


CHILDREN = {name[len("child_"):]: fn for name, fn in globals().items() if name.startswith("child_")}


# ---- the parent: generate, run children, tabulate ----

def run_child(step: str, folder: Path, cache: Path, cap: float, *extra: str) -> dict:
    command = [sys.executable, __file__, "--child", step, str(folder), str(cache), *extra]
    started = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=cap)
    except subprocess.TimeoutExpired:
        return {"capped": True, "wall": cap}
    wall = time.perf_counter() - started
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1], "wall": wall}
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "wall": wall}


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def median(results: list[dict], key: str):
    values = [r[key] for r in results if r.get(key) is not None]
    return statistics.median(values) if values else None


def seconds(value, capped: bool = False) -> str:
    if value is None:
        return "–"
    text = f"{value:.2f}" if value < 100 else f"{value:.0f}"
    return f"≥{text} (cap)" if capped else text


def megabytes(value) -> str:
    return "–" if not value else f"{value:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--pairs", type=int, default=3, help="interleaved runs of eujkg and the kept stack")
    parser.add_argument("--query-runs", type=int, default=3, help="fresh processes per stored query")
    parser.add_argument("--naive-max", type=int, default=10_000, help="largest size the naive pipeline runs at")
    parser.add_argument("--cap", type=float, default=900.0, help="seconds before a step is stopped")
    parser.add_argument("--query-cap", type=float, default=180.0, help="seconds before one stored query is stopped")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "scale.md")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        step, folder, cache, *extra = args.child
        print(json.dumps(CHILDREN[step](folder, cache, *extra)))
        return

    from eujkg import resources
    from eujkg.read.queries import load_queries
    from eujkg.synthetic import generate
    names = sorted(load_queries(resources.queries_dir()))
    build_lines = ["| triples | step | eujkg s | eujkg peak MB | nemo + shacl s | peak MB | rdflib + owlrl + pySHACL s | "
                   "peak MB | kept ÷ eujkg |", "|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    query_header = ["| query | " + " | ".join(f"{size:,}" for size in args.sizes) + " |",
                    "|---|" + "---:|" * len(args.sizes)]
    query_cells: dict[str, list[str]] = {name: [] for name in names}
    notes = []
    with tempfile.TemporaryDirectory() as scratch:
        for size in args.sizes:
            folder = Path(scratch) / f"g{size}"
            generate(folder, size, seed=args.seed, problems=8)
            cache = Path(scratch) / f"cache{size}"
            cache.mkdir()
            before = load()
            ours, kept = [], []
            for _ in range(args.pairs):
                ours.append(run_child("build", folder, cache, args.cap))
                kept.append(run_child("kept", folder, cache, args.cap))
            naive = run_child("naive", folder, cache, args.cap) if size <= args.naive_max else {}
            store = run_child("store", folder, cache, args.cap)
            for name in names:
                runs = [run_child("query", folder, cache, args.query_cap, name) for _ in range(args.query_runs)]
                walls = [r["wall"] for r in runs if "rows" in r]
                if any(r.get("capped") for r in runs):
                    query_cells[name].append(f"≥{args.query_cap:.0f} (cap)")
                elif len(walls) < len(runs):
                    query_cells[name].append("error")
                else:
                    query_cells[name].append(f"{statistics.median(walls):.2f} ({runs[0]['rows']:,} rows)")
            after = load()
            triples = next((r["triples"] for r in ours if "triples" in r), {})
            asserted = triples.get("data", size) + triples.get("ontology", 0)
            for label, key in (("parse", "parse_s"), ("reason (OWL RL)", "reason_s"), ("validate (SHACL)", "validate_s"),
                               ("**build** (eujkg: steps overlap)", "build_s")):
                mine, theirs = median(ours, key), median(kept, key)
                peak_ours = median(ours, "peak_mb") if key == "build_s" else None
                peak_kept = median(kept, "peak_mb" if key == "build_s" else key.replace("_s", "_mb"))
                naive_s = naive.get(key)
                cells = [seconds(mine), megabytes(peak_ours), seconds(theirs), megabytes(peak_kept),
                         seconds(naive_s, naive.get("capped")) if naive else "–",
                         megabytes(naive.get("peak_mb")) if key == "build_s" and naive else "–",
                         f"{theirs / mine:.2f}×" if mine and theirs else "–"]
                build_lines.append(f"| {asserted:,} | {label} | " + " | ".join(cells) + " |")
            build_lines.append(f"| {asserted:,} | on-disk store for readers (once per build) | {seconds(store.get('seconds'))} | "
                               f"{megabytes(store.get('peak_mb'))} | – | – | – | – | – |")
            notes.append(f"- {asserted:,} triples: {before} at the start, {after} at the end; eujkg found "
                         f"{next((r['problems'] for r in ours if 'problems' in r), '?')} problems; nemo "
                         f"{next((r['clashes'] for r in kept if 'clashes' in r), '?')} disjointness clashes "
                         f"(each pair both ways), shacl {next((r['results'] for r in kept if 'results' in r), '?')} "
                         "results over the whole closure (types from domains and ranges included, which eujkg "
                         "leaves out of validation, so the counts differ).")
            query_lines = [f"Stored queries as a user runs them: a new process per run (interpreter, imports, "
                           f"opening the on-disk store, resolving labels, the query), median of {args.query_runs} "
                           "runs, seconds, with the example's parameters.", "", *query_header]
            query_lines += [f"| {name} | " + " | ".join(cells) + " |" for name, cells in query_cells.items()]
            table = "\n".join(build_lines + ["", "Machine load during each size (2 cores, shared):", *notes, "",
                                             *query_lines]) + "\n"
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(table, encoding="utf-8")  # after each size, so a partial run keeps its rows
            print(table, flush=True)


if __name__ == "__main__":
    main()
