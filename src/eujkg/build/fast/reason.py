"""OWL RL reasoning for a fixed ontology, compiled to SPARQL Update and run inside pyoxigraph.

The ontology (TBox) is small and changes only with a release, while the data (ABox) may be
millions of triples. So the TBox is read once into rule tables (sub-properties and sub-classes
closed transitively, inverses, symmetric and transitive properties, property chains, domains,
ranges, disjoint classes). The rules implemented are those the ontology uses: prp-spo1,
prp-inv1/2, prp-symp, prp-trp, prp-spo2, prp-dom, prp-rng, cax-sco; cax-dw and cls-nothing2 are
checked as inconsistencies. owlrl (eujkg.build.reference.reason) is the reference: a test asserts that both
give the same inferred triples.

Writing a triple into the store costs far more than finding it, so the plan does each write
once and never re-runs a rule to learn that it adds nothing:
- sub-property, inverse and symmetric rules are one family of "property maps" (p → q, maybe
  flipped), closed under composition, so one application of all maps reaching a predicate is
  its own fixpoint;
- the property rules are ordered by the dependencies between predicates (strongly connected
  components in topological order): a predicate is finished before any rule reads it, and only
  a component whose rules feed each other in a way one application cannot close is repeated
  until it stops growing;
- types come last: sub-classes of asserted types, then domains and ranges, then sub-classes of
  those, each one application of a closed table;
- a derived triple that is already asserted is not written; one that the release leaves out
  (about a blank node or an ontology term, or `owl:Thing`) is written to a scratch graph that
  later rules still read, instead of being written and deleted afterwards.
"""

from dataclasses import dataclass, field

import pyoxigraph as ox

from eujkg.graphs import INFERRED_GRAPH, INFERRED_TYPES_GRAPH, SCRATCH_GRAPH, SCRATCH_SUPERTYPES_GRAPH
from eujkg.prefixes import ID

# Kept inferred triples other than types, and the types implied by asserted types through sub-classes:
# what validation reads besides the data (see eujkg.build.reference.validate).
INFERRED = ox.NamedNode(INFERRED_GRAPH)
INFERRED_TYPES = ox.NamedNode(INFERRED_TYPES_GRAPH)        # the other kept inferred types
SCRATCH = ox.NamedNode(SCRATCH_GRAPH)                      # inferred, read by the rules, left out of the release
SCRATCH_SUPERTYPES = ox.NamedNode(SCRATCH_SUPERTYPES_GRAPH)  # types implied by asserted ones, left out
KEPT = (INFERRED, INFERRED_TYPES)                          # the inferred graph of the release
VALIDATED = (INFERRED, SCRATCH_SUPERTYPES)                 # what validation reads besides the data
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
TYPE = RDF + "type"
MAX_ROUNDS = 50


@dataclass
class Rules:
    subproperties: list[tuple[str, str]]   # (p, q): p ⊑ q, closed, p != q
    inverses: list[tuple[str, str]]        # (p, q): q is the inverse of p, both directions
    symmetric: list[str]
    transitive: list[str]
    chains: list[tuple[list[str], str]]    # ([p1 … pn], q): p1 ∘ … ∘ pn ⊑ q
    domains: list[tuple[str, str]]
    ranges: list[tuple[str, str]]
    subclasses: list[tuple[str, str]]      # (c, d): c ⊑ d, closed, c != d
    disjoint: list[tuple[str, str]]


def _closure(pairs: set[tuple[str, str]]) -> list[tuple[str, str]]:
    above: dict[str, set[str]] = {}
    for low, high in pairs:
        above.setdefault(low, set()).add(high)
    closed = set()
    for start in list(above):
        stack, seen = list(above[start]), set()
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            stack.extend(above.get(node, ()))
        closed |= {(start, node) for node in seen if node != start}
    return sorted(closed)


def compile_rules(ontology: ox.Store, graph: ox.NamedNode) -> Rules:
    """Read the rule tables from the ontology held in `graph` of `ontology`."""
    def pairs(predicate: str) -> set[tuple[str, str]]:
        return {(q.subject.value, q.object.value)
                for q in ontology.quads_for_pattern(None, ox.NamedNode(predicate), None, graph)
                if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode)}

    def typed(cls: str) -> list[str]:
        return sorted(q.subject.value for q in ontology.quads_for_pattern(None, ox.NamedNode(RDF + "type"),
                                                                          ox.NamedNode(cls), graph))

    def rdf_list(head) -> list:
        items = []
        while isinstance(head, (ox.NamedNode, ox.BlankNode)) and head.value != RDF + "nil":
            first = next(ontology.quads_for_pattern(head, ox.NamedNode(RDF + "first"), None, graph)).object
            items.append(first)
            head = next(ontology.quads_for_pattern(head, ox.NamedNode(RDF + "rest"), None, graph)).object
        return items

    inverses = pairs(OWL + "inverseOf")
    chains = []
    for quad in ontology.quads_for_pattern(None, ox.NamedNode(OWL + "propertyChainAxiom"), None, graph):
        chains.append(([p.value for p in rdf_list(quad.object)], quad.subject.value))
    disjoint = set()
    for quad in ontology.quads_for_pattern(None, ox.NamedNode(OWL + "members"), None, graph):
        members = [m.value for m in rdf_list(quad.object)]
        disjoint |= {(a, b) for i, a in enumerate(members) for b in members[i + 1:]}
    disjoint |= pairs(OWL + "disjointWith")
    return Rules(
        subproperties=_closure(pairs(RDFS + "subPropertyOf")),
        inverses=sorted(inverses | {(q, p) for p, q in inverses}),
        symmetric=typed(OWL + "SymmetricProperty"),
        transitive=typed(OWL + "TransitiveProperty"),
        chains=sorted(chains),
        domains=sorted(pairs(RDFS + "domain")),
        ranges=sorted(pairs(RDFS + "range")),
        subclasses=_closure(pairs(RDFS + "subClassOf")),
        disjoint=sorted(disjoint),
    )


def values_clause(names: tuple[str, ...], rows) -> str:
    body = " ".join("(" + " ".join(f"<{v}>" for v in row) + ")" for row in rows)
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ {body} }}"


# ---- the plan: property rules ordered by predicate dependencies ----

@dataclass(frozen=True)
class PropertyRule:
    """One rule writing triples of predicate `head`: a map (p → q, flipped or not), the transitive
    closure of p, or a property chain (as a SPARQL property path)."""

    kind: str                 # "map", "transitive" or "chain"
    reads: tuple[str, ...]
    head: str
    flip: bool = False        # maps: (x p y) gives (y q x)
    path: str = ""            # chains and transitivity: the path from ?x to ?y
    closed: bool = True       # one application reaches its own fixpoint


@dataclass
class Step:
    """Rules applied together; `repeat`: apply again until the `watched` predicates stop growing."""

    rules: list[PropertyRule]
    repeat: bool = False
    watched: set[str] = field(default_factory=set)


def property_maps(rules: Rules) -> set[tuple[str, str, bool]]:
    """Sub-property, inverse and symmetric rules as maps (p, q, flip), closed under composition."""
    maps = {(p, q, False) for p, q in rules.subproperties}
    maps |= {(p, q, True) for p, q in rules.inverses}
    maps |= {(p, p, True) for p in rules.symmetric}
    frontier = set(maps)
    while frontier:
        new = {(a, d, f1 != f2) for a, b, f1 in frontier for c, d, f2 in maps if b == c}
        new |= {(a, d, f1 != f2) for a, b, f1 in maps for c, d, f2 in frontier if b == c}
        new = {m for m in new if not (m[0] == m[1] and not m[2])} - maps
        maps |= new
        frontier = new
    return maps


def property_rules(rules: Rules) -> list[PropertyRule]:
    out = [PropertyRule("map", (p,), q, flip) for p, q, flip in sorted(property_maps(rules))]
    for p in rules.transitive:
        out.append(PropertyRule("transitive", (p,), p, path=f"<{p}>/<{p}>+"))
    for chain, q in rules.chains:
        steps = [f"<{p}>" for p in chain]
        if len(chain) > 1 and chain[0] == q and q not in chain[1:]:   # q ∘ rest ⊑ q: q/(rest)+ closes it
            path, closed = f"{steps[0]}/({'/'.join(steps[1:])})+", True
        elif len(chain) > 1 and chain[-1] == q and q not in chain[:-1]:  # rest ∘ q ⊑ q
            path, closed = f"({'/'.join(steps[:-1])})+/{steps[-1]}", True
        else:
            path, closed = "/".join(steps), q not in chain
        out.append(PropertyRule("chain", tuple(chain), q, path=path, closed=closed))
    return out


def _components(nodes: list[str], edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components (Tarjan), sources first."""
    index, low, stack, on_stack, out = {}, {}, [], set(), []

    def visit(node: str) -> None:
        work = [(node, iter(sorted(edges.get(node, ()))))]
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        while work:
            current, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(edges.get(successor, ())))))
                    break
                if successor in on_stack:
                    low[current] = min(low[current], index[successor])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[current])
                if low[current] == index[current]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == current:
                            break
                    out.append(sorted(component))

    for node in nodes:
        if node not in index:
            visit(node)
    return list(reversed(out))


def plan(rules: Rules) -> list[Step]:
    """The property rules as steps in dependency order (see the module docstring)."""
    all_rules = property_rules(rules)
    if any(TYPE in rule.reads for rule in all_rules) or TYPE in {r.head for r in all_rules}:
        raise ValueError("a property rule reads or writes rdf:type; the fast reasoner does not support it")
    edges: dict[str, set[str]] = {}
    for rule in all_rules:
        for read in rule.reads:
            edges.setdefault(read, set()).add(rule.head)
    nodes = sorted({r.head for r in all_rules} | {p for r in all_rules for p in r.reads})
    steps = []
    for component in _components(nodes, edges):
        members = set(component)
        writing = [r for r in all_rules if r.head in members]
        if not writing:
            continue
        outside = [r for r in writing if not members.intersection(r.reads)]
        inside = [r for r in writing if members.intersection(r.reads)]
        if outside:
            steps.append(Step(outside))
        if not inside:
            continue
        if all(r.kind == "map" for r in inside):      # maps closed under composition: one application
            steps.append(Step(inside))
        elif len(inside) == 1 and inside[0].closed:   # transitivity, or a chain that recurses on one end
            steps.append(Step(inside))
        else:
            steps.append(Step(writing, repeat=True, watched=members))
    return _merge(steps)


def _merge(steps: list[Step]) -> list[Step]:
    """Join consecutive single-application steps when none reads what another writes."""
    merged: list[Step] = []
    for step in steps:
        last = merged[-1] if merged else None
        if (last is not None and not last.repeat and not step.repeat
                and not {r.head for r in last.rules}.intersection(p for r in step.rules for p in r.reads)):
            last.rules.extend(step.rules)
        else:
            merged.append(Step(list(step.rules), step.repeat, set(step.watched)))
    return merged


# ---- the SPARQL of each step ----

class Writer:
    """Builds the updates of a plan for the graphs of one store.

    A derived statement the release leaves out goes to a scratch graph only when a later rule can
    read it: a property some rule reads, or a type on the way to a disjoint class or owl:Nothing."""

    def __init__(self, rules: Rules, asserted: list[ox.NamedNode], data: ox.NamedNode,
                 check_ontology: ox.NamedNode | None, asserted_heads: set[str]):
        self.rules = rules
        self.asserted_heads = asserted_heads  # the predicates written by rules that also occur in `asserted`
        self.data = data
        self.others = [g for g in asserted if g != data]  # their types get sub-classes with the inferred ones
        self.check_ontology = check_ontology   # an asserted graph that also holds statements about data nodes
        reads = [*asserted, INFERRED, SCRATCH]  # property rules never read types
        self.using = " ".join(f"USING {g}" for g in reads) + " " + " ".join(f"USING NAMED {g}" for g in reads)
        self.read_predicates = ({p for rule in property_rules(rules) for p in rule.reads}
                                | {p for p, _ in rules.domains} | {p for p, _ in rules.ranges})
        checked = {c for pair in rules.disjoint for c in pair} | {OWL + "Nothing"}
        self.read_classes = checked | {c for c, d in rules.subclasses if d in checked}

    def _new(self, s: str, p: str, o: str, heads=None) -> str:
        """Leave out what is asserted already (MINUS: one hash join, where FILTER NOT EXISTS probes per row).
        `heads`: the predicates `p` may stand for, when it is a variable."""
        if heads is not None:
            heads = sorted(set(heads) & self.asserted_heads)
            if not heads:
                return ""
        elif p.strip("<>") not in self.asserted_heads:
            return ""
        restrict = f"VALUES {p} {{ {' '.join(f'<{h}>' for h in heads)} }} " if heads is not None else ""
        graphs = [self.data] + ([self.check_ontology] if self.check_ontology is not None else [])
        return " ".join(f"MINUS {{ {restrict}GRAPH {g} {{ {s} {p} {o} }} }}" for g in graphs)

    @staticmethod
    def _keep(s: str, o: str, typed: bool) -> str:
        """The release's filter (eujkg.reasoning.keep_inferred) as a SPARQL expression."""
        keep = f'isIRI({s}) && STRSTARTS(STR({s}), "{ID}") && !isBlank({o})'
        return keep + (f" && {o} != <{OWL}Thing>" if typed else "")

    def _route(self, s: str, o: str, kept: ox.NamedNode, scratch: ox.NamedNode, typed: bool, needed: str) -> str:
        """Bind ?g_ to the kept graph for a statement the release keeps, else to the scratch graph if
        `needed` (a SPARQL expression) holds; else leave the statement out."""
        keep = self._keep(s, o, typed)
        if needed == "false":
            return f"FILTER ({keep}) BIND ({kept} AS ?g_)"
        route = f"BIND (IF({keep}, {kept}, {scratch}) AS ?g_)"
        return route if needed == "true" else f"{route} FILTER (?g_ = {kept} || {needed})"

    def property_updates(self, step: Step) -> list[str]:
        out = []
        for flip in (False, True):
            for needed in (True, False):
                rows = [(r.reads[0], r.head) for r in step.rules
                        if r.kind == "map" and r.flip == flip and (r.head in self.read_predicates) == needed]
                if rows:
                    s, o = ("?y", "?x") if flip else ("?x", "?y")
                    out.append(f"INSERT {{ GRAPH ?g_ {{ {s} ?q {o} }} }} {self.using} WHERE {{ "
                               f"{values_clause(('p', 'q'), rows)} ?x ?p ?y "
                               f"{self._route(s, o, INFERRED, SCRATCH, False, str(needed).lower())} "
                               f"{self._new(s, '?q', o, [q for _, q in rows])} }}")
        for rule in step.rules:
            if rule.kind != "map":
                head = f"<{rule.head}>"
                needed = "true" if rule.head in self.read_predicates else "false"
                out.append(f"INSERT {{ GRAPH ?g_ {{ ?x {head} ?y }} }} {self.using} WHERE {{ "
                           f"?x {rule.path} ?y {self._route('?x', '?y', INFERRED, SCRATCH, False, needed)} "
                           f"{self._new('?x', head, '?y')} }}")
        return out

    def _class_needed(self, var: str) -> str:
        if not self.read_classes:
            return "false"
        return f"{var} IN ({', '.join(f'<{c}>' for c in sorted(self.read_classes))})"

    def supertype_updates(self) -> list[str]:
        """Sub-classes of asserted types, on every node: validation reads them (see eujkg.validation)."""
        rules, out, a = self.rules, [], f"<{TYPE}>"
        if rules.subclasses:
            out.append(f"INSERT {{ GRAPH ?g_ {{ ?x {a} ?d }} }} USING {self.data} USING NAMED {self.data} WHERE {{ "
                       f"{values_clause(('c', 'd'), rules.subclasses)} ?x {a} ?c {self._new('?x', a, '?d')} "
                       f"{self._route('?x', '?d', INFERRED, SCRATCH_SUPERTYPES, True, 'true')} }}")
        return out

    def type_updates(self) -> list[str]:
        """Domains and ranges, then sub-classes of those (after supertype_updates)."""
        rules, out, a = self.rules, [], f"<{TYPE}>"

        def known(var: str) -> str:
            return " ".join(f"MINUS {{ GRAPH {g} {{ ?x {a} {var} }} }}" for g in (INFERRED, SCRATCH_SUPERTYPES))

        using = self.using + f" USING NAMED {SCRATCH_SUPERTYPES}"
        route = self._route("?x", "?c", INFERRED_TYPES, SCRATCH, True, self._class_needed("?c"))
        if rules.domains:
            out.append(f"INSERT {{ GRAPH ?g_ {{ ?x {a} ?c }} }} {using} WHERE {{ "
                       f"{{ SELECT DISTINCT ?x ?c WHERE {{ {values_clause(('p', 'c'), rules.domains)} ?x ?p ?y }} }} "
                       f"{route} {self._new('?x', a, '?c')} {known('?c')} }}")
        if rules.ranges:
            out.append(f"INSERT {{ GRAPH ?g_ {{ ?x {a} ?c }} }} {using} WHERE {{ "
                       f"{{ SELECT DISTINCT ?x ?c WHERE {{ {values_clause(('p', 'c'), rules.ranges)} ?y ?p ?x "
                       f"FILTER (!isLiteral(?x)) }} }} {route} {self._new('?x', a, '?c')} {known('?c')} }}")
        if rules.subclasses:
            derived = " UNION ".join(f"{{ GRAPH {g} {{ ?x {a} ?c }} }}" for g in (INFERRED_TYPES, SCRATCH, *self.others))
            out.append(f"INSERT {{ GRAPH ?g_ {{ ?x {a} ?d }} }} {using} USING NAMED {INFERRED_TYPES} WHERE {{ "
                       f"{values_clause(('c', 'd'), rules.subclasses)} {derived} "
                       f"{self._route('?x', '?d', INFERRED_TYPES, SCRATCH, True, self._class_needed('?d'))} "
                       f"{self._new('?x', a, '?d')} {known('?d')} }}")
        return out


def count(store: ox.Store, graph: ox.NamedNode) -> int:
    return int(next(iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")))["n"].value)


def _count_predicates(store: ox.Store, predicates: set[str]) -> int:
    query = (f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?p {{ {' '.join(f'<{p}>' for p in sorted(predicates))} }} "
             f"VALUES ?g {{ {INFERRED} {SCRATCH} }} GRAPH ?g {{ ?s ?p ?o }} }}")
    return int(next(iter(store.query(query)))["n"].value)


def _about_data(store: ox.Store, graph: ox.NamedNode) -> bool:
    """Whether an asserted graph says anything about the data's nodes (the ontology usually does not)."""
    return bool(store.query(f'ASK {{ GRAPH {graph} {{ ?s ?p ?o FILTER (isIRI(?s) && STRSTARTS(STR(?s), "{ID}")) }} }}'))


class Reasoner:
    """Runs the rules over the `ontology` and `data` graphs of a store, in two parts: the property rules
    and the sub-classes of asserted types (all that validation reads), then the other types."""

    def __init__(self, store: ox.Store, rules: Rules, ontology: ox.NamedNode, data: ox.NamedNode):
        self.store, self.rules = store, rules
        check_ontology = ontology if _about_data(store, ontology) else None
        heads = {r.head for r in property_rules(rules)} | {TYPE}
        asserted_heads = {h for h in heads for g in [data, check_ontology] if g is not None
                          and store.query(f"ASK {{ GRAPH {g} {{ ?s <{h}> ?o }} }}")}
        self.writer = Writer(rules, [ontology, data], data, check_ontology, asserted_heads)
        self.applied = 0

    def properties_and_supertypes(self) -> None:
        for step in plan(self.rules):
            size = _count_predicates(self.store, step.watched) if step.repeat else -1
            for _ in range(MAX_ROUNDS):
                for update in self.writer.property_updates(step):
                    self.store.update(update)
                self.applied += 1
                if not step.repeat:
                    break
                new_size = _count_predicates(self.store, step.watched)
                if new_size == size:
                    break
                size = new_size
            else:
                raise RuntimeError(f"reasoning did not reach a fixpoint in {MAX_ROUNDS} rounds")
        for update in self.writer.supertype_updates():
            self.store.update(update)
            self.applied += 1

    def other_types(self) -> None:
        for update in self.writer.type_updates():
            self.store.update(update)
            self.applied += 1


def materialise(store: ox.Store, rules: Rules, ontology: ox.NamedNode, data: ox.NamedNode, progress=None) -> int:
    """Apply the rules to the `ontology` and `data` graphs of `store` until nothing new follows; the kept
    inferences go to the KEPT graphs. Returns how many rule applications it took."""
    reasoner = Reasoner(store, rules, ontology, data)
    reasoner.properties_and_supertypes()
    reasoner.other_types()
    if progress:
        progress(f"reasoning: {reasoner.applied} rule applications")
    return reasoner.applied


def inconsistencies(store: ox.Store, rules: Rules) -> list[str]:
    """Individuals of two disjoint classes, or of owl:Nothing (cax-dw, cls-nothing2)."""
    messages = []
    if rules.disjoint:
        query = (f"SELECT ?x ?a ?b WHERE {{ {values_clause(('a', 'b'), rules.disjoint)} "
                 f"{{ GRAPH ?g1 {{ ?x a ?a }} }} {{ GRAPH ?g2 {{ ?x a ?b }} }} }}")
        for row in store.query(query):
            messages.append(f"Disjoint classes {row['a'].value} and {row['b'].value} have a common individual "
                            f"{row['x'].value}")
    for quad in store.quads_for_pattern(None, ox.NamedNode(RDF + "type"), ox.NamedNode(OWL + "Nothing"), None):
        messages.append(f"{quad.subject.value} is inferred to be of type owl:Nothing")
    return sorted(set(messages))


def reason(store: ox.Store, ontology: ox.NamedNode, data: ox.NamedNode, progress) -> tuple[Rules, list[str]]:
    """The OWL RL closure of the two graphs into the KEPT graphs, without what the reference engine leaves
    out; returns the rules and the inconsistencies (eujkg.build.fast.engine runs the same in two parts)."""
    rules = compile_rules(store, ontology)
    materialise(store, rules, ontology, data, progress)
    return rules, inconsistencies(store, rules)


def inferred_ntriples(store: ox.Store) -> bytes:
    return b"".join(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) for graph in KEPT)
