"""Loading Turtle: syntax errors name the right line (both engines); origins point at the defining line."""

import pytest

from eujkg.errors import InputError
from eujkg.build.curation import Origins
from eujkg.build.fast.parse import load
from eujkg.build.reference.parse import load_files

CASES = [
    ("unterminated string", '@prefix a: <http://x/> .\na:b a:c "oops .\n', 2),
    ("missing dot", "@prefix a: <http://x/> .\na:b a:c a:d\na:e a:f a:g .\n", 3),
    ("unknown prefix", "@prefix a: <http://x/> .\n\n\nb:c a:d a:e .\n", 4),
]


@pytest.mark.parametrize("name, text, line", CASES, ids=[c[0] for c in CASES])
def test_syntax_error_names_file_and_line(tmp_path, name, text, line):
    path = tmp_path / "broken.ttl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_files([path])
    assert f"broken.ttl:{line}:" in str(error.value)


@pytest.mark.parametrize("name, text, line", CASES, ids=[c[0] for c in CASES])
def test_fast_engine_syntax_error_names_file_and_line(tmp_path, name, text, line):
    import pyoxigraph as ox
    path = tmp_path / "broken.ttl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        load(ox.Store(), [path], ox.DefaultGraph())
    assert f"broken.ttl:{line}" in str(error.value)


def test_origins_point_at_the_first_line_of_each_subject(tmp_path):
    path = tmp_path / "things.ttl"
    path.write_text("@prefix a: <http://x/> .\n\na:one a:p 1 .\n# comment\n<http://x/two> a:p 2 ;\n    a:q 3 .\n"
                    "a:one\\&sided a:p 4 .\n", encoding="utf-8")
    origins = Origins([path])
    lines = {iri: origins.of(iri).rpartition(":")[2] for iri in ("http://x/one", "http://x/two", "http://x/one&sided")}
    assert lines == {"http://x/one": "3", "http://x/two": "5", "http://x/one&sided": "7"}
    assert origins.of("http://x/three") == ""


def test_undecodable_file_is_an_input_error(tmp_path):
    path = tmp_path / "latin1.ttl"
    path.write_bytes("@prefix a: <http://x/> . a:b a:c \"caf\xe9\" .".encode("latin-1"))
    with pytest.raises(InputError, match="cannot read"):
        load_files([path])
