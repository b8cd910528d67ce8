"""The remote backend against real stores on loopback, `oxigraph serve` and Virtuoso 7.2, each loaded
with `eujkg publish`: every stored query (every case in query_cases/ and every header example),
describe, sources and label search answer with the same bytes as the embedded store."""

import json
import os
import shlex
from contextlib import contextmanager
from pathlib import Path

import pytest

from eujkg import InputError, KnowledgeGraph, resources
from eujkg.graphs import graph_names
from eujkg.mediatypes import SPARQL_JSON
from eujkg.cli import EXIT_ERROR, EXIT_OK, main
from eujkg.read.queries import load_queries
from store_fixtures import free_port

STORES = ("oxigraph", "virtuoso")
QUERIES = load_queries(resources.queries_dir())
CASE_FILES = sorted((Path(__file__).parent / "query_cases").glob("*.json"))
CASES = [json.loads(f.read_text(encoding="utf-8")) for f in CASE_FILES]
EXAMPLES = [(f"example-{name}", name, dict(word.split("=", 1) for word in shlex.split(query.examples[0])[3:]))
            for name, query in sorted(QUERIES.items())]
CASE_CALLS = [(f.stem, case["query"], case["params"]) for f, case in zip(CASE_FILES, CASES)]
CALLS = CASE_CALLS + [e for e in EXAMPLES if (e[1], e[2]) not in [(c[1], c[2]) for c in CASE_CALLS]]  # each once
# The entities the cases name, by the labels a user types: describe and sources run on each.
ENTITY_PARAMETERS = {p.name for q in QUERIES.values() for p in q.parameters if p.type == "iri"}
ENTITIES = sorted({value for case in CASES for key, value in case["params"].items() if key in ENTITY_PARAMETERS})


@contextmanager
def environment(values: dict[str, str]):
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def load(store, shipped):
    """The store, loaded with the release by `eujkg publish`, twice (each graph is replaced)."""
    shipped.ensure_built()
    with environment(store.credentials()):
        assert main(["publish", "--endpoint", store.graph_store]) == EXIT_OK
        assert main(["publish", "--endpoint", store.graph_store]) == EXIT_OK
    return store


@pytest.fixture(scope="session")
def oxigraph_loaded(oxigraph_store, shipped):
    return load(oxigraph_store, shipped)


@pytest.fixture(scope="session")
def virtuoso_loaded(virtuoso_store, shipped):
    return load(virtuoso_store, shipped)


@pytest.fixture(scope="session", params=STORES)
def published(request):
    return request.getfixturevalue(f"{request.param}_loaded")


def run(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


_EMBEDDED: dict[tuple, tuple[int, str, str]] = {}


def embedded(capsys, *args) -> tuple[int, str, str]:
    """`run` on the embedded store, once per command line for both stores' tests."""
    if args not in _EMBEDDED:
        _EMBEDDED[args] = run(capsys, *args)
    return _EMBEDDED[args]


def error_line(err: str) -> str:
    """The one line of an error, after any progress lines; there must be no traceback."""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert lines and lines[-1].startswith("eujkg: error: ")
    return lines[-1]


def test_publishing_twice_leaves_one_copy(published, shipped):
    remote = KnowledgeGraph.remote(published.query)
    for name, iri in graph_names(None).items():
        n = remote.sparql(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}").rows()[0]["n"]
        assert n == shipped.triple_counts[name], name


@pytest.mark.parametrize("call", CALLS, ids=[c[0] for c in CALLS])
def test_stored_query_same_bytes_as_embedded(published, call, capsys):
    _, name, params = call
    for fmt in ("csv", "json"):
        args = ["query", name, *(f"{k}={v}" for k, v in params.items()), "--format", fmt]
        here = embedded(capsys, *args)
        assert here[0] == EXIT_OK, here[2]
        assert run(capsys, *args, "--endpoint", published.query) == here


@pytest.mark.parametrize("entity", ENTITIES)
def test_describe_and_sources_same_as_embedded(published, shipped, entity, capsys):
    here = embedded(capsys, "describe", entity)
    assert here[0] == EXIT_OK, here[2]
    assert run(capsys, "describe", entity, "--endpoint", published.query) == here
    remote = KnowledgeGraph.remote(published.query)
    assert remote.sources(entity).serialize(SPARQL_JSON) == shipped.sources(entity).serialize(SPARQL_JSON)


@pytest.mark.parametrize("typed", ["Life Sciense Nord", "kobe", "Osaka", "METI", "cluster"])
def test_label_suggestions_same_as_embedded(published, typed, capsys):
    here = embedded(capsys, "query", "partners", f"actor={typed}")
    assert run(capsys, "query", "partners", f"actor={typed}", "--endpoint", published.query) == here


PAGES = ["/", "/search?q=kobe", "/search?q=cluster", "/search?q=METI", "/network",
         "/network?sector=https://w3id.org/eujkg/id/sector/life-sciences",
         "/timeline", "/queries", "/queries/partners?actor=Life+Science+Nord", "/queries/candidate-partners",
         "/queries/programmes", "/id/organisation/life-science-nord",
         "/id/cooperation/kyushu-bio-cluster--french-food-cluster", "/id/place/japan",
         "/id/organisation/life-science-nord?format=ttl", "/ontology", "/ontology?format=nt",
         "/sparql?query=SELECT+%3Fc+WHERE+%7B+%3Fc+a+eujkg%3ACooperation+%7D+ORDER+BY+%3Fc",
         "/sparql?query=ASK+%7B%7D&format=csv", "/.well-known/void", "/id/organisation/no-such-thing"]


def test_every_page_is_served_from_the_remote_store(published, shipped, dist):
    """`eujkg serve --endpoint`: the same app over the published store answers every page as it does
    over the embedded store, byte for byte (RDF documents compared as canonical graphs)."""
    from starlette.testclient import TestClient

    from eujkg.web.app import create_app
    remote_graph = KnowledgeGraph.remote(published.query)
    with TestClient(create_app(remote_graph, dist, workers=1)) as remote, \
            TestClient(create_app(shipped, dist, workers=1)) as embedded:
        for path in PAGES:
            here, there = embedded.get(path), remote.get(path)
            assert there.status_code == here.status_code, path
            if path.endswith("format=ttl") or path.endswith("format=nt"):
                assert _canonical(there.content, path) == _canonical(here.content, path), path
            else:
                assert there.text == here.text, path


def _canonical(body: bytes, path: str) -> set[str]:
    import pyoxigraph as ox
    fmt = ox.RdfFormat.TURTLE if path.endswith("ttl") else ox.RdfFormat.N_TRIPLES
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in ox.parse(body, fmt))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return {str(quad) for quad in dataset}


def test_blank_nodes_come_back_as_blank_nodes(published, shipped, capsys):
    """Virtuoso names blank nodes nodeID://…, Oxigraph _:…; either way they are blank nodes here."""
    text = "SELECT ?thing ?citation ?section WHERE { ?thing eujkg:citation ?citation . ?citation eujkg:section ?section }"
    remote = KnowledgeGraph.remote(published.query).sparql(text).rows()
    embedded = shipped.sparql(text).rows()
    assert len(remote) == len(embedded) > 0
    assert all(row["citation"].startswith("_:") for row in remote)
    assert len({row["citation"] for row in remote}) == len({row["citation"] for row in embedded})
    code, out, err = run(capsys, "sparql", text, "--endpoint", published.query, "--format", "json")
    assert code == EXIT_OK and '"bnode"' in out, err
    construct = "CONSTRUCT { ?thing eujkg:citation ?c . ?c eujkg:section ?s } WHERE { ?thing eujkg:citation ?c . ?c eujkg:section ?s }"
    code, out, err = run(capsys, "sparql", construct, "--endpoint", published.query)
    assert code == EXIT_OK, err
    assert len(out.splitlines()) == len(shipped.sparql(construct).triples)


def test_ask_is_a_boolean(published, capsys):
    """Virtuoso, unless configured as Debian ships it (CaseMode 2), answers ASK as a SELECT of ?__ASK_RETVAL."""
    remote = KnowledgeGraph.remote(published.query)
    assert remote.sparql("ASK { ?c a eujkg:Cooperation }").boolean is True
    assert remote.sparql("ASK { ?c a eujkg:NoSuchClass }").boolean is False
    code, out, err = run(capsys, "sparql", "ASK {}", "--endpoint", published.query, "--format", "csv")
    assert (code, out) == (EXIT_OK, "true\n"), err


def test_union_default_graph_mode_on_virtuoso(virtuoso_loaded, capsys):
    """Virtuoso's default graph is the union of all its graphs (its own system graphs too); reading it
    without stating the dataset gives the same answers for the release."""
    for name, params in [("partners", ["actor=Life Science Nord"]), ("summary", []), ("programmes", [])]:
        here = embedded(capsys, "query", name, *params, "--format", "csv")
        assert run(capsys, "query", name, *params, "--format", "csv", "--endpoint", virtuoso_loaded.query,
                   "--union-default-graph") == here


def test_publish_under_another_graph_base(oxigraph_loaded, capsys):
    """Oxigraph's default graph is its own here, so only the stated dataset finds the mirror's graphs."""
    base = "https://example.org/mirror/"
    assert main(["publish", "--endpoint", oxigraph_loaded.graph_store, "--graph", base]) == EXIT_OK
    here = embedded(capsys, "query", "partners", "actor=Life Science Nord", "--format", "csv")
    assert run(capsys, "query", "partners", "actor=Life Science Nord", "--format", "csv",
               "--endpoint", oxigraph_loaded.query, "--graph", base) == here


def test_authenticated_query_endpoint(virtuoso_loaded, capsys):
    """Virtuoso's /sparql-auth asks for Digest credentials on queries too: the same ones are used."""
    endpoint = virtuoso_loaded.query.replace("/sparql", "/sparql-auth")
    with environment(virtuoso_loaded.credentials()):
        here = embedded(capsys, "query", "summary", "--format", "csv")
        assert run(capsys, "query", "summary", "--format", "csv", "--endpoint", endpoint) == here


def test_store_error_is_one_line_naming_the_store(virtuoso_loaded, capsys):
    """Virtuoso refuses YEAR() of an unbound value (SPARQL leaves it unbound): its words, one line."""
    text = "SELECT ?y WHERE { ?c a eujkg:Cooperation OPTIONAL { ?c eujkg:startDate ?d BIND (YEAR(?d) AS ?y) } }"
    code, out, err = run(capsys, "sparql", text, "--endpoint", virtuoso_loaded.query)
    assert code == EXIT_ERROR and out == ""
    error = error_line(err)
    assert error.startswith(f"eujkg: error: {virtuoso_loaded.query} answered 500") and "DT001" in error
    assert "define input:" not in err, "the store's echo of the query is left out"


def test_truncated_answer_is_an_error(virtuoso_loaded, shipped, capsys):
    """Virtuoso cuts SELECT answers at ResultSetMaxRows (10000 on Debian) and says so only in a header."""
    assert sum(shipped.triple_counts.values()) > 10_000
    code, out, err = run(capsys, "sparql", "SELECT * WHERE { ?s ?p ?o }", "--endpoint", virtuoso_loaded.query)
    assert code == EXIT_ERROR and out == ""
    assert "10000 rows" in error_line(err)


@pytest.mark.parametrize("wrong", ["graph_store", "root"])
def test_not_a_query_endpoint_is_one_clear_error(published, wrong, capsys):
    url = published.graph_store if wrong == "graph_store" else published.query.rsplit("/", 1)[0] + "/"
    code, out, err = run(capsys, "query", "summary", "--endpoint", url)
    assert code == EXIT_ERROR and out == ""
    assert error_line(err).startswith(f"eujkg: error: {url} answered 4")


def test_unreachable_endpoint_is_one_clear_error(capsys):
    port = free_port()
    code, _, err = run(capsys, "query", "summary", "--endpoint", f"http://127.0.0.1:{port}/query")
    assert code == EXIT_ERROR
    assert error_line(err).startswith(f"eujkg: error: cannot reach http://127.0.0.1:{port}/query")


def test_remote_facade_raises_input_error_not_parser_errors(published):
    remote = KnowledgeGraph.remote(published.query)
    with pytest.raises(InputError, match="Closest matches: Life Science Nord"):
        remote.query("partners", actor="Life Sciense Nord")


def test_blank_node_names_of_any_engine_are_blank_nodes():
    """As the stores write them: Oxigraph `b0`, Virtuoso `nodeID://…` (as a bnode, and as an IRI in some
    answers), skolem IRIs (RDF 1.1, 3.5); the same name twice is the same blank node."""
    from eujkg.read.remote import _solutions
    genid = "https://store.example/.well-known/genid/d26a2d0e98334696f4ad70a677abc1f6"
    cells = [{"type": "bnode", "value": "b0"}, {"type": "bnode", "value": "nodeID://b10411"},
             {"type": "uri", "value": "nodeID://b10411"}, {"type": "uri", "value": genid},
             {"type": "uri", "value": "https://w3id.org/eujkg/id/place/japan"}]
    document = {"head": {"vars": ["x"]}, "results": {"bindings": [{"x": cell} for cell in cells]}}
    terms = [row["x"] for row in _solutions(document, None, False).solutions]
    assert [type(t).__name__ for t in terms] == ["BlankNode"] * 4 + ["NamedNode"]
    assert terms[1] == terms[2] and len({terms[0], terms[1], terms[3]}) == 3

