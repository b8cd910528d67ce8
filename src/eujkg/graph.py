"""The facade: one object that loads the ontology, shapes and data, reasons and validates.

Nothing here changes a graph the caller handed in; each step builds its own graphs, and
the expensive ones (reasoning, validation) run once, on first use.
"""

from functools import cached_property
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF

from eujkg import resources
from eujkg.loading import LoadedGraph, load_files
from eujkg.namespaces import EUJKG, bind_prefixes
from eujkg.reasoning import Inference, infer
from eujkg.validation import ValidationReport, inconsistency_problems, validate

# The kinds of thing a summary counts, in the order people ask about them.
SUMMARY_CLASSES = (
    EUJKG.Organisation, EUJKG.ClusterOrganisation, EUJKG.ClusterPartnership, EUJKG.PublicAuthority,
    EUJKG.Company, EUJKG.ResearchOrganisation, EUJKG.Person, EUJKG.Programme, EUJKG.ProgrammePhase,
    EUJKG.Agreement, EUJKG.Cooperation, EUJKG.Event, EUJKG.Figure, EUJKG.Place, EUJKG.SectorAssessment,
    EUJKG.SourceDocument, EUJKG.SourceSection,
)


class KnowledgeGraph:
    """The EU–Japan cluster cooperation graph: ontology, shapes and data, with reasoning and validation."""

    def __init__(self, data_files: list[Path]):
        self.data_files = [Path(p) for p in data_files]

    @classmethod
    def shipped(cls) -> "KnowledgeGraph":
        """The graph as it ships with the package."""
        return cls(resources.data_files())

    @classmethod
    def from_paths(cls, paths, with_shipped_data: bool = False) -> "KnowledgeGraph":
        """A graph of the given Turtle files and folders, optionally on top of the shipped data."""
        files = resources.turtle_files_in(paths)
        if with_shipped_data:
            shipped = resources.data_files()
            files = shipped + [f for f in files if f.resolve() not in {s.resolve() for s in shipped}]
        return cls(files)

    @cached_property
    def _ontology(self) -> LoadedGraph:
        return load_files(resources.ontology_files())

    @cached_property
    def _shapes(self) -> LoadedGraph:
        return load_files(resources.shapes_files())

    @cached_property
    def _data(self) -> LoadedGraph:
        return load_files(self.data_files)

    @property
    def ontology(self) -> Graph:
        return self._ontology.graph

    @property
    def shapes(self) -> Graph:
        return self._shapes.graph

    @property
    def data(self) -> Graph:
        """The asserted data, as written in the Turtle files."""
        return self._data.graph

    @property
    def origins(self):
        """Where each subject of the data is defined (file and line)."""
        return self._data.origins

    @cached_property
    def _inference(self) -> Inference:
        return infer(self.ontology, self.data)

    @property
    def inferred(self) -> Graph:
        """Triples the OWL RL closure adds to ontology + data, without owlrl's noise."""
        return self._inference.inferred

    @property
    def inconsistencies(self) -> list[str]:
        return self._inference.inconsistencies

    def union(self) -> Graph:
        """Ontology, asserted data and inferred triples in one new graph (for queries)."""
        graph = bind_prefixes(Graph())
        for part in (self.ontology, self.data, self.inferred):
            for triple in part:
                graph.add(triple)
        return graph

    def validate(self) -> ValidationReport:
        """Check consistency (OWL RL) and conformance (SHACL); the report lists every problem."""
        report = validate(self.data, self.inferred, self.ontology, self.shapes, self.origins)
        report.problems[:0] = inconsistency_problems(self.inconsistencies)
        return report

    def summary(self) -> dict[str, int]:
        """How many things of each main kind the graph holds (inferred types included)."""
        typed = Graph()
        for part in (self.data, self.inferred):
            for triple in part.triples((None, RDF.type, None)):
                typed.add(triple)
        return {cls.split("#")[-1]: len(set(typed.subjects(RDF.type, cls))) for cls in SUMMARY_CLASSES}
