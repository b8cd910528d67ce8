"""The reference engine: rdflib parses, owlrl reasons, pySHACL validates. Slow, but made of widely
used implementations; the fast engine is tested against it (tests/test_engines.py)."""

import time
from pathlib import Path

from eujkg.build import BuildResult, curation
from eujkg.build.reference.parse import load_files
from eujkg.build.reference.reason import infer
from eujkg.build.reference.validate import RdflibData, validate


def build(ontology_files: list[Path], shapes_files: list[Path], data_files: list[Path], say) -> BuildResult:
    timings = {}
    started = time.perf_counter()
    say(f"parsing {len(data_files)} data files and the ontology")
    ontology, data, shapes = load_files(ontology_files), load_files(data_files), load_files(shapes_files)
    timings["parse_s"] = round(time.perf_counter() - started, 3)

    step = time.perf_counter()
    say("reasoning (OWL RL closure with owlrl)")
    inference = infer(ontology, data)
    timings["reason_s"] = round(time.perf_counter() - step, 3)

    step = time.perf_counter()
    say("validating (SHACL with pySHACL)")
    violations = validate(data, inference.inferred, ontology, shapes)
    report = curation.report(RdflibData(data), violations, inference.inconsistencies, data_files)
    timings["validate_s"] = round(time.perf_counter() - step, 3)

    parts = {"ontology": ontology, "data": data, "inferred": inference.inferred}
    graphs = {name: graph.serialize(format="nt", encoding="utf-8") for name, graph in parts.items()}
    triples = {name: len(graph) for name, graph in parts.items()}
    return BuildResult(graphs, triples, inference.inconsistencies, report, timings)
