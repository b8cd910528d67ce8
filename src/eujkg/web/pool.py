"""Run untrusted SPARQL in worker processes, so that a query past its time limit can be stopped.

pyoxigraph evaluates a query inside Rust without a time limit of its own; a thread running it
cannot be interrupted. Each worker process opens its own backend (a copy of the embedded store, or
a client of the remote endpoint: see KnowledgeGraph.backend_spec); a query that runs too long gets
its worker killed and replaced, and the caller an error. Every query passes the guard
(eujkg.read.guard) in the worker first. Results are capped.
"""

import asyncio
import multiprocessing
from dataclasses import dataclass


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


def open_backend(spec: tuple):
    """The backend a spec names: ("embedded", {graph name: N-Triples file}) or ("remote", endpoint, base, union)."""
    if spec[0] == "embedded":
        from eujkg.read.backend import Embedded
        return Embedded.from_files(spec[1])
    from eujkg.read.remote import Remote
    _, endpoint, graph_base, union = spec
    return Remote(endpoint, graph_base, union_default_graph=union)


def execute(backend, query: str, results_media: str, graph_media: str, max_results: int, dataset=None) -> Answer:
    """Check and run a query and serialise its answer in the requested media types, capping the size. The
    dataset is the request's (protocol parameters) if any, else the query's own FROM clauses, else the union."""
    from eujkg.read.dataset import of_query
    from eujkg.read.guard import check_query

    tree = check_query(query)  # before the backend sees it: SERVICE would make pyoxigraph send requests
    result = backend.query(query, limit=max_results, dataset=dataset or of_query(query, tree))
    media = graph_media if result.form == "triples" else results_media
    return Answer(result.form, result.serialize(media), media, result.truncated)


def _worker(connection, spec, max_results):
    from eujkg.errors import InputError
    from eujkg.read.guard import QueryRefused, check_query

    backend = open_backend(spec)
    check_query("ASK {}")  # load the parser now, not during the first query's time limit
    connection.send("ready")
    while True:
        message = connection.recv()
        if message is None:
            return
        query, results_media, graph_media, dataset = message
        try:
            connection.send(("ok", execute(backend, query, results_media, graph_media, max_results, dataset)))
        except QueryRefused as error:
            connection.send(("refused", (error.status, str(error))))
        except InputError as error:  # a syntax error, or a remote store's answer
            connection.send(("rejected", str(error)))
        except Exception as error:  # noqa: BLE001 - report any evaluation failure to the client
            connection.send(("rejected", f"{type(error).__name__}: {' '.join(str(error).split())}"))


class _Worker:
    def __init__(self, context, spec, max_results):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child, spec, max_results), daemon=True)
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

    def __init__(self, spec: tuple, workers: int = 2, timeout: float = 10.0,
                 max_results: int = 10_000, max_waiting: int = 64):
        """`spec`: the backend each worker opens (see open_backend)."""
        self.spec = spec
        self.timeout = timeout
        self.max_results = max_results
        self.max_waiting = max_waiting
        self._context = multiprocessing.get_context("spawn")
        self._workers = [_Worker(self._context, spec, max_results) for _ in range(workers)]
        self._idle: asyncio.Queue | None = None
        self._waiting = 0

    def _queue(self) -> asyncio.Queue:
        if self._idle is None:
            self._idle = asyncio.Queue()
            for worker in self._workers:
                self._idle.put_nowait(worker)
        return self._idle

    async def run(self, query: str, results_media: str, graph_media: str, dataset=None) -> Answer:
        """Run a query in a worker; `dataset`: the request's (eujkg.read.dataset), None for the query's own."""
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
            reply = await loop.run_in_executor(None, worker.call, (query, results_media, graph_media, dataset),
                                                self.timeout)
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
        fresh = _Worker(self._context, self.spec, self.max_results)
        self._workers[self._workers.index(worker)] = fresh
        return fresh

    def close(self) -> None:
        for worker in self._workers:
            try:
                worker.connection.send(None)
            except (OSError, BrokenPipeError):
                pass
            worker.stop()
