"""`eujkg publish` to stores that ask for credentials: Digest (Virtuoso) and Basic (a proxy in front of
Oxigraph). Credentials come from EUJKG_USER/EUJKG_PASSWORD or ~/.netrc, never from the command line,
and are never printed."""

import pytest

from eujkg import InputError, KnowledgeGraph
from eujkg.cli import EXIT_ERROR, EXIT_OK, main

AUTHENTICATED = ("virtuoso_store", "basic_auth_store")


@pytest.fixture(params=AUTHENTICATED)
def store(request, shipped, monkeypatch, tmp_path):
    """A store that asks for credentials, with none in the environment and a HOME without ~/.netrc."""
    shipped.ensure_built()
    for name in ("EUJKG_USER", "EUJKG_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    return request.getfixturevalue(request.param)


def publish(capsys, url: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["publish", "--endpoint", url])
    out, err = capsys.readouterr()
    return code, out, err


def triples_in(store, shipped) -> int:
    graph = "https://w3id.org/eujkg/graph/data"
    with_credentials = KnowledgeGraph.remote(store.query)
    return with_credentials.sparql(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").rows()[0]["n"]


def test_credentials_from_the_environment(store, shipped, monkeypatch, capsys):
    monkeypatch.setenv("EUJKG_USER", store.user)
    monkeypatch.setenv("EUJKG_PASSWORD", store.password)
    code, out, err = publish(capsys, store.graph_store)
    assert code == EXIT_OK, err
    assert store.password not in out + err
    assert triples_in(store, shipped) == shipped.triple_counts["data"]


def test_credentials_from_netrc(store, shipped, tmp_path, capsys):
    host = store.graph_store.split("/")[2].split(":")[0]
    netrc = tmp_path / ".netrc"
    netrc.write_text(f"machine {host}\n  login {store.user}\n  password {store.password}\n")
    netrc.chmod(0o600)
    code, out, err = publish(capsys, store.graph_store)
    assert code == EXIT_OK, err
    assert store.password not in out + err


def test_no_credentials_says_where_they_go(store, capsys):
    code, out, err = publish(capsys, store.graph_store)
    assert code == EXIT_ERROR and "Traceback" not in err
    error = err.strip().splitlines()[-1]
    assert error.startswith(f"eujkg: error: {store.graph_store.split('?')[0]} answered 401")
    assert "401" in error and "EUJKG_USER" in error and "EUJKG_PASSWORD" in error and "~/.netrc" in error


def test_wrong_password_is_refused_and_not_printed(store, monkeypatch, capsys):
    wrong = "not-" + store.password
    monkeypatch.setenv("EUJKG_USER", store.user)
    monkeypatch.setenv("EUJKG_PASSWORD", wrong)
    code, out, err = publish(capsys, store.graph_store)
    assert code == EXIT_ERROR and "401" in err and "Traceback" not in err
    assert wrong not in out + err


def test_credentials_in_the_url_are_refused_unprinted(store, capsys):
    scheme, rest = store.graph_store.split("://")
    url = f"{scheme}://{store.user}:{store.password}@{rest}"
    code, out, err = publish(capsys, url)
    assert code == EXIT_ERROR and "Traceback" not in err
    assert store.password not in out + err
    assert "EUJKG_USER" in err and "~/.netrc" in err
    with pytest.raises(InputError, match="EUJKG_USER") as refused:
        KnowledgeGraph.remote(url.replace("/store", "/query").replace("/sparql-graph-crud-auth", "/sparql"))
    assert store.password not in str(refused.value)


def test_publish_help_names_the_credential_sources(capsys):
    with pytest.raises(SystemExit):
        main(["publish", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "EUJKG_USER" in text and "EUJKG_PASSWORD" in text and "~/.netrc" in text
    assert "--password" not in text and "--user" not in text
