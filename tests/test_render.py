"""Numbers and shortcodes, without MkDocs: formatting per language, escaping, and clear errors."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from reportsite.errors import SiteDataError
from reportsite.model import load_site_data
from reportsite.numbers import NBSP, format_number, format_value
from reportsite.render import PageContext, relative_url, render_page, script_json

ROOT = Path(__file__).resolve().parent.parent
DATA = load_site_data(ROOT / "data")


@pytest.mark.parametrize("value, unit, lang, expected", [
    ("28", "percent", "nb", f"28{NBSP}%"),
    ("28", "percent", "en", "28%"),
    ("27.8", "percent", "nb", f"27,8{NBSP}%"),
    ("27.8", "percent", "en", "27.8%"),
    ("43", "percentage_points", "nb", f"43{NBSP}prosentpoeng"),
    ("43", "percentage_points", "en", f"43{NBSP}percentage points"),
    ("10000", "count", "nb", f"10{NBSP}000"),
    ("10000", "count", "en", "10,000"),
    ("1000", "count", "nb", "1000"),
    ("1234567.25", "count", "en", "1,234,567.25"),
    ("-3.5", "percentage_points", "nb", f"\u22123,5{NBSP}prosentpoeng"),
    ("2016", "year", "nb", "2016"),
    ("2020-01-01", "date", "nb", "1. januar 2020"),
    ("2020-03-12", "date", "en", "12 March 2020"),
])
def test_format_value(value, unit, lang, expected):
    number = value if unit == "date" else Decimal(value)
    assert format_value(number, unit, lang, DATA.ui[lang]) == expected


def test_numbers_keep_their_decimals():
    assert format_number(Decimal("27.80"), "nb") == "27,80"
    assert format_number(Decimal("0.5"), "en") == "0.5"


def _ctx(lang="nb", src="content/nb/test.md", url="test/"):
    root = "" if lang == "nb" else "en/"
    return PageContext(lang=lang, src=src, url=root + url, findings_url=root + "funn/", lang_root=root)


def test_figure_shortcode_renders_language_formats():
    nb = render_page("Tallet er {{ figure klimasats-gap }}.", DATA, _ctx("nb")).markdown
    en = render_page("The figure is {{ figure klimasats-gap }}.", DATA, _ctx("en")).markdown
    assert f">43{NBSP}prosentpoeng</span>" in nb
    assert f">43{NBSP}percentage points</span>" in en


def test_computed_figure_says_it_is_computed():
    nb = render_page("{{ figure lup-share-other }}", DATA, _ctx("nb")).markdown
    en = render_page("{{ figure lup-share-other }}", DATA, _ctx("en")).markdown
    assert f">72{NBSP}%</span> <span class=\"figure-note\">(beregnet: 100 % minus 28{NBSP}%)</span>" in nb
    assert ">72%</span> <span class=\"figure-note\">(computed: 100% minus 28%)</span>" in en


def test_page_with_figures_lists_their_sources():
    out = render_page("Text {{ figure lup-contact }}.", DATA, _ctx("nb")).markdown
    assert "## Kilder til tallene på denne siden" in out
    assert DATA.sources["anbud365-article"].url in out


def test_finding_block_has_anchor_text_and_source():
    out = render_page("{{ finding klimasats-gap }}", DATA, _ctx("en")).markdown
    assert "### Lower participation in Klimasats { #klimasats-gap .finding-title }" in out
    assert "Anbud365" in out and 'class="report-source"' in out


def test_chart_block_embeds_safe_json_and_static_image():
    result = render_page("{{ chart participation-gaps }}", DATA, _ctx("nb", url="funn/"))
    assert result.has_charts
    assert 'src="../assets/charts/participation-gaps.nb.svg"' in result.markdown
    start = result.markdown.index('<script type="application/json" class="report-chart__spec">') + len(
        '<script type="application/json" class="report-chart__spec">')
    payload = json.loads(result.markdown[start:result.markdown.index("</script>", start)])
    assert payload["formatLocale"]["decimal"] == ","
    # The bars, the categories above them, and the values outside or inside the bars.
    assert [layer["mark"]["type"] for layer in payload["spec"]["layer"]] == ["bar", "text", "text", "text"]
    # A dark drawing for Material's slate scheme, with its own static image, and the chart's CSV.
    assert payload["darkSpec"]["background"] != payload["spec"]["background"]
    assert 'src="../assets/charts/participation-gaps.nb.dark.svg"' in result.markdown
    assert 'href="../downloads/participation-gaps.nb.csv" type="text/csv" download>' in result.markdown


def test_downloads_shortcode_links_the_findings_in_the_pages_language():
    en = render_page("{{ downloads }}", DATA, _ctx("en", url="funn/")).markdown
    assert 'href="../../downloads/findings.en.csv"' in en and 'href="../../downloads/findings.json"' in en
    assert "All findings with figures and sources (CSV, English)" in en
    with pytest.raises(SiteDataError):
        render_page("{{ downloads extra }}", DATA, _ctx("nb"))


def test_script_json_cannot_close_the_script_element():
    text = script_json({"title": "</script><script>alert(1)</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text)["title"] == "</script><script>alert(1)</script><!-- & \u2028"


@pytest.mark.parametrize("markdown, message", [
    ("Intro\n\n{{ figur lup-contact }}", "content/nb/test.md:3: unknown shortcode '{{ figur }}' — known shortcodes: "),
    ("{{ finding no-such-finding }}", "content/nb/test.md:1: {{ finding no-such-finding }}: no finding has the id 'no-such-finding'"),
    ("{{ figure }}", "content/nb/test.md:1: {{ figure }}: expected 1 argument(s), found 0 — write {{ figure ID }}"),
    ("a\nb {{ figure lup-contact", "content/nb/test.md:2: a shortcode is not closed or not well formed"),
    ("{{ chart nope }}", "content/nb/test.md:1: {{ chart nope }}: no chart has the id 'nope'"),
])
def test_bad_shortcodes_name_page_and_line(markdown, message):
    with pytest.raises(SiteDataError) as info:
        render_page(markdown, DATA, _ctx())
    assert str(info.value.problems[0]).startswith(message), str(info.value)


def test_shortcodes_in_code_are_left_alone():
    markdown = "Write `{{ figure ID }}`.\n\n```\n{{ unknown thing }}\n```\n"
    assert render_page(markdown, DATA, _ctx()).markdown.startswith(markdown)


@pytest.mark.parametrize("target, page, expected", [
    ("assets/a.svg", "funn/", "../assets/a.svg"),
    ("assets/a.svg", "en/funn/", "../../assets/a.svg"),
    ("assets/a.svg", "", "assets/a.svg"),
    ("funn/", "", "funn/"),
    ("en/funn/", "en/", "funn/"),
    # Without directory URLs (the offline bundle), pages are files.
    ("assets/a.svg", "funn.html", "assets/a.svg"),
    ("assets/a.svg", "en/funn.html", "../assets/a.svg"),
    ("en/funn.html", "en/index.html", "funn.html"),
])
def test_relative_url(target, page, expected):
    assert relative_url(target, page) == expected
