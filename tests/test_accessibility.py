"""Accessibility in real Chromium: axe-core on every page of both languages in light and dark,
charts without JavaScript, the keyboard, the dark toggle, print, tooltips and layout shift."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import LANGUAGES, ROOT, load_data, reach_for_charts, serve

from reportsite.charts import THEMES

pytestmark = [pytest.mark.browser, pytest.mark.build]

CONTENT = ROOT / "content"
SCHEMES = {"light": "default", "dark": "slate"}  # Playwright colour scheme -> Material's scheme
# WCAG 2.2 AA is the bar (2.1 AA is what Norwegian rules require today); test_wcag22.py measures
# what axe cannot: target size, focus not obscured, visible focus.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# The search dialog's name is an axe best-practice rule, outside the WCAG tags; Material fails it
# by default (see site_src/partials/search.html), so it is checked as well.
AXE_EXTRA_RULES = {"aria-dialog-name": {"enabled": True}}


def _page_url(lang: str, md: str) -> str:
    """The URL path of a content page, as built with directory URLs."""
    root = "" if lang == LANGUAGES[0] else f"{lang}/"
    stem = md[:-3]
    return root + ("" if stem == "index" else f"{stem}/")


# Every page in content/, by its URL in the built site, with the file it comes from.
PAGE_SOURCES = {_page_url(lang, p.relative_to(CONTENT / lang).as_posix()): p.relative_to(ROOT).as_posix()
                for lang in LANGUAGES for p in sorted((CONTENT / lang).rglob("*.md"))}
CONTENT_PAGES = sorted(PAGE_SOURCES)
# Every chart's embed page in every language: pages of their own, for other sites' iframes.
EMBED_PAGES = sorted(f"{'' if lang == LANGUAGES[0] else lang + '/'}embed/{chart_id}/"
                     for lang in LANGUAGES for chart_id in load_data().charts)


def _built_pages(site: Path) -> list[str]:
    pages = []
    for path in site.rglob("index.html"):
        rel = path.relative_to(site).parent.as_posix()
        if not rel.startswith("assets"):
            pages.append("" if rel == "." else rel + "/")
    return sorted(pages)


def _open(page, url: str, theme: str = "light"):
    page.goto(url)
    if page.locator("figure.report-chart").count():
        reach_for_charts(page)
        page.wait_for_function(f"() => document.documentElement.dataset.chartsTheme === '{theme}'", timeout=15000)
    return page


@pytest.fixture
def themed_page(browser, request):
    """A page whose browser prefers the given colour scheme; Material follows it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=request.param)
    page = context.new_page()
    page.theme = request.param
    yield page
    context.close()


def test_every_built_page_is_checked(built_site):
    """The axe test runs over the pages in content/ and the embed pages; the built site has exactly those."""
    assert len(CONTENT_PAGES) == sum(1 for lang in LANGUAGES for _ in (CONTENT / lang).rglob("*.md"))
    assert _built_pages(built_site) == sorted(CONTENT_PAGES + EMBED_PAGES)
    assert len(EMBED_PAGES) == 2 * len(LANGUAGES)
    assert {"", "funn/", "tilgjengelighet/", "nn/", "nn/funn/", "nn/tilgjengelighet/", "en/", "en/funn/",
            "en/tilgjengelighet/"} <= set(CONTENT_PAGES)


@pytest.mark.parametrize("themed_page", list(SCHEMES), indirect=True, ids=list(SCHEMES))
@pytest.mark.parametrize("path", CONTENT_PAGES, ids=[PAGE_SOURCES[p] for p in CONTENT_PAGES])
def test_axe_finds_no_wcag_violations(themed_page, site_url, path):
    theme = themed_page.theme
    _open(themed_page, site_url + path, theme)
    assert themed_page.get_attribute("body", "data-md-color-scheme") == SCHEMES[theme]
    assert _axe_violations(themed_page, AXE_EXTRA_RULES) == []


def _axe_violations(page, rules: dict | None = None) -> list[str]:
    """axe-core's WCAG rules (AXE_TAGS, and `rules`) on the page with every disclosure open, so that
    the data tables are checked too. Every violation is reported with all its elements; rules that
    pass name one element each (axe's `resultTypes`, which spares it finding selectors for the rest)."""
    from axe_playwright_python.sync_playwright import Axe

    page.eval_on_selector_all("details", "ds => ds.forEach(d => { d.open = true; })")
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"],
               **({"rules": rules} if rules else {})}
    results = Axe().run(page, options=options).response
    assert results["testEngine"]["version"].startswith("4.")
    assert len(results["passes"]) > 10, "axe checked almost nothing: is the page empty?"
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
            for v in results["violations"]]


def test_axe_reports_every_element_of_a_violation(page, site_url):
    """The check itself: two images without a text alternative, put into a page, are both reported."""
    page.goto(site_url + "om-rapporten/")
    page.evaluate("""() => { for (const id of ['one', 'two'])
        document.querySelector('.md-content article').prepend(Object.assign(new Image(1, 1), {id})); }""")
    violations = _axe_violations(page)
    assert len(violations) == 1 and violations[0].startswith("image-alt"), violations
    assert "['#one']" in violations[0] and "['#two']" in violations[0], violations


@pytest.mark.parametrize("themed_page", list(SCHEMES), indirect=True, ids=list(SCHEMES))
@pytest.mark.parametrize("path", EMBED_PAGES)
def test_axe_finds_no_wcag_violations_on_embed_pages(themed_page, site_url, path):
    """Embed pages have their own small stylesheet and no theme toggle; checked with the reader's
    browser preferring light and dark."""
    _open(themed_page, site_url + path)
    assert _axe_violations(themed_page) == []


@pytest.mark.parametrize("themed_page", list(SCHEMES), indirect=True, ids=list(SCHEMES))
@pytest.mark.parametrize("missing", ["no-such-page/", "en/no/such/page/"])
def test_axe_finds_no_wcag_violations_on_the_404_page(themed_page, built_site, missing):
    """404.html as GitHub Pages serves it: under site_url's path, for any missing address."""
    from test_web_build import PREFIX, _PagesHandler

    with serve(built_site, handler=_PagesHandler, prefix=PREFIX) as url:
        response = themed_page.goto(url + missing)
        assert response.status == 404
        assert themed_page.locator("h1").inner_text() == "Fant ikke siden"
        assert themed_page.get_attribute("body", "data-md-color-scheme") == SCHEMES[themed_page.theme]
        assert _axe_violations(themed_page, AXE_EXTRA_RULES) == []


@pytest.mark.parametrize("themed_page", list(SCHEMES), indirect=True, ids=list(SCHEMES))
def test_axe_finds_no_wcag_violations_on_the_licences_page(themed_page, site_url):
    """licences.html (hooks/licences.py), every licence text open."""
    themed_page.goto(site_url + "licences.html")
    assert themed_page.locator("h1").inner_text() == "Lisenser"
    assert themed_page.get_attribute("body", "data-md-color-scheme") == SCHEMES[themed_page.theme]
    assert _axe_violations(themed_page, AXE_EXTRA_RULES) == []


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def _chart_pages(site: Path) -> list[str]:
    return [p for p in CONTENT_PAGES if 'class="report-chart"' in (site / p / "index.html").read_text(encoding="utf-8")]


def test_without_javascript_every_chart_is_an_svg_with_its_table(no_js_page, site_url, built_site):
    pages = _chart_pages(built_site)
    assert "funn/" in pages and "en/funn/" in pages
    for path in pages:
        no_js_page.goto(site_url + path)
        figures = no_js_page.locator("figure.report-chart")
        assert figures.count() >= 1, path
        for i in range(figures.count()):
            figure = figures.nth(i)
            image = figure.locator("img.report-chart__static--light")
            assert image.is_visible(), (path, i)
            assert figure.locator("img.report-chart__static--dark").is_hidden()
            assert image.get_attribute("src").endswith(".svg")
            loaded = image.evaluate("img => img.complete && img.naturalWidth > 0")
            assert loaded, f"the static SVG of chart {i} on {path} did not load"
            assert figure.locator("svg").count() == 0  # nothing drew an interactive view
            table = figure.locator("details.report-chart__data table")
            assert table.locator("caption").text_content().strip()
            assert table.locator("thead th[scope=col]").count() == 2
            assert table.locator("tbody tr").count() >= 2
            assert figure.locator(".report-chart__view").get_attribute("aria-label")
            # The disclosure opens without JavaScript too.
            figure.locator("summary").click()
            assert table.is_visible()


def _tab_to(page, selector: str, limit: int = 150) -> None:
    """Press Tab until the focused element matches selector; fail if it is never reached."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("sel => document.activeElement && document.activeElement.matches(sel)", selector):
            return
    raise AssertionError(f"{selector} was not reached with {limit} presses of Tab")


@pytest.mark.parametrize("path", ["funn/", "nn/funn/", "en/funn/"])
def test_keyboard_reaches_and_opens_the_data_and_the_downloads(page, site_url, path):
    _open(page, site_url + path)
    _tab_to(page, "figure.report-chart details.report-chart__data > summary")
    details = page.locator("figure.report-chart details.report-chart__data").first
    assert not details.evaluate("d => d.open")
    page.keyboard.press("Enter")
    assert details.evaluate("d => d.open")
    assert details.locator("table").is_visible()

    _tab_to(page, "figure.report-chart .report-chart__download a")
    chart_id = page.evaluate("() => document.activeElement.closest('figure').dataset.chart")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    download = info.value
    lang = path.split("/")[0] if path.count("/") > 1 else LANGUAGES[0]
    assert download.suggested_filename == f"{chart_id}.{lang}.csv"
    assert Path(download.path()).read_bytes().startswith(b"\xef\xbb\xbf")

    _tab_to(page, ".report-downloads a[type='application/json']")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename == "findings.json"


def _chart_colours(page) -> set[str]:
    return set(page.eval_on_selector_all(
        "figure.report-chart .report-chart__interactive svg .mark-rect path",
        "paths => paths.map(p => p.getAttribute('fill').toLowerCase())"))


def test_charts_follow_the_dark_toggle_without_reload(page, site_url):
    _open(page, site_url + "funn/", "light")
    light = THEMES["light"]
    assert _chart_colours(page) == {light.highlight, light.context}
    page.evaluate("window.notReloaded = true")
    page.click("form[data-md-component=palette] label:visible")
    page.wait_for_function("() => document.documentElement.dataset.chartsTheme === 'dark'", timeout=15000)
    assert page.evaluate("window.notReloaded === true")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    dark = THEMES["dark"]
    assert _chart_colours(page) == {dark.highlight, dark.context}
    # Each figure shows one drawing, in the page's own background colour.
    assert page.locator(".report-chart__interactive").count() == page.locator("figure.report-chart").count()
    page_bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert page_bg == _rgb(dark.background)
    texts = set(page.eval_on_selector_all(".report-chart__interactive svg text",
                                          "ts => ts.map(t => t.getAttribute('fill').toLowerCase())"))
    assert dark.text in texts and texts <= {dark.text, dark.on_bar}
    # And back.
    page.click("form[data-md-component=palette] label:visible")
    page.wait_for_function("() => document.documentElement.dataset.chartsTheme === 'light'", timeout=15000)
    assert _chart_colours(page) == {light.highlight, light.context}


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def test_static_svg_follows_the_toggle_when_the_chart_script_cannot_run(page, site_url):
    """Without the Vega bundle the static SVGs stay; the toggle swaps them to the dark drawing."""
    page.route("**/vega-bundle.js", lambda route: route.abort())
    page.goto(site_url + "en/funn/")
    reach_for_charts(page)
    assert page.locator("figure.report-chart[data-chart-state='static']").count() == 2
    figure = page.locator("figure.report-chart").first
    assert figure.locator(".report-chart__static--light").is_visible()
    page.click("form[data-md-component=palette] label:visible")
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    dark = figure.locator(".report-chart__static--dark")
    assert dark.is_visible() and figure.locator(".report-chart__static--light").is_hidden()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=dark.element_handle(), timeout=10000)
    assert dark.get_attribute("src").endswith(".en.dark.svg")


@pytest.mark.parametrize("path", ["funn/", "en/funn/"])
def test_interactive_view_takes_the_static_images_box(browser, page, site_url, path):
    """No layout shift: the drawn view is as tall as the static SVG it replaces."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    static_page = context.new_page()
    static_page.goto(site_url + path)
    static = static_page.eval_on_selector_all(".report-chart__view", "vs => vs.map(v => v.getBoundingClientRect().height)")
    context.close()
    _open(page, site_url + path)
    drawn = page.eval_on_selector_all(".report-chart__view", "vs => vs.map(v => v.getBoundingClientRect().height)")
    assert len(static) == len(drawn) >= 2
    for before, after in zip(static, drawn):
        assert before > 50 and abs(before - after) <= 1, (static, drawn)


@pytest.mark.parametrize("path, expected", [("funn/", "28\u00a0%"), ("en/funn/", "28%")])
def test_tooltip_shows_the_locale_formatted_value(page, site_url, path, expected):
    _open(page, site_url + path)
    bar = page.locator("figure.report-chart").first.locator(".report-chart__interactive svg .mark-rect path").first
    bar.hover()
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=5000)
    assert expected in tooltip.inner_text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_print_shows_text_charts_as_svg_tables_and_link_targets(browser, site_url, scheme):
    context = browser.new_context(viewport={"width": 1000, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    _open(page, site_url + "funn/", scheme)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        assert page.locator(chrome).first.is_hidden(), chrome
    figures = page.locator("figure.report-chart")
    for i in range(figures.count()):
        figure = figures.nth(i)
        # The light static SVG prints, whatever the scheme on screen; the interactive view does not.
        assert figure.locator(".report-chart__static--light").is_visible()
        assert figure.locator(".report-chart__interactive").is_hidden()
        assert figure.locator(".report-chart__static--dark").is_hidden()
        # The closed disclosure's table prints.
        assert not figure.locator("details").evaluate("d => d.open")
        assert figure.locator("details table").is_visible()
        assert figure.locator("details table").evaluate("t => getComputedStyle(t).breakInside") == "avoid"
    link = page.locator(".report-source a[href^='http']").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert link.get_attribute("href") in after
    assert page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).color") == "rgb(0, 0, 0)"
    assert len(page.pdf()) > 10_000
    context.close()


def test_links_in_text_are_underlined(page, site_url):
    _open(page, site_url + "om-rapporten/")
    decorations = page.eval_on_selector_all(
        ".md-content p a:not(.headerlink)", "as => as.map(a => getComputedStyle(a).textDecorationLine)")
    assert decorations and set(decorations) == {"underline"}
