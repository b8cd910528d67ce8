"""Everything the graph says about one entity, for `eujkg describe` and the entity pages."""

from dataclasses import dataclass, field

import pyoxigraph as ox

from eujkg.prefixes import curie
from eujkg.read.queries import internal

_KINDS = {"ontology": "ontology", "data": "asserted", "inferred": "inferred"}


@dataclass
class Statement:
    predicate: str
    value: object  # ox term, or a list of (predicate, term) for a blank node
    graph: str     # "asserted", "inferred" or "ontology"


@dataclass
class Description:
    iri: str
    labels: dict[str, str]
    statements: list[Statement] = field(default_factory=list)
    incoming: list[tuple[str, str, str]] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)

    def as_text(self) -> str:
        title = self.labels.get(self.iri, "")
        out = [f"{curie(self.iri)}" + (f'  "{title}"' if title else ""), f"<{self.iri}>", ""]
        for kind in ("asserted", "ontology", "inferred"):
            rows = [s for s in self.statements if s.graph == kind]
            if not rows:
                continue
            out.append({"asserted": "Asserted", "ontology": "From the ontology", "inferred": "Inferred (OWL RL)"}[kind] + ":")
            for s in rows:
                if isinstance(s.value, list):
                    inner = "; ".join(f"{curie(p)} {self._show(o)}" for p, o in s.value)
                    out.append(f"  {curie(s.predicate)} [ {inner} ]")
                else:
                    out.append(f"  {curie(s.predicate)} {self._show(s.value)}")
            out.append("")
        if self.incoming:
            out.append("Referred to by:")
            for subject, predicate, kind in self.incoming:
                note = " (inferred)" if kind == "inferred" else ""
                out.append(f"  {self._show(ox.NamedNode(subject))} {curie(predicate)}{note}")
            out.append("")
        if self.sources:
            out.append("Sources:")
            for row in self.sources:
                via = "" if row["relation"] == "itself" else f"  (as {row['relation']} in {row['about']})"
                quote = f'\n      "{row["quote"]}"' if row.get("quote") else ""
                out.append(f"  {row['document']} – {row['section']}{via}{quote}")
        return "\n".join(out).rstrip() + "\n"

    def _show(self, term) -> str:
        if isinstance(term, ox.NamedNode):
            label = self.labels.get(term.value)
            return curie(term.value) + (f' "{label}"' if label else "")
        if isinstance(term, ox.Literal):
            tag = f"@{term.language}" if term.language else ""
            plain = term.datatype.value.endswith(("#string", "#langString"))
            return f'"{term.value}"{tag}' + ("" if plain else f"^^{curie(term.datatype.value)}")
        return str(term)


def describe(kg, iri: str) -> Description:
    """Four queries through the facade's backend: statements, incoming links, labels, sources. An IRI the
    graph says nothing about gets a Description without statements."""
    entity = ox.NamedNode(iri)
    backend = kg.backend
    graph_kinds = {g: _KINDS[name] for name, g in backend.graphs.items()}
    out = internal("eujkg.read", "describe-outgoing").run(backend, entity=entity).solutions
    statements: dict[tuple, Statement] = {}
    for row in out:
        graph = graph_kinds.get(row["g"].value, "other")
        key = (row["p"].value, str(row["o"]), graph)
        if isinstance(row["o"], ox.BlankNode):
            statement = statements.setdefault(key, Statement(row["p"].value, [], graph))
            if row["p2"] is not None:
                statement.value.append((row["p2"].value, row["o2"]))
        else:
            statements.setdefault(key, Statement(row["p"].value, row["o"], graph))
    if not statements:
        return Description(iri, {})
    incoming = [(r["s"].value, r["p"].value, graph_kinds.get(r["g"].value, "other"))
                for r in internal("eujkg.read", "describe-incoming").run(backend, entity=entity).solutions]
    mentioned = {iri} | {s for s, _, _ in incoming}
    for s in statements.values():
        values = [o for _, o in s.value] if isinstance(s.value, list) else [s.value]
        mentioned |= {v.value for v in values if isinstance(v, ox.NamedNode)}
    labels = kg.resolver.display_labels(mentioned)
    ordered = sorted(statements.values(), key=_statement_order)
    for statement in ordered:
        if isinstance(statement.value, list):
            statement.value.sort(key=lambda pair: (pair[0], str(pair[1])))
    sources = kg.query_terms("sources-of", entity=entity).rows()
    sources.sort(key=lambda row: row["relation"] != "itself")  # its own sources first
    return Description(iri, labels, ordered, incoming, sources)


def _statement_order(statement: Statement):
    """By graph, property and value; a blank node by its content, so the order is the same in every store."""
    if isinstance(statement.value, list):
        content = " ".join(sorted(f"{p} {o}" for p, o in statement.value))
    else:
        content = str(statement.value)
    return (statement.graph, statement.predicate, content)
