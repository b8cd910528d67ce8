"""The cache: reasoning and validation run once per content; any change of content rebuilds."""

from eujkg import KnowledgeGraph, resources


def test_second_graph_reuses_the_cache(shipped, monkeypatch):
    shipped.ensure_built()

    def no_build(*args, **kwargs):
        raise AssertionError("reasoned again although the content is cached")

    monkeypatch.setattr("eujkg.build.fast.engine.build", no_build)
    monkeypatch.setattr("eujkg.build.reference.engine.build", no_build)
    again = KnowledgeGraph.shipped()
    assert again.cache_key == shipped.cache_key
    assert again.validate().conforms
    assert again.query("summary").rows()


def test_engines_have_their_own_entries():
    fast, reference = KnowledgeGraph.shipped(engine="fast"), KnowledgeGraph.shipped(engine="reference")
    assert fast.cache_key != reference.cache_key


def test_changed_content_gets_a_new_key(tmp_path):
    original = resources.data_dir() / "places.ttl"
    copy = tmp_path / "places.ttl"
    copy.write_bytes(original.read_bytes())
    first = KnowledgeGraph([copy]).cache_key
    copy.write_bytes(original.read_bytes() + b"\n# a comment changes the content\n")
    assert KnowledgeGraph([copy]).cache_key != first


def test_entry_has_the_three_graphs_and_the_report(shipped):
    entry = shipped.ensure_built()
    for name in ("ontology", "data", "inferred"):
        assert entry.graph_file(name).stat().st_size > 0
    assert entry.report == []
    # build_s: the wall time of the three steps, which overlap in the fast engine
    assert set(entry.meta["timings"]) == {"parse_s", "reason_s", "validate_s", "build_s"}


def test_readers_open_one_on_disk_store_written_once(tmp_path):
    from eujkg.graphs import GRAPHS

    data = [resources.data_dir() / "places.ttl", resources.data_dir() / "sources.ttl"]
    first = KnowledgeGraph(data, cache_root=tmp_path)
    asked = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    total = int(first.sparql(asked).rows()[0]["n"])
    folder = first.ensure_built().query_store(GRAPHS)
    written = folder.stat().st_mtime_ns
    second = KnowledgeGraph(data, cache_root=tmp_path)  # a new reader, as a new process would be
    assert int(second.sparql(asked).rows()[0]["n"]) == total == sum(first.triple_counts.values())
    assert second.ensure_built().query_store(GRAPHS).stat().st_mtime_ns == written
