"""Building the graph: parse → reason → validate, by one of two engines, cached by content.

Both engines have the same three steps in modules of the same names (`parse`, `reason`, `validate`,
and `engine`, which runs them) and return the same BuildResult; `eujkg.build.curation` turns either
engine's validation results into the curator's report. tests/test_engines.py checks that both give
the same graphs, inconsistencies and report.

- fast (default): pyoxigraph parses; OWL RL rules and SHACL shapes compiled to SPARQL run inside it.
- reference: rdflib parses, owlrl reasons, pySHACL validates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from eujkg.build.report import ValidationReport
from eujkg.errors import InputError

ENGINES = ("fast", "reference")
PARTS = ("ontology", "data", "inferred")


@dataclass
class BuildResult:
    """What an engine produces: the three graphs as N-Triples, their sizes, the inconsistencies found by
    reasoning and the validation report (inconsistencies first), and how long each step took."""

    graphs: dict[str, bytes]
    triples: dict[str, int]
    inconsistencies: list[str]
    report: ValidationReport
    timings: dict[str, float] = field(default_factory=dict)


def check_engine(engine: str) -> str:
    if engine not in ENGINES:
        raise InputError(f"unknown engine '{engine}'; choose {' or '.join(ENGINES)}")
    return engine


def build(engine: str, ontology_files: list[Path], shapes_files: list[Path], data_files: list[Path],
          progress=None) -> BuildResult:
    """Parse, reason and validate with the chosen engine (nothing cached)."""
    if check_engine(engine) == "fast":
        from eujkg.build.fast.engine import build as run
    else:
        from eujkg.build.reference.engine import build as run
    return run(ontology_files, shapes_files, data_files, progress or (lambda message: None))


def ensure_built(engine: str, ontology_files: list[Path], shapes_files: list[Path], data_files: list[Path],
                 cache_root: Path | None = None, progress=None):
    """The cache entry for this content and engine, building it first if there is none."""
    from eujkg.build import cache

    key = cache.content_key(ontology_files, shapes_files, data_files, engine)
    entry = cache.lookup(key, cache_root)
    if entry is not None:
        return entry
    result = build(engine, ontology_files, shapes_files, data_files, progress)
    meta = {"engine": engine, "data_files": [str(p) for p in data_files], "triples": result.triples,
            "inconsistencies": result.inconsistencies, "timings": result.timings}
    return cache.store(key, result.graphs, result.report.to_json(), meta, cache_root)
