"""The project's namespaces: one closed namespace for the ontology, one per kind of thing.

`EUJKG` is closed, so `EUJKG.Cooperaton` raises instead of minting a wrong IRI; a test keeps
its term list equal to the terms the ontology defines.
"""

from rdflib import Graph, Namespace
from rdflib.namespace import DefinedNamespace
from rdflib.namespace import ORG as ORG_NS
from rdflib.term import URIRef

from eujkg import prefixes
from eujkg.prefixes import BASE, KINDS, PREFIXES

ONTOLOGY_IRI = URIRef(BASE + "ontology")
ID = Namespace(BASE + "id/")
SHAPES = Namespace(BASE + "shapes#")
ORG = ORG_NS
CV = Namespace(PREFIXES["cv"])
EURIO = Namespace(PREFIXES["eurio"])
TIME = Namespace(PREFIXES["time"])
NACE = Namespace(PREFIXES["nace"])
SH = Namespace(PREFIXES["sh"])
DCAT = Namespace(PREFIXES["dcat"])
VOID = Namespace(PREFIXES["void"])
KIND_NAMESPACES = {kind: Namespace(f"{ID}{kind}/") for kind in KINDS}


class EUJKG(DefinedNamespace):
    """The eujkg ontology, https://w3id.org/eujkg/ontology#."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # Classes
    Agency: URIRef
    Agreement: URIRef
    Barrier: URIRef
    BilateralBody: URIRef
    BusinessAssociation: URIRef
    Challenge: URIRef
    Chamber: URIRef
    Citation: URIRef
    City: URIRef
    ClusterOrganisation: URIRef
    ClusterPartnership: URIRef
    Committee: URIRef
    Company: URIRef
    Continent: URIRef
    Cooperation: URIRef
    CooperationAgreement: URIRef
    Country: URIRef
    EUBody: URIRef
    Evaluation: URIRef
    Event: URIRef
    Figure: URIRef
    FundingProgramme: URIRef
    KnowledgeCluster: URIRef
    Legislation: URIRef
    LetterOfIntent: URIRef
    Meeting: URIRef
    MemorandumOfCooperation: URIRef
    MemorandumOfUnderstanding: URIRef
    MetaCluster: URIRef
    Ministry: URIRef
    Organisation: URIRef
    PartnershipAgreement: URIRef
    Person: URIRef
    Place: URIRef
    Policy: URIRef
    Programme: URIRef
    ProgrammePhase: URIRef
    PublicAuthority: URIRef
    Publication: URIRef
    Region: URIRef
    RegionalGovernment: URIRef
    RegulatoryCooperationAgreement: URIRef
    ResearchOrganisation: URIRef
    Role: URIRef
    ScienceAndTechnologyAgreement: URIRef
    SectorAssessment: URIRef
    SourceDocument: URIRef
    SourceSection: URIRef
    Strategy: URIRef
    StudyVisit: URIRef
    SupportOrganisation: URIRef
    SupportService: URIRef
    SupranationalUnion: URIRef
    TradeAgreement: URIRef
    University: URIRef

    # Datatypes
    iso3166Alpha2Code: URIRef
    iso3166SubdivisionCode: URIRef

    # Properties
    about: URIRef
    activity: URIRef
    alignedWithPriority: URIRef
    assessedBy: URIRef
    assessmentKind: URIRef
    basedIn: URIRef
    beneficiary: URIRef
    budgetNote: URIRef
    citation: URIRef
    citedDocument: URIRef
    citedSection: URIRef
    concerns: URIRef
    contains: URIRef
    cooperatesWith: URIRef
    cooperationForm: URIRef
    countryInvolved: URIRef
    countryOfOrigin: URIRef
    endDate: URIRef
    escpGeneration: URIRef
    escpStrand: URIRef
    establishedBy: URIRef
    europeanPartner: URIRef
    evaluatedBy: URIRef
    evaluates: URIRef
    evaluation: URIRef
    evaluationArea: URIRef
    evaluationMethod: URIRef
    evaluationNote: URIRef
    eventType: URIRef
    facedBy: URIRef
    finding: URIRef
    formalisedBy: URIRef
    formalises: URIRef
    foundingDate: URIRef
    fundedBy: URIRef
    hasEvent: URIRef
    hasPhase: URIRef
    hasResponsibleBody: URIRef
    highlightedAs: URIRef
    holdsRole: URIRef
    implementedBy: URIRef
    initiatedBy: URIRef
    instrument: URIRef
    involves: URIRef
    japanCooperationState: URIRef
    japanesePartner: URIRef
    japanesePartnerIn: URIRef
    launchedBy: URIRef
    locatedIn: URIRef
    location: URIRef
    maximum: URIRef
    measure: URIRef
    memberStateOf: URIRef
    metWith: URIRef
    negotiationStartDate: URIRef
    objective: URIRef
    organiser: URIRef
    originalEndDate: URIRef
    outcome: URIRef
    overseenBy: URIRef
    partOfCooperation: URIRef
    partOfEvent: URIRef
    partOfProgramme: URIRef
    participant: URIRef
    partner: URIRef
    partnerIn: URIRef
    party: URIRef
    partyTo: URIRef
    phaseNumber: URIRef
    phaseOf: URIRef
    plannedDuration: URIRef
    policyApproach: URIRef
    policyFocus: URIRef
    policyLevel: URIRef
    policyObjective: URIRef
    policyOf: URIRef
    qualifier: URIRef
    quote: URIRef
    referenceDate: URIRef
    reportedIn: URIRef
    resultUse: URIRef
    roleTitle: URIRef
    section: URIRef
    sectionOf: URIRef
    sector: URIRef
    signedAt: URIRef
    signedDate: URIRef
    sourceId: URIRef
    startDate: URIRef
    statedAs: URIRef
    statement: URIRef
    status: URIRef
    statusNote: URIRef
    succeeds: URIRef
    supportedBy: URIRef
    supportedByBody: URIRef
    targetAudience: URIRef
    targetingSince: URIRef
    targetsCountry: URIRef
    topic: URIRef
    unit: URIRef
    upperValue: URIRef
    value: URIRef
    venue: URIRef
    withinProgramme: URIRef


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes on `graph` (replacing rdflib's defaults) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def curie(term) -> str:
    """A short form of `term` for messages: a CURIE for project IRIs, the IRI in <> otherwise, literals as text."""
    return prefixes.curie(str(term)) if isinstance(term, URIRef) else str(term)
