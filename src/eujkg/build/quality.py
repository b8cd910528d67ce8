"""The data-quality checks of queries/ (`*-violation.rq`: each must find nothing) as a curator's problems.

The shapes say what each kind of thing must look like; these checks say what the graph as a whole must
not hold (an entity that cites no source, a Japanese label no quote supports, a value no quote backs,
two entities with one name). `KnowledgeGraph.validate` adds their rows to the report, with the file and
line of the entity, so `eujkg validate` names what lacks a source and `eujkg build` refuses it.
"""

from __future__ import annotations

from eujkg.build.curation import Origins
from eujkg.build.report import Problem
from eujkg.prefixes import curie

SUFFIX = "-violation"
ENTITY_COLUMNS = ("entity", "first")


def quality_problems(kg) -> list[Problem]:
    origins = Origins(kg.data_files)
    problems = []
    for name in sorted(n for n in kg.queries if n.endswith(SUFFIX)):
        query = kg.stored_query(name)
        message = query.title.replace(" (data-quality check)", "")
        for row in kg.query(name).rows():
            entity = next((str(row[c]) for c in ENTITY_COLUMNS if row.get(c) is not None), "")
            details = "; ".join(f"{k} {_show(v)}" for k, v in row.items() if k not in ENTITY_COLUMNS and v is not None
                                and k != "label")
            problems.append(Problem(
                entity=curie(entity) if entity else "", label=str(row.get("label") or ""), kind="",
                origin=origins.of(entity) if entity else "",
                message=f"{message}{': ' + details if details else ''} (check {name}, queries/{name}.rq)",
                shape=f"query:{name}"))
    return problems


def _show(value) -> str:
    text = str(value)
    return curie(text) if text.startswith("http") else f'"{text}"'
