"""Run untrusted SPARQL in worker processes, so that a query past its time limit can be stopped.

pyoxigraph evaluates a query inside Rust without a time limit of its own; a thread running it
cannot be interrupted. Each worker process holds its own copy of the store; a query that runs
too long gets its worker killed and replaced, and the caller an error. Results are capped.
"""

import asyncio
import multiprocessing
from dataclasses import dataclass
from pathlib import Path

from eujkg.prefixes import PREFIXES


class QueryTimeout(Exception):
    pass


class QueryRejected(Exception):
    """The query is malformed, refused or cannot be answered (the message says why; `status` the HTTP status)."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


class Busy(Exception):
    pass


@dataclass
class Answer:
    kind: str          # "solutions", "boolean" or "triples"
    body: bytes
    media_type: str
    truncated: bool = False


def load_store(graph_files: dict[str, Path]):
    import pyoxigraph as ox
    store = ox.Store()
    for graph, path in graph_files.items():
        store.load(path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))
    return store


def execute(store, query: str, results_media: str, graph_media: str, max_results: int) -> Answer:
    """Run a query and serialise its answer in the requested media types, capping the size."""
    import pyoxigraph as ox

    from eujkg.read.guard import check_query
    from eujkg.web.formats import serialise_boolean, serialise_solutions

    check_query(query)  # before pyoxigraph sees it: SERVICE would make it send requests
    answer = store.query(query, use_default_graph_as_union=True, prefixes=PREFIXES)
    if isinstance(answer, ox.QueryBoolean):
        return Answer("boolean", serialise_boolean(bool(answer), results_media), results_media)
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        rows = []
        for solution in answer:
            if len(rows) == max_results:
                return Answer("solutions", serialise_solutions(variables, rows, results_media), results_media, True)
            rows.append([solution[v] for v in variables])
        return Answer("solutions", serialise_solutions(variables, rows, results_media), results_media)
    triples = []
    truncated = False
    for triple in answer:
        if len(triples) == max_results:
            truncated = True
            break
        triples.append(triple)
    body = ox.serialize(triples, format=ox.RdfFormat.from_media_type(graph_media), prefixes=PREFIXES
                        if graph_media == "text/turtle" else None)
    return Answer("triples", body, graph_media, truncated)


def _worker(connection, graph_files, max_results):
    from eujkg.read.guard import QueryRefused, check_query

    store = load_store(graph_files)
    check_query("ASK {}")  # load the parser now, not during the first query's time limit
    connection.send("ready")
    while True:
        message = connection.recv()
        if message is None:
            return
        query, results_media, graph_media = message
        try:
            connection.send(("ok", execute(store, query, results_media, graph_media, max_results)))
        except QueryRefused as error:
            connection.send(("refused", (error.status, str(error))))
        except SyntaxError as error:
            connection.send(("rejected", "SPARQL syntax error: " + " ".join(str(error).split())))
        except Exception as error:  # noqa: BLE001 - report any evaluation failure to the client
            connection.send(("rejected", f"{type(error).__name__}: {' '.join(str(error).split())}"))


class _Worker:
    def __init__(self, context, graph_files, max_results):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child, graph_files, max_results), daemon=True)
        self.process.start()
        child.close()
        self.ready = False

    def call(self, message, timeout):
        """Send a query and wait for the answer; None if the time limit passed."""
        if not self.ready:
            if not self.connection.poll(60):
                raise QueryRejected("the query worker did not start")
            self.connection.recv()
            self.ready = True
        self.connection.send(message)
        if not self.connection.poll(timeout):
            return None
        return self.connection.recv()

    def stop(self):
        self.process.kill()
        self.process.join(5)
        self.connection.close()


class QueryPool:
    """A fixed number of worker processes; callers beyond `max_waiting` are turned away."""

    def __init__(self, graph_files: dict[str, Path], workers: int = 2, timeout: float = 10.0,
                 max_results: int = 10_000, max_waiting: int = 64):
        self.graph_files = graph_files
        self.timeout = timeout
        self.max_results = max_results
        self.max_waiting = max_waiting
        self._context = multiprocessing.get_context("spawn")
        self._workers = [_Worker(self._context, graph_files, max_results) for _ in range(workers)]
        self._idle: asyncio.Queue | None = None
        self._waiting = 0

    def _queue(self) -> asyncio.Queue:
        if self._idle is None:
            self._idle = asyncio.Queue()
            for worker in self._workers:
                self._idle.put_nowait(worker)
        return self._idle

    async def run(self, query: str, results_media: str, graph_media: str) -> Answer:
        idle = self._queue()
        if self._waiting >= self.max_waiting:
            raise Busy("too many queries are waiting; try again shortly")
        self._waiting += 1
        try:
            worker = await idle.get()
        finally:
            self._waiting -= 1
        loop = asyncio.get_running_loop()
        try:
            reply = await loop.run_in_executor(None, worker.call, (query, results_media, graph_media), self.timeout)
        except BaseException:  # cancelled (client gone) or failed: the worker may still be busy
            idle.put_nowait(self._respawn(worker))
            raise
        if reply is None:
            idle.put_nowait(self._respawn(worker))
            raise QueryTimeout(f"the query ran past the time limit of {self.timeout:g} s and was stopped")
        idle.put_nowait(worker)
        status, payload = reply
        if status == "rejected":
            raise QueryRejected(payload)
        if status == "refused":
            code, message = payload
            raise QueryRejected(message, code)
        return payload

    def _respawn(self, worker: _Worker) -> _Worker:
        """Kill a worker (it may be stuck in a query) and start a fresh one in its place."""
        worker.process.kill()
        fresh = _Worker(self._context, self.graph_files, self.max_results)
        self._workers[self._workers.index(worker)] = fresh
        return fresh

    def close(self) -> None:
        for worker in self._workers:
            try:
                worker.connection.send(None)
            except (OSError, BrokenPipeError):
                pass
            worker.stop()
