"""Numbers and shortcodes, without MkDocs: formatting per language, escaping, and clear errors."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from markupsafe import escape

from conftest import load_data, render_page
from reportsite.errors import SiteDataError
from reportsite.numbers import NBSP, format_number, format_value
from reportsite.paths import relative_url
from reportsite.render import script_json

DATA = load_data()


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
    assert format_value(number, unit, DATA.ui[lang]) == expected


def test_numbers_keep_their_decimals():
    assert format_number(Decimal("27.80"), DATA.ui["nb"]) == "27,80"
    assert format_number(Decimal("0.5"), DATA.ui["en"]) == "0.5"


def test_figure_shortcode_renders_language_formats():
    nb = render_page("Tallet er {{ figure klimasats-gap }}.", "nb").html
    en = render_page("The figure is {{ figure klimasats-gap }}.", "en").html
    assert f">43{NBSP}prosentpoeng</span>" in nb
    assert f">43{NBSP}percentage points</span>" in en


def test_computed_figure_says_it_is_computed():
    nb = render_page("{{ figure lup-share-other }}", "nb").html
    en = render_page("{{ figure lup-share-other }}", "en").html
    assert f">72{NBSP}%</span> <span class=\"figure-note\">(beregnet: 100{NBSP}% minus 28{NBSP}%)</span>" in nb
    assert ">72%</span> <span class=\"figure-note\">(computed: 100% minus 28%)</span>" in en


def test_page_with_figures_lists_their_sources():
    out = render_page("Text {{ figure lup-contact }}.", "nb").html
    assert 'id="page-sources">Kilder til tallene på denne siden' in out
    assert DATA.sources["anbud365-article"].url in out


def test_finding_block_has_anchor_text_and_source():
    out = render_page("{{ finding klimasats-gap }}", "en").html
    assert '<h3 class="finding-title" id="klimasats-gap">Lower participation in Klimasats' in out
    assert "Anbud365" in out and 'class="report-source"' in out


def test_chart_block_embeds_safe_json_and_static_image():
    result = render_page("{{ chart participation-gaps }}", "nb", url="funn/")
    assert result.chart_ids == ["participation-gaps"]
    assert 'src="../assets/charts/participation-gaps.nb.svg"' in result.html
    start = result.html.index('<script type="application/json" class="report-chart__spec">') + len(
        '<script type="application/json" class="report-chart__spec">')
    payload = json.loads(result.html[start:result.html.index("</script>", start)])
    assert payload["formatLocale"]["decimal"] == ","
    # The bars, the categories above them, and the values outside or inside the bars.
    assert [layer["mark"]["type"] for layer in payload["spec"]["layer"]] == ["bar", "text", "text", "text"]
    # A dark drawing for Material's slate scheme, with its own static image, and the chart's CSV.
    assert payload["darkSpec"]["background"] != payload["spec"]["background"]
    assert 'src="../assets/charts/participation-gaps.nb.dark.svg"' in result.html
    assert 'href="../downloads/participation-gaps.nb.csv" type="text/csv" download>' in result.html


def test_downloads_shortcode_links_the_findings_in_the_pages_language():
    en = render_page("{{ downloads }}", "en", url="funn/").html
    assert 'href="../../downloads/findings.en.csv"' in en and 'href="../../downloads/findings.json"' in en
    assert "All findings with figures and sources (CSV, English)" in en
    with pytest.raises(SiteDataError):
        render_page("{{ downloads extra }}", "nb")


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
        render_page(markdown)
    assert str(info.value.problems[0]).startswith(message), str(info.value)


def test_shortcodes_in_code_are_left_alone():
    markdown = "Write `{{ figure ID }}`.\n\n```\n{{ unknown thing }}\n```\n"
    assert render_page(markdown).markdown.startswith(markdown)


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


@pytest.mark.parametrize("markdown, literal", [
    ("````\n```\n{{ figure klimasats-gap }}\n```\n````\n", "{{ figure klimasats-gap }}"),   # a fence of four
    ("~~~\n{{ unknown thing }}\n~~~\n", "{{ unknown thing }}"),
    ("Text.\n\n    {{ chart nope }}\n", "{{ chart nope }}"),                                  # indented code
    ("Write ``{{ figure `x` }}`` like this.\n", "{{ figure `x` }}"),                           # inline, two backticks
])
def test_shortcodes_in_code_of_any_kind_are_shown_as_written(markdown, literal):
    html = render_page(markdown).html
    assert escape(literal) in html and 'class="figure"' not in html


def test_shortcodes_in_an_html_comment_are_left_alone():
    html = render_page("Text.\n\n<!-- {{ chart nope }} and {{ figure klimasats-gap }} -->\n").html
    assert "<!-- {{ chart nope }} and {{ figure klimasats-gap }} -->" in html and 'class="figure"' not in html


def test_text_from_data_is_never_markdown(monkeypatch):
    """A finding's title and text with Markdown and attr_list in them show as typed, never as markup."""
    import dataclasses

    hostile = "Artikkel *om*{: onmouseover=alert(1) } [lenke](javascript:alert(1)) ![b](javascript:x) <b>fet</b>"
    finding = DATA.findings["klimasats-gap"]
    changed = dataclasses.replace(finding, title={**finding.title, "nb": hostile}, text={**finding.text, "nb": hostile})
    source = DATA.sources["anbud365-article"]
    cited = dataclasses.replace(source, title={**source.title, "nb": hostile})
    data = dataclasses.replace(DATA, findings={**DATA.findings, "klimasats-gap": changed},
                               sources={**DATA.sources, source.id: cited})
    page = render_page("{{ finding klimasats-gap }}\n\nTekst {{ source anbud365-article }}.", data=data).html
    import html.parser

    class Elements(html.parser.HTMLParser):
        found: list = []

        def handle_starttag(self, tag, attrs):
            self.found.append((tag, dict(attrs)))

    parser = Elements()
    parser.feed(page)
    assert not [(tag, attrs) for tag, attrs in parser.found
                if tag in ("em", "b", "img") or any(name.startswith("on") for name in attrs)
                or any((value or "").startswith("javascript") for value in attrs.values())]
    assert page.count(str(escape(hostile))) >= 3   # the title, the text, the source cited in a sentence
