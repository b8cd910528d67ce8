"""The named graphs, written once: the three of the release and of every store (the ontology, the
asserted data, the inferred triples), and the fast build's working graphs. The build, the cache, the
embedded and remote stores, the server and the export all name them from here."""

from eujkg.prefixes import BASE

GRAPH = BASE + "graph/"
ONTOLOGY_GRAPH = GRAPH + "ontology"
DATA_GRAPH = GRAPH + "data"
INFERRED_GRAPH = GRAPH + "inferred"
GRAPHS = {"ontology": ONTOLOGY_GRAPH, "data": DATA_GRAPH, "inferred": INFERRED_GRAPH}

# Working graphs of the fast build; their triples end up in INFERRED_GRAPH or nowhere.
INFERRED_TYPES_GRAPH = GRAPH + "inferred-types"  # inferred rdf:type triples, kept apart while reasoning
SCRATCH_GRAPH = GRAPH + "scratch"                # inferred, read by later rules, left out of the release
SCRATCH_SUPERTYPES_GRAPH = GRAPH + "scratch-supertypes"  # types implied by asserted types, left out but validated


def graph_names(base: str | None = None) -> dict[str, str]:
    """The IRIs of the three graphs: the defaults, or `base` + ontology/data/inferred (see `eujkg publish --graph`)."""
    if not base:
        return dict(GRAPHS)
    return {name: base + name for name in GRAPHS}
