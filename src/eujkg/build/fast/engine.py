"""The fast engine: parse with pyoxigraph, reason with OWL RL rules compiled to SPARQL, validate with
shapes compiled to SPARQL, all inside one store. It gives what the reference engine gives — the same
three graphs and the same report — for graphs of millions of triples.

Validation reads the data, the inferred properties and the types implied by asserted types (see
eujkg.build.reference.validate), so once the reasoner has written those, the checks run on two
threads while a third infers the remaining types (domains, ranges) and looks for inconsistencies.
"""

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox

from eujkg.build import BuildResult, curation
from eujkg.build.fast.parse import load, shapes_graph
from eujkg.build.fast.reason import (INFERRED, INFERRED_TYPES, SCRATCH_SUPERTYPES, Reasoner, compile_rules, count,
                                     inconsistencies, inferred_ntriples)
from eujkg.build.fast.validate import OxigraphData, validate
from eujkg.graphs import DATA_GRAPH, ONTOLOGY_GRAPH

ONTOLOGY = ox.NamedNode(ONTOLOGY_GRAPH)
DATA = ox.NamedNode(DATA_GRAPH)


def build(ontology_files: list[Path], shapes_files: list[Path], data_files: list[Path], say) -> BuildResult:
    timings = {}
    started = time.perf_counter()
    store = ox.Store()
    say(f"parsing {len(data_files)} data files and the ontology (pyoxigraph)")
    load(store, ontology_files, ONTOLOGY)
    load(store, data_files, DATA)
    shapes = shapes_graph(shapes_files)
    timings["parse_s"] = round(time.perf_counter() - started, 3)

    step = time.perf_counter()
    say("reasoning (OWL RL rules compiled to SPARQL)")
    rules = compile_rules(store, ONTOLOGY)
    reasoner = Reasoner(store, rules, ONTOLOGY, DATA)
    reasoner.properties_and_supertypes()
    reasoned = time.perf_counter() - step

    def remaining_types() -> tuple[list[str], float]:
        begun = time.perf_counter()
        reasoner.other_types()
        return inconsistencies(store, rules), time.perf_counter() - begun

    step = time.perf_counter()
    say("validating (SHACL compiled to SPARQL) while the remaining types are inferred")
    graphs = [DATA, INFERRED]
    if next(store.quads_for_pattern(None, None, None, SCRATCH_SUPERTYPES), None) is not None:
        graphs.append(SCRATCH_SUPERTYPES)  # usually empty; every graph read costs a lookup per pattern
    with ThreadPoolExecutor(max_workers=1) as side:
        typing = side.submit(remaining_types)
        violations = validate(store, shapes, graphs, workers=2)
        validated = time.perf_counter() - step
        found, typed = typing.result()
    report = curation.report(OxigraphData(store, DATA), violations, found, data_files)
    timings["reason_s"] = round(reasoned + typed, 3)
    timings["validate_s"] = round(validated, 3)
    timings["build_s"] = round(time.perf_counter() - started, 3)  # parse + reason + validate, which overlap

    parts = {"ontology": store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ONTOLOGY),
             "data": store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=DATA),
             "inferred": inferred_ntriples(store)}
    triples = {"ontology": count(store, ONTOLOGY), "data": count(store, DATA),
               "inferred": count(store, INFERRED) + count(store, INFERRED_TYPES)}
    return BuildResult(parts, triples, found, report, timings)
