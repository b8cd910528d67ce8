"""The read path (eujkg.read): one writer of results, VALUES placed where a query says, one query per
label, few queries per entity page. Counts are taken by wrapping the real backend, never by mocking it."""

import re

import pyoxigraph as ox
import pytest

from eujkg import resources
from eujkg.mediatypes import RESULTS_TYPES
from eujkg.read.backend import Embedded
from eujkg.read.queries import QueryFolder, StoredQuery, insert_block, values_block
from eujkg.read.resolve import Resolver
from eujkg.read.results import QueryResult


class Counting:
    """A backend that counts the queries it passes on to a real one."""

    def __init__(self, backend):
        self.backend, self.graphs, self.texts = backend, backend.graphs, []

    def query(self, text, limit=None):
        self.texts.append(text)
        return self.backend.query(text, limit)


TERMS = """INSERT DATA { <http://x/a> <http://x/p> "x\\"y,\\nz"@en, "1"^^<http://www.w3.org/2001/XMLSchema#integer>,
  "2.5"^^<http://www.w3.org/2001/XMLSchema#decimal>, [ <http://x/q> "<&>" ], "tab\\there", <http://x/b> }"""
SELECTS = ["SELECT ?s ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?s <http://x/none> ?none } } ORDER BY ?o",
           "SELECT ?s WHERE { ?s <http://x/none> ?o }", "ASK { ?s ?p ?o }", "ASK { ?s <http://x/none> ?o }"]


@pytest.mark.parametrize("media", RESULTS_TYPES)
@pytest.mark.parametrize("query", SELECTS)
def test_one_writer_gives_pyoxigraphs_bytes(media, query):
    store = ox.Store()
    store.update(TERMS)
    expected = store.query(query).serialize(format=ox.QueryResultsFormat.from_media_type(media))
    assert QueryResult.from_oxigraph(store.query(query)).serialize(media) == expected


def test_a_capped_result_says_so():
    store = ox.Store()
    store.update(TERMS)
    result = Embedded(store).query("SELECT * WHERE { ?s ?p ?o }", limit=2)
    assert len(result) == 2 and result.truncated
    assert not Embedded(store).query("SELECT * WHERE { ?s ?p ?o }", limit=100).truncated


def _norm(result):
    return sorted((str(s["candidate"]), str(s["score"]), tuple(sorted(s["reasons"].value.split("; "))))
                  for s in result.solutions)


def test_values_marker_puts_the_block_inside_the_subselect_with_the_same_rows(shipped):
    query = shipped.stored_query("candidate-partners")
    actor = ox.NamedNode(shipped.resolve("Kobe Biomedical Innovation Cluster"))
    inside = query.bind_terms({"actor": actor})
    assert inside.index("SELECT DISTINCT") < inside.index("VALUES") and "# VALUES here" not in inside
    at_top = insert_block(query.text.replace("# VALUES here", ""), values_block(("actor",), [(actor,)]))
    assert at_top.index("VALUES") < at_top.index("SELECT DISTINCT")
    assert _norm(shipped.backend.query(inside)) == _norm(shipped.backend.query(at_top))
    assert shipped.backend.query(inside).solutions, "the comparison is not between two empty answers"


def test_values_marker_in_each_union_branch(shipped):
    query = shipped.stored_query("sources-of")
    entity = ox.NamedNode(shipped.resolve("Toyama Pharmaceutical Association"))
    bound = query.bind_terms({"entity": entity})
    assert bound.count("VALUES") == query.text.count("# VALUES here") == 2
    at_top = insert_block(re.sub(r"# VALUES here", "", query.text), values_block(("entity",), [(entity,)]))
    rows = sorted(map(str, (tuple(s.values()) for s in shipped.backend.query(bound).solutions)))
    assert rows and rows == sorted(map(str, (tuple(s.values()) for s in shipped.backend.query(at_top).solutions)))


def test_only_the_header_of_the_query_run_is_read(shipped, monkeypatch):
    read = []
    original = StoredQuery.read.__func__

    def reading(cls, path):
        read.append(path.name)
        return original(cls, path)
    monkeypatch.setattr(StoredQuery, "read", classmethod(reading))
    folder = QueryFolder(resources.queries_dir())
    assert "partners" in folder and "no-such-query" not in folder
    assert folder["partners"].parameters[0].name == "actor"
    assert read == ["partners.rq"]


@pytest.mark.parametrize("given", ["Life Science Nord", "  LIFE SCIENCE NORD ", "Life Sciences Nord", "KBIC"])
def test_a_label_costs_one_query(shipped, given):
    counting = Counting(shipped.backend)
    assert Resolver(counting)(given).startswith("https://w3id.org/eujkg/id/organisation/")
    assert len(counting.texts) == 1 and "VALUES" in counting.texts[0]


def test_an_iri_costs_one_query(shipped):
    counting = Counting(shipped.backend)
    Resolver(counting)("organisation:life-science-nord", "https://w3id.org/eujkg/ontology#Organisation")
    assert len(counting.texts) == 1


def test_entity_page_reads_with_four_queries(shipped):
    from eujkg import KnowledgeGraph
    from eujkg.web.documents import entity_view

    kg = KnowledgeGraph.shipped()
    kg.backend = counting = Counting(shipped.backend)  # overrides the cached property
    view = entity_view(kg, "https://w3id.org/eujkg/id/organisation/life-science-nord")
    assert view["title"] == "Life Science Nord" and view["sources"] and view["incoming"]
    assert len(counting.texts) == 4  # statements, incoming links, labels, sources
