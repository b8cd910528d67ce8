"""Load test (not a test of the suite): many concurrent clients against a running `eujkg serve`
on loopback, for a fixed time, with a mix of stored questions, page views and SPARQL queries.
Reports throughput, p50/p99 latency and errors.

    eujkg serve --port 8765 &
    python bench/load_test.py --url http://127.0.0.1:8765 --clients 50 --seconds 30

Only loopback addresses are accepted; the run stops by itself after --seconds.
"""

import argparse
import asyncio
import ipaddress
import random
import statistics
import time
from collections import Counter
from urllib.parse import urlparse

import httpx

MIX = [
    ("page", "/"),
    ("page", "/search?q=Kobe"),
    ("page", "/id/organisation/kobe-biomedical-innovation-cluster"),
    ("page", "/id/organisation/life-science-nord"),
    ("page", "/network"),
    ("page", "/timeline"),
    ("question", "/queries/partners?actor=Life+Science+Nord"),
    ("question", "/queries/programmes-active-in-year?year=2005"),
    ("question", "/queries/candidate-partners?actor=KBIC"),
    ("question", "/queries/cooperations-in-sector?sector=Life+sciences"),
    ("sparql", "/sparql?query=SELECT+%3Fc+WHERE+%7B+%3Fc+a+eujkg%3ACooperation+%7D"),
    ("sparql", "/sparql?query=SELECT+%3Fs+%3Fl+WHERE+%7B+%3Fs+skos%3AprefLabel+%3Fl+%7D+LIMIT+100"),
    ("rdf", "/id/place/kobe?format=ttl"),
]


def loopback_only(url: str) -> None:
    host = urlparse(url).hostname or ""
    if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
        raise SystemExit(f"refusing to load {host}: only loopback addresses are allowed")


async def client(http: httpx.AsyncClient, base: str, until: float, results: list, seed: int) -> None:
    rng = random.Random(seed)
    while time.monotonic() < until:
        kind, path = rng.choice(MIX)
        started = time.monotonic()
        try:
            response = await http.get(base + path, timeout=30)
            status = response.status_code
        except httpx.HTTPError as error:
            status = type(error).__name__
        results.append((kind, time.monotonic() - started, status))


async def run(base: str, clients: int, seconds: float) -> list:
    results: list = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits) as http:
        until = time.monotonic() + seconds
        await asyncio.gather(*(client(http, base, until, results, seed) for seed in range(clients)))
    return results


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8765")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    loopback_only(args.url)
    started = time.monotonic()
    results = asyncio.run(run(args.url.rstrip("/"), args.clients, args.seconds))
    elapsed = time.monotonic() - started
    errors = Counter(status for _, _, status in results if status != 200)
    print(f"{args.clients} clients, {elapsed:.1f} s, {len(results)} requests, "
          f"{len(results) / elapsed:.1f} requests/s, errors: {dict(errors) or 0}")
    print("| requests | count | p50 ms | p99 ms | max ms |")
    print("|---|---:|---:|---:|---:|")
    for kind in ["all", "page", "question", "sparql", "rdf"]:
        times = [t for k, t, _ in results if kind in ("all", k)]
        if times:
            print(f"| {kind} | {len(times)} | {statistics.median(times) * 1000:.0f} | "
                  f"{percentile(times, 99) * 1000:.0f} | {max(times) * 1000:.0f} |")


if __name__ == "__main__":
    main()
