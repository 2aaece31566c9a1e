"""The offline bundle, unzipped and opened from file:// in Chromium with every other request aborted."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from conftest import DEFAULT_LANGUAGE, LANGUAGES, lang_root, reach_for_charts, search_for
from tools.build_site import bundle_stem

NB_PAGES = ["index.html", "funn.html", "arsaker.html", "anbefalinger.html", "om-rapporten.html",
            "ordliste.html", "tilgjengelighet.html"]
PAGES = [lang_root(lang) + p for lang in LANGUAGES for p in NB_PAGES]


@pytest.fixture(scope="module")
def unpacked(built_bundle, tmp_path_factory) -> Path:
    """The zip unpacked where a reader might put it: a folder whose path has a space and a non-ASCII letter."""
    target = tmp_path_factory.mktemp("unpacked") / "Nedlastinger ø"
    with zipfile.ZipFile(built_bundle.zip_path) as archive:
        archive.extractall(target)
    return target / bundle_stem(built_bundle.epoch)


@pytest.fixture
def offline_page(browser):
    """A page whose requests outside file:// are aborted and counted, with console errors collected."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.outside_requests, page.console_errors, page.failed_requests = [], [], []

    def route(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            page.outside_requests.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    # A file that is missing fails with its own error; a request the browser itself abandons when the
    # test moves on to the next page (the favicon, on a busy machine) fails with ERR_ABORTED, and is
    # no fault of the bundle. Requests outside the folder are counted above, whatever became of them.
    page.on("requestfailed", lambda r: r.failure != "net::ERR_ABORTED" and page.failed_requests.append(r.url))
    yield page
    context.close()


def _open(page, folder: Path, path: str):
    page.goto((folder / path).as_uri())
    reach_for_charts(page)


@pytest.mark.build
def test_zip_unpacks_into_one_folder_with_the_front_page(built_bundle):
    with zipfile.ZipFile(built_bundle.zip_path) as archive:
        names = archive.namelist()
    stem = bundle_stem(built_bundle.epoch)
    assert built_bundle.zip_path.name == f"{stem}.zip"
    assert all(name.startswith(stem + "/") for name in names)
    assert f"{stem}/index.html" in names and f"{stem}/en/index.html" in names
    assert not [n for n in names if n.endswith(".map")], "source maps serve no reader"


@pytest.mark.browser
@pytest.mark.build
def test_every_page_works_offline_with_no_request_outside_the_folder(offline_page, unpacked):
    page, drawn = offline_page, {}
    for path in PAGES:
        _open(page, unpacked, path)
        lang = next((code for code in LANGUAGES if path.startswith(f"{code}/")), DEFAULT_LANGUAGE)
        assert page.get_attribute("html", "lang") == lang, path
        assert page.locator("nav.md-nav--primary a.md-nav__link").count() >= len(NB_PAGES), path
        charts = page.eval_on_selector_all(
            "figure.report-chart", """figs => figs.map(f => [f.dataset.chartState,
                f.querySelectorAll('.report-chart__view svg .mark-rect path').length,
                f.querySelector('.report-chart__view').getBoundingClientRect().width])""")
        for state, bars, width in charts:
            # Drawn by Vega, with its bars, as wide as the text (not squeezed to nothing in a <figure>).
            assert state == "interactive" and bars > 0 and width > 300, (path, charts)
        drawn[path] = len(charts)
    assert {drawn[lang_root(lang) + "funn.html"] for lang in LANGUAGES} == {2}
    assert page.outside_requests == []
    assert page.failed_requests == []
    assert page.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("path, word, lang", [("funn.html", "kommunene", "nb"), ("nn/funn.html", "kommunane", "nn"),
                                              ("en/funn.html", "municipalities", "en")])
@pytest.mark.build
def test_search_finds_pages_in_the_page_language(offline_page, unpacked, path, word, lang):
    page = offline_page
    _open(page, unpacked, path)
    search_for(page, word)
    hrefs = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")
    inside = [h[len(unpacked.as_uri()) + 1:] for h in hrefs]
    assert all(h.startswith(unpacked.as_uri() + "/") for h in hrefs), hrefs
    assert all(h.startswith(lang_root(lang)) and not h.startswith(tuple(f"{code}/" for code in LANGUAGES if code != lang))
               for h in inside), inside
    page.click(".md-search-result__link >> nth=0")
    page.wait_for_load_state()
    assert page.url.startswith(unpacked.as_uri() + "/")
    assert page.outside_requests == [] and page.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("start, target, lang", [("funn.html", "en/funn.html", "en"),
                                                   ("en/ordliste.html", "ordliste.html", "nb"),
                                                   ("funn.html", "nn/funn.html", "nn")])
@pytest.mark.build
def test_language_switcher_works_offline(offline_page, unpacked, start, target, lang):
    page = offline_page
    _open(page, unpacked, start)
    page.hover(".md-header__option .md-select")
    page.click(f".md-select__link[hreflang='{lang}']")
    page.wait_for_load_state()
    assert page.url == (unpacked / target).as_uri()
    assert page.get_attribute("html", "lang") == lang
    assert page.outside_requests == [] and page.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("path, back", [("embed/participation-gaps/index.html", "../../funn.html#innovative-procurement-gap"),
                                        ("en/embed/lup-share/index.html", "../../funn.html#lup-share-small")])
@pytest.mark.build
def test_embed_pages_work_offline(offline_page, unpacked, path, back):
    """A chart's embed page in the bundle: drawn from file://, its link back to the finding's file."""
    page = offline_page
    _open(page, unpacked, path)
    assert page.locator("figure.report-chart[data-chart-state='interactive'] svg .mark-rect path").count() == 2
    assert page.get_attribute(".report-embed__back a", "href") == back
    assert page.outside_requests == [] and page.failed_requests == [] and page.console_errors == []


@pytest.mark.browser
@pytest.mark.build
def test_the_bundle_draws_pages_and_charts_in_the_sites_font(offline_page, unpacked):
    """From file:// a browser refuses font files: the bundle's stylesheet carries the fonts."""
    from test_fonts import _platform_families

    from reportsite.fonts import FAMILY

    page = offline_page
    for path in ("funn.html", "en/funn.html"):
        _open(page, unpacked, path)
        page.evaluate("document.fonts.ready")
        assert _platform_families(page, "article p") == {FAMILY}, path
        assert _platform_families(page, ".report-chart__interactive svg text") == {FAMILY}, path
    assert page.failed_requests == [] and page.console_errors == []
