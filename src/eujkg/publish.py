"""Upload the release to a triple store through the SPARQL 1.1 Graph Store Protocol (`eujkg publish`)."""

import urllib.parse

from eujkg.http import check_url, put
from eujkg.mediatypes import N_TRIPLES


def publish(graph_store: str, graphs: dict[str, bytes], names: dict[str, str], timeout: float = 300.0) -> dict[str, int]:
    """PUT each graph (N-Triples) to a Graph Store Protocol endpoint, replacing what was there; the sizes sent."""
    check_url(graph_store)
    sizes = {}
    for name, content in graphs.items():
        separator = "&" if "?" in graph_store else "?"
        url = f"{graph_store}{separator}{urllib.parse.urlencode({'graph': names[name]})}"
        put(url, content, N_TRIPLES, timeout)
        sizes[name] = len(content)
    return sizes
