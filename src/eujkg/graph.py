"""The facade: one object to load, reason over, validate, query, describe and export the graph.

Two sides share it. The build side (rdflib, owlrl, pySHACL) parses the Turtle, computes the
OWL RL closure and validates; it runs once per content and its results are cached on disk.
The read side (pyoxigraph) loads the cached ontology, data and inferred triples as three named
graphs and answers queries; it never imports the build side's heavy modules. Nothing here
changes a graph the caller handed in.
"""

from __future__ import annotations

import time
from functools import cached_property
from pathlib import Path

from eujkg import resources
from eujkg.build import cache
from eujkg.errors import InputError
from eujkg.prefixes import DATA_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH
from eujkg.build.report import ValidationReport

GRAPHS = {"ontology": ONTOLOGY_GRAPH, "data": DATA_GRAPH, "inferred": INFERRED_GRAPH}
# fast: pyoxigraph + OWL RL rules compiled to SPARQL + SHACL compiled to SPARQL (eujkg.build.fast.engine);
# reference: rdflib + owlrl + pySHACL. Both give the same graphs and report (tests/test_engines.py).
ENGINES = ("fast", "reference")


class KnowledgeGraph:
    """The EU–Japan cluster cooperation graph: ontology, shapes and data, with reasoning and validation."""

    def __init__(self, data_files: list[Path], cache_root: Path | None = None, engine: str = "fast"):
        if engine not in ENGINES:
            raise InputError(f"unknown engine '{engine}'; choose {' or '.join(ENGINES)}")
        self.data_files = [Path(p) for p in data_files]
        self.cache_root = cache_root
        self.engine = engine
        self._remote = None

    @classmethod
    def shipped(cls, cache_root: Path | None = None, engine: str = "fast") -> KnowledgeGraph:
        """The graph as it ships with the package."""
        return cls(resources.data_files(), cache_root, engine)

    @classmethod
    def from_paths(cls, paths, with_shipped_data: bool = False, cache_root: Path | None = None,
                   engine: str = "fast") -> KnowledgeGraph:
        """A graph of the given Turtle files and folders, optionally on top of the shipped data."""
        files = resources.turtle_files_in(paths)
        if with_shipped_data:
            shipped = resources.data_files()
            known = {s.resolve() for s in shipped}
            files = shipped + [f for f in files if f.resolve() not in known]
        return cls(files, cache_root, engine)

    @classmethod
    def remote(cls, endpoint: str, graph_base: str | None = None, union_default_graph: bool = False) -> KnowledgeGraph:
        """A graph whose reads (stored queries, SPARQL, describe, sources, search) go to a SPARQL 1.1 endpoint
        holding a published release (see `eujkg publish`). Building and validating stay local."""
        from eujkg.read.backend import Remote
        kg = cls(resources.data_files())
        kg._remote = Remote(endpoint, graph_base, union_default_graph=union_default_graph)
        return kg

    # ---- build side: rdflib, owlrl, pySHACL (imported only when needed) ----

    @cached_property
    def _ontology(self):
        from eujkg.build.reference.parse import load_files
        return load_files(resources.ontology_files())

    @cached_property
    def _shapes(self):
        from eujkg.build.reference.parse import load_files
        return load_files(resources.shapes_files())

    @cached_property
    def _data(self):
        from eujkg.build.reference.parse import load_files
        return load_files(self.data_files)

    @property
    def ontology(self):
        """The ontology as an rdflib Graph."""
        return self._ontology.graph

    @property
    def shapes(self):
        return self._shapes.graph

    @property
    def data(self):
        """The asserted data, as written in the Turtle files, as an rdflib Graph."""
        return self._data.graph

    @property
    def origins(self):
        """Where each subject of the data is defined (file and line)."""
        return self._data.origins

    @cached_property
    def _inference(self):
        from eujkg.build.reference.reason import infer
        return infer(self.ontology, self.data)

    @property
    def inferred(self):
        """Triples the OWL RL closure adds to ontology + data, without owlrl's noise, as an rdflib Graph."""
        return self._inference.inferred

    @property
    def inconsistencies(self) -> list[str]:
        return self._inference.inconsistencies

    def union(self):
        """Ontology, asserted data and inferred triples in one new rdflib Graph."""
        from rdflib import Graph

        from eujkg.namespaces import bind_prefixes
        graph = bind_prefixes(Graph())
        for part in (self.ontology, self.data, self.inferred):
            for triple in part:
                graph.add(triple)
        return graph

    def _validate_now(self) -> ValidationReport:
        from eujkg.build.reference.validate import inconsistency_problems, validate
        report = validate(self.data, self.inferred, self.ontology, self.shapes, self.origins)
        report.problems[:0] = inconsistency_problems(self.inconsistencies)
        return report

    # ---- the cache between the two sides ----

    @cached_property
    def cache_key(self) -> str:
        return cache.content_key(resources.ontology_files(), resources.shapes_files(), self.data_files, self.engine)

    def ensure_built(self, progress=None) -> cache.CacheEntry:
        """The cache entry for this content, reasoning and validating first if there is none."""
        entry = cache.lookup(self.cache_key, self.cache_root)
        if entry is not None:
            return entry
        if self.engine == "fast":
            return self._build_fast(progress)
        return self._build_reference(progress)

    def _build_fast(self, progress) -> cache.CacheEntry:
        from eujkg.build.fast import engine as fastbuild
        built = fastbuild.build(resources.ontology_files(), self.shapes, self.data_files, progress)
        parts = ("ontology", "data", "inferred")
        graphs = {name: built.graph_bytes(name) for name in parts}
        meta = {
            "engine": "fast",
            "data_files": [str(p) for p in self.data_files],
            "triples": {name: built.count(name) for name in parts},
            "inconsistencies": built.inconsistencies,
            "timings": built.timings,
        }
        return cache.store(self.cache_key, graphs, built.report.to_json(), meta, self.cache_root)

    def _build_reference(self, progress) -> cache.CacheEntry:
        say = progress or (lambda message: None)
        timings = {}
        started = time.perf_counter()
        say(f"parsing {len(self.data_files)} data files and the ontology")
        _ = self.data, self.ontology, self.shapes
        timings["parse_s"] = round(time.perf_counter() - started, 3)
        say("reasoning (OWL RL closure with owlrl)")
        step = time.perf_counter()
        _ = self.inferred
        timings["reason_s"] = round(time.perf_counter() - step, 3)
        say("validating (SHACL with pySHACL)")
        step = time.perf_counter()
        report = self._validate_now()
        timings["validate_s"] = round(time.perf_counter() - step, 3)
        graphs = {name: getattr(self, name).serialize(format="nt", encoding="utf-8")
                  for name in ("ontology", "data", "inferred")}
        meta = {
            "engine": "reference",
            "data_files": [str(p) for p in self.data_files],
            "triples": {"ontology": len(self.ontology), "data": len(self.data), "inferred": len(self.inferred)},
            "inconsistencies": self.inconsistencies,
            "timings": timings,
        }
        return cache.store(self.cache_key, graphs, report.to_json(), meta, self.cache_root)

    def validate(self, progress=None) -> ValidationReport:
        """Consistency (OWL RL) and conformance (SHACL) of ontology + data; cached by content."""
        return ValidationReport.from_json(self.ensure_built(progress).report)

    @property
    def triple_counts(self) -> dict[str, int]:
        return self.ensure_built().meta["triples"]

    # ---- read side: pyoxigraph ----

    @cached_property
    def store(self):
        """A pyoxigraph Store holding the ontology, data and inferred triples as named graphs."""
        import pyoxigraph as ox

        entry = self.ensure_built()
        store = ox.Store()
        for name, graph in GRAPHS.items():
            store.load(path=str(entry.graph_file(name)), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))
        return store

    @cached_property
    def backend(self):
        """Where reads go: the embedded store, or the remote endpoint of KnowledgeGraph.remote()."""
        if self._remote is not None:
            return self._remote
        from eujkg.read.backend import Embedded
        return Embedded(self.store)

    @cached_property
    def resolver(self):
        from eujkg.read.resolve import Resolver
        return Resolver(self.backend.query)

    @cached_property
    def queries(self) -> dict:
        """The stored queries by name."""
        from eujkg.read.queries import load_queries
        return load_queries(resources.queries_dir())

    def stored_query(self, name: str):
        if name not in self.queries:
            import difflib
            close = difflib.get_close_matches(name, list(self.queries), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else "; 'eujkg queries' lists them"
            raise InputError(f"no stored query named '{name}'{hint}")
        return self.queries[name]

    def query(self, name: str, **params):
        """Run a stored query; parameters by name, as text (IRI, CURIE, label, year…)."""
        text = self.stored_query(name).bind({k: str(v) for k, v in params.items()}, self.resolver)
        return self.backend.query(text)

    def sparql(self, text: str):
        """Run a user's SPARQL 1.1 query over ontology + data + inferred (the default graph is their union).

        The query is checked first (size, nesting, no SERVICE: see eujkg.read.guard)."""
        from eujkg.read.guard import check_query
        check_query(text)
        return self.backend.query(text)

    def resolve(self, value: str, cls: str | None = None) -> str:
        """The IRI of the entity a user means by an IRI, CURIE or label."""
        return self.resolver(value, cls)

    def sources(self, entity: str):
        """The documents, sections and quotes behind what the graph says about an entity."""
        return self.query("sources-of", entity=entity)

    def describe(self, entity: str):
        """Everything about one entity: statements asserted and inferred, incoming links, sources."""
        from eujkg.read.describe import describe
        return describe(self, self.resolve(entity))

    def summary(self) -> dict[str, int]:
        """How many things of each main kind the graph holds (the `summary` stored query)."""
        return {row["kind"]: row["count"] for row in self.query("summary").rows()}

    # ---- exports ----

    def export(self, fmt: str, inferred: bool = False):
        """The graph serialised in a format (see eujkg.export.FORMATS), as bytes."""
        from eujkg.export import serialise
        return serialise(self, fmt, inferred)
