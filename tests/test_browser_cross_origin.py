"""A web application on another site can use the server: a page served from a second loopback port (another
origin) reads the SPARQL endpoint, an entity IRI and the ontology with `fetch`, in headless Chromium. The
browser enforces CORS itself: without the server's Access-Control headers every read below fails.

The page makes simple requests (GET with Accept), and requests the browser must first ask about with a
preflight OPTIONS (POST application/sparql-query, a conditional GET with If-None-Match)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from browser_fixtures import OUTPUT

SELECT = ("SELECT ?c WHERE { ?c a <https://w3id.org/eujkg/ontology#Cooperation> } ORDER BY ?c")
KOBE = "https://w3id.org/eujkg/id/place/kobe"

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>another site</title></head><body>
<h1>A page on another origin</h1><pre id="out"></pre>
<script>
const server = SERVER, query = QUERY;
async function run() {
  const out = {origin: location.origin};
  const get = await fetch(server + "/sparql?query=" + encodeURIComponent(query),
                          {headers: {"Accept": "application/sparql-results+json"}});
  out.get = {status: get.status, rows: (await get.json()).results.bindings.map(b => b.c.value),
             etag: get.headers.get("ETag")};
  const post = await fetch(server + "/sparql", {method: "POST", body: query,
      headers: {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}});
  out.post = {status: post.status, rows: (await post.json()).results.bindings.map(b => b.c.value)};
  const entity = await fetch(server + "/id/place/kobe", {headers: {"Accept": "text/turtle"}});
  out.entity = {status: entity.status, type: entity.headers.get("Content-Type"), body: await entity.text(),
                etag: entity.headers.get("ETag")};
  const again = await fetch(server + "/id/place/kobe", {cache: "no-store",
      headers: {"Accept": "text/turtle", "If-None-Match": out.entity.etag}});
  out.again = {status: again.status};
  const ontology = await fetch(server + "/ontology", {headers: {"Accept": "application/ld+json"}});
  out.ontology = {status: ontology.status, type: ontology.headers.get("Content-Type")};
  return out;
}
run().then(out => { document.getElementById("out").textContent = JSON.stringify(out); },
           error => { document.getElementById("out").textContent = JSON.stringify({error: String(error)}); });
</script></body></html>"""


@pytest.fixture(scope="module")
def other_site(live_server):
    """A second web server on another loopback port: another origin, serving only the page above."""
    page = PAGE.replace("SERVER", json.dumps(live_server)).replace("QUERY", json.dumps(SELECT)).encode()

    class Page(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    site = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{site.server_address[1]}"
    site.shutdown()
    site.server_close()


def test_a_page_on_another_origin_reads_the_endpoint_and_the_iris(browser, live_server, other_site, shipped):
    from rdflib import Graph, URIRef
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    assert other_site.rsplit(":", 1)[1] != live_server.rsplit(":", 1)[1]  # two origins
    browser.get(other_site + "/")
    text = WebDriverWait(browser, 30).until(lambda b: b.find_element(By.ID, "out").text)
    browser.save_screenshot(str(OUTPUT / "cross-origin.png"))
    out = json.loads(text)
    assert "error" not in out, out["error"]  # "TypeError: Failed to fetch" is how a CORS refusal looks
    assert out["origin"] == other_site

    expected = [str(row["c"]) for row in shipped.sparql(SELECT).rows()]
    assert out["get"] == {"status": 200, "rows": expected, "etag": out["get"]["etag"]} and out["get"]["etag"]
    assert out["post"] == {"status": 200, "rows": expected}

    assert out["entity"]["status"] == 200 and out["entity"]["type"].startswith("text/turtle")
    graph = Graph().parse(data=out["entity"]["body"], format="turtle")
    assert (URIRef(KOBE), URIRef("https://w3id.org/eujkg/ontology#locatedIn"),
            URIRef("https://w3id.org/eujkg/id/place/japan")) in graph
    assert out["again"] == {"status": 304}
    assert out["ontology"]["status"] == 200 and out["ontology"]["type"].startswith("application/ld+json")
