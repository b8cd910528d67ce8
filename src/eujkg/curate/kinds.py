"""What a curator can add from a spreadsheet: one kind of thing per template, one column per statement.

Each column says how its cells become RDF: the property it fills, the type of its values (text, an
entity named by label, acronym, CURIE or IRI, a concept of one of the project's schemes, a date, a
number), whether it is required and whether it takes several values (separated by "|"). The template
writer documents the columns from these specs and the importer reads the cells with them, so the two
cannot drift apart.
"""

from dataclasses import dataclass

LIST_SEPARATOR = "|"


@dataclass(frozen=True)
class Column:
    name: str
    property: str          # CURIE of the property the cells fill ("" for label/type/source columns)
    type: str              # text, text-ja, plain, entity, concept, class, date, number, section
    doc: str
    target: str = ""       # entity: the class values must have; concept: the scheme; class: the base class
    required: bool = False
    many: bool = False
    example: str = ""


@dataclass(frozen=True)
class Kind:
    name: str
    cls: str               # default class (CURIE); a `type` column may name a subclass
    doc: str
    columns: tuple[Column, ...]

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


def _label(what: str, example: str) -> Column:
    return Column("label", "skos:prefLabel", "text", f"the English name of the {what}; its IRI is made from it",
                  required=True, example=example)


def _source(example_section: str, example_quote: str, quote_required: bool = True) -> tuple[Column, Column]:
    return (
        Column("source_section", "", "section", "the section of a source the row comes from: its id in "
               "data/sources.ttl (e.g. japan-page-cluster-to-cluster) or CURIE", required=True,
               example=example_section),
        Column("quote", "", "plain", "the source's own words that state the row's facts, copied exactly",
               required=quote_required, example=example_quote),
    )


KINDS = {kind.name: kind for kind in (
    Kind("organisation", "eujkg:Organisation", "an organisation: cluster, agency, ministry, company…", (
        _label("organisation", "Example Cluster"),
        Column("type", "", "class", "what kind of organisation, by class name or label (e.g. ClusterOrganisation, "
               "company, university)", target="eujkg:Organisation", required=True, example="ClusterOrganisation"),
        Column("alternative_labels", "skos:altLabel", "text", "other names and spellings", many=True),
        Column("acronym", "skos:altLabel", "plain", "an acronym, kept as an alternative label"),
        Column("japanese_label", "skos:prefLabel", "text-ja", "the Japanese name, as the quote gives it"),
        Column("based_in", "eujkg:basedIn", "entity", "where the source places it", target="eujkg:Place", many=True,
               example="Kyushu"),
        Column("sectors", "eujkg:sector", "concept", "its sectors, as the source states them",
               target="scheme:sectors", many=True, example="Biotechnology"),
        Column("description", "dct:description", "text", "a description in the source's words"),
        *_source("japan-page-cluster-to-cluster", "…", quote_required=False),
    )),
    Kind("cooperation", "eujkg:Cooperation", "a cooperation between Japanese and European actors", (
        _label("cooperation", "Example Cluster – Other Cluster"),
        Column("japanese_partners", "eujkg:japanesePartner", "entity", "the Japanese partner(s)",
               target="eujkg:Organisation", required=True, many=True, example="KBIC"),
        Column("european_partners", "eujkg:europeanPartner", "entity", "the European partner(s)",
               target="eujkg:Organisation", required=True, many=True, example="Life Science Nord"),
        Column("sectors", "eujkg:sector", "concept", "the sector(s) of the cooperation", target="scheme:sectors",
               many=True, example="Life sciences"),
        Column("form", "eujkg:cooperationForm", "concept", "the form (e.g. MoU, letter of intent, informal or "
               "unspecified)", target="scheme:cooperation-form", required=True, example="MoU"),
        Column("status", "eujkg:status", "concept", "the status as the source states it (e.g. active, MoU signed, "
               "announced)", target="scheme:status", required=True, example="active"),
        Column("status_note", "eujkg:statusNote", "text", "the source's own account of the status"),
        Column("start", "eujkg:startDate", "date", "when it started: YYYY, YYYY-MM or YYYY-MM-DD", example="2015"),
        Column("supported_by", "eujkg:supportedBy", "entity", "programme(s) that supported it",
               target="eujkg:Programme", many=True),
        *_source("japan-page-cluster-to-cluster", "…"),
    )),
    Kind("agreement", "eujkg:Agreement", "an agreement: MoU, letter of intent, trade or partnership agreement…", (
        _label("agreement", "MoU between Example Cluster and Other Cluster"),
        Column("type", "", "class", "what kind of agreement, by class name or label (e.g. MemorandumOfUnderstanding)",
               target="eujkg:Agreement", required=True, example="MemorandumOfUnderstanding"),
        Column("parties", "eujkg:party", "entity", "the parties (at least two)", target="eujkg:Organisation",
               required=True, many=True, example="KBIC | Life Science Nord"),
        Column("signed", "eujkg:signedDate", "date", "when it was signed: YYYY, YYYY-MM or YYYY-MM-DD"),
        Column("status", "eujkg:status", "concept", "the status as the source states it", target="scheme:status"),
        Column("status_note", "eujkg:statusNote", "text", "the source's own account of the status"),
        Column("formalises", "eujkg:formalises", "entity", "the cooperation it formalises",
               target="eujkg:Cooperation"),
        *_source("d35-3-1", "…"),
    )),
    Kind("event", "eujkg:Event", "an event: mission, seminar, conference, study visit…", (
        _label("event", "Example matchmaking mission 2016"),
        Column("start", "eujkg:startDate", "date", "first day: YYYY, YYYY-MM or YYYY-MM-DD", required=True,
               example="2016-10-09"),
        Column("end", "eujkg:endDate", "date", "last day, if the source gives one", example="2016-10-14"),
        Column("event_types", "eujkg:eventType", "concept", "type(s) of event", target="scheme:event-type",
               many=True, example="matchmaking"),
        Column("audience", "eujkg:targetAudience", "concept", "target audience(s)", target="scheme:audience",
               many=True),
        Column("organisers", "eujkg:organiser", "entity", "organiser(s)", target="eujkg:Organisation", many=True),
        Column("location", "eujkg:location", "entity", "where it took place", target="eujkg:Place",
               example="Japan"),
        Column("sectors", "eujkg:sector", "concept", "sector(s)", target="scheme:sectors", many=True),
        *_source("japan-page-events", "…"),
    )),
    Kind("figure", "eujkg:Figure", "a figure: a stated value with unit, date and what it is about", (
        _label("figure", "Japan: share of EU exports, 2014"),
        Column("about", "eujkg:about", "entity", "what the figure is about", required=True, example="Japan"),
        Column("measure", "eujkg:measure", "concept", "what it measures", target="scheme:measure", required=True),
        Column("value", "eujkg:value", "number", "the value, digits with a dot for decimals", required=True,
               example="3.1"),
        Column("unit", "eujkg:unit", "concept", "the unit", target="scheme:unit", required=True, example="percent"),
        Column("reference_date", "eujkg:referenceDate", "date", "the year or date the value refers to",
               example="2014"),
        Column("qualifier", "eujkg:qualifier", "concept", "how the source qualifies the value (e.g. at least)",
               target="scheme:qualifier"),
        *_source("japan-page-economy", "…"),
    )),
)}
