"""Where the ontology, shapes, data and queries are read from.

A curator who edits a file in a checkout must see the effect whatever the install, so a checkout
wins: $EUJKG_HOME if set, else the nearest folder at or above the current directory that holds
eujkg's pyproject.toml with ontology/, data/ and queries/ beside it. Outside a checkout, an installed
wheel carries them inside the package (`eujkg/ontology`, `eujkg/data`, `eujkg/queries`), and an
editable install finds them at its repository's top level.
"""

import os
from importlib import resources
from pathlib import Path

from eujkg.errors import InputError

SHAPES_SUFFIX = ".shapes.ttl"
FOLDERS = ("ontology", "data", "queries")


def _is_checkout(folder: Path) -> bool:
    project = folder / "pyproject.toml"
    if not (project.is_file() and all((folder / name).is_dir() for name in FOLDERS)):
        return False
    try:
        return 'name = "eujkg"' in project.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False


def checkout_root() -> Path | None:
    """The checkout being worked in ($EUJKG_HOME, or found from the current directory upwards), if any."""
    home = os.environ.get("EUJKG_HOME")
    if home:
        root = Path(home).expanduser().resolve()
        if not _is_checkout(root):
            raise InputError(f"EUJKG_HOME={home}: not an eujkg checkout (pyproject.toml, ontology/, data/, queries/)")
        return root
    try:
        here = Path.cwd().resolve()
    except OSError:
        return None
    return next((folder for folder in (here, *here.parents) if _is_checkout(folder)), None)


def root() -> Path:
    """The folder whose ontology/, data/ and queries/ are read."""
    checkout = checkout_root()
    if checkout is not None:
        return checkout
    packaged = Path(str(resources.files("eujkg")))
    if all((packaged / name).is_dir() for name in FOLDERS):
        return packaged
    editable = Path(__file__).resolve().parents[2]
    if all((editable / name).is_dir() for name in FOLDERS):
        return editable
    raise InputError("the shipped ontology, data and queries are missing from the eujkg installation; reinstall it")


def origin(given_data: list[Path] | None = None) -> str:
    """One line saying which files are read, for every command to print."""
    where = root()
    kind = "the checkout" if where == checkout_root() else "the installed package"
    data = f"{len(given_data)} given data files" if given_data is not None else f"{len(data_files())} data files"
    return (f"reading {data}, {len(ontology_files())} ontology modules, {len(shapes_files())} shape files "
            f"and the stored queries of {kind} at {where}")

# Data files written by a generator (`python -m eujkg.links`); they only add statements about
# entities that hand-written files define, so they are read last and a report points at the
# hand-written file that defines an entity.
GENERATED_DATA_FILES = ("links.ttl",)


def _folder(name: str) -> Path:
    return root() / name


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
