"""Data downloads: CSV per chart and every finding as CSV and JSON, from data, linked from both languages."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import replace
from decimal import Decimal
from urllib.parse import urljoin

import pytest

from conftest import LANGUAGES, load_data

from reportsite import downloads, paths

DATA = load_data()
BOM = "\ufeff"


def _read_csv(text: str, lang: str) -> list[list[str]]:
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM):]), delimiter=DATA.ui[lang]["numbers"]["csv_delimiter"]))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chart_csv_has_every_bar_with_unit_and_source(lang):
    chart = DATA.charts["lup-share"]
    rows = _read_csv(downloads.chart_csv(DATA, chart, lang), lang)
    header, body = rows[0], rows[1:]
    assert header[1] == chart.axis_title[lang]
    assert [r[0] for r in body] == [bar.label[lang] for bar in chart.bars]
    assert [r[1] for r in body] == ["28", "72"]
    assert {r[2] for r in body} == {DATA.ui[lang]["units"]["percent"]}
    assert body[0][3] == "" and body[1][3]  # the computed share says how it is computed
    source = DATA.sources["anbud365-article"]
    assert all(r[4] == f"{source.publisher}: {source.title[lang]}" and r[5] == source.url for r in body)


def test_bokmal_csv_uses_semicolons_and_decimal_comma_english_commas_and_point():
    figure = DATA.figures["lup-share-small"]
    data = replace(DATA, figures={**DATA.figures, figure.id: replace(figure, value=Decimal("27.8"))})
    chart = data.charts["lup-share"]
    nb = downloads.chart_csv(data, chart, "nb")
    en = downloads.chart_csv(data, chart, "en")
    assert _read_csv(nb, "nb")[1][1] == "27,8"
    assert _read_csv(en, "en")[1][1] == "27.8"
    assert nb.splitlines()[0].count(";") == 5 and en.splitlines()[0].count(",") == 5
    # Large numbers are written without grouping, so a spreadsheet reads them as numbers.
    assert downloads.csv_number(Decimal("12345.5"), "count", DATA.ui["nb"]) == "12345,5"
    assert downloads.csv_number("2020-01-01", "date", DATA.ui["nb"]) == "2020-01-01"


def test_text_a_spreadsheet_would_run_as_a_formula_is_made_plain_text():
    text = downloads._csv([["=HYPERLINK(\"http://x.invalid\")", "@SUM(A1)", "+1 idea", "-3,5", "-2"]], DATA.ui["nb"])
    assert _read_csv(text, "nb") == [["'=HYPERLINK(\"http://x.invalid\")", "'@SUM(A1)", "'+1 idea", "-3,5", "-2"]]


def test_cells_holding_the_delimiter_or_quotes_are_quoted():
    text = downloads._csv([["a;b", 'say "hi"', "plain"]], DATA.ui["nb"])
    assert text == BOM + '"a;b";"say ""hi""";plain\r\n'
    assert _read_csv(text, "nb") == [["a;b", 'say "hi"', "plain"]]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_findings_csv_has_every_finding_and_figure(lang):
    rows = _read_csv(downloads.findings_csv(DATA, lang), lang)
    header, body = rows[0], rows[1:]
    assert header[0] == DATA.ui[lang]["csv_columns"]["finding"]
    assert sorted(r[4] for r in body if r[4]) == sorted(DATA.figures)
    assert all(DATA.figures[r[4]].finding == r[0] for r in body if r[4])
    assert {r[0] for r in body} == set(DATA.findings)
    assert not any("{{" in cell for row in body for cell in row)
    by_figure = {r[4]: r for r in body if r[4]}
    assert by_figure["lup-contact"][5] == "187" and by_figure["klimasats-gap"][5] == "43"
    assert by_figure["klimasats-gap"][6] == DATA.ui[lang]["units"]["percentage_points"]
    text = by_figure["lup-share-small"][3]
    assert ("28%" if lang == "en" else "28\u00a0%") in text and "187" in text


def test_findings_json_holds_both_languages_and_numbers():
    document = json.loads(downloads.findings_json(DATA))
    findings = {f["id"]: f for f in document["findings"]}
    assert list(findings) == list(DATA.findings)
    share = findings["lup-share-small"]
    assert set(share["title"]) == set(LANGUAGES) and set(share["text"]) == set(LANGUAGES)
    figures = {f["id"]: f for f in share["figures"]}
    assert figures["lup-share-small"] == {"id": "lup-share-small", "value": 28, "unit": "percent"}
    assert figures["lup-share-other"]["computed"] == {"method": "complement", "from": "lup-share-small"}
    assert share["chart"] == "lup-share" and share["sources"] == ["anbud365-article"]
    assert {s["id"] for s in document["sources"]} == set(DATA.sources)


# -- the built site ------------------------------------------------------------------------


def _links(html: str, css_class: str) -> list[str]:
    return re.findall(rf'<a class="{css_class}" href="([^"]+)"', html)


@pytest.mark.parametrize("lang, page", [("nb", "funn/index.html"), ("en", "en/funn/index.html")])
@pytest.mark.build
def test_findings_page_links_every_download_relatively(built_site, lang, page):
    html = (built_site / page).read_text(encoding="utf-8")
    hrefs = _links(html, "download-link")
    expected = {paths.chart_csv(c, lang) for c in DATA.charts} | {
        paths.findings_csv(lang), paths.FINDINGS_JSON}
    base = "http://site.invalid/" + page
    resolved = {urljoin(base, h).removeprefix("http://site.invalid/") for h in hrefs}
    assert resolved == expected
    for href in hrefs:
        assert not href.startswith(("/", "http:", "https:")), href  # relative: works in an offline copy
    for path in expected:
        assert (built_site / path).is_file(), path


@pytest.mark.build
def test_built_downloads_are_the_data(built_site):
    """The files a reader downloads from the built site, read back and held against data/ (not
    against the functions that wrote them): every chart's bars, every finding, every figure."""
    for lang in LANGUAGES:
        for chart in DATA.charts.values():
            rows = _read_csv((built_site / paths.chart_csv(chart.id, lang)).read_text(encoding="utf-8"), lang)
            assert [r[0] for r in rows[1:]] == [bar.label[lang] for bar in chart.bars], (chart.id, lang)
        rows = _read_csv((built_site / paths.findings_csv(lang)).read_text(encoding="utf-8"), lang)
        assert {r[0] for r in rows[1:]} == set(DATA.findings), lang
    document = json.loads((built_site / paths.FINDINGS_JSON).read_text(encoding="utf-8"))
    assert [f["id"] for f in document["findings"]] == list(DATA.findings)
    figures = {fig["id"]: fig for finding in document["findings"] for fig in finding["figures"]}
    assert set(figures) == set(DATA.figures)
    for figure_id, figure in figures.items():
        expected = DATA.figures[figure_id]
        assert figure["unit"] == expected.unit and str(figure["value"]) == str(expected.value), figure


@pytest.mark.build
def test_download_links_resolve_in_the_offline_bundle(built_bundle, tmp_path):
    """In the offline bundle (file names instead of directory URLs, opened from disk), every download
    link and static chart image of every page still points at a file of the bundle."""
    with zipfile.ZipFile(built_bundle.zip_path) as archive:
        archive.extractall(tmp_path)
    (out,) = tmp_path.iterdir()
    checked = 0
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        statics = re.findall(r'<img class="report-chart__static[^"]*" src="([^"]+)"', html)
        for href in _links(html, "download-link") + statics:
            assert not href.startswith(("/", "http:", "https:")), (page, href)
            assert (page.parent / href).resolve().is_file(), (page.relative_to(out), href)
            checked += 1
    assert (out / "funn.html").is_file() and (out / "en" / "funn.html").is_file()
    assert checked >= 2 * (3 * len(DATA.charts) + 2)
