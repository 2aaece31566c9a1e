"""Search starts when a reader reaches for it (site_src/assets/javascripts/search-on-demand.js): a
page loads neither the search worker, nor lunr, nor the index until then, and search works after."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import material

from conftest import IDLE

BUNDLE = next((Path(material.__file__).parent / "templates" / "assets" / "javascripts").glob("bundle.*.min.js"))
SCRIPT = Path(__file__).resolve().parents[1] / "site_src" / "assets" / "javascripts" / "search-on-demand.js"
SEARCH_FILES = re.compile(r"/workers/search\.|/lunr/|/search/search_index\.json")


@pytest.mark.build
def test_material_starts_its_search_the_way_the_script_expects(built_site):
    """What search-on-demand.js relies on in the installed Material: the worker made with `new Worker`
    from the configured URL, and the index requested with an XMLHttpRequest at that address."""
    bundle = BUNDLE.read_text(encoding="utf-8")
    assert "new Worker(" in bundle and "new XMLHttpRequest" in bundle
    assert '"search/search_index.json"' in bundle
    html = (built_site / "funn" / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)[1])
    worker = re.search(r"var SearchWorker = /(.*)/;", SCRIPT.read_text(encoding="utf-8"))[1].replace("\\/", "/")
    assert re.search(worker, config["search"]), (worker, config["search"])
    # Loaded before Material's bundle, so that the bundle's `new Worker` is the wrapped one.
    assert html.index("search-on-demand.js") < html.index("assets/javascripts/bundle.")


@pytest.mark.browser
@pytest.mark.parametrize("path, query, title", [("funn/", "leverandørutviklingsprogrammet", "Funn"),
                                                ("nn/funn/", "anskaffingar", "Funn"),
                                                ("en/funn/", "procurement", "Findings")])
@pytest.mark.build
def test_search_loads_when_the_reader_reaches_for_it(page, site_url, path, query, title):
    requested: list[str] = []
    page.on("request", lambda r: SEARCH_FILES.search(r.url) and requested.append(r.url))
    page.goto(site_url + path, wait_until="networkidle")
    page.evaluate(IDLE)   # the page's scripts have run and the browser has nothing left to do
    assert requested == [], requested
    page.keyboard.press("/")   # Material's key for the search: the reader reaches for it
    page.keyboard.type(query, delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    assert title in results.locator(".md-search-result__link > article h1").all_inner_texts()
    assert any("/workers/search." in url for url in requested) and any("search_index.json" in url for url in requested)
    if not path.startswith("en/"):   # lunr's Norwegian stemmer; English is built into lunr
        assert any("/lunr/" in url for url in requested), requested
    assert not page.console_errors, page.console_errors


@pytest.mark.browser
@pytest.mark.build
def test_a_pointer_on_the_search_starts_it_before_a_key_is_pressed(page, site_url):
    requested: list[str] = []
    page.on("requestfinished", lambda r: SEARCH_FILES.search(r.url) and requested.append(r.url))
    page.goto(site_url, wait_until="networkidle")
    assert requested == []
    page.locator(".md-search__input").hover()
    page.wait_for_function("() => performance.getEntriesByName('report-search-reached').length === 1")
    page.wait_for_load_state("networkidle")
    assert any("search_index.json" in url for url in requested), requested


@pytest.mark.browser
@pytest.mark.build
def test_a_page_opened_from_a_search_result_marks_the_words_searched_for(page, site_url):
    """Material's search.highlight: a result links to its page with ?h=the+words, and the page marks
    them, which needs the index's settings; so such a page loads the search at once."""
    page.goto(site_url + "funn/?h=leverandørutviklingsprogrammet", wait_until="networkidle")
    marks = page.locator("article mark[data-md-highlight]")
    marks.first.wait_for(timeout=15000)
    assert "leverandørutviklingsprogrammet" in marks.first.inner_text().lower()
    assert not page.console_errors, page.console_errors
