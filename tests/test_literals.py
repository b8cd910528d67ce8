"""A literal no datatype accepts ("abc" as an integer, "NaN" spelt so, "TRUE" as a boolean, a date
without leading zeros) is data like any other: the fast engine keeps every asserted triple, and
the ill-typed ones exactly as written (a rule engine that drops such triples loses facts silently)."""

from pathlib import Path

import pyoxigraph as ox

from eujkg import KnowledgeGraph

ILL_TYPED = ['"NaN"^^<http://www.w3.org/2001/XMLSchema#double>',
             '"abc"^^<http://www.w3.org/2001/XMLSchema#integer>',
             '"TRUE"^^<http://www.w3.org/2001/XMLSchema#boolean>',
             '"2014-1-1"^^<http://www.w3.org/2001/XMLSchema#date>']
TURTLE = """@prefix eujkg: <https://w3id.org/eujkg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix figure: <https://w3id.org/eujkg/id/figure/> .
@prefix organisation: <https://w3id.org/eujkg/id/organisation/> .
figure:odd a eujkg:Figure ; skos:prefLabel "Odd values"@en ; eujkg:about organisation:somebody ;
    eujkg:value {values}, 12 .
organisation:somebody eujkg:japanesePartnerIn figure:odd .
""".replace("{values}", ", ".join(ILL_TYPED))


def test_no_triple_lost_and_ill_typed_literals_kept(tmp_path):
    data = tmp_path / "odd.ttl"
    data.write_text(TURTLE, encoding="utf-8")
    written = {str(t) for t in ox.parse(path=str(data), format=ox.RdfFormat.TURTLE)}
    entry = KnowledgeGraph([data], cache_root=tmp_path / "cache").ensure_built()
    kept = {str(t) for t in ox.parse(path=str(entry.graph_file("data")), format=ox.RdfFormat.N_TRIPLES)}
    assert entry.meta["triples"]["data"] == len(written)
    assert written == kept
    for literal in ILL_TYPED:
        assert any(literal in triple for triple in kept), literal
    inferred = entry.graph_file("inferred").read_text(encoding="utf-8")
    assert "eujkg/ontology#japanesePartner>" in inferred, "reasoning went on over the ill-typed literals"
