"""Benchmark (not a test): latency of every stored query against a real Oxigraph server holding a
published generated graph, through `KnowledgeGraph.remote` (as `eujkg query --endpoint` does).

    python bench/remote_latency.py --triples 100000 --runs 10
"""

import argparse
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path


def main() -> None:
    """Each query in this process; candidate-partners is left to the end (it is slow on generated graphs)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    from eujkg import KnowledgeGraph
    from eujkg.graphs import graph_names
    from eujkg.publish import publish
    from eujkg.read.queries import parse_assignments
    from eujkg.synthetic import generate

    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        files = generate(scratch / "graph", args.triples, seed=1)
        local = KnowledgeGraph(files, cache_root=scratch / "cache")
        entry = local.ensure_built()
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        beside = Path(sys.executable).parent / "oxigraph"
        binary = str(beside) if beside.is_file() else shutil.which("oxigraph")
        server = subprocess.Popen([binary, "serve", "--location", str(scratch / "store"), "--bind",
                                   f"127.0.0.1:{port}", "--union-default-graph"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(300):
                try:
                    urllib.request.urlopen(base + "/", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            names = graph_names(None)
            publish(base + "/store", {n: entry.graph_file(n).read_bytes() for n in names}, names)
            remote = KnowledgeGraph.remote(base + "/query", union_default_graph=True)
            print(f"{sum(entry.meta['triples'].values()):,} triples (ontology + data + inferred) on oxigraph serve; "
                  f"p50 of {args.runs} runs per stored query, through KnowledgeGraph.remote\n")
            print("| query | p50 ms | max ms |")
            print("|---|---:|---:|")
            for name, query in sorted(remote.queries.items()):
                if name == "candidate-partners":
                    print("| candidate-partners | not measured: see bench/scale.py | |")
                    continue
                given = parse_assignments(shlex.split(query.examples[0])[3:])
                times = []
                for _ in range(args.runs):
                    started = time.perf_counter()
                    remote.query(name, **given).rows()
                    times.append(time.perf_counter() - started)
                    if times[-1] > 5:
                        break
                print(f"| {name} | {statistics.median(times) * 1000:.1f} | {max(times) * 1000:.1f} |", flush=True)
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
