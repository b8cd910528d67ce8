"""On-disk cache of the expensive work (reasoning and validation), keyed by content.

An entry holds the ontology, the asserted data and the inferred triples as N-Triples, the
validation report and a few counts, and, once something has read it, the same three graphs in
pyoxigraph's on-disk store, which a new process opens read-only in milliseconds instead of parsing
the whole graph again. The key hashes the ontology, shapes and data files and the
modules that build an entry, so any edit to them makes a new entry; nothing is ever stale.
Entries are written to a temporary folder and renamed into place, so a reader never sees half
of one.
"""

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

LAYOUT = 1  # bump when the files of an entry change
GRAPH_FILES = {"ontology": "ontology.nt", "data": "data.nt", "inferred": "inferred.nt"}
STORE_FOLDER = "store"


def cache_root() -> Path:
    """EUJKG_CACHE_DIR if set, else $XDG_CACHE_HOME/eujkg, else ~/.cache/eujkg."""
    if os.environ.get("EUJKG_CACHE_DIR"):
        return Path(os.environ["EUJKG_CACHE_DIR"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "eujkg"
    return Path.home() / ".cache" / "eujkg"


def content_key(ontology: list[Path], shapes: list[Path], data: list[Path], engine: str = "fast") -> str:
    digest = hashlib.sha256(f"eujkg-cache-layout-{LAYOUT}-engine-{engine}".encode())
    package = Path(__file__).parents[1]
    # every module of eujkg.build, and the ones whose text ends up in a report (CURIEs, file names)
    code = sorted(Path(__file__).parent.rglob("*.py")) + [package / "prefixes.py", package / "errors.py"]
    groups = {"code": code, "ontology": ontology, "shapes": shapes, "data": data}
    for role, paths in groups.items():
        for path in paths:
            digest.update(f"\0{role}\0{path.name}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


@dataclass(frozen=True)
class CacheEntry:
    folder: Path

    def graph_file(self, name: str) -> Path:
        return self.folder / GRAPH_FILES[name]

    @property
    def meta(self) -> dict:
        return json.loads((self.folder / "meta.json").read_text(encoding="utf-8"))

    @property
    def report(self) -> list[dict]:
        return json.loads((self.folder / "report.json").read_text(encoding="utf-8"))

    def query_store(self, graph_names: dict[str, str]) -> Path:
        """The folder of pyoxigraph's on-disk store holding the three graphs as named graphs
        `graph_names[name]`; the first call writes it (beside the N-Triples, renamed into place)."""
        import pyoxigraph as ox

        target = self.folder / STORE_FOLDER
        if not target.is_dir():
            staging = Path(tempfile.mkdtemp(prefix=".store-", dir=self.folder))
            try:
                store = ox.Store(str(staging))
                for name, iri in graph_names.items():
                    store.bulk_load(path=str(self.graph_file(name)), format=ox.RdfFormat.N_TRIPLES,
                                    to_graph=ox.NamedNode(iri), lenient=True)  # our own N-Triples, checked once
                store.flush()
                del store  # closes the database before it is renamed into place
                try:
                    staging.rename(target)
                except OSError:
                    if not target.is_dir():  # another process renamed its copy first: use that one
                        raise
            finally:
                shutil.rmtree(staging, ignore_errors=True)
        return target


def lookup(key: str, root: Path | None = None) -> CacheEntry | None:
    folder = (root or cache_root()) / key
    complete = folder.is_dir() and all((folder / f).is_file() for f in (*GRAPH_FILES.values(), "meta.json", "report.json"))
    return CacheEntry(folder) if complete else None


def store(key: str, graphs: dict[str, bytes], report: list[dict], meta: dict, root: Path | None = None) -> CacheEntry:
    """Write an entry atomically and return it (an entry another process wrote first wins)."""
    root = root or cache_root()
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".building-", dir=root))
    try:
        for name, content in graphs.items():
            (staging / GRAPH_FILES[name]).write_bytes(content)
        (staging / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        (staging / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        try:
            staging.rename(root / key)
        except OSError:
            if lookup(key, root) is None:
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return CacheEntry(root / key)
