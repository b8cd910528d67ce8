"""eujkg: the EU–Japan Cluster Cooperation Knowledge Graph.

The public entry point is :class:`KnowledgeGraph`; everything else is plumbing it uses.
"""

from eujkg.errors import EujkgError, InputError
from eujkg.graph import KnowledgeGraph

__version__ = "0.1.0"
__all__ = ["KnowledgeGraph", "EujkgError", "InputError", "__version__"]
