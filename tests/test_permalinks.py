"""Linkable from outside: permalinks, embed pages, link-preview tags and images, citations."""

from __future__ import annotations

import html

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import DEFAULT_LANGUAGE, LANGUAGES, build, configured_site_url, lang_root, load_data, reach_for_charts

from reportsite.citation import bibtex_text
from reportsite.link_cards import png_size

ROOT = Path(__file__).resolve().parent.parent
DATA = load_data()
# The address the build uses: SITE_URL from the environment (as the Pages workflow sets it), else
# mkdocs.yml's; the tests pass with either.
SITE_URL = configured_site_url()
SHOWN = [f for f in DATA.findings.values() if f.section != "background"]


class _Meta(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta.setdefault(a.get("property") or a.get("name"), []).append(a.get("content", ""))


def _parse(path: Path) -> _Meta:
    parser = _Meta()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if "embed" not in p.parts and "search" not in p.parts)


@pytest.mark.build
def test_every_finding_has_the_same_anchor_in_every_language(built_site):
    ids = {lang: _parse(built_site / lang_root(lang) / "funn" / "index.html").ids for lang in LANGUAGES}
    for finding in SHOWN:
        assert all(finding.id in ids[lang] for lang in LANGUAGES), finding.id


@pytest.mark.build
def test_every_page_has_preview_tags_with_absolute_urls(built_site):
    pages = _pages(built_site)
    assert len(pages) == 7 * len(LANGUAGES)
    for page in pages:
        meta = _parse(page).meta
        first = page.relative_to(built_site).parts[0]
        lang = first if first in LANGUAGES else DEFAULT_LANGUAGE
        for name in ("og:title", "og:description", "og:url", "og:image", "og:locale", "twitter:card", "twitter:image"):
            assert meta.get(name) and meta[name][0], (page, name)
        assert meta["og:locale"] == [DATA.ui[lang]["og_locale"]]
        assert meta["og:locale:alternate"] == [DATA.ui[other]["og_locale"] for other in LANGUAGES if other != lang]
        assert meta["og:url"][0].startswith(SITE_URL) and meta["og:image"][0].startswith(SITE_URL)
        image = built_site / meta["og:image"][0][len(SITE_URL):]
        width, height = png_size(image.read_bytes())
        assert (str(width), str(height)) == (meta["og:image:width"][0], meta["og:image:height"][0]), page
        assert width >= 600 and height >= 300


@pytest.mark.build
def test_findings_page_is_previewed_by_a_chart(built_site):
    meta = _parse(built_site / "funn" / "index.html").meta
    assert meta["og:image:alt"][0].startswith("Diagram: ")


@pytest.mark.build
def test_citations_are_built_from_data(built_site):
    about = (built_site / "en" / "om-rapporten" / "index.html").read_text(encoding="utf-8")
    assert "@techreport{telemarksforsking2020," in about
    assert "  title = {Små distriktskommuners deltakelse i innovasjonsvirkemidler}," in about
    # The title as published is marked with its language in the English text (WCAG 3.1.2): read as text.
    assert "Telemarksforsking (2020). Små distriktskommuners deltakelse i innovasjonsvirkemidler." in re.sub(
        r"<[^>]+>", "", about)
    findings = (built_site / "funn" / "index.html").read_text(encoding="utf-8")
    assert f"url = {{{SITE_URL}funn/#klimasats-gap}}" in findings


def test_bibtex_values_cannot_break_out():
    assert bibtex_text("a}b{c\\d%e") == "a\\textbraceright{}b\\textbraceleft{}c\\textbackslash{}d\\%e"


# Text that would end a field, open a new entry, start a comment or break a line, if taken as BibTeX.
BIBTEX_HOSTILE = "a}b{c\\d%e }, note = {x} @misc{y, title={z}} \n\r line \\} {{ # & ~ ^ $ _ @"


def _one_group(value: str) -> bool:
    """BibTeX's reading of a braced field: every brace counts (a backslash escapes none); the field
    is the text up to the brace that closes the first one."""
    depth = 0
    for i, char in enumerate(value):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return i == len(value) - 1
    return False


def test_bibtex_entries_hold_any_text_in_their_fields():
    from types import SimpleNamespace

    from reportsite import citation

    data = SimpleNamespace(site_publisher=SimpleNamespace(name={"nb": BIBTEX_HOSTILE}))  # the site's publisher
    entry = citation.page_bibtex(data, "nb", "key", BIBTEX_HOSTILE, BIBTEX_HOSTILE, "https://example.invalid/a{b}/")
    lines = entry.splitlines()
    assert lines[0] == "@misc{key," and lines[-1] == "}" and len(lines) == 6, entry
    fields = dict(line.strip().rstrip(",").split(" = ", 1) for line in lines[1:-1])
    assert list(fields) == ["author", "title", "howpublished", "url"]
    assert all(_one_group(value) for value in fields.values()), fields
    assert "@" not in entry.split("\n", 1)[1].replace("{@}", ""), "an @ that a parser could take for an entry"


@pytest.mark.build
def test_finding_title_change_keeps_anchor_and_embed_url(project_copy, tmp_path):
    findings = project_copy / "data" / "findings.yml"
    text = findings.read_text(encoding="utf-8")
    findings.write_text(text.replace("nb: Lavere deltakelse i innovative anskaffelser",
                                     "nb: Ny tittel på funnet om anskaffelser"), encoding="utf-8")
    result = build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.output
    page = (tmp_path / "site" / "funn" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h3 class="finding-title" id="innovative-procurement-gap">Ny tittel på funnet om anskaffelser', page)
    assert f'src="{SITE_URL}embed/participation-gaps/"' in html.unescape(page)
    assert (tmp_path / "site" / "embed" / "participation-gaps" / "index.html").exists()


@pytest.mark.browser
@pytest.mark.parametrize("root", [lang_root(lang) for lang in LANGUAGES])
@pytest.mark.parametrize("chart_id", sorted(DATA.charts))
@pytest.mark.build
def test_embed_page_draws_its_chart_alone(page, site_url, chart_id, root):
    outside = []
    page.route("**/*", lambda route: (outside.append(route.request.url), route.abort())
               if not route.request.url.startswith(site_url) else route.continue_())
    page.goto(f"{site_url}{root}embed/{chart_id}/")
    # Only the chart's own needs: no theme stylesheet or search, and the chart runtime not yet.
    assert page.evaluate("Array.from(document.scripts).filter(s => s.src).map(s => s.src.split('/').pop())") == ["charts.js", "chart-values.js"]
    reach_for_charts(page)
    assert page.locator("figure.report-chart[data-chart-state='interactive'] svg .mark-rect path").count() == 2
    # One chart to see: the static images (light and dark) give way to the interactive view.
    assert page.locator("img.report-chart__static:visible").count() == 0
    assert outside == [] and page.console_errors == []
    back = page.locator(".report-embed__back a")
    assert back.get_attribute("target") == "_top"
    finding = next(f.id for f in DATA.findings.values() if f.chart == chart_id)
    assert back.get_attribute("href") == f"../../funn/#{finding}"
    # The runtime came when the reader reached for the chart.
    assert page.evaluate("Array.from(document.scripts).filter(s => s.src).map(s => s.src.split('/').pop())") == ["charts.js", "chart-values.js", "vega-bundle.js"]


@pytest.mark.browser
@pytest.mark.build
def test_copy_link_button_works_from_the_keyboard(browser, site_url):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    page.goto(site_url + "en/funn/")
    button = page.locator("button[data-copy-link='klimasats-gap']")
    assert button.is_visible()
    assert button.get_attribute("aria-label") == "Copy link to the finding \u201cLower participation in Klimasats\u201d"
    page.locator("#klimasats-gap + .finding .finding__permalink").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.copyLink") == "klimasats-gap"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('report-copy-status')?.textContent === 'Copied to the clipboard'")
    assert page.evaluate("navigator.clipboard.readText()") == site_url + "en/funn/#klimasats-gap"
    context.close()
