"""OWL RL reasoning for a fixed ontology, compiled to SPARQL Update and run inside pyoxigraph.

The ontology (TBox) is small and changes only with a release, while the data (ABox) may be
millions of triples. So the TBox is read once into rule tables (sub-properties and sub-classes
closed transitively, inverses, symmetric and transitive properties, property chains, domains,
ranges, disjoint classes) and each OWL 2 RL rule family becomes one `INSERT … WHERE` over the
data with a VALUES table. The rules run until the inferred graph stops growing. The rules
implemented are those the ontology uses: prp-spo1, prp-inv1/2, prp-symp, prp-trp, prp-spo2,
prp-dom, prp-rng, cax-sco; cax-dw and cls-nothing2 are checked as inconsistencies. owlrl
(eujkg.build.reference.reason) is the reference: a test asserts that both give the same inferred triples.
"""

from dataclasses import dataclass

import pyoxigraph as ox

from eujkg.graphs import INFERRED_GRAPH, INFERRED_TYPES_GRAPH
from eujkg.prefixes import ID

INFERRED = ox.NamedNode(INFERRED_GRAPH)              # inferred triples other than types
INFERRED_TYPES = ox.NamedNode(INFERRED_TYPES_GRAPH)  # inferred rdf:type triples
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
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


def updates(rules: Rules, asserted: list[ox.NamedNode]) -> list[str]:
    """One SPARQL update per rule family; each reads the asserted graphs + the inferred graph and writes to the latter."""
    using = " ".join(f"USING {graph}" for graph in [*asserted, INFERRED, INFERRED_TYPES])
    head = f"INSERT {{ GRAPH {INFERRED} {{ %s }} }} {using} WHERE {{ %s }}"
    types = f"INSERT {{ GRAPH {INFERRED_TYPES} {{ %s }} }} {using} WHERE {{ %s }}"
    out = []

    def property_rules():
        if rules.subproperties:
            out.append(head % ("?x ?q ?y", f"{values_clause(('p', 'q'), rules.subproperties)} ?x ?p ?y"))
        if rules.inverses:
            out.append(head % ("?y ?q ?x", f"{values_clause(('p', 'q'), rules.inverses)} ?x ?p ?y"))
        for p in rules.symmetric:
            out.append(head % (f"?y <{p}> ?x", f"?x <{p}> ?y"))

    # Order: what chains and transitivity produce gets its super-properties, inverses and symmetric
    # twins in the same round, so one round usually reaches the fixpoint and the next only confirms it.
    property_rules()
    for p in rules.transitive:
        out.append(head % (f"?x <{p}> ?z", f"?x <{p}>/<{p}>+ ?z"))
    for chain, q in rules.chains:
        path = "/".join(f"<{p}>" for p in chain)
        out.append(head % (f"?x <{q}> ?y", f"?x {path} ?y"))
    property_rules()
    if rules.domains:
        out.append(types % (f"?x <{RDF}type> ?c", f"{values_clause(('p', 'c'), rules.domains)} ?x ?p ?y"))
    if rules.ranges:
        out.append(types % (f"?y <{RDF}type> ?c", f"{values_clause(('p', 'c'), rules.ranges)} ?x ?p ?y FILTER (!isLiteral(?y))"))
    if rules.subclasses:
        out.append(types % (f"?x <{RDF}type> ?d", f"{values_clause(('c', 'd'), rules.subclasses)} ?x <{RDF}type> ?c"))
    return out


def count(store: ox.Store, graph: ox.NamedNode) -> int:
    return int(next(iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")))["n"].value)


def materialise(store: ox.Store, rules: Rules, asserted: list[ox.NamedNode], progress=None) -> int:
    """Run the rules over the `asserted` graphs of `store` until nothing new is inferred; returns the rounds."""
    plan = updates(rules, asserted)
    size = -1
    for round_number in range(1, MAX_ROUNDS + 1):
        for update in plan:
            store.update(update)
        new_size = count(store, INFERRED) + count(store, INFERRED_TYPES)
        if progress:
            progress(f"reasoning round {round_number}: {new_size:,} inferred triples")
        if new_size == size:
            return round_number
        size = new_size
    raise RuntimeError(f"reasoning did not reach a fixpoint in {MAX_ROUNDS} rounds")


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
    """The OWL RL closure of the two graphs into INFERRED and INFERRED_TYPES, without what the reference
    engine leaves out; returns the rules (validation needs the sub-classes) and the inconsistencies."""
    rules = compile_rules(store, ontology)
    materialise(store, rules, [ontology, data], progress)
    found = inconsistencies(store, rules)
    drop_noise(store, [ontology, data])
    return rules, found


def drop_noise(store: ox.Store, asserted: list[ox.NamedNode]) -> None:
    """Keep what the reference engine keeps (see eujkg.build.reference.reason.keep_inferred): statements
    about data nodes, not blank-node objects, not owl:Thing, nothing already asserted."""
    already = " || ".join(f"EXISTS {{ GRAPH {graph} {{ ?s ?p ?o }} }}" for graph in asserted)
    for inferred in (INFERRED, INFERRED_TYPES):
        store.update(f"""DELETE {{ GRAPH {inferred} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {inferred} {{ ?s ?p ?o }}
            FILTER (!isIRI(?s) || !STRSTARTS(STR(?s), "{ID}") || isBlank(?o)
                    || (?p = <{RDF}type> && ?o = <{OWL}Thing>) || {already}) }}""")


def inferred_ntriples(store: ox.Store) -> bytes:
    return (store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=INFERRED)
            + store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=INFERRED_TYPES))
