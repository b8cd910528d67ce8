"""What the reasoner adds: each triple must be inferred (in `inferred`) and not asserted (not in `data`)."""

import pytest
from rdflib.namespace import RDF

from rdflib.namespace import PROV

from eujkg.namespaces import CV, EUJKG, ID, ORG

O, P, C, G, E, S, D, A = (ID[k + "/"] for k in
                          ("organisation", "place", "cooperation", "programme", "event", "section", "source", "agreement"))

ENTAILED = [
    # partner relations, both ways
    (O + "life-science-nord", EUJKG.cooperatesWith, O + "kobe-biomedical-innovation-cluster"),
    (O + "kobe-biomedical-innovation-cluster", EUJKG.cooperatesWith, O + "life-science-nord"),
    (O + "polepharma", EUJKG.cooperatesWith, O + "toyama-pharmaceutical-association"),
    (C + "kobe-biomedical-innovation-cluster--life-science-nord", EUJKG.partner, O + "fbri"),
    (O + "life-science-nord", EUJKG.partnerIn, C + "kobe-biomedical-innovation-cluster--life-science-nord"),
    (O + "meti", EUJKG.partyTo, A + "france-japan-technical-textiles-mou-2014"),
    # place containment
    (P + "kobe", EUJKG.locatedIn, P + "japan"),
    (P + "kobe", EUJKG.locatedIn, P + "asia"),
    (P + "japan", EUJKG.contains, P + "kobe"),
    (P + "saga-prefecture", EUJKG.locatedIn, P + "japan"),
    (P + "loiret", EUJKG.locatedIn, P + "european-union"),
    (P + "loiret", EUJKG.locatedIn, P + "europe"),
    (O + "kobe-biomedical-innovation-cluster", EUJKG.basedIn, P + "japan"),
    (O + "japan-cosmetic-centre", EUJKG.basedIn, P + "kyushu"),
    (O + "biom", EUJKG.basedIn, P + "germany"),
    # class hierarchy and alignment
    (O + "meti", RDF.type, EUJKG.PublicAuthority),
    (O + "meti", RDF.type, EUJKG.Organisation),
    (O + "meti", RDF.type, CV.PublicOrganisation),
    (O + "meti", RDF.type, ORG.Organization),
    (O + "bioxclusters-plus", RDF.type, ORG.OrganizationalCollaboration),
    (C + "toyama-pharmaceutical-association--polepharma", RDF.type, ORG.OrganizationalCollaboration),
    (A + "eccp-eu-japan-centre-mou", RDF.type, EUJKG.Agreement),
    # programmes and events
    (G + "escp-4i", EUJKG.partOfProgramme, G + "cosme"),
    (G + "industrial-cluster-project-launch-period", EUJKG.phaseOf, G + "industrial-cluster-project"),
    (E + "study-visit-2009-meeting-hamamatsu-cci", EUJKG.partOfEvent, E + "ecpg-study-visit-japan-2009"),
    # provenance
    (C + "toyama-pharmaceutical-association--polepharma", PROV.wasDerivedFrom, S + "d35-3-1"),
    (C + "toyama-pharmaceutical-association--polepharma", PROV.hadPrimarySource, D + "eccp-d35-discussion-paper"),
]


@pytest.mark.parametrize("triple", ENTAILED, ids=lambda t: f"{t[0].split('/')[-1]} {t[1].split('#')[-1].split('/')[-1]}")
def test_inferred_not_asserted(shipped, triple):
    assert triple not in shipped.data, "asserted in the data, so it tests nothing about reasoning"
    assert triple in shipped.inferred
