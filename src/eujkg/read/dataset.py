"""The RDF dataset a user's query runs on, and the graphs a request may name.

By default the default graph is the union of the three graphs (ontology, data, inferred) and the named
graphs are those three. A SPARQL 1.1 Protocol request may state another dataset with `default-graph-uri`
and `named-graph-uri`, a query with FROM and FROM NAMED; the request's dataset wins over the query's
(SPARQL 1.1 Protocol, 2.1.4). Naming only named graphs leaves the default graph empty (SPARQL 1.1
Query, 13.2).

A graph is named by its IRI (eujkg.graphs: https://w3id.org/eujkg/graph/ontology, …/data, …/inferred).
Any other IRI is refused (the server answers 400, naming the three), not read as an empty graph: FROM
<iri> stands for the graph obtained from that IRI (Query, 13.2), and eujkg never fetches anything from
elsewhere (as with SERVICE), so such a graph cannot be obtained; the Protocol lets a service refuse with
400 a dataset it will not serve (2.1.4); and a mistyped graph IRI answered with zero rows would pass
for a true answer.
"""

import re
from dataclasses import dataclass

from eujkg.errors import InputError
from eujkg.graphs import GRAPHS


class UnknownGraph(InputError):
    """A dataset names a graph eujkg does not hold."""


@dataclass(frozen=True)
class Dataset:
    """A dataset by graph names ("ontology", "data", "inferred"): the default graph is the merge of
    `default`; `named` are the graphs GRAPH can reach. A backend maps the names to its own graph IRIs."""
    default: tuple[str, ...]
    named: tuple[str, ...]


def requested(default_graphs: list[str], named_graphs: list[str]) -> Dataset | None:
    """The dataset of a protocol request's `default-graph-uri` and `named-graph-uri` values; None if none."""
    if not default_graphs and not named_graphs:
        return None
    return Dataset(_names(default_graphs, "default-graph-uri"), _names(named_graphs, "named-graph-uri"))


def of_query(text: str, tree=None) -> Dataset | None:
    """The dataset of a query's FROM and FROM NAMED clauses; None if it has none. `tree`: the query's parse
    tree (rdflib's) if the caller has one (eujkg.read.guard.check_query returns it); without it the text is
    parsed, unless it cannot hold a FROM (no "from" in any case, no \\u escape that could spell one)."""
    from rdflib.plugins.sparql.algebra import translatePrologue

    if tree is None:
        if not re.search(r"(?i)from|\\u", text):
            return None
        from eujkg.read.guard import parse_query
        tree = parse_query(text)
    query = tree[1]  # (CompValue.get returns the key itself for a missing key: test with `in`)
    clauses = query["datasetClause"] if "datasetClause" in query else []
    if not clauses:
        return None
    prologue = translatePrologue(tree[0], None)
    default = [str(prologue.absolutize(c["default"])) for c in clauses if "default" in c]
    named = [str(prologue.absolutize(c["named"])) for c in clauses if "named" in c]
    return Dataset(_names(default, "FROM"), _names(named, "FROM NAMED"))


def _names(iris: list[str], where: str) -> tuple[str, ...]:
    by_iri = {iri: name for name, iri in GRAPHS.items()}
    for iri in iris:
        if iri not in by_iri:
            raise UnknownGraph(f"{where} <{iri}>: no such graph here. eujkg holds three graphs, "
                               + ", ".join(f"<{g}>" for g in GRAPHS.values())
                               + "; without a dataset the default graph is their union")
    return tuple(dict.fromkeys(by_iri[iri] for iri in iris))
