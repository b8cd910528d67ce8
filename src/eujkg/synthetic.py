"""A seeded generator of graphs shaped like eujkg's: the shipped data (so every stored query and its
example still answer) grown with a realistic mix of generated organisations, cooperations,
agreements, events and figures to a requested number of triples. Used by the benchmark (bench/) and by the
tests that compare the fast engine with the reference one. A few deliberate problems of known
kinds can be mixed in, so that comparisons of validation reports are not comparisons of nothing.
"""

import random
import shutil
from pathlib import Path

from eujkg import resources

JAPAN = ["kobe", "hyogo-prefecture", "yonezawa", "karatsu", "ibaraki-prefecture", "kitakyushu", "nagasaki", "hamamatsu", "tokyo",
         "kyoto", "nagoya", "osaka-prefecture", "hokkaido", "toyama-prefecture", "fukushima-prefecture"]
EUROPE = ["saxony", "bavaria", "cologne", "hamburg", "paris", "loiret", "catalonia", "piedmont", "scotland",
          "belgium", "freiburg", "auvergne-rhone-alpes", "gdansk", "ljubljana", "france", "denmark", "sweden"]
SECTORS = ["life-sciences", "biotechnology", "pharmaceuticals", "medical-devices", "ict", "electronics",
           "semiconductors", "renewable-energy", "marine-energy", "automotive", "aerospace", "technical-textiles",
           "plastics", "photonics", "agri-food", "nanotechnology", "cosmetics", "robotics"]
KINDS = ["ClusterOrganisation", "BusinessAssociation", "SupportOrganisation", "ResearchOrganisation"]
FORMS = ["form-mou", "form-informal", "form-programme-project", "form-matchmaking", "form-letter-of-intent"]
STATUSES = ["status-active", "status-ongoing", "status-stable-contacts", "status-first-contact",
            "status-announced-unconfirmed"]
SECTIONS = ["d35-3-1", "d35-3-2", "japan-page-cluster-to-cluster", "d35-3-3-techtera", "japan-page-events"]
EVENT_TYPES = ["event-matchmaking", "event-seminar", "event-conference", "event-workshop", "event-business-mission"]
PROGRAMMES = ["regional-industry-tie-up-programme", "clusters-go-international", "h2020-innosup"]  # shipped
HEADER = """@prefix eujkg: <https://w3id.org/eujkg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix organisation: <https://w3id.org/eujkg/id/organisation/> .
@prefix cooperation: <https://w3id.org/eujkg/id/cooperation/> .
@prefix agreement: <https://w3id.org/eujkg/id/agreement/> .
@prefix event: <https://w3id.org/eujkg/id/event/> .
@prefix figure: <https://w3id.org/eujkg/id/figure/> .
@prefix programme: <https://w3id.org/eujkg/id/programme/> .
@prefix place: <https://w3id.org/eujkg/id/place/> .
@prefix sector: <https://w3id.org/eujkg/id/sector/> .
@prefix concept: <https://w3id.org/eujkg/id/concept/> .
@prefix section: <https://w3id.org/eujkg/id/section/> .

"""
# Measured on the output, to size a graph: the shipped data holds about 8,390 triples and each
# generated unit (two organisations, a cooperation, sometimes an agreement, event, figure) about 44.
SHARED_TRIPLES = 8390
TRIPLES_PER_UNIT = 44


def generate(folder: Path, triples: int, seed: int = 1, problems: int = 0) -> list[Path]:
    """Write a graph of about `triples` asserted triples into `folder`; returns its Turtle files."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for shipped in resources.data_files():
        target = folder / shipped.name
        shutil.copyfile(shipped, target)
        files.append(target)
    units = max(1, (triples - SHARED_TRIPLES) // TRIPLES_PER_UNIT)
    writers = {kind: (folder / f"generated-{kind}.ttl").open("w", encoding="utf-8")
               for kind in ("organisations", "cooperations", "agreements", "events", "figures")}
    try:
        for out in writers.values():
            out.write(HEADER)
        for unit in range(units):
            _unit(rng, unit, writers)
        for number in range(problems):
            _problem(number, writers)
    finally:
        for out in writers.values():
            out.close()
    return files + [folder / f"generated-{kind}.ttl" for kind in writers]


def _unit(rng: random.Random, n: int, out) -> None:
    """Two organisations (one per side), a cooperation between them, and now and then an agreement,
    an event and a figure."""
    japanese, european = f"jp-{n}", f"eu-{n}"
    sector = rng.choice(SECTORS)
    for slug, place, side in ((japanese, rng.choice(JAPAN), "Japanese"), (european, rng.choice(EUROPE), "European")):
        out["organisations"].write(
            f'organisation:{slug} a eujkg:{rng.choice(KINDS)} ;\n'
            f'    skos:prefLabel "{side} cluster {n}"@en ; skos:altLabel "{side[:2].upper()}C{n}" ;\n'
            f'    eujkg:basedIn place:{place} ; eujkg:sector sector:{sector}, sector:{rng.choice(SECTORS)} ;\n'
            f'    eujkg:citation [ eujkg:section section:{rng.choice(SECTIONS)} ] .\n')
    year = rng.randint(1998, 2020)
    out["cooperations"].write(
        f'cooperation:c-{n} a eujkg:Cooperation ;\n'
        f'    skos:prefLabel "Cooperation {n}"@en ;\n'
        f'    eujkg:japanesePartner organisation:{japanese} ; eujkg:europeanPartner organisation:{european} ;\n'
        f'    eujkg:sector sector:{sector} ; eujkg:startDate "{year}"^^xsd:gYear ;\n'
        f'    eujkg:cooperationForm concept:{rng.choice(FORMS[1:])} ; eujkg:status concept:{rng.choice(STATUSES)} ;\n'
        f'    eujkg:statusNote "Status {n} as the source states it."@en ;\n'
        f'    eujkg:supportedBy programme:{rng.choice(PROGRAMMES)} ;\n'
        f'    eujkg:citation [ eujkg:section section:{rng.choice(SECTIONS)} ; eujkg:quote "quote {n}" ] .\n')
    if rng.random() < 0.4:
        out["agreements"].write(
            f'agreement:a-{n} a eujkg:MemorandumOfUnderstanding ;\n'
            f'    skos:prefLabel "MoU {n}"@en ; eujkg:party organisation:{japanese}, organisation:{european} ;\n'
            f'    eujkg:signedDate "{year}-{rng.randint(1, 12):02d}"^^xsd:gYearMonth ; eujkg:status concept:status-signed ;\n'
            f'    eujkg:formalises cooperation:c-{n} ;\n'
            f'    eujkg:citation [ eujkg:section section:{rng.choice(SECTIONS)} ; eujkg:quote "signed {n}" ] .\n')
    if rng.random() < 0.6:
        out["events"].write(
            f'event:e-{n} a eujkg:Event ;\n'
            f'    skos:prefLabel "Event {n}"@en ; eujkg:startDate "{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"^^xsd:date ;\n'
            f'    eujkg:eventType concept:{rng.choice(EVENT_TYPES)} ; eujkg:location place:{rng.choice(JAPAN)} ;\n'
            f'    eujkg:organiser organisation:{european} ; eujkg:participant organisation:{japanese} ;\n'
            f'    eujkg:citation [ eujkg:section section:japan-page-events ] .\n')
    if rng.random() < 0.5:
        out["figures"].write(
            f'figure:f-{n} a eujkg:Figure ;\n'
            f'    skos:prefLabel "Figure {n}"@en ; eujkg:about organisation:{european} ;\n'
            f'    eujkg:measure concept:measure-number-of-members ; eujkg:value {rng.randint(5, 900)} ;\n'
            f'    eujkg:unit concept:unit-count ; eujkg:referenceDate "{year}"^^xsd:gYear ;\n'
            f'    eujkg:citation [ eujkg:section section:{rng.choice(SECTIONS)} ; eujkg:quote "{n} members" ] .\n')


def _problem(number: int, out) -> None:
    """One deliberate problem, cycling through kinds the shapes and the reasoner catch."""
    kind = number % 4
    if kind == 0:
        out["cooperations"].write(
            f'cooperation:broken-{number} a eujkg:Cooperation ; skos:prefLabel "One-sided {number}"@en ;\n'
            f'    eujkg:japanesePartner organisation:jp-0 ; eujkg:cooperationForm concept:form-informal ;\n'
            f'    eujkg:status concept:status-active ; eujkg:citation [ eujkg:section section:d35-3-1 ; eujkg:quote "q" ] .\n')
    elif kind == 1:
        out["figures"].write(
            f'figure:broken-{number} a eujkg:Figure ; skos:prefLabel "Unitless {number}"@en ;\n'
            f'    eujkg:about organisation:eu-0 ; eujkg:measure concept:measure-number-of-members ; eujkg:value 3 ;\n'
            f'    eujkg:citation [ eujkg:section section:d35-3-1 ] .\n')
    elif kind == 2:
        out["events"].write(
            f'event:broken-{number} a eujkg:Event ; skos:prefLabel "Backwards {number}"@en ;\n'
            f'    eujkg:startDate "2015-05-01"^^xsd:date ; eujkg:endDate "2014"^^xsd:gYear ;\n'
            f'    eujkg:citation [ eujkg:section section:japan-page-events ] .\n')
    else:
        out["organisations"].write(
            f'organisation:broken-{number} a eujkg:Company, eujkg:Ministry ; skos:prefLabel "Both {number}"@en ;\n'
            f'    eujkg:basedIn place:kobe ; eujkg:citation [ eujkg:section section:d35-3-1 ] .\n')
