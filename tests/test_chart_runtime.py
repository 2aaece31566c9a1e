"""The chart runtime (vega-bundle.js) loads when a reader reaches for a chart, not with the page.

Before that, each chart is its static SVG, painted with the page; a pointer over a chart, or the
keyboard's focus in it, loads the runtime and the chart's interactive view takes the same box,
with tooltips in the page's number format.
"""

from __future__ import annotations

import pytest

from conftest import serve

pytestmark = [pytest.mark.browser, pytest.mark.build]

NBSP = "\u00a0"
RUNTIME = "vega-bundle.js"
# Where each chart's view sits in the page (not the viewport: hovering scrolls).
BOXES = "vs => vs.map(v => { const r = v.getBoundingClientRect(); return {top: r.top + scrollY, height: r.height}; })"
STATE = "document.querySelector('figure.report-chart').dataset.chartState"


@pytest.fixture(scope="module")
def decimal_site(variant_site_folder):
    """The real site with the share of small municipalities given a decimal (27.8), so the tooltip
    shows whether the number format is the page's: 27,8 % in Bokmål, 27.8% in English."""
    with serve(variant_site_folder) as url:
        yield url


@pytest.fixture
def watched_page(page):
    """A page that records every request it makes."""
    page.requested, page.errors = [], []
    page.on("request", lambda r: page.requested.append(r.url))
    page.on("console", lambda m: m.type == "error" and page.errors.append((m.text, m.location.get("url", ""))))
    page.on("pageerror", lambda e: page.errors.append((str(e), "")))
    return page


def _errors(page) -> list[str]:
    """Console errors, but for Chromium's own request for /favicon.ico (embed pages name no icon)."""
    return [f"{text} ({url})" for text, url in page.errors if not url.endswith("/favicon.ico")]


def _runtime_requested(page) -> bool:
    return any(url.split("?")[0].endswith("/" + RUNTIME) for url in page.requested)


def _open_untouched(page, url: str) -> None:
    """Load a page and let it settle with no pointer, focus or key on it."""
    page.goto(url, wait_until="networkidle")
    page.wait_for_function("() => document.documentElement.dataset.chartsReady !== undefined", timeout=15000)


def _static_painted(page) -> list[dict]:
    return page.eval_on_selector_all("figure.report-chart", """figs => figs.map(f => {
        const img = f.querySelector('img.report-chart__static--light');
        const box = img.getBoundingClientRect();
        return {state: f.dataset.chartState || null, loaded: img.complete && img.naturalWidth > 0,
                width: box.width, height: box.height, inView: box.top < innerHeight,
                interactive: f.querySelectorAll('.report-chart__interactive').length};
    })""")


def _tooltip_of_first_bar(page) -> str:
    bar = page.locator("figure.report-chart").first.locator(".report-chart__interactive svg .mark-rect path").first
    bar.hover()
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=5000)
    return tooltip.inner_text()


@pytest.mark.parametrize("path", ["funn/", "en/funn/", "embed/lup-share/"])
def test_first_transfer_has_no_chart_runtime_and_the_static_charts_are_painted(watched_page, decimal_site, path):
    page = watched_page
    _open_untouched(page, decimal_site + path)
    assert any(url.endswith("/charts.js") for url in page.requested)
    assert not _runtime_requested(page), "the chart runtime loaded before any reader reached for a chart"
    assert page.evaluate("typeof window.vegaEmbed") == "undefined"
    charts = _static_painted(page)
    # Every chart's box is there from the start (the image's width and height), and a chart in view
    # is painted; one further down loads as the reader scrolls towards it (loading="lazy").
    assert charts and all(c["state"] is None and c["width"] > 200 and c["height"] > 50
                          and c["interactive"] == 0 for c in charts), charts
    assert all(c["loaded"] for c in charts if c["inView"]), charts
    for i in range(len(charts)):
        image = page.locator("figure.report-chart").nth(i).locator("img.report-chart__static--light")
        image.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle(), timeout=10000)
    assert not _runtime_requested(page), "scrolling is not reaching for a chart"
    assert _errors(page) == []


@pytest.mark.parametrize("path, expected", [("funn/", f"27,8{NBSP}%"), ("en/funn/", "27.8%")])
def test_hover_makes_a_chart_interactive_with_localized_tooltip(watched_page, decimal_site, path, expected):
    page = watched_page
    _open_untouched(page, decimal_site + path)
    before = page.eval_on_selector_all(".report-chart__view", BOXES)
    page.locator("figure.report-chart .report-chart__view").first.hover()
    page.wait_for_function(f"() => {STATE} === 'interactive'", timeout=15000)
    assert _runtime_requested(page)
    # The interactive view took the static image's box: nothing on the page moved.
    after = page.eval_on_selector_all(".report-chart__view", BOXES)
    for b, a in zip(before, after, strict=True):
        assert abs(b["top"] - a["top"]) <= 1 and abs(b["height"] - a["height"]) <= 1, (before, after)
    assert page.locator("figure.report-chart").first.locator("img.report-chart__static:visible").count() == 0
    assert expected in _tooltip_of_first_bar(page)
    assert _errors(page) == []


@pytest.mark.parametrize("path, expected", [("funn/", f"27,8{NBSP}%"), ("en/funn/", "27.8%")])
def test_keyboard_focus_makes_a_chart_interactive_with_localized_tooltip(watched_page, decimal_site, path, expected):
    page = watched_page
    _open_untouched(page, decimal_site + path)
    for _ in range(200):  # Tab, as a keyboard reader does, until the focus is in the first chart
        page.keyboard.press("Tab")
        if page.evaluate("!!(document.activeElement && document.activeElement.closest('figure.report-chart'))"):
            break
    else:
        raise AssertionError("Tab never reached a chart")
    first = page.evaluate("document.activeElement.closest('figure.report-chart') === document.querySelector('figure.report-chart')")
    assert first
    page.wait_for_function(f"() => {STATE} === 'interactive'", timeout=15000)
    assert _runtime_requested(page)
    assert expected in _tooltip_of_first_bar(page)
    assert _errors(page) == []


def test_a_chart_not_reached_stays_static(watched_page, decimal_site):
    """Each chart becomes interactive when reached; the runtime, once loaded, is not loaded again."""
    page = watched_page
    _open_untouched(page, decimal_site + "funn/")
    figures = page.locator("figure.report-chart")
    figures.nth(0).locator(".report-chart__view").hover()
    page.wait_for_function(f"() => {STATE} === 'interactive'", timeout=15000)
    assert figures.nth(1).get_attribute("data-chart-state") is None
    figures.nth(1).locator(".report-chart__view").hover()
    page.wait_for_function("() => document.querySelectorAll('figure.report-chart')[1].dataset.chartState === 'interactive'",
                           timeout=15000)
    assert sum(url.endswith("/" + RUNTIME) for url in page.requested) == 1
