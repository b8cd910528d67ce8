"""The facade: one object to build, validate, query, describe and export the graph.

Two sides share it. The build side (eujkg.build: the fast engine on pyoxigraph, or the reference
engine on rdflib, owlrl and pySHACL) parses, reasons and validates once per content and caches the
three graphs and the report on disk. The read side (eujkg.read) answers queries from the cached
graphs loaded into pyoxigraph, or from a remote SPARQL endpoint. The rdflib graphs below (`data`,
`inferred`, `ontology`) are read from the chosen engine's cached build, only when asked for.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from eujkg import resources
from eujkg.build import ENGINES, check_engine
from eujkg.build.report import ValidationReport
from eujkg.errors import InputError
from eujkg.graphs import GRAPHS

__all__ = ["KnowledgeGraph", "ENGINES", "GRAPHS"]


class KnowledgeGraph:
    """The EU–Japan cluster cooperation graph: ontology, shapes and data, with reasoning and validation."""

    def __init__(self, data_files: list[Path], cache_root: Path | None = None, engine: str = "fast",
                 quality_checks: bool = False):
        """`quality_checks`: also run the data-quality checks of queries/*-violation.rq when validating
        (the release's rules: on for the shipped data and for files checked with it; off for files checked
        alone against the shapes, such as shape fixtures)."""
        check_engine(engine)
        self.quality_checks = quality_checks
        self.data_files = [Path(p) for p in data_files]
        self.cache_root = cache_root
        self.engine = engine
        self._remote = None

    @classmethod
    def shipped(cls, cache_root: Path | None = None, engine: str = "fast") -> KnowledgeGraph:
        """The graph as it ships with the package."""
        return cls(resources.data_files(), cache_root, engine, quality_checks=True)

    @classmethod
    def from_paths(cls, paths, with_shipped_data: bool = False, cache_root: Path | None = None,
                   engine: str = "fast") -> KnowledgeGraph:
        """A graph of the given Turtle files and folders, optionally on top of the shipped data."""
        files = resources.turtle_files_in(paths)
        if with_shipped_data:
            shipped = resources.data_files()
            known = {s.resolve() for s in shipped}
            files = shipped + [f for f in files if f.resolve() not in known]
        return cls(files, cache_root, engine, quality_checks=with_shipped_data)

    @classmethod
    def remote(cls, endpoint: str, graph_base: str | None = None, union_default_graph: bool = False) -> KnowledgeGraph:
        """A graph whose reads (stored queries, SPARQL, describe, sources, search) go to a SPARQL 1.1 endpoint
        holding a published release (see `eujkg publish`). Building and validating stay local."""
        from eujkg.read.remote import Remote
        kg = cls(resources.data_files())
        kg._remote = Remote(endpoint, graph_base, union_default_graph=union_default_graph)
        return kg

    # ---- build side (eujkg.build), cached by content ----

    @cached_property
    def cache_key(self) -> str:
        from eujkg.build import cache
        return cache.content_key(resources.ontology_files(), resources.shapes_files(), self.data_files, self.engine)

    def ensure_built(self, progress=None):
        """The cache entry (eujkg.build.cache.CacheEntry) for this content, reasoning and validating first if
        there is none."""
        from eujkg.build import ensure_built
        return ensure_built(self.engine, resources.ontology_files(), resources.shapes_files(), self.data_files,
                            self.cache_root, progress)

    def _cached_graph(self, name: str):
        from rdflib import Graph

        from eujkg.namespaces import bind_prefixes
        graph = bind_prefixes(Graph())
        graph.parse(self.ensure_built().graph_file(name), format="nt")
        return graph

    @cached_property
    def ontology(self):
        """The ontology as an rdflib Graph."""
        return self._cached_graph("ontology")

    @cached_property
    def data(self):
        """The asserted data as an rdflib Graph."""
        return self._cached_graph("data")

    @cached_property
    def inferred(self):
        """Triples the OWL RL closure adds to ontology + data, without owlrl's noise, as an rdflib Graph."""
        return self._cached_graph("inferred")

    @property
    def inconsistencies(self) -> list[str]:
        return self.ensure_built().meta["inconsistencies"]

    @cached_property
    def shapes(self):
        """The SHACL shapes as an rdflib Graph."""
        from eujkg.build.reference.parse import load_files
        return load_files(resources.shapes_files())

    def union(self):
        """Ontology, asserted data and inferred triples in one new rdflib Graph."""
        from rdflib import Graph

        from eujkg.namespaces import bind_prefixes
        graph = bind_prefixes(Graph())
        for part in (self.ontology, self.data, self.inferred):
            for triple in part:
                graph.add(triple)
        return graph

    def validate(self, progress=None, quality: bool = True) -> ValidationReport:
        """Consistency (OWL RL), conformance (SHACL; both cached by content) and the data-quality checks
        of queries/*-violation.rq (eujkg.build.quality) of ontology + data."""
        from eujkg.build.quality import quality_problems

        report = ValidationReport.from_json(self.ensure_built(progress).report)
        if quality and self.quality_checks:
            report.problems.extend(quality_problems(self))
        return report

    @property
    def triple_counts(self) -> dict[str, int]:
        return self.ensure_built().meta["triples"]

    # ---- read side: pyoxigraph ----

    @cached_property
    def backend(self):
        """Where reads go (eujkg.read.backend): the embedded store, or the endpoint of KnowledgeGraph.remote()."""
        if self._remote is not None:
            return self._remote
        from eujkg.read.backend import Embedded
        return Embedded.open(self.ensure_built().query_store(GRAPHS))

    @property
    def store(self):
        """The embedded pyoxigraph Store: the ontology, data and inferred triples as named graphs."""
        return self.backend.store

    @property
    def is_remote(self) -> bool:
        """Whether reads go to a remote endpoint (KnowledgeGraph.remote), which is read as published."""
        return self._remote is not None

    @property
    def backend_spec(self) -> tuple:
        """How a worker process opens the same backend: ("embedded", graph files) or ("remote", …)."""
        if self._remote is not None:
            r = self._remote
            return ("remote", r.endpoint, r.graph_base, r.union_default_graph)
        entry = self.ensure_built()
        return ("embedded", {name: entry.graph_file(name) for name in GRAPHS})

    @cached_property
    def resolver(self):
        from eujkg.read.resolve import Resolver
        return Resolver(self.backend)

    @cached_property
    def queries(self):
        """The stored queries by name (eujkg.read.queries.QueryFolder: a file is read when first asked for)."""
        from eujkg.read.queries import QueryFolder
        return QueryFolder(resources.queries_dir())

    def stored_query(self, name: str):
        if name not in self.queries:
            import difflib
            close = difflib.get_close_matches(name, self.queries.names(), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else "; 'eujkg queries' lists them"
            raise InputError(f"no stored query named '{name}'{hint}")
        return self.queries[name]

    def query(self, name: str, **params):
        """Run a stored query; parameters by name, as text (IRI, CURIE, label, year…)."""
        query = self.stored_query(name)
        text = query.bind({k: str(v) for k, v in params.items()}, self.resolver)
        return query.canonical(self.backend.query(text))

    def query_terms(self, name: str, **terms):
        """Run a stored query with parameters already made RDF terms (an IRI known to exist, say)."""
        return self.stored_query(name).run(self.backend, **terms)

    def sparql(self, text: str):
        """Run a user's SPARQL 1.1 query over ontology + data + inferred (the default graph is their union,
        or the graphs its FROM clauses name: see eujkg.read.dataset).

        The query is checked first (size, nesting, no SERVICE: see eujkg.read.guard)."""
        from eujkg.read.dataset import of_query
        from eujkg.read.guard import check_query
        return self.backend.query(text, dataset=of_query(text, check_query(text)))

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
