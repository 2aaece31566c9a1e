"""The built site in headless Chromium: charts drawn, numbers in each language's format, the switcher."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import DEFAULT_LANGUAGE, LANGUAGES, lang_root, reach_for_charts, serve

pytestmark = [pytest.mark.browser, pytest.mark.build]

NBSP = "\u00a0"


def _open(page, url: str):
    page.goto(url)
    reach_for_charts(page)
    return page


def _drawn_charts(page) -> list[dict]:
    return page.eval_on_selector_all("figure.report-chart", """figs => figs.map(f => ({
        id: f.dataset.chart,
        state: f.dataset.chartState,
        bars: f.querySelectorAll('.report-chart__view svg .mark-rect path').length,
        labels: Array.from(f.querySelectorAll('.report-chart__view svg text')).map(t => t.textContent),
    }))""")


@pytest.mark.parametrize("path, lang", [("", "nb"), ("nn/", "nn"), ("en/", "en")])
def test_front_page_shows_key_figures(page, site_url, path, lang):
    _open(page, site_url + path)
    assert page.get_attribute("html", "lang") == lang
    values = page.locator(".key-figure__value").all_inner_texts()
    if lang in ("nb", "nn"):
        assert values == [f"43{NBSP}prosentpoeng", f"31{NBSP}prosentpoeng"]
    else:
        assert values == [f"43{NBSP}percentage points", f"31{NBSP}percentage points"]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_front_page_gives_the_three_main_points_before_the_key_figures(page, site_url, lang, width):
    """A busy reader gets the report's three main points first: above the first key-figure card, on a
    desktop and on a phone (the list under the heading with the id 'hovedpunkter', in every language)."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site_url + ("" if lang == DEFAULT_LANGUAGE else f"{lang}/"))
    assert page.get_attribute("html", "lang") == lang
    points = page.locator("#hovedpunkter + ul > li")
    first_card = page.locator(".key-figure").first
    expect(first_card).to_be_visible()
    assert points.count() == 3
    card_top = first_card.bounding_box()["y"]
    for i in range(3):
        expect(points.nth(i)).to_be_visible()
        assert points.nth(i).inner_text().strip()
        box = points.nth(i).bounding_box()
        assert box["y"] + box["height"] <= card_top, (lang, width, i, box, card_top)


@pytest.mark.parametrize("path, lang", [("funn/", "nb"), ("nn/funn/", "nn"), ("en/funn/", "en")])
def test_findings_page_draws_every_chart(page, site_url, path, lang):
    _open(page, site_url + path)
    charts = _drawn_charts(page)
    assert [c["id"] for c in charts] == ["lup-share", "participation-gaps"]
    for chart in charts:
        assert chart["state"] == "interactive", chart
        assert chart["bars"] == 2, chart
    share_labels = charts[0]["labels"]
    gap_labels = charts[1]["labels"]
    if lang == "nb":
        assert f"28{NBSP}%" in share_labels and f"40{NBSP}%" in share_labels
        assert f"43{NBSP}prosentpoeng" in gap_labels and "Innovative anskaffelser" in gap_labels
        assert "Andre kommuner (beregnet)" in share_labels
    elif lang == "nn":
        assert f"28{NBSP}%" in share_labels and f"43{NBSP}prosentpoeng" in gap_labels
        assert "Innovative anskaffingar" in gap_labels and "Andre kommunar (berekna)" in share_labels
    else:
        assert "28%" in share_labels and "40%" in share_labels
        assert f"43{NBSP}percentage points" in gap_labels and "Innovative procurement" in gap_labels
        assert "Other municipalities (computed)" in share_labels


@pytest.mark.parametrize("start, target, lang", [("funn/", "en/funn/", "en"), ("en/funn/", "funn/", "nb"),
                                                   ("en/ordliste/", "ordliste/", "nb")])
def test_language_switcher_keeps_the_page(page, site_url, start, target, lang):
    _open(page, site_url + start)
    page.hover(".md-header__option .md-select")
    page.click(f".md-select__link[hreflang='{lang}']")
    page.wait_for_load_state()
    assert page.url == site_url + target
    assert page.get_attribute("html", "lang") == lang


@pytest.fixture(scope="module")
def decimal_site(variant_site_folder):
    """The real site with one sourced figure given a decimal, to see decimal formats end to end."""
    with serve(variant_site_folder) as url:
        yield url


def test_decimal_comma_in_nb_and_point_in_en(page, decimal_site):
    _open(page, decimal_site + "funn/")
    assert f"27,8{NBSP}%" in page.inner_text("#lup-share-small + .finding .finding__text")
    labels = _drawn_charts(page)[0]["labels"]
    assert f"27,8{NBSP}%" in labels and f"72,2{NBSP}%" in labels
    _open(page, decimal_site + "en/funn/")
    assert "27.8%" in page.inner_text("#lup-share-small + .finding .finding__text")
    labels = _drawn_charts(page)[0]["labels"]
    assert "27.8%" in labels and "72.2%" in labels


@pytest.mark.parametrize("path, query, expected", [
    ("funn/", "leverandørutviklingsprogrammet", "Funn"),
    ("nn/funn/", "anskaffingar", "Funn"),
    ("en/funn/", "procurement", "Findings"),
])
def test_search_finds_words_in_the_page_language(page, site_url, path, query, expected):
    _open(page, site_url + path)
    page.keyboard.press("/")  # Material's shortcut opens the search dialog
    page.keyboard.type(query, delay=20)  # Material searches on key events, not on a filled value
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    titles = results.locator(".md-search-result__link > article h1").all_inner_texts()
    assert expected in titles
    # Only pages in the reader's language: each language searches its own index.
    links = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")
    root = path[: -len("funn/")]
    others = tuple(site_url + lang_root(lang) for lang in LANGUAGES if lang_root(lang) not in ("", root))
    assert links and all(link.startswith(site_url + root) and not link.startswith(others) for link in links)


def test_a_word_in_both_languages_finds_only_the_page_language(page, site_url):
    """'Klimasats' is in both languages' pages; each language's search shows its own."""
    for root in (lang_root(lang) for lang in LANGUAGES):
        path = root + "funn/"
        _open(page, site_url + path)
        page.keyboard.press("/")
        page.keyboard.type("Klimasats", delay=20)
        page.locator(".md-search-result__item").first.wait_for(timeout=15000)
        links = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")
        others = tuple(site_url + lang_root(lang) for lang in LANGUAGES if lang_root(lang) not in ("", root))
        assert links and all(link.startswith(site_url + root) and not link.startswith(others) for link in links)


@pytest.mark.parametrize("path", ["funn/", "en/funn/"])
def test_site_name_once_and_finding_tools_in_one_named_row(page, site_url, path):
    page.goto(site_url + path)
    site_name = page.locator(".md-header__topic").first.inner_text().strip()
    assert site_name
    # Wide screen: the header names the site, the navigation does not repeat it.
    visible = [t.strip() for t in page.locator(".md-sidebar--primary :visible").all_inner_texts()]
    assert not any(t == site_name for t in visible), f"the navigation repeats the site name: {visible}"
    assert not page.locator(".md-nav--primary > .md-nav__title").is_visible()
    # Narrow screen: the drawer (which covers the header) names it, once.
    page.set_viewport_size({"width": 320, "height": 640})
    page.click(".md-header label[for=__drawer]")
    assert page.locator(".md-nav--primary > .md-nav__title").is_visible()
    drawer_texts = [t.strip() for t in page.locator(".md-nav--primary .md-nav__link").all_inner_texts()]
    assert site_name not in drawer_texts
    # Each finding's tools are one group, named after the finding, and sit in one row that wraps.
    tools = page.locator(".finding__tools")
    assert tools.count() == page.locator(".finding").count() > 0
    for i in range(tools.count()):
        row = tools.nth(i)
        assert row.get_attribute("role") == "group"
        title = row.evaluate("e => e.closest('.finding').previousElementSibling.textContent")
        assert title.strip().replace("\u00b6", "").strip() in row.get_attribute("aria-label")
        assert row.evaluate("e => getComputedStyle(e).display") == "flex"
        assert row.locator("details.report-disclosure").count() >= 1
        box = row.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320
