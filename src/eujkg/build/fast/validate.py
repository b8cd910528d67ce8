"""SHACL validation compiled to SPARQL and run by pyoxigraph: the fast engine's validation step.

Each constraint of each targeted shape becomes one SELECT that returns the violating focus nodes
(and values). It supports the SHACL Core constraints the eujkg shapes use — targets by class,
subjects-of and objects-of; paths (predicate, sequence, inverse, alternative); minCount,
maxCount, class, datatype, in, hasValue, node, or, qualifiedValueShape with
qualifiedMin/MaxCount, uniqueLang, minLength, maxLength, pattern, nodeKind, minInclusive,
languageIn — and SHACL-SPARQL constraints. A shape using anything else is refused when compiled
(use the reference engine, pySHACL, for it). A test asserts that both engines report the same
problems on the shipped graph and on generated ones.
"""

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, XSD

from eujkg.build.curation import Violation, path_steps
from eujkg.errors import EujkgError
from eujkg.namespaces import SH, curie

RDF_TYPE = ox.NamedNode(str(RDF.type))
SKOS_PREF = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")

_SUPPORTED = {SH.path, SH.message, SH.minCount, SH.maxCount, SH["class"], SH.datatype, SH["in"], SH.hasValue,
              SH.node, SH["or"], SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.uniqueLang,
              SH.minLength, SH.maxLength, SH.pattern, SH.flags, SH.nodeKind, SH.minInclusive, SH.languageIn,
              SH.property, SH.sparql, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, RDF.type,
              SH.name, SH.description, SH.severity, SH.select, SH.prefixes}


@dataclass(frozen=True)
class Check:
    """One compiled constraint: the query returns ?this (and ?value, and template variables) per violation."""

    shape: URIRef
    path: tuple[str, ...]  # the SHACL path as readable steps (for reports)
    message: str
    query: str
    reports_value: bool


def _term(node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        text = str(node).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        if node.language:
            return f'"{text}"@{node.language}'
        return f'"{text}"^^<{node.datatype or XSD.string}>'
    raise EujkgError(f"cannot use blank node {node} as a constant in a compiled shape")


class Compiler:
    def __init__(self, shapes: Graph):
        self.shapes = shapes

    def _check_supported(self, node) -> None:
        for predicate in set(self.shapes.predicates(node)):
            if predicate not in _SUPPORTED:
                raise EujkgError(f"shape {curie(node)} uses {curie(predicate)}, which the fast validator does not "
                                 "support; validate with the reference engine (pySHACL) instead")

    def path(self, node) -> str:
        if isinstance(node, URIRef):
            return f"<{node}>"
        inverse = self.shapes.value(node, SH.inversePath)
        if inverse is not None:
            return f"^({self.path(inverse)})"
        alternatives = self.shapes.value(node, SH.alternativePath)
        if alternatives is not None:
            return "(" + "|".join(self.path(p) for p in Collection(self.shapes, alternatives)) + ")"
        if self.shapes.value(node, RDF.first) is not None:
            return "(" + "/".join(self.path(p) for p in Collection(self.shapes, node)) + ")"
        raise EujkgError(f"unsupported SHACL path {node}")

    def focus(self, shape) -> str:
        targets = []
        for cls in self.shapes.objects(shape, SH.targetClass):
            targets.append(f"{{ ?this a {_term(cls)} }}")
        for prop in self.shapes.objects(shape, SH.targetSubjectsOf):
            targets.append(f"{{ ?this {_term(prop)} ?target_ }}")
        for prop in self.shapes.objects(shape, SH.targetObjectsOf):
            targets.append(f"{{ ?target_ {_term(prop)} ?this }}")
        return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(targets) + " } }"

    def conforms(self, shape, var: str) -> str:
        """A graph pattern that matches when the node in `var` conforms to `shape` (a nested shape)."""
        return self._conforms(shape, var)[0]

    def _conforms(self, shape, var: str) -> tuple[str, bool]:
        """The pattern, and whether it is made of triple patterns only, each binding `var` (then
        `MINUS { pattern }` means the same as `FILTER NOT EXISTS { pattern }`, and is a hash join
        instead of one probe per row)."""
        self._check_supported(shape)
        parts, plain = [], True
        for cls in self.shapes.objects(shape, SH["class"]):
            parts.append(f"{var} a {_term(cls)} .")
        for datatype in self.shapes.objects(shape, SH.datatype):
            parts.append(f"FILTER (isLiteral({var}) && DATATYPE({var}) = {_term(datatype)})")
            plain = False
        languages = self.shapes.value(shape, SH.languageIn)
        if languages is not None:
            tests = " || ".join(f'LANGMATCHES(LANG({var}), "{lang}")' for lang in Collection(self.shapes, languages))
            parts.append(f"FILTER (isLiteral({var}) && ({tests}))")
            plain = False
        alternatives = self.shapes.value(shape, SH["or"])
        if alternatives is not None:
            branches = [self._conforms(a, var) for a in Collection(self.shapes, alternatives)]
            parts.append(" UNION ".join("{ " + text + " }" for text, _ in branches))
            plain = plain and all(branch_plain for _, branch_plain in branches)
        for prop in self.shapes.objects(shape, SH.property):
            self._check_supported(prop)
            path = self.path(self.shapes.value(prop, SH.path))
            extra = set(self.shapes.predicates(prop)) - {SH.path, SH.hasValue, SH.message}
            if extra:
                raise EujkgError(f"nested property shape {prop} uses {', '.join(curie(e) for e in extra)}, which the "
                                 "fast validator does not support in nested shapes")
            for value in self.shapes.objects(prop, SH.hasValue):
                parts.append(f"{var} {path} {_term(value)} .")
        if not parts:
            raise EujkgError(f"nested shape {shape} has no constraint the fast validator understands")
        return " ".join(parts), plain

    def compile(self) -> list[Check]:
        checks = []
        targeted = {s for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf) for s in self.shapes.subjects(p)}
        for shape in sorted(targeted, key=str):
            self._check_supported(shape)
            focus = self.focus(shape)
            for prop in self.shapes.objects(shape, SH.property):
                checks += self._property(shape, prop, focus)
            for constraint in self.shapes.objects(shape, SH.sparql):
                checks.append(self._sparql(shape, constraint, focus))
        return checks

    def _property(self, shape, prop, focus) -> list[Check]:
        self._check_supported(prop)
        path_node = self.shapes.value(prop, SH.path)
        path = self.path(path_node)
        steps = tuple(path_steps(self.shapes, path_node))
        message = str(self.shapes.value(prop, SH.message) or "violates a constraint")
        out = []

        def too_few(condition: str, n: int) -> None:
            if n == 1:  # no value at all: MINUS, a hash join, instead of grouping every focus node
                query = f"SELECT ?this WHERE {{ {focus} MINUS {{ ?this {path} ?v {condition} }} }}"
            else:
                query = (f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {path} ?v {condition} }} }} "
                         f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {n})")
            if n > 0:
                out.append(Check(shape, steps, message, query, False))

        def too_many(condition: str, n: int) -> None:  # a node without values has none too many
            query = (f"SELECT ?this WHERE {{ {focus} ?this {path} ?v {condition} }} "
                     f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {n})")
            out.append(Check(shape, steps, message, query, False))

        def absent(pattern: tuple[str, bool]) -> str:
            text, plain = pattern
            return f"MINUS {{ {text} }}" if plain else f"FILTER NOT EXISTS {{ {text} }}"

        def per_value(test: str) -> None:
            query = f"SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {path} ?value {test} }}"
            out.append(Check(shape, steps, message, query, True))

        g = self.shapes
        if (n := g.value(prop, SH.minCount)) is not None:
            too_few("", int(n))
        if (n := g.value(prop, SH.maxCount)) is not None:
            too_many("", int(n))
        if (qualified := g.value(prop, SH.qualifiedValueShape)) is not None:
            condition = self.conforms(qualified, "?v")
            if (n := g.value(prop, SH.qualifiedMinCount)) is not None:
                too_few(condition, int(n))
            if (n := g.value(prop, SH.qualifiedMaxCount)) is not None:
                too_many(condition, int(n))
        for cls in g.objects(prop, SH["class"]):
            per_value(f"MINUS {{ ?value a {_term(cls)} }}")
        for datatype in g.objects(prop, SH.datatype):
            per_value(f"FILTER (!isLiteral(?value) || DATATYPE(?value) != {_term(datatype)})")
        if (members := g.value(prop, SH["in"])) is not None:
            listed = ", ".join(_term(m) for m in Collection(g, members))
            per_value(f"FILTER (?value NOT IN ({listed}))")
        for value in g.objects(prop, SH.hasValue):
            query = f"SELECT ?this WHERE {{ {focus} MINUS {{ ?this {path} {_term(value)} }} }}"
            out.append(Check(shape, steps, message, query, False))
        for nested in g.objects(prop, SH.node):
            per_value(absent(self._conforms(nested, "?value")))
        if (alternatives := g.value(prop, SH["or"])) is not None:
            branches = [self._conforms(a, "?value") for a in Collection(g, alternatives)]
            union = " UNION ".join("{ " + text + " }" for text, _ in branches)
            per_value(absent((union, all(plain for _, plain in branches))))
        if g.value(prop, SH.uniqueLang) == Literal(True):
            query = (f"SELECT DISTINCT ?this WHERE {{ {focus} ?this {path} ?a, ?b "
                     f"FILTER (?a != ?b && LANG(?a) != \"\" && LANG(?a) = LANG(?b)) }}")
            out.append(Check(shape, steps, message, query, False))
        if (n := g.value(prop, SH.minLength)) is not None:
            per_value(f"FILTER (isBlank(?value) || STRLEN(STR(?value)) < {int(n)})")
        if (n := g.value(prop, SH.maxLength)) is not None:
            per_value(f"FILTER (isBlank(?value) || STRLEN(STR(?value)) > {int(n)})")
        if (pattern := g.value(prop, SH.pattern)) is not None:
            flags = g.value(prop, SH.flags)
            regex = f"REGEX(STR(?value), {_term(Literal(str(pattern)))}" + (f", {_term(Literal(str(flags)))})" if flags else ")")
            per_value(f"FILTER (isBlank(?value) || !{regex})")
        if g.value(prop, SH.nodeKind) == SH.IRI:
            per_value("FILTER (!isIRI(?value))")
        elif g.value(prop, SH.nodeKind) is not None:
            raise EujkgError(f"{prop}: only sh:nodeKind sh:IRI is supported by the fast validator")
        if (n := g.value(prop, SH.minInclusive)) is not None:
            per_value(f"FILTER (!(?value >= {_term(n)}))")
        if g.value(prop, SH.languageIn) is not None:
            raise EujkgError(f"{prop}: sh:languageIn outside a qualified shape is not supported by the fast validator")
        return out

    def _sparql(self, shape, constraint, focus) -> Check:
        self._check_supported(constraint)
        select = str(self.shapes.value(constraint, SH.select)).replace("$this", "?this")
        prologue = ""
        for declarations in self.shapes.objects(constraint, SH.prefixes):
            for declaration in self.shapes.objects(declarations, SH.declare):
                prefix = self.shapes.value(declaration, SH.prefix)
                namespace = self.shapes.value(declaration, SH.namespace)
                prologue += f"PREFIX {prefix}: <{namespace}>\n"
        # $this is pre-bound in SHACL-SPARQL: put the focus nodes first in the constraint's own WHERE
        # (a sub-select would be evaluated over every node before the join).
        spliced, count = re.subn(r"\bWHERE\s*\{", lambda m: f"{m.group(0)} {focus} ", select, count=1, flags=re.I)
        if not count:
            raise EujkgError(f"SPARQL constraint of {curie(shape)} has no WHERE clause")
        query = prologue + spliced
        message = str(self.shapes.value(constraint, SH.message) or "violates a SPARQL constraint")
        return Check(shape, (), message, query, True)


def compile_shapes(shapes: Graph) -> list[Check]:
    return Compiler(shapes).compile()


def validate(store: ox.Store, shapes: Graph, graphs: list[ox.NamedNode], workers: int = 2) -> list[Violation]:
    """Run every compiled check over `graphs`: the asserted data, the inferred non-type triples and the types
    implied by asserted types through sub-classes (no domain/range types: see eujkg.build.reference.validate).
    The checks run on `workers` threads: pyoxigraph releases the GIL while it evaluates a query."""
    def run(check: Check) -> list[Violation]:
        return [Violation(row["this"], _message(check, row), check.path,
                          _binding(row, "value") if check.reports_value else None, str(check.shape))
                for row in store.query(check.query, default_graph=graphs)]

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return [found for violations in pool.map(run, compile_shapes(shapes)) for found in violations]


def _binding(row, name):
    try:
        return row[name]
    except KeyError:
        return None


def _message(check: Check, row) -> str:
    """The check's message with SHACL-SPARQL template variables ({?x} or {$x}) filled in."""
    message = check.message
    for name in re.findall(r"\{[?$](\w+)\}", message):
        term = row["this"] if name == "this" else _binding(row, name)
        for spelling in (f"{{?{name}}}", f"{{${name}}}"):
            message = message.replace(spelling, "" if term is None else term.value)
    return message


class OxigraphData:
    """The asserted data in a graph of a pyoxigraph store, as eujkg.build.curation reads it."""

    def __init__(self, store: ox.Store, graph: ox.NamedNode):
        self.store, self.graph = store, graph

    def iri(self, node) -> str | None:
        return node.value if isinstance(node, ox.NamedNode) else None

    def parent(self, node):
        if not isinstance(node, ox.BlankNode):
            return None
        quad = next(self.store.quads_for_pattern(None, None, node, self.graph), None)
        return None if quad is None else (quad.subject, quad.predicate.value)

    def labels(self, node) -> list[tuple[str, str | None]]:
        if isinstance(node, ox.Literal):
            return []
        return [(q.object.value, q.object.language) for q in self.store.quads_for_pattern(node, SKOS_PREF, None, self.graph)]

    def types(self, node) -> list[str]:
        if isinstance(node, ox.Literal):
            return []
        return [q.object.value for q in self.store.quads_for_pattern(node, RDF_TYPE, None, self.graph)
                if isinstance(q.object, ox.NamedNode)]

    def text(self, term) -> str:
        return curie(term.value) if isinstance(term, ox.NamedNode) else term.value
