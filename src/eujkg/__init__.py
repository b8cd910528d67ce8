"""eujkg: the EU–Japan Cluster Cooperation Knowledge Graph.

The public entry point is :class:`KnowledgeGraph`. It is imported lazily, so that importing
`eujkg` (as the command line does) costs nothing until the graph is needed.
"""

from eujkg.errors import EujkgError, InputError

__version__ = "0.1.0"
__all__ = ["KnowledgeGraph", "EujkgError", "InputError", "__version__"]


def __getattr__(name):
    if name == "KnowledgeGraph":
        from eujkg.graph import KnowledgeGraph
        return KnowledgeGraph
    raise AttributeError(f"module 'eujkg' has no attribute {name!r}")
