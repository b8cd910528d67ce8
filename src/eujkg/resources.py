"""Where the shipped ontology, shapes, data and queries are.

An installed wheel carries them inside the package (`eujkg/ontology`, `eujkg/data`,
`eujkg/queries`); an editable install or a checkout finds them at the repository's top level.
"""

from importlib import resources
from pathlib import Path

from eujkg.errors import InputError

SHAPES_SUFFIX = ".shapes.ttl"
# Data files written by a generator (`python -m eujkg.links`); they only add statements about
# entities that hand-written files define, so they are read last and a report points at the
# hand-written file that defines an entity.
GENERATED_DATA_FILES = ("links.ttl",)


def _folder(name: str) -> Path:
    packaged = Path(str(resources.files("eujkg"))) / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / name
    if checkout.is_dir():
        return checkout
    raise InputError(f"the shipped '{name}' folder is missing from the eujkg installation; reinstall the package")


def ontology_dir() -> Path:
    return _folder("ontology")


def data_dir() -> Path:
    return _folder("data")


def queries_dir() -> Path:
    return _folder("queries")


def ontology_files() -> list[Path]:
    """The ontology modules (Turtle files in ontology/ that are not shapes)."""
    return sorted(p for p in ontology_dir().glob("*.ttl") if not p.name.endswith(SHAPES_SUFFIX))


def shapes_files() -> list[Path]:
    """The SHACL shapes, one `<module>.shapes.ttl` beside each ontology module."""
    return sorted(ontology_dir().glob("*" + SHAPES_SUFFIX))


def data_files() -> list[Path]:
    return _generated_last(data_dir().glob("*.ttl"))


def _generated_last(paths) -> list[Path]:
    return sorted(paths, key=lambda p: (p.name in GENERATED_DATA_FILES, p.name))


def turtle_files_in(paths) -> list[Path]:
    """Expand files and folders given by a user into the Turtle files they name, in order."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = _generated_last(path.glob("*.ttl"))
            if not inside:
                raise InputError(f"{path}: folder holds no .ttl files")
            found.extend(inside)
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return found
