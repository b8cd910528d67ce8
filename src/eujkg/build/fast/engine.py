"""The fast build: parse with pyoxigraph, reason with compiled OWL RL rules (fastreason), validate
with shapes compiled to SPARQL (shaclsparql). It produces what the reference build (rdflib,
owlrl, pySHACL) produces — the same three graphs and the same report — for graphs of millions
of triples. Files and lines are looked up only for the entities a problem concerns.
"""

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from eujkg.build.fast import reason as fastreason
from eujkg.errors import InputError
from eujkg.build.reference.parse import display_path
from eujkg.prefixes import ID, curie
from eujkg.build.report import Problem, ValidationReport

ONTOLOGY = ox.NamedNode("urn:eujkg:ontology")
DATA = ox.NamedNode("urn:eujkg:data")
SUPERTYPES = ox.NamedNode("urn:eujkg:supertypes")  # types implied by asserted types through sub-classes
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SKOS_PREF = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")


@dataclass
class FastBuild:
    store: ox.Store
    inconsistencies: list[str]
    report: ValidationReport
    timings: dict = field(default_factory=dict)

    def graph_bytes(self, name: str) -> bytes:
        if name == "inferred":
            return (self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=fastreason.INFERRED)
                    + self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=fastreason.INFERRED_TYPES))
        return self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph={"ontology": ONTOLOGY, "data": DATA}[name])

    def count(self, name: str) -> int:
        if name == "inferred":
            return fastreason._count(self.store, fastreason.INFERRED) + fastreason._count(self.store,
                                                                                          fastreason.INFERRED_TYPES)
        return fastreason._count(self.store, {"ontology": ONTOLOGY, "data": DATA}[name])


def load(store: ox.Store, files: list[Path], graph: ox.NamedNode) -> None:
    for path in files:
        try:
            store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=graph,
                            base_iri=path.resolve().as_uri())
        except SyntaxError as error:
            raise InputError(_syntax_message(path, error)) from None
        except OSError as error:
            raise InputError(f"{display_path(path)}: cannot read the file ({error})") from None


def _syntax_message(path: Path, error: SyntaxError) -> str:
    text = " ".join(str(error).split())
    match = re.search(r"\bline (\d+)", text)
    line = match.group(1) if match else None
    where = f"{display_path(path)}:{line}" if line else display_path(path)
    return f"{where}: Turtle syntax error: {text}; fix the line and run again"


def build(ontology_files: list[Path], shapes, data_files: list[Path], progress=None) -> FastBuild:
    """Parse, reason and validate; `shapes` is the rdflib Graph of the SHACL shapes (small)."""
    from eujkg.build.fast.validate import compile_shapes

    say = progress or (lambda message: None)
    timings = {}
    started = time.perf_counter()
    store = ox.Store()
    say(f"parsing {len(data_files)} data files and the ontology (pyoxigraph)")
    load(store, ontology_files, ONTOLOGY)
    load(store, data_files, DATA)
    timings["parse_s"] = round(time.perf_counter() - started, 3)

    step = time.perf_counter()
    say("reasoning (OWL RL rules compiled to SPARQL)")
    rules = fastreason.compile_rules(store, ONTOLOGY)
    fastreason.materialise(store, rules, [ONTOLOGY, DATA], say)
    inconsistencies = fastreason.inconsistencies(store, rules)
    _drop_noise(store)
    timings["reason_s"] = round(time.perf_counter() - step, 3)

    step = time.perf_counter()
    say("validating (SHACL compiled to SPARQL)")
    _supertypes(store, rules)
    checks = compile_shapes(shapes)
    problems = []
    validation = [DATA, fastreason.INFERRED, SUPERTYPES]  # see eujkg.build.reference.validate: no domain/range types
    for check in checks:
        for row in store.query(check.query, default_graph=validation):
            problems.append(_problem(store, check, row, shapes, data_files))
    problems = sorted(set(problems), key=_order)
    store.update(f"DROP GRAPH {SUPERTYPES}")
    timings["validate_s"] = round(time.perf_counter() - step, 3)
    from eujkg.build.reference.validate import inconsistency_problems
    report = ValidationReport(inconsistency_problems(inconsistencies) + problems)
    return FastBuild(store, inconsistencies, report, timings)


def _drop_noise(store: ox.Store) -> None:
    """Keep what the reference engine keeps (see eujkg.build.reference.reason.keep_inferred): statements about data
    nodes, not blank-node objects, not owl:Thing, nothing already asserted."""
    for inferred in (fastreason.INFERRED, fastreason.INFERRED_TYPES):
        store.update(f"""DELETE {{ GRAPH {inferred} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {inferred} {{ ?s ?p ?o }}
            FILTER (!isIRI(?s) || !STRSTARTS(STR(?s), "{ID}") || isBlank(?o)
                    || (?p = {RDF_TYPE} && ?o = <http://www.w3.org/2002/07/owl#Thing>)
                    || EXISTS {{ GRAPH {DATA} {{ ?s ?p ?o }} }} || EXISTS {{ GRAPH {ONTOLOGY} {{ ?s ?p ?o }} }}) }}""")


def _supertypes(store: ox.Store, rules) -> None:
    """Types implied by asserted types through sub-classes, for validation (as eujkg.build.reference.validate)."""
    if rules.subclasses:
        store.update(f"INSERT {{ GRAPH {SUPERTYPES} {{ ?x a ?d }} }} WHERE {{ "
                     f"{fastreason._values(('c', 'd'), rules.subclasses)} GRAPH {DATA} {{ ?x a ?c }} }}")


def _problem(store: ox.Store, check, row, shapes, data_files) -> Problem:
    from eujkg.build.reference.validate import _path_steps
    focus = row["this"]
    owner, via = _owner(store, focus)
    value = None
    if check.reports_value:
        try:
            value = row["value"]
        except KeyError:
            value = None
    message = check.message
    if "{" in message:
        for name in re.findall(r"\{[?$](\w+)\}", message):
            term = focus if name == "this" else _get(row, name)
            message = message.replace(f"{{?{name}}}", "" if term is None else term.value)
            message = message.replace(f"{{${name}}}", "" if term is None else term.value)
    path_steps = [curie(p) for p in via] + (_path_steps(shapes, check.path) if check.path is not None else [])
    return Problem(
        entity=curie(owner.value) if isinstance(owner, ox.NamedNode) else "(blank node)",
        label=_label(store, owner),
        kind=_kind(store, owner),
        origin=_origin(owner, data_files) if isinstance(owner, ox.NamedNode) else "",
        message=message,
        path="/".join(path_steps),
        value=_value_text(value) if value is not None and value != focus else "",
        shape=curie(str(check.shape)),
    )


def _get(row, name):
    try:
        return row[name]
    except KeyError:
        return None


def _value_text(term) -> str:
    return curie(term.value) if isinstance(term, ox.NamedNode) else term.value


def _owner(store: ox.Store, node):
    via = []
    seen = set()
    while isinstance(node, ox.BlankNode) and node not in seen:
        seen.add(node)
        parent = next(store.quads_for_pattern(None, None, node, DATA), None)
        if parent is None:
            break
        node = parent.subject
        via.insert(0, parent.predicate.value)
    return node, via


def _label(store: ox.Store, node) -> str:
    labels = [q.object for q in store.quads_for_pattern(node, SKOS_PREF, None, DATA)] if not isinstance(
        node, ox.Literal) else []
    english = [label for label in labels if label.language in ("en", None, "")]
    return (english or labels)[0].value if labels else ""


def _kind(store: ox.Store, node) -> str:
    kinds = sorted(curie(q.object.value) for q in store.quads_for_pattern(node, RDF_TYPE, None, DATA)
                   if isinstance(q.object, ox.NamedNode))
    return kinds[0] if kinds else ""


_PREFIX_LINE = re.compile(r"^\s*@prefix\s+([\w.-]*):\s*<([^>]*)>", re.MULTILINE)


def _origin(node: ox.NamedNode, data_files: list[Path]) -> str:
    """file:line of the first line that starts with the entity (as CURIE or IRI)."""
    for path in data_files:
        text = path.read_text(encoding="utf-8")
        candidates = [f"<{node.value}>"]
        for prefix, namespace in _PREFIX_LINE.findall(text):
            if node.value.startswith(namespace):
                candidates.append(f"{prefix}:{node.value[len(namespace):]}")
        for number, line in enumerate(text.splitlines(), start=1):
            if line.split(" ", 1)[0] in candidates:
                return f"{display_path(path)}:{number}"
    return ""


def _order(problem: Problem):
    file, _, line = problem.origin.rpartition(":")
    return (file or "~", int(line) if line.isdigit() else 0, problem.entity, problem.path, problem.message)
