"""End to end in headless Chromium (Debian's chromium and chromedriver, driven by Selenium): search,
entity pages, the network picture and a stored query from its form. Screenshots go to test-output/.
The browser comes from browser_fixtures.py."""

from browser_fixtures import OUTPUT


def test_search_follow_links_network_and_query(browser, live_server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as arrived
    from selenium.webdriver.support.ui import WebDriverWait

    def shot(name):
        browser.save_screenshot(str(OUTPUT / f"{name}.png"))

    def wait_for(url_part, css="h1"):
        """Wait until the browser is on a page whose URL contains `url_part` and shows `css`."""
        wait = WebDriverWait(browser, 20)
        wait.until(arrived.url_contains(url_part))
        return wait.until(arrived.presence_of_element_located((By.CSS_SELECTOR, css)))

    browser.get(live_server + "/")
    assert "EU–Japan Cluster Cooperation Knowledge Graph" in browser.find_element(By.TAG_NAME, "h1").text
    shot("1-home")

    box = browser.find_element(By.CSS_SELECTOR, "form.big-search input[name=q]")
    box.send_keys("Kobe")
    box.submit()
    wait_for("/search?q=Kobe", "ol.hits")
    results = browser.find_elements(By.CSS_SELECTOR, "ol.hits a")
    assert "Kobe Biomedical Innovation Cluster" in [a.text for a in results]
    shot("2-search-kobe")

    browser.find_element(By.LINK_TEXT, "Kobe Biomedical Innovation Cluster").click()
    wait_for("/id/organisation/kobe-biomedical-innovation-cluster")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Kobe Biomedical Innovation Cluster"
    assert browser.current_url.endswith("/id/organisation/kobe-biomedical-innovation-cluster")
    shot("3-kobe-biomedical-innovation-cluster")

    browser.find_element(By.LINK_TEXT, "Life Science Nord").click()
    wait_for("/id/organisation/life-science-nord", "table.asserted")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Life Science Nord"
    assert "Hamburg" in browser.find_element(By.CSS_SELECTOR, "table.asserted").text
    shot("4-life-science-nord")

    browser.find_element(By.LINK_TEXT, "Network").click()
    wait_for("/network", "#network circle")
    svg = browser.find_element(By.ID, "network")
    nodes = svg.find_elements(By.CSS_SELECTOR, "circle")
    edges = svg.find_elements(By.CSS_SELECTOR, "line.edge")
    assert len(nodes) >= 40 and len(edges) >= 20
    assert "Life Science Nord" in svg.text and "Kobe Biomedical Innovation Cluster" in svg.text
    shot("5-network")
    from selenium.webdriver.support.ui import Select
    Select(browser.find_element(By.ID, "sector")).select_by_visible_text("Energy")
    wait_for("sector=", "#network circle")
    svg = browser.find_element(By.ID, "network")
    assert "Fukushima Prefectural Government" in svg.text and "Life Science Nord" not in svg.text
    shot("6-network-energy")

    browser.find_element(By.LINK_TEXT, "Questions").click()
    wait_for("/queries", "form[action='/queries/partners']")
    form = browser.find_element(By.CSS_SELECTOR, "form[action='/queries/partners']")
    field = form.find_element(By.NAME, "actor")
    field.clear()
    field.send_keys("Life Science Nord")
    form.find_element(By.TAG_NAME, "button").click()
    wait_for("/queries/partners?actor=", ".result-count")
    assert browser.find_element(By.CSS_SELECTOR, ".result-count").text == "2 rows"
    cells = browser.find_element(By.CSS_SELECTOR, "table.results").text
    assert "Kobe Biomedical Innovation Cluster" in cells and "Japanese" in cells
    shot("7-query-partners")
