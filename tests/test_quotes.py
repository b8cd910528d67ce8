"""Every eujkg:quote is the source's own words: it appears in the text of the document its section
belongs to, with runs of whitespace (line breaks, tabs of extracted tables) read as one space and the
markup the text extraction left behind (HTML paragraph and list tags in tables, ** around bold words,
the brackets and address of [linked words](…)) left out, since it is no word of the source. Everything else must match: letters, digits, footnote
marks, punctuation, curly or straight quotation marks.

The texts are not part of the repository: they are looked for in ../shared/sources/ beside the
checkout (or in the folder $EUJKG_SOURCES_DIR names), whose README.md maps each source id to its
file. Where that folder is missing the tests skip and say so."""

import os
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SOURCES = Path(os.environ.get("EUJKG_SOURCES_DIR") or REPO.parent / "shared" / "sources")
README_ROW = re.compile(r"^\|\s*([a-z0-9-]+)\s*\|\s*([^|\s]+\.txt)\s*\|", re.MULTILINE)

QUOTES = """
SELECT ?entity ?quote ?id WHERE {
  ?entity eujkg:citation ?citation .
  ?citation eujkg:quote ?quote ; eujkg:section/eujkg:sectionOf/eujkg:sourceId ?id .
}"""

needs_sources = pytest.mark.skipif(
    not (SOURCES / "README.md").is_file(),
    reason=f"the source texts are not here ({SOURCES} has no README.md); set EUJKG_SOURCES_DIR to check quotes")


TAG = re.compile(r"</?(?:p|ul|li)\b[^>]*>")
LINK = re.compile(r"\[([^\]\n]*)\]\([^)\s]*\)")


def normalised(text: str) -> str:
    """Whitespace runs as one space; table tags as a space; bold markers and link syntax dropped."""
    text = LINK.sub(r"\1", TAG.sub(" ", text)).replace("**", "")
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def documents() -> dict[str, str]:
    """Source id → normalised text, from the file the sources README names for it."""
    readme = (SOURCES / "README.md").read_text(encoding="utf-8")
    return {sid: normalised((SOURCES / name).read_text(encoding="utf-8")) for sid, name in README_ROW.findall(readme)}


REPORTS = """
SELECT DISTINCT ?id WHERE {
  ?document eujkg:sourceId ?id .
  FILTER NOT EXISTS { ?document dct:type <http://purl.org/dc/dcmitype/Dataset> }
}"""


@needs_sources
def test_every_cited_document_has_its_text(shipped, documents):
    """Every report has its text here. The reference datasets (dct:type Dataset) ship in Python packages:
    data/links.ttl quotes their records, and tests/test_links.py checks it is what the generator writes."""
    cited = {str(row["id"]) for row in shipped.sparql(REPORTS).rows()}
    assert cited <= documents.keys(), f"no text for {sorted(cited - documents.keys())} in {SOURCES}/README.md"


@needs_sources
def test_every_quote_is_in_its_document(shipped, documents):
    rows = shipped.sparql(QUOTES).rows()
    assert rows, "the graph has no quotes to check"
    missing = [f"{row['entity']} ({row['id']}): {row['quote']!r}" for row in rows
               if str(row["id"]) in documents and normalised(str(row["quote"])) not in documents[str(row["id"])]]
    assert not missing, f"{len(missing)} quotes are not in their document:\n" + "\n".join(sorted(missing))
