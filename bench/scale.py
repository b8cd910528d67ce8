"""Benchmark (not a test): eujkg's engine against the pipeline a user would write by hand, on
generated graphs shaped like ours (eujkg.synthetic) of growing size.

For each size, every step runs in a fresh process, which reports its time and peak memory:
  eujkg: build (parse with pyoxigraph, OWL RL and SHACL compiled to SPARQL), export (TriG),
         each stored query (p50 of 5) beside the same query on a bare pyoxigraph store, and the
         latency of the SPARQL endpoint of `eujkg serve`;
  peer:  rdflib parse, owlrl OWL-RL closure, pySHACL with the ontology mixed in, rdflib SPARQL
         for the stored queries, rdflib Turtle export.
A step that passes --cap seconds is stopped and counted as the cap. Writes a Markdown table.

    python bench/scale.py --sizes 10000 100000 1000000 --out bench/results/scale.md
"""

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUERY_RUNS = 5


# ---- child steps: each prints one JSON line {"seconds": …, "peak_mb": …, …} ----

def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _files(folder: str) -> list[Path]:
    return sorted(Path(folder).glob("*.ttl"))


def child_build(folder: str, cache: str) -> dict:
    from eujkg import KnowledgeGraph
    kg = KnowledgeGraph(_files(folder), cache_root=Path(cache))
    started = time.perf_counter()
    entry = kg.ensure_built()
    seconds = time.perf_counter() - started
    meta = entry.meta
    return {"seconds": seconds, "peak_mb": _peak_mb(), **meta["timings"], "triples": meta["triples"],
            "problems": len(entry.report)}


def child_export(folder: str, cache: str) -> dict:
    from eujkg import KnowledgeGraph
    kg = KnowledgeGraph(_files(folder), cache_root=Path(cache))
    kg.ensure_built()
    started = time.perf_counter()
    size = len(kg.export("trig", inferred=True))
    return {"seconds": time.perf_counter() - started, "peak_mb": _peak_mb(), "bytes": size}


def _bound_queries(kg) -> dict[str, str]:
    """Each stored query with the parameters of its example, bound."""
    import shlex

    from eujkg.read.queries import parse_assignments
    bound = {}
    for name, query in kg.queries.items():
        words = shlex.split(query.examples[0])[3:]
        bound[name] = query.bind(parse_assignments(words), kg.resolver)
    return bound


def child_query(folder: str, cache: str, name: str) -> dict:
    """One stored query (with its example's parameters): p50 through the facade and on a bare store."""
    import pyoxigraph as ox

    from eujkg import KnowledgeGraph
    from eujkg.prefixes import PREFIXES
    kg = KnowledgeGraph(_files(folder), cache_root=Path(cache))
    entry = kg.ensure_built()
    text = _bound_queries(kg)[name]
    bare = ox.Store()
    for part in ("ontology", "data", "inferred"):
        bare.load(path=str(entry.graph_file(part)), format=ox.RdfFormat.N_TRIPLES)
    ours, theirs = [], []
    for _ in range(QUERY_RUNS):
        t = time.perf_counter()
        kg.sparql(text).rows()
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        answer = bare.query(text, prefixes=PREFIXES, use_default_graph_as_union=False)
        list(answer) if not isinstance(answer, ox.QueryBoolean) else bool(answer)
        theirs.append(time.perf_counter() - t)
        if ours[-1] > 20:  # a slow query is measured once
            break
    return {"seconds": statistics.median(ours), "bare": statistics.median(theirs), "peak_mb": _peak_mb()}


def child_server(folder: str, cache: str) -> dict:
    import socket
    import threading

    import httpx
    import uvicorn

    from eujkg import KnowledgeGraph
    from eujkg.web.app import create_app
    kg = KnowledgeGraph(_files(folder), cache_root=Path(cache))
    kg.ensure_built()
    dist = Path(tempfile.mkdtemp())  # the endpoint needs the built graph, not the release files
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(kg, dist, timeout=60), host="127.0.0.1", port=port,
                                           log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    query = "SELECT ?c ?l WHERE { ?c a eujkg:Cooperation ; skos:prefLabel ?l } LIMIT 100"
    latencies = []
    with httpx.Client(timeout=120) as http:
        for _ in range(30):
            t = time.perf_counter()
            assert http.get(f"http://127.0.0.1:{port}/sparql", params={"query": query}).status_code == 200
            latencies.append(time.perf_counter() - t)
    server.should_exit = True
    return {"seconds": statistics.median(latencies), "p99": sorted(latencies)[-1], "peak_mb": _peak_mb()}


def _peer_graph(folder: str, with_inferred_from: str | None = None):
    import rdflib

    from eujkg import resources
    graph = rdflib.Graph()
    for path in resources.ontology_files() + _files(folder):
        graph.parse(path, format="turtle")
    if with_inferred_from:
        graph.parse(Path(with_inferred_from), format="nt")
    return graph


def child_peer_parse(folder: str, cache: str) -> dict:
    started = time.perf_counter()
    graph = _peer_graph(folder)
    return {"seconds": time.perf_counter() - started, "peak_mb": _peak_mb(), "triples": len(graph)}


def child_peer_reason(folder: str, cache: str) -> dict:
    import owlrl
    graph = _peer_graph(folder)
    started = time.perf_counter()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return {"seconds": time.perf_counter() - started, "peak_mb": _peak_mb(), "triples": len(graph)}


def child_peer_validate(folder: str, cache: str) -> dict:
    import pyshacl
    import rdflib

    from eujkg import resources
    data = rdflib.Graph()
    for path in _files(folder):
        data.parse(path, format="turtle")
    ontology, shapes = rdflib.Graph(), rdflib.Graph()
    for path in resources.ontology_files():
        ontology.parse(path, format="turtle")
    for path in resources.shapes_files():
        shapes.parse(path, format="turtle")
    started = time.perf_counter()
    conforms, _, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none")
    return {"seconds": time.perf_counter() - started, "peak_mb": _peak_mb(), "conforms": conforms}


def child_peer_queries(folder: str, cache: str) -> dict:
    from eujkg import KnowledgeGraph
    from eujkg.prefixes import PREFIXES
    kg = KnowledgeGraph(_files(folder), cache_root=Path(cache))
    entry = kg.ensure_built()
    bound = _bound_queries(kg)
    bound.pop("candidate-partners")  # measured alone below: on rdflib it alone outlasts the cap
    graph = _peer_graph(folder, str(entry.graph_file("inferred")))
    results, total, failed = {}, 0.0, []
    for name, text in bound.items():
        t = time.perf_counter()
        try:
            list(graph.query(text, initNs=PREFIXES))
        except Exception as error:  # noqa: BLE001 - rdflib's engine cannot run every SPARQL 1.1 query
            failed.append(f"{name}: {type(error).__name__}")
            continue
        results[name] = time.perf_counter() - t
        total += results[name]
    return {"seconds": total, "peak_mb": _peak_mb(), "queries": results, "failed": failed}


def child_peer_export(folder: str, cache: str) -> dict:
    graph = _peer_graph(folder)
    started = time.perf_counter()
    size = len(graph.serialize(format="turtle", encoding="utf-8"))
    return {"seconds": time.perf_counter() - started, "peak_mb": _peak_mb(), "bytes": size}


CHILDREN = {name[len("child_"):]: fn for name, fn in globals().items() if name.startswith("child_")}


# ---- the parent: generate, run children, tabulate ----

def run_child(step: str, folder: Path, cache: Path, cap: float, *extra: str) -> dict:
    command = [sys.executable, __file__, "--child", step, str(folder), str(cache), *extra]
    started = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=cap)
    except subprocess.TimeoutExpired:
        return {"seconds": cap, "capped": True, "peak_mb": None}
    if done.returncode != 0:
        return {"seconds": None, "error": done.stderr.strip().splitlines()[-1:] or ["failed"],
                "wall": time.perf_counter() - started}
    return json.loads(done.stdout.strip().splitlines()[-1])


def fmt_s(result: dict) -> str:
    if result.get("error"):
        return "error"
    seconds = result["seconds"]
    text = f"{seconds:.2f}" if seconds < 100 else f"{seconds:.0f}"
    return f"≥{text} (cap)" if result.get("capped") else text


def fmt_mb(result: dict) -> str:
    return "–" if not result.get("peak_mb") else f"{result['peak_mb']:.0f}"


def ratio(peer: dict, ours: dict) -> str:
    if not ours.get("seconds") or peer.get("seconds") is None:
        return "–"
    return f"{peer['seconds'] / ours['seconds']:.0f}×" if peer["seconds"] / ours["seconds"] >= 10 else \
        f"{peer['seconds'] / ours['seconds']:.1f}×"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--cap", type=float, default=600.0, help="seconds before a step is stopped (default 600)")
    parser.add_argument("--query-cap", type=float, default=120.0, help="seconds before one stored query is stopped")
    parser.add_argument("--parallel-peer", action="store_true",
                        help="run the peer pipeline's steps on the other core while eujkg's run (shorter; both "
                             "sides then share the machine)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "scale.md")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        step, folder, cache, *extra = args.child
        print(json.dumps(CHILDREN[step](folder, cache, *extra)))
        return

    from eujkg.synthetic import generate
    lines = ["| triples | step | eujkg s | eujkg peak MB | peer s | peer peak MB | peer ÷ eujkg |",
             "|---:|---|---:|---:|---:|---:|---:|"]
    query_lines = []
    with tempfile.TemporaryDirectory() as scratch:
        for size in args.sizes:
            folder = Path(scratch) / f"g{size}"
            generate(folder, size, seed=args.seed, problems=8)
            cache = Path(scratch) / f"cache{size}"
            from concurrent.futures import ThreadPoolExecutor

            from eujkg import resources
            from eujkg.read.queries import load_queries
            pool = ThreadPoolExecutor(max_workers=1)
            ours = {"build": run_child("build", folder, cache, args.cap)}  # the cache the other steps read
            peer_steps = ("parse", "reason", "validate", "queries", "export")
            if args.parallel_peer:
                pending = {s: pool.submit(run_child, f"peer_{s}", folder, cache, args.cap) for s in peer_steps}
            ours.update({step: run_child(step, folder, cache, args.cap) for step in ("export", "server")})
            names = sorted(load_queries(resources.queries_dir()))
            per_query = {name: run_child("query", folder, cache, args.query_cap, name) for name in names}
            measured = [r for r in per_query.values() if r.get("seconds") is not None]
            ours["queries"] = {"seconds": sum(r["seconds"] for r in measured),
                               "capped": any(r.get("capped") for r in per_query.values()),
                               "peak_mb": max((r.get("peak_mb") or 0) for r in measured) if measured else None}
            if args.parallel_peer:
                peer = {s: future.result() for s, future in pending.items()}
            else:
                peer = {s: run_child(f"peer_{s}", folder, cache, args.cap) for s in peer_steps}
            pool.shutdown()
            build = ours["build"]
            triples = build.get("triples", {})
            asserted = triples.get("data", size) + triples.get("ontology", 0)
            print(f"{size}: {json.dumps(build)}", file=sys.stderr, flush=True)
            parse = {"seconds": build.get("parse_s"), "peak_mb": None}
            reason = {"seconds": build.get("reason_s"), "peak_mb": None}
            validate = {"seconds": build.get("validate_s"), "peak_mb": None}
            peer_build = {"seconds": sum(peer[s]["seconds"] or args.cap for s in ("parse", "reason", "validate")),
                          "capped": any(peer[s].get("capped") for s in ("parse", "reason", "validate")),
                          "peak_mb": max((peer[s].get("peak_mb") or 0) for s in ("parse", "reason", "validate")) or None}
            rows = [("parse", parse, peer["parse"]), ("reason (OWL RL)", reason, peer["reason"]),
                    ("validate (SHACL)", validate, peer["validate"]),
                    ("**build = parse + reason + validate**", build, peer_build),
                    ("export (TriG with inferred / Turtle)", ours["export"], peer["export"]),
                    (f"{len(per_query) - 1} stored queries without candidate-partners (sum of p50)",
                     {**ours["queries"], "seconds": ours["queries"]["seconds"] - (per_query["candidate-partners"].get("seconds") or 0)},
                     peer["queries"]),
                    ("candidate-partners (one query)", per_query["candidate-partners"], {"seconds": None}),
                    ("server SPARQL query, p50", ours["server"], {"seconds": None})]
            for name, mine, theirs in rows:
                lines.append(f"| {asserted:,} | {name} | {fmt_s(mine) if mine.get('seconds') is not None else '–'} | "
                             f"{fmt_mb(mine)} | {fmt_s(theirs) if theirs.get('seconds') is not None else '–'} | "
                             f"{fmt_mb(theirs)} | {ratio(theirs, mine)} |")
            query_lines = [f"Stored queries at {asserted:,} asserted triples (p50 of up to {QUERY_RUNS} runs in a fresh "
                           "process, seconds): eujkg facade vs the same bound text on a bare pyoxigraph store "
                           "holding the same triples in its default graph",
                           "", "| query | eujkg | bare pyoxigraph | ratio |", "|---|---:|---:|---:|"]
            for name, r in per_query.items():
                if r.get("seconds") is None or r.get("capped"):
                    query_lines.append(f"| {name} | {fmt_s(r)} | – | – |")
                else:
                    query_lines.append(f"| {name} | {r['seconds']:.4f} | {r['bare']:.4f} | "
                                       f"{r['seconds'] / max(r['bare'], 1e-9):.2f} |")
            failed = peer["queries"].get("failed") or []
            notes = [f"rdflib could not run {len(failed)} of the stored queries at {asserted:,} triples: "
                     + ", ".join(failed) + " (left out of its sum)."] if failed else []
            if args.parallel_peer:
                notes.append("The peer pipeline ran on the second core while eujkg's steps ran (--parallel-peer).")
            table = "\n".join(lines + [""] + notes + [""] + query_lines) + "\n"
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(table, encoding="utf-8")  # written after each size, so a partial run keeps its rows
            print(table, flush=True)


if __name__ == "__main__":
    main()
