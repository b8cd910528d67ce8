"""A validation report and its problems: plain data, so a cached report loads without rdflib."""

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data: which entity, where it is defined, what is wrong."""

    entity: str
    label: str
    kind: str
    origin: str
    message: str
    path: str = ""
    value: str = ""
    shape: str = ""

    def as_text(self) -> str:
        where = f"{self.origin}: " if self.origin else ""
        what = f"{self.kind} " if self.kind else ""
        named = f' "{self.label}"' if self.label else ""
        lines = [f"{where}{what}{self.entity}{named}", f"  - {self.message}"]
        detail = ", ".join(
            part for part in (
                f"property {self.path}" if self.path else "",
                f"value {self.value}" if self.value else "",
                f"shape {self.shape}" if self.shape else "",
            ) if part
        )
        if detail:
            lines.append(f"    ({detail})")
        return "\n".join(lines)


@dataclass
class ValidationReport:
    problems: list[Problem] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not self.problems

    def as_text(self) -> str:
        if self.conforms:
            return "The data conforms to the shapes and the ontology: no problems found."
        entities = len({(p.entity, p.origin) for p in self.problems})
        body = "\n".join(p.as_text() for p in self.problems)
        count = len(self.problems)
        return (f"{body}\n\n{count} problem{'s' if count != 1 else ''} in {entities} "
                f"entit{'ies' if entities != 1 else 'y'}: the data does not conform.")

    def to_json(self) -> list[dict]:
        return [asdict(p) for p in self.problems]

    @classmethod
    def from_json(cls, items: list[dict]) -> "ValidationReport":
        return cls([Problem(**item) for item in items])
