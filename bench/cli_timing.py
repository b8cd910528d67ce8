"""Benchmark (not a test): wall time of the `eujkg` command in fresh processes on the shipped graph.

Measures `eujkg query` with a cold cache (reasoning and validation included) and a warm one,
and `eujkg build` with a cold and a warm cache. Prints a Markdown table.

    python bench/cli_timing.py [--warm-runs 10] [--cold-runs 2]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUERY = ["query", "partners", "actor=Life Science Nord"]


def eujkg() -> list[str]:
    found = shutil.which("eujkg")
    return [found] if found else [sys.executable, "-m", "eujkg"]


def timed(args: list[str], cache: Path, cwd: Path) -> float:
    env = dict(os.environ, EUJKG_CACHE_DIR=str(cache))
    started = time.perf_counter()
    subprocess.run(eujkg() + args, env=env, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warm-runs", type=int, default=10)
    parser.add_argument("--cold-runs", type=int, default=2)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        cold_query = []
        for run in range(args.cold_runs):
            cold_query.append(timed(QUERY, scratch / f"cold-{run}", scratch))
        warm = scratch / "cold-0"
        warm_query = [timed(QUERY, warm, scratch) for _ in range(args.warm_runs)]
        cold_build = [timed(["build", "--dist", str(scratch / f"dist-cold-{r}")], scratch / f"build-{r}", scratch)
                      for r in range(args.cold_runs)]
        warm_build = [timed(["build", "--dist", str(scratch / "dist-warm")], warm, scratch) for _ in range(3)]
        help_start = [timed(["--help"], warm, scratch) for _ in range(5)]
    for name, values in [("eujkg --help (process start)", help_start),
                         ("eujkg query partners, warm cache", warm_query),
                         ("eujkg query partners, cold cache (reason + validate)", cold_query),
                         ("eujkg build, warm cache", warm_build),
                         ("eujkg build, cold cache", cold_build)]:
        rows.append((name, len(values), statistics.median(values), max(values)))
    print("| command (fresh process each run) | runs | median s | max s |")
    print("|---|---:|---:|---:|")
    for name, runs, median, worst in rows:
        print(f"| {name} | {runs} | {median:.3f} | {worst:.3f} |")


if __name__ == "__main__":
    main()
