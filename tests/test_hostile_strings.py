"""Hostile strings in data: the site is built with markup, script breakers, Markdown, shortcode and
Vega expression syntax in titles, labels, sources and interface text, then read in Chromium.
Nothing may run, and every string must show literally wherever it lands."""

from __future__ import annotations

import html
import json
import re
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from conftest import LANGUAGES, copy_project, reach_for_charts, search_for, serve, site_pages

# One process runs this file: its module fixture builds a site of its own (make test: --dist loadgroup).
pytestmark = pytest.mark.xdist_group("hostile_strings")

# Each would set window.__pwned, or add an element or attribute, if it were ever taken as code.
IMG = "<img src=x onerror=\"__pwned='img'\">"
SCRIPT = "</script><script>window.__pwned='script'</script>"
ATTR = "\"'><svg onload=\"__pwned='attr'\">"
MARKDOWN = "**b** [a](javascript:window.__pwned='md') <!-- {: onclick=\"window.__pwned='al'\" }"
VEGA = "\"+(window.__pwned='vega')+\" datum.label {datum.x}"
VEGA_LABEL = "\"+(window.__pwned='vega')+\""
SHORTCODE = "{{ cite }}"
# Markdown with attr_list, a javascript: link and image: in any data text taken as Markdown, these
# would become <em onmouseover>, a live link and an image.
ATTR_LIST = "*om*{: onmouseover=\"__pwned='al'\" } [l](javascript:__pwned='mdlink') ![b](javascript:x)"
AMP = "R&amp;D &lt;b&gt; & <b>"
# The strangest site address the build accepts (reportsite.config_checks): punycode, a port, and
# markup percent-encoded in the path. Every canonical link, the sitemap and citations hold it.
SITE_URL = "https://xn--kommune-w1a.example:8443/%22%3E%3Cmeta%20http-equiv%3Drefresh%20content%3D0%3E/"
# An https address the loader accepts, with markup in it: it must stay inside the href.
URL = "https://example.invalid/?a=\"'><svg/onload=__pwned='url'>&b=<\\script>"


def _hostile_data(project: Path) -> None:
    """Put the hostile strings into the copy's data, in every language."""
    data = project / "data"
    findings = yaml.safe_load((data / "findings.yml").read_text(encoding="utf-8"))
    report = yaml.safe_load((data / "report.yml").read_text(encoding="utf-8"))
    ui = yaml.safe_load((data / "ui.yml").read_text(encoding="utf-8"))
    for lang in LANGUAGES:
        first = findings["findings"][0]
        first["title"][lang] = f"{IMG} {ATTR} {MARKDOWN}"
        first["text"][lang] = "{{ figure lup-contact }} " + f"{SCRIPT} {AMP}"
        chart = findings["charts"][0]
        chart["title"][lang] = f"{VEGA} {IMG}"
        chart["takeaway"][lang] = SCRIPT
        chart["axis_title"][lang] = ATTR
        chart["bars"][0]["label"][lang] = VEGA_LABEL
        chart["bars"][1]["label"][lang] = "<b>b</b>"
        source = report["sources"][0]
        source["title"][lang] = f"{SHORTCODE} {IMG}"
        source["original"]["text"] = IMG   # marked with its language on the pages of the other languages
        source["url"] = URL
        report["report"]["commissioned_by"][lang] = ATTR
        ui[lang]["table_category"] = IMG
        ui[lang]["citation"] = f"{IMG} " + "{publisher} ({year}). {title}. {commissioned_by}. {url}"
        ui[lang]["report_facts"]["title"] = SCRIPT
        ui[lang]["not_found"] = {"title": SCRIPT, "text": IMG, "home": ATTR}   # printed by the theme's 404.html
        ui[lang]["report_page"] = f"{IMG} " + "{page}"
        # Hostile strings are long words and no sentences: readability is not what this test is about.
        ui[lang]["readability"] = {"texts": 1000, "pages": 1000}
    report["sources"][0]["publisher"] = SCRIPT
    findings["findings"][0]["page"] = 12   # its citation shows ui's report_page
    report["report"]["project_leader"] = MARKDOWN
    report["report"]["original_title"] = f"{SCRIPT} {IMG}"   # in the JSON-LD and citation_* tags of every page
    # Markdown and attr_list in every kind of text from data that reaches a page's HTML.
    for lang in LANGUAGES:
        for finding in findings["findings"]:
            if finding is not findings["findings"][0]:  # its title holds other hostile strings, to the limit
                finding["title"][lang] = finding["title"][lang][: 159 - len(ATTR_LIST)] + " " + ATTR_LIST
            finding["text"][lang] += " " + ATTR_LIST
        for chart in findings["charts"]:
            if chart is not findings["charts"][0]:  # its title holds other hostile strings, to the limit
                chart["title"][lang] += " " + ATTR_LIST
            chart["takeaway"][lang] += " " + ATTR_LIST
        for source in report["sources"]:
            source["title"][lang] += " " + ATTR_LIST
        report["report"]["title"][lang] += " " + ATTR_LIST
        report["report"]["commissioned_by"][lang] += " " + ATTR_LIST
    for source in report["sources"][1:]:
        source["publisher"] += " " + ATTR_LIST
    report["report"]["publisher"] += " " + ATTR_LIST
    for name, value in (("findings.yml", findings), ("report.yml", report), ("ui.yml", ui)):
        (data / name).write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # Front matter lands in meta tags and the title, which the theme prints without escaping.
    for lang in LANGUAGES:
        page = project / "content" / lang / "funn.md"
        body = page.read_text(encoding="utf-8").split("---", 2)[2]
        front = yaml.safe_dump({"title": f"{IMG} {AMP}", "description": f"{ATTR} {SCRIPT}"}, allow_unicode=True)
        page.write_text(f"---\n{front}---{body}", encoding="utf-8")
        # A heading with '&' gives the page its title (MkDocs gives it as HTML: 'R&amp;D').
        about = project / "content" / lang / "om-rapporten.md"
        about.write_text(re.sub(r"^# .*$", "# Om R&D & &lt;rapporten&gt;", about.read_text(encoding="utf-8"), count=1,
                                flags=re.M), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory):
    """The hostile copy built as `make site` builds it: the web site and the offline zip, unpacked."""
    from tools import build_site

    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    _hostile_data(project)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITE_URL", SITE_URL)   # printed raw by Material's language switcher and 404 page
        built = build_site.build(project, project / "site", project / "dist")
    with zipfile.ZipFile(built.zip_path) as archive:
        archive.extractall(project / "unpacked")
    return project, next((project / "unpacked").iterdir())


@pytest.fixture(scope="module")
def hostile_site(hostile_project):
    project, _ = hostile_project
    # Served with no Content-Security-Policy header, as GitHub Pages serves it.
    with serve(project / "site") as url:
        yield project / "site", url


def _open_and_poke(page, url: str) -> None:
    """Load a page the way a reader would, and touch what runs code: charts, tooltips, tables."""
    page.goto(url)
    reach_for_charts(page)
    for view in page.locator(".report-chart__view").all():
        view.hover()
        box = view.bounding_box()
        if box:
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 3)
    for summary in page.locator("details summary").all():
        summary.click()


INJECTED = """() => ({
    flag: window.__pwned,
    handlers: Array.from(document.querySelectorAll('*')).filter(e => Array.from(e.attributes)
        .some(a => a.name.startsWith('on'))).map(e => e.outerHTML.slice(0, 120)),
    images: Array.from(document.querySelectorAll('img')).map(i => i.getAttribute('src'))
        .filter(s => !/\\.(svg|png)$/.test(s || '')),
    inlineScripts: Array.from(document.querySelectorAll('script:not([src])'))
        .filter(s => s.type !== 'application/json' && s.type !== 'application/ld+json')
        .map(s => s.textContent.slice(0, 80)),
    // '**b**' and '<b>b</b>' in data would become bold 'b' if taken as Markdown or HTML, '*om*' an em.
    bold: Array.from(document.querySelectorAll('article b, article strong')).map(b => b.textContent)
        .filter(t => t === 'b'),
    emphasis: Array.from(document.querySelectorAll('article em')).map(e => e.textContent).filter(t => t === 'om'),
    jsLinks: Array.from(document.querySelectorAll('a[href^="javascript:" i]')).map(a => a.href),
})"""


NOTHING_INJECTED = {"flag": None, "handlers": [], "images": [], "inlineScripts": [], "bold": [], "emphasis": [],
                    "jsLinks": []}


def _read_every_page(browser, urls: list[str]) -> None:
    """Every page, poked; none may run what data, front matter or SITE_URL hold, nor navigate away
    (a meta refresh, a script, a form, a base element)."""
    context = browser.new_context()
    page = context.new_page()
    dialogs, errors, navigations = [], [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)
    for url in urls:
        navigations.clear()
        _open_and_poke(page, url)
        assert page.evaluate(INJECTED) == NOTHING_INJECTED, url
        page.wait_for_load_state("load")
        assert {n.split("#")[0] for n in navigations} == {url} == {page.url.split("#")[0]}, (url, navigations)
    assert dialogs == [] and errors == []
    context.close()


@pytest.mark.browser
@pytest.mark.build
def test_nothing_from_data_runs_on_any_page(browser, hostile_site):
    site, url = hostile_site
    pages = site_pages(site)
    assert "funn/" in pages and "en/om-rapporten/" in pages
    _read_every_page(browser, [url + path for path in pages] + [url + "404.html"])


@pytest.mark.browser
@pytest.mark.build
def test_nothing_from_data_runs_in_the_unpacked_bundle(browser, hostile_project):
    _, folder = hostile_project
    pages = sorted(p for p in folder.rglob("*.html") if p.name != "404.html")
    assert folder / "funn.html" in pages and folder / "en" / "om-rapporten.html" in pages
    _read_every_page(browser, [p.as_uri() for p in pages])


@pytest.mark.browser
@pytest.mark.parametrize("lang_root", ["", "en/"])
@pytest.mark.build
def test_strings_show_literally_in_text_and_attributes(page, hostile_site, lang_root):
    _, url = hostile_site
    _open_and_poke(page, url + lang_root + "funn/")
    assert page.title().startswith(f"{IMG} {AMP} - ")
    assert page.get_attribute("meta[name='description']", "content") == f"{ATTR} {SCRIPT}"
    assert page.get_attribute("link[rel='canonical']", "href") == SITE_URL + lang_root + "funn/"
    # Link previews show the text as typed, escaped once (not '&amp;amp;').
    assert page.get_attribute("meta[property='og:title']", "content") == f"{IMG} {AMP}"
    assert page.get_attribute("meta[property='og:description']", "content") == f"{ATTR} {SCRIPT}"
    assert page.locator(".md-nav__link--active").first.inner_text().strip() == f"{IMG} {AMP}"
    finding = page.locator("#lup-contact")
    assert finding.inner_text().strip().startswith(f"{IMG} {ATTR} {MARKDOWN}")
    text = page.inner_text("#lup-contact + .finding .finding__text")
    assert text.endswith(f"{SCRIPT} {AMP} {ATTR_LIST}")  # Markdown and attr_list from data, as typed
    # The table of contents repeats the finding's title: as text, not markup.
    toc = page.locator(".md-nav--secondary a[href='#lup-contact']").first.text_content()
    assert IMG in toc and ATTR in toc
    chart = page.locator("figure[data-chart='lup-share']")
    assert chart.locator(".report-chart__title").inner_text() == f"{VEGA} {IMG}"
    assert chart.locator(".report-chart__takeaway").inner_text() == f"{SCRIPT} {ATTR_LIST}"
    assert VEGA in chart.locator(".report-chart__view").get_attribute("aria-label")
    # The data table: header and row labels.
    assert chart.locator("table thead th").first.inner_text() == IMG
    assert chart.locator("table thead th").nth(1).inner_text() == ATTR
    assert chart.locator("table tbody th").first.inner_text() == VEGA_LABEL
    # The spec travels as JSON data and comes back exactly.
    payload = json.loads(chart.locator("script.report-chart__spec").text_content())
    labels = [v["label"] for v in payload["spec"]["data"]["values"]]
    assert labels[0] == VEGA_LABEL and labels[1].startswith("<b>b</b>")
    titles = [layer["encoding"]["x"]["title"] for layer in payload["spec"]["layer"] if "title" in layer["encoding"]["x"]]
    assert titles and set(titles) == {ATTR}
    # Vega drew the label and the axis title as SVG text, not as expressions or markup.
    assert chart.get_attribute("data-chart-state") == "interactive"
    svg_text = chart.locator(".report-chart__view svg text").all_text_contents()
    assert VEGA_LABEL in svg_text and ATTR in svg_text
    # The source line, from a source whose title holds shortcode syntax and markup.
    assert f"{SCRIPT}: {SHORTCODE} {IMG} {ATTR_LIST}" in page.inner_text(".report-source")


@pytest.mark.browser
@pytest.mark.parametrize("lang_root", ["", "en/"])
@pytest.mark.build
def test_strings_show_literally_in_generated_tables_and_citation(page, hostile_site, lang_root):
    _, url = hostile_site
    _open_and_poke(page, url + lang_root + "om-rapporten/")
    assert page.get_attribute("meta[property='og:title']", "content") == "Om R&D & <rapporten>"
    facts = page.locator("table.report-facts")
    assert facts.locator("th").first.inner_text() == SCRIPT
    assert ATTR in facts.inner_text() and MARKDOWN in facts.inner_text()
    citation = page.locator("p.report-citation__text").first.inner_text()
    assert citation.startswith(f"{IMG} ") and ATTR in citation
    bibtex = page.locator("code.report-bibtex").first.inner_text()
    assert "@techreport{" in bibtex and ATTR.replace("_", "\\_") in bibtex
    assert f"{SCRIPT}: {SHORTCODE} {IMG} {ATTR_LIST}" in page.inner_text("ul.report-sources")
    assert page.locator("ul.report-sources a").first.get_attribute("href") == URL


@pytest.mark.build
def test_a_hostile_title_stays_text_in_the_json_ld_and_citation_tags(hostile_site):
    """The report's title with '</script>' in it: the JSON-LD block is not closed early, parses, and holds
    the title as typed; the citation tag holds it as an attribute value."""
    from test_metadata import META, linked_data, pages

    site, _ = hostile_site
    found = pages(site)
    assert found
    for path, _lang in found:
        text = path.read_text(encoding="utf-8")
        ld = linked_data(text)
        assert ld["@type"] == "Report" and ld["name"] == f"{SCRIPT} {IMG}", path
        assert html.unescape(dict(META.findall(text))["citation_title"]) == f"{SCRIPT} {IMG}", path


@pytest.mark.build
def test_static_chart_svg_holds_the_text_as_text(hostile_site):
    site, _ = hostile_site
    for lang in LANGUAGES:
        svg = (site / "assets" / "charts" / f"lup-share.{lang}.svg").read_text(encoding="utf-8")
        root = ET.fromstring(svg)  # well-formed XML: no markup broke out of a text node
        texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
        assert VEGA_LABEL in texts and ATTR in texts
        assert not root.findall(".//{http://www.w3.org/2000/svg}script")
        assert not re.search(r"<(img|script)\b", svg)


@pytest.mark.build
def test_strings_stay_text_in_the_pdfs(hostile_site):
    """The PDFs (hooks/pdf.py) show every hostile string as typed; none adds a link, an action or an element."""
    from pypdf import PdfReader

    site, _ = hostile_site
    for lang in ("nb", "en"):
        (path,) = (site / "downloads").glob(f"*-{lang}.pdf")
        reader = PdfReader(path)
        text = "".join("".join(page.extract_text().split()) for page in reader.pages)
        for shown in (IMG, ATTR, MARKDOWN, SCRIPT, AMP, VEGA, SHORTCODE, ATTR_LIST):
            assert "".join(shown.split()) in text, (lang, shown)
        annotations = [a.get_object() for page in reader.pages for a in page.get("/Annots") or []]
        assert {str(a["/Subtype"]) for a in annotations} == {"/Link"}
        actions = [a["/A"] for a in annotations if "/A" in a]
        assert {str(action["/S"]) for action in actions} == {"/URI"}
        assert all(str(action["/URI"]).startswith("https://") for action in actions)
        assert not {"/JavaScript", "/EmbeddedFiles"} & set(reader.trailer["/Root"].get("/Names", {}))
        assert "/OpenAction" not in reader.trailer["/Root"] and "/AA" not in reader.trailer["/Root"]


@pytest.mark.browser
@pytest.mark.build
def test_search_results_show_the_strings_as_text(page, hostile_site):
    _, url = hostile_site
    page.goto(url + "en/")
    search_for(page, "onerror")
    expect(page.locator(".md-search-result")).to_contain_text("<img")
    page.wait_for_load_state("networkidle")   # an image the results made would have loaded or failed
    found = page.evaluate(INJECTED)
    assert found["flag"] is None and found["handlers"] == [] and found["images"] == []


@pytest.mark.parametrize("address", [
    "javascript:__pwned='js'", "JavaScript:__pwned='js'", " javascript:__pwned='js'",
    "data:text/html,<script>__pwned='data'</script>", "vbscript:msgbox", "//example.invalid/x",
    "http://example.invalid/", "https://", "https://example.invalid/a b", "example.invalid",
])
def test_loader_accepts_only_https_addresses(address):
    from reportsite.schema import Checker, Url
    from reportsite.yamlsource import YamlDocument

    checker = Checker(YamlDocument("data/report.yml", {}, {("url",): 7}))
    assert Url("address").check(address, ("url",), checker) is None
    assert [str(p) for p in checker.problems] == [
        f"data/report.yml:7: url: expected a web address, found the text '{address[:37] + '...' if len(address) > 40 else address}'"
        " — write the full address starting with https://"]


def test_front_matter_is_escaped_once_for_templates():
    from markupsafe import escape

    from reportsite.front_matter import escape_front_matter

    meta = escape_front_matter({"description": ATTR, "title": "R&D", "hide": ["toc"], "subtitle": IMG})
    assert str(meta["description"]) == "&#34;&#39;&gt;&lt;svg onload=&#34;__pwned=&#39;attr&#39;&#34;&gt;"
    assert str(escape(meta["title"])) == "R&amp;D"  # a template that escapes again changes nothing
    assert escape_front_matter(meta) == meta
    assert set(meta) == {"description", "title"}  # no other key reaches the theme, even in the live preview
