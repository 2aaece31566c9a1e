"""Every chart kind, with every guarantee the real report's charts have, proved on the example report
(examples/charts/: made-up figures, never in data/), which has a chart of each kind on a page of its
own in every language: the kinds the real report has no data for (grouped: two series per category;
dot: two values per category and the gap between them; line: one or two series over time; stacked:
the parts of a whole per category, in percent, and in counts with a total on the same page) in their
rows, tables, CSV, text alternatives and checks; then the example as `make example` builds it (web site and offline zip),
read as a reader gets it in real Chromium: static SVGs in light and dark, the interactive view, the
values by keyboard and in the accessibility tree, axe, no JavaScript, print, the embed pages, the
link previews and the offline bundle from file://. A browser test checks several things in one page
load, and the kinds take the languages in turn, so that every kind and every language is read."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import pytest

from conftest import LANGUAGES, ROOT, lang_root, load_data, reach_for_charts, serve

from reportsite import charts, downloads, paths
from reportsite.chart_kinds import KINDS
from reportsite.errors import SiteDataError
from reportsite.numbers import d3_locale
from reportsite.paths import chart_csv, chart_image
from tools.build_site import bundle_stem
from tools.project import assemble_example

NBSP = "\u00a0"
EXAMPLE = ROOT / "examples" / "charts"
CHART = "example-grouped"
DOT = "example-dot"
LINE = "example-line"
STACKED, STACKED_TOTAL = "example-stacked", "example-stacked-total"
# Each kind's example chart is example-KIND, on the page KIND.md; the marks its interactive view draws
# (the dot and line charts' legends have two: the line chart's 2019 has one point, not two).
MARKS = {"bar": (".mark-rect path", 3), "share": (".mark-rect path", 3), "grouped": (".mark-rect path", 4),
         "dot": (".mark-symbol path", 6), "line": (".mark-symbol path", 11), "stacked": (".mark-rect path", 6)}
# The rows of each kind's data table: a category's, or a line chart's year's.
TABLE_ROWS = {"bar": 3, "share": 3, "grouped": 2, "dot": 2, "line": 5, "stacked": 2}
# A kind's further example on its page, read in the same page loads: the chart, the first row of its table.
ALSO = {"stacked": {STACKED_TOTAL: ["Klimasats", "20", "22", "5", "47"]}}
# The kinds take the languages in turn (two turns, one a language further on): every kind is read in
# two languages and every language in more than one kind, with few page loads.
TURN = [(kind, LANGUAGES[i % len(LANGUAGES)]) for i, kind in enumerate(MARKS)]
NEXT_TURN = [(kind, LANGUAGES[(i + 1) % len(LANGUAGES)]) for i, kind in enumerate(MARKS)]
NOTICE = {"nb": "Eksempel med oppdiktede tall", "nn": "Døme med oppdikta tal", "en": "Example with made-up figures"}


@pytest.fixture(scope="module")
def example_project(tmp_path_factory):
    """The example report put together with the generator, as `make example` does."""
    return assemble_example(tmp_path_factory.mktemp("example") / "project")


@pytest.fixture(scope="module")
def example(example_project):
    """The example report's data, loaded as the build loads it."""
    return load_data(example_project)


def test_the_example_passes_the_check(example_project):
    """What `make check` runs, on the example: its pages, data, shortcodes and sources."""
    from reportsite.check import check_project

    problems, result = check_project(example_project)
    assert problems == []
    assert sorted(page.src_uri for page in result.pages.values()) == sorted(
        f"{lang}/{name}.md" for lang in LANGUAGES for name in ("index", *MARKS))


def _problems(tmp_path, chart_id: str, old: str, new: str, count: int = 1) -> list[str]:
    """The problems of the example with `old` replaced by `new` (count times) in the chart chart_id."""
    project = assemble_example(tmp_path / "project")
    findings = project / "data" / "findings.yml"
    text = findings.read_text(encoding="utf-8")
    start = text.index(f"  - id: {chart_id}\n    kind:")
    assert text[start:].count(old) >= count, old
    findings.write_text(text[:start] + text[start:].replace(old, new, count), encoding="utf-8")
    with pytest.raises(SiteDataError) as info:
        load_data(project)
    return [re.sub(r"^data/findings.yml:\d+: ", "", str(p)) for p in info.value.problems]


def test_the_example_has_a_chart_of_every_kind_on_a_page_of_its_own_in_every_language(example):
    """A new kind is proved by adding its example (a chart, its figures, a page) to examples/charts/."""
    assert set(MARKS) == set(KINDS) == {chart.kind.name for chart in example.charts.values()}
    assert set(example.charts) == {f"example-{kind}" for kind in KINDS} | {c for also in ALSO.values() for c in also}
    for kind in KINDS:
        for lang in LANGUAGES:
            page = (EXAMPLE / "content" / lang / f"{kind}.md").read_text(encoding="utf-8")
            assert f"example-{kind} }}}}" in page and NOTICE[lang] in page, (kind, lang)
            assert all(f"{{{{ chart {chart_id} }}}}" in page for chart_id in ALSO.get(kind, ())), (kind, lang)


def test_the_example_s_figures_stay_out_of_the_report_s_data(example):
    real = load_data()
    for part in ("findings", "figures", "charts", "sources"):
        assert not set(getattr(example, part)) & set(getattr(real, part)), part


def test_rows_go_category_by_category_each_in_the_order_of_the_series(example):
    chart = example.charts[CHART]
    # In data the second category's bars stand in the other order; its computed value says so.
    assert [(r.label, r.series, r.display) for r in chart.kind.rows(example, chart, "nb")] == [
        ("Klimasats", "Små distriktskommuner", f"20,5{NBSP}%"), ("Klimasats", "Andre kommuner", f"63{NBSP}%"),
        ("Innovative anskaffelser", "Små distriktskommuner", f"9{NBSP}%"),
        ("Innovative anskaffelser", "Andre kommuner", f"91{NBSP}% (beregnet)")]
    rows = chart.kind.rows(example, chart, "en")
    assert [(r.label, r.series, r.display, r.group) for r in rows] == [
        ("Klimasats", "Small rural municipalities", "20.5%", "s0"), ("Klimasats", "Other municipalities", "63%", "s1"),
        ("Innovative procurement", "Small rural municipalities", "9%", "s0"),
        ("Innovative procurement", "Other municipalities", "91% (computed)", "s1")]
    table = chart.kind.table(chart, rows, "en", example.ui["en"])
    assert table.columns == ["Category", "Small rural municipalities", "Other municipalities"]
    assert table.rows == [["Klimasats", "20.5%", "63%"], ["Innovative procurement", "9%", "91% (computed)"]]
    assert chart.kind.description(chart, rows, "en", example.ui["en"]) == (
        "Chart: Participation by type of municipality (made-up figures). Klimasats: Small rural municipalities 20.5%, Other "
        "municipalities 63%; Innovative procurement: Small rural municipalities 9%, Other municipalities 91% (computed)")
    # Two categories' lines and four bars of 32 px, the axis and its title.
    assert chart.kind.size(chart, "en") == (412, 6 * 32 + 29 + 14)


def test_the_spec_puts_each_categorys_line_above_its_bars(example):
    spec = charts.chart_spec(example, example.charts[CHART], "en")
    assert [(v["row"], v.get("heading"), v.get("text"), v.get("value")) for v in spec["data"]["values"]] == [
        (0, "Klimasats", None, None), (1, None, "Small rural municipalities: 20.5%", 0.205),
        (2, None, "Other municipalities: 63%", 0.63), (3, "Innovative procurement", None, None),
        (4, None, "Small rural municipalities: 9%", 0.09), (5, None, "Other municipalities: 91% (computed)", 0.91)]


def test_the_csv_has_a_row_per_bar_with_its_series(example):
    rows = list(csv.reader(io.StringIO(downloads.chart_csv(
        example, example.charts[CHART], "nb").lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:5] == ["Kategori", "Serie", "Andel av kommunene", "Enhet", "Beregning"]
    assert [row[:5] for row in rows[1:]] == [
        ["Klimasats", "Små distriktskommuner", "20,5", "prosent", ""], ["Klimasats", "Andre kommuner", "63", "prosent", ""],
        ["Innovative anskaffelser", "Andre kommuner", "91", "prosent", f"100{NBSP}% minus 9{NBSP}%"],
        ["Innovative anskaffelser", "Små distriktskommuner", "9", "prosent", ""]]


def test_a_dot_chart_adds_the_gap_it_computes_and_leaves_room_for_its_labels(example):
    chart = example.charts[DOT]
    rows = chart.kind.rows(example, chart, "nb")
    assert [(r.label, r.series, r.display) for r in rows if r.group == "gap"] == [
        ("Klimasats", "Forskjell", f"42,5{NBSP}prosentpoeng (beregnet)"),
        ("Innovative anskaffelser", "Forskjell", f"82{NBSP}prosentpoeng (beregnet)")]
    table = chart.kind.table(chart, chart.kind.rows(example, chart, "en"), "en", example.ui["en"])
    assert table.columns == ["Category", "Small rural municipalities", "Other municipalities", "Difference"]
    assert table.rows[1] == ["Innovative procurement", "9%", "91% (computed)", f"82{NBSP}percentage points (computed)"]
    # Two lines of legend, and per category its line and the row of its dots, 30 px each.
    assert chart.kind.size(chart, "en") == (412, 6 * 30 + 29 + 14)
    spec = charts.chart_spec(example, chart, "en")
    values = spec["data"]["values"]
    assert [(v["row"], v.get("legend"), v.get("heading")) for v in values if "value" not in v and "gap" not in v] == [
        (0, "Small rural municipalities", None), (1, "Other municipalities", None), (2, None, "Klimasats"),
        (6, None, "Innovative procurement")]
    assert [(v["row"], v["display"], v["side"]) for v in values if "side" in v] == [
        (3, "20.5%", "left"), (3, "63%", "right"), (7, "9%", "left"), (7, "91% (computed)", "right")]
    assert [(v["row"], v["low"], v["high"], v["gap"]) for v in values if "gap" in v] == [
        (3, 0.205, 0.63, f"42.5{NBSP}percentage points (computed)"), (7, 0.09, 0.91, f"82{NBSP}percentage points (computed)")]
    # The values run from after the longest left label to before the longest right one (8 px a character).
    (scale,) = {json.dumps(layer["encoding"]["x"]["scale"]) for layer in spec["layer"] if "scale" in layer["encoding"].get("x", {})}
    assert json.loads(scale)["range"] == [12 + 8 * len("20.5%"), 400 - 12 - 8 * len("91% (computed)")]


def test_a_stacked_chart_stacks_each_category_s_parts_and_names_each_under_its_bar(example):
    chart = example.charts[STACKED]
    rows = chart.kind.rows(example, chart, "nb")
    # In data the second category's rest stands first; each category's parts go in the order of the series.
    assert [(r.label, r.series, r.display, r.group) for r in rows] == [
        ("Små distriktskommuner", "Har prøvd", f"20,5{NBSP}%", "s0"),
        ("Små distriktskommuner", "Har ikke prøvd", f"72,5{NBSP}%", "s1"), ("Små distriktskommuner", "Vet ikke", f"7{NBSP}%", "s2"),
        ("Andre kommuner", "Har prøvd", f"41{NBSP}%", "s0"), ("Andre kommuner", "Har ikke prøvd", f"52{NBSP}%", "s1"),
        ("Andre kommuner", "Vet ikke", f"7{NBSP}%", "s2")]
    rows = chart.kind.rows(example, chart, "en")
    table = chart.kind.table(chart, rows, "en", example.ui["en"])
    assert table.columns == ["Category", "Have tried", "Have not tried", "Do not know"]
    assert table.rows == [["Small rural municipalities", "20.5%", "72.5%", "7%"], ["Other municipalities", "41%", "52%", "7%"]]
    assert chart.kind.description(chart, rows, "en", example.ui["en"]) == (
        "Chart: Municipalities that have tried innovative procurement (made-up figures). Small rural municipalities: Have tried 20.5%, "
        "Have not tried 72.5%, Do not know 7%; Other municipalities: Have tried 41%, Have not tried 52%, Do not know 7%")
    # Per category its line, its bar and a line per part, 22 px each; the axis and its title.
    assert chart.kind.size(chart, "en") == (412, 2 * 5 * 22 + 29 + 14)
    values = charts.chart_spec(example, chart, "en")["data"]["values"]
    assert [(v["row"], v["heading"]) for v in values if "heading" in v] == [(0, "Small rural municipalities"),
                                                                           (5, "Other municipalities")]
    # Each segment from where the one before it ends; the last ends at the whole.
    assert [(v["row"], round(v["start"], 9), round(v["value"], 9), v["group"]) for v in values if "start" in v] == [
        (1, 0, 0.205, "s0"), (1, 0.205, 0.93, "s1"), (1, 0.93, 1, "s2"),
        (6, 0, 0.41, "s0"), (6, 0.41, 0.93, "s1"), (6, 0.93, 1, "s2")]
    # Each part's name and value on a line of its own, beside the tick from its segment's middle, on the
    # side where there is room.
    assert [(v["row"], v["bar"], v["note"], v["side"]) for v in values if "note" in v] == [
        (2, 1, "Have tried: 20.5%", "left"), (3, 1, "Have not tried: 72.5%", "right"), (4, 1, "Do not know: 7%", "right"),
        (7, 6, "Have tried: 41%", "left"), (8, 6, "Have not tried: 52%", "right"), (9, 6, "Do not know: 7%", "right")]
    assert [v["middle"] for v in values if "note" in v][:3] == pytest.approx([0.1025, 0.5675, 0.965])


def test_a_stacked_chart_with_a_total_shows_it_at_the_end_of_each_category_and_in_the_table(example):
    chart = example.charts[STACKED_TOTAL]
    rows = chart.kind.rows(example, chart, "nb")
    assert [(r.label, r.series, r.display) for r in rows if r.group == "total"] == [
        ("Klimasats", "I alt", "47"), ("Innovative anskaffelser", "I alt", "47")]
    table = chart.kind.table(chart, rows, "nb", example.ui["nb"])
    assert table.columns == ["Kategori", "Har prøvd", "Har ikke prøvd", "Vet ikke", "I alt"]
    assert table.rows == [["Klimasats", "20", "22", "5", "47"], ["Innovative anskaffelser", "9", "33", "5", "47"]]
    assert chart.kind.description(chart, rows, "nb", example.ui["nb"]).endswith(
        "Innovative anskaffelser: Har prøvd 9, Har ikke prøvd 33, Vet ikke 5, I alt 47")
    assert chart.kind.size(chart, "nb") == (412, 2 * 5 * 22 + 29 + 14)
    spec = charts.chart_spec(example, chart, "nb")
    values = spec["data"]["values"]
    assert [(v["row"], v["heading"], v["total"]) for v in values if "heading" in v] == [
        (0, "Klimasats", "I alt: 47"), (5, "Innovative anskaffelser", "I alt: 47")]
    # Counts as they are; the last segment and the axis end at the total, no further.
    assert [(v["start"], v["value"]) for v in values if "start" in v][:3] == [(0, 20), (20, 42), (42, 47)]
    assert [v["side"] for v in values if "note" in v] == ["left", "right", "right", "left", "right", "right"]
    scales = [layer["encoding"]["x"]["scale"] for layer in spec["layer"] if "scale" in layer["encoding"].get("x", {})]
    assert scales == [{"domain": [0, 47], "nice": False}]
    # The CSV has the parts, as for every chart (the total is in the whole set's downloads with its source).
    text = downloads.chart_csv(example, chart, "en").lstrip("\ufeff")
    assert [row[:3] for row in csv.reader(io.StringIO(text))][1:4] == [
        ["Klimasats", "Have tried", "20"], ["Klimasats", "Have not tried", "22"], ["Klimasats", "Do not know", "5"]]


def test_a_stacked_chart_s_csv_has_a_row_per_part_with_its_series(example):
    rows = list(csv.reader(io.StringIO(downloads.chart_csv(
        example, example.charts[STACKED], "en").lstrip("\ufeff"))))
    assert rows[0][:4] == ["Category", "Series", "Share of the municipalities", "Unit"]
    assert [row[:3] for row in rows[1:]] == [
        ["Small rural municipalities", "Have tried", "20.5"], ["Small rural municipalities", "Have not tried", "72.5"],
        ["Small rural municipalities", "Do not know", "7"], ["Other municipalities", "Do not know", "7"],
        ["Other municipalities", "Have tried", "41"], ["Other municipalities", "Have not tried", "52"]]


def test_a_stacked_chart_draws_two_parts_in_colour_the_rest_outlined_all_parted_by_gaps(example):
    """No third colour keeps 3:1 with the other two (tests/test_charts_theme.py): the rest is the page's
    colour inside an outline in the text's, and every segment's edge is the page's colour."""
    import vl_convert

    chart = example.charts[STACKED]
    for theme, colours in charts.THEMES.items():
        svg = vl_convert.vegalite_to_svg(charts.chart_spec(example, chart, "en", theme), format_locale=d3_locale(example.ui["en"]))
        segments = re.findall(r'aria-roledescription="bar" d="[^"]*" fill="(#\w+)" stroke="(#\w+)" stroke-width="2"', svg)
        assert segments == 2 * [(colours.series_one, colours.background), (colours.series_two, colours.background),
                                (colours.background, colours.text)], theme
        assert len(re.findall(r'aria-roledescription="rule mark"[^>]*stroke="' + colours.text, svg)) == 6


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("chart_id", [CHART, DOT, LINE, STACKED, STACKED_TOTAL])
def test_the_derived_dark_svg_equals_the_drawn_one(example, chart_id, lang):
    import vl_convert

    chart = example.charts[chart_id]
    locale = d3_locale(example.ui[lang])
    light, dark = (charts.chart_spec(example, chart, lang, theme) for theme in ("light", "dark"))
    light_svg = vl_convert.vegalite_to_svg(light, format_locale=locale)
    assert charts.themed_svg(light, light_svg, dark, locale, "dark") == vl_convert.vegalite_to_svg(dark, format_locale=locale)


def _time_axis(spec: dict) -> dict:
    """The time axis the line and point layers share."""
    (axis,) = {json.dumps(layer["encoding"]["x"]["axis"]) for layer in spec["layer"]
               if "labelExpr" in layer["encoding"]["x"].get("axis", {})}
    return json.loads(axis)


def test_a_line_chart_s_rows_go_series_by_series_and_a_missing_value_says_so(example):
    chart = example.charts[LINE]
    rows = chart.kind.rows(example, chart, "nb")
    assert [(r.label, r.series, r.display, r.value, r.at) for r in rows[:4]] == [
        ("2016", "Små distriktskommuner", f"12{NBSP}%", 12.0, 2016), ("2018", "Små distriktskommuner", f"15{NBSP}%", 15.0, 2018),
        ("2019", "Små distriktskommuner", "mangler", None, 2019),
        ("2020", "Små distriktskommuner", f"19,5{NBSP}%", 19.5, 2020)]
    table = chart.kind.table(chart, rows, "nb", example.ui["nb"])
    assert table.columns == ["Tidspunkt", "Små distriktskommuner", "Andre kommuner"]
    assert table.rows == [["2016", f"12{NBSP}%", f"30{NBSP}%"], ["2018", f"15{NBSP}%", f"34{NBSP}%"],
                          ["2019", "mangler", f"37{NBSP}%"], ["2020", f"19,5{NBSP}%", f"41{NBSP}%"],
                          ["2022", f"24{NBSP}%", f"46{NBSP}%"]]
    rows = chart.kind.rows(example, chart, "en")
    assert chart.kind.description(chart, rows, "en", example.ui["en"]).startswith(
        "Chart: Participation over time (made-up figures). 2016: Small rural municipalities 12%, Other municipalities 30%; 2018: Small "
        "rural municipalities 15%, Other municipalities 34%; 2019: Small rural municipalities missing, Other "
        "municipalities 37%; ")
    # The plot, the time axis, the gap above the plot, two lines of legend and the title's line.
    assert chart.kind.size(chart, "en") == (412, 220 + 29 + 12 + 2 * 20 + 14)


def test_a_line_chart_s_spec_breaks_the_line_at_a_missing_value_and_labels_each_year(example):
    spec = charts.chart_spec(example, example.charts[LINE], "nb")
    values = spec["data"]["values"]
    assert [(v.get("legend"), v["ly"]) for v in values if "ly" in v] == [
        (None, -12 - 40 - 4), ("Små distriktskommuner", -12 - 30), ("Andre kommuner", -12 - 10)]
    points = [(v["at"], v["value"], v["stretch"]) for v in values if "at" in v]
    # No point for 2019 in the first series, whose line goes on in a stretch of its own; none is zero.
    assert points == [(2016, 0.12, 0), (2018, 0.15, 0), (2020, 0.195, 1), (2022, 0.24, 1), (2016, 0.3, 2),
                      (2018, 0.34, 2), (2019, 0.37, 2), (2020, 0.41, 2), (2022, 0.46, 2)]
    axis = _time_axis(spec)
    assert axis["values"] == [2016, 2018, 2019, 2020, 2022]
    assert json.loads(axis["labelExpr"].removesuffix("[datum.value]")) == {str(y): str(y) for y in axis["values"]}


def test_a_line_chart_s_csv_leaves_a_missing_value_empty(example):
    rows = list(csv.reader(io.StringIO(downloads.chart_csv(example, example.charts[LINE], "nb").lstrip("\ufeff")),
                           delimiter=";"))
    assert rows[0][:4] == ["Tidspunkt", "Serie", "Andel av kommunene", "Enhet"]
    assert [row[:4] for row in rows[2:5]] == [["2018", "Små distriktskommuner", "15", "prosent"],
                                              ["2019", "Små distriktskommuner", "", ""],
                                              ["2020", "Små distriktskommuner", "19,5", "prosent"]]
    assert rows[3][4:] == ["", "", ""] and rows[4][5] == "Ingen (fiktiv): Oppdiktet kilde til eksempelet (finnes ikke)"


def test_a_line_chart_on_dates_writes_them_as_the_language_does(tmp_path):
    findings = assemble_example(tmp_path / "project") / "data" / "findings.yml"
    text = findings.read_text(encoding="utf-8")
    for year, date in ((2016, "2016-03-01"), (2018, "2018-03-01"), (2019, "2019-06-15"), (2020, "2020-03-01"),
                       (2022, "2022-03-01")):
        text = text.replace(f"at: {year},", f"at: {date},")
    findings.write_text(text, encoding="utf-8")
    data = load_data(findings.parent.parent)
    chart = data.charts[LINE]
    assert [r.label for r in chart.kind.rows(data, chart, "nb")][:3] == ["1. mars 2016", "1. mars 2018", "15. juni 2019"]
    assert chart.kind.rows(data, chart, "en")[2].label == "15 June 2019"
    axis = _time_axis(charts.chart_spec(data, chart, "en"))
    # Days apart as the calendar has them: the time axis keeps the true distances.
    assert [b - a for a, b in zip(axis["values"], axis["values"][1:])] == [730, 471, 260, 730]
    assert [chart.kind.csv_cells(chart, bar, "en")[0] for bar in chart.bars][:2] == ["2016-03-01", "2018-03-01"]


TWO_SERIES = ("a {} chart shows two series, each with an id of its own — name them under 'series' (a third colour "
              "could not keep 3:1 contrast with the other two)")


@pytest.mark.parametrize("chart_id, old, new, count, expected", [
    (CHART, "      - figure: ex-procurement-small\n        series: small\n",
     "      - figure: ex-procurement-small\n        series: other\n", 1,
     ["charts[2].bars[3]: the category 'Innovative anskaffelser' has a bar for the series 'other' already — give each "
      "category one bar per series"]),
    (CHART, "      - id: other\n", "      - id: small\n", 1, ["charts[2].series: " + TWO_SERIES.format("grouped")]),
    (CHART, "      - figure: ex-procurement-other\n        series: other\n        label:\n          nb: Innovative anskaffelser\n",
     "      - figure: ex-procurement-other\n        series: other\n        label:\n          nb: Innovative anskaffelse\n", 1,
     ["charts[2].bars[2].label: the category 'Innovative anskaffelse' has no value for the series 'small' — add a "
      "bar with the same label in every language and series: small",
      "charts[2].bars[3].label: the category 'Innovative anskaffelser' has no value for the series 'other' — add a "
      "bar with the same label in every language and series: other"]),
    (CHART, "    series:\n", "    series:\n      - id: mid\n        label: {" + ", ".join(f"{lang}: Midt" for lang in LANGUAGES)
     + "}\n", 1, ["charts[2].series: " + TWO_SERIES.format("grouped")]),
    (CHART, "      - id: other\n        label:\n          nb: Andre kommuner\n",
     "      - id: other\n        label:\n          nb: Andre kommuner 10\n", 1,
     ["charts[2].series[1].label.nb: a number is typed into the text — put the number in 'figures' with its source and "
      "write {{ figure ID }} instead"]),
    (DOT, "      - id: small\n", "      - id: smal\n", 1,
     ["charts[3].bars[0].series: no series has the id 'small' — use one of: smal, other",
      "charts[3].bars[3].series: no series has the id 'small' — use one of: smal, other"]),
    (DOT, "      - id: other\n", "      - id: small\n", 1, ["charts[3].series: " + TWO_SERIES.format("dot")]),
    (CHART, "          nb: Innovative anskaffelser\n", "          nb: Klimasats\n", 2,
     ["charts[2].bars: two categories have the same label in nb — label each category differently in every language"]),
], ids=["two-bars-one-series", "series-id-twice", "label-spelt-otherwise", "three-series", "number-in-series-name",
        "dot-series-id-misspelt", "dot-series-id-twice", "two-categories-one-label"])
def test_a_grouped_or_dot_chart_s_mistakes_are_named(tmp_path, chart_id, old, new, count, expected):
    assert _problems(tmp_path, chart_id, old, new, count) == expected


@pytest.mark.parametrize("old, new, expected", [
    ("      - {at: 2016, series: small, figure: ex-line-small-2016}\n      - {at: 2018, series: small, figure: ex-line-small-2018}\n",
     "      - {at: 2018, series: small, figure: ex-line-small-2018}\n      - {at: 2016, series: small, figure: ex-line-small-2016}\n",
     ["charts[4].bars[1].at: 2016 stands after 2018 in the series 'small' — list each series' points from the earliest "
      "to the latest"]),
    ("{at: 2019, series: small}", "{at: 2018, series: small}",
     ["charts[4].bars[2]: the series 'small' has a point at 2018 already — give each series one point per year or date"]),
    ("{at: 2019, series: other, figure: ex-line-other-2019}", "{at: 2021, series: other, figure: ex-line-other-2019}",
     ["charts[4].bars[2].at: the series 'other' has no point at 2019 — add a point with at: 2019 and series: other "
      "(without 'figure' where the source gives no value)",
      "charts[4].bars[7].at: the series 'small' has no point at 2021 — add a point with at: 2021 and series: small "
      "(without 'figure' where the source gives no value)"]),
    ("{at: 2016, series: other,", "{at: 2016-03-01, series: other,",
     ["charts[4].bars: the points mix years and dates — give every point a year (2020), or every point a date "
      "(2020-03-12)"]),
    ("          en: Small rural municipalities\n", "",
     ["charts[4].series[0].label: the key 'en' is missing — add 'en': The series' name, written with each of its "
      "values. In English."]),
    ("figure: ex-line-other-2022}", "figure: ex-projects-lup}",
     ["charts[4].bars: the bars mix units (count, percent) — show figures of one unit in one chart"]),
    ("{at: 2016, series: small, figure: ex-line-small-2016}",
     "{at: 2016, series: small, figure: ex-line-small-2016, label: {" + ", ".join(f"{lang}: A" for lang in LANGUAGES) + "}}",
     ["charts[4].bars[0].label: a line chart's bar has no 'label' — leave 'label' out"]),
    ("{at: 2019, series: small}", "{series: small}", ["charts[4].bars[2]: the bar has no 'at' — add 'at' to the bar"]),
    ("    series:\n", "    series:\n      - id: mid\n        label: {" + ", ".join(f"{lang}: Midt" for lang in LANGUAGES)
     + "}\n", ["charts[4].series: a line chart shows one or two series, each with an id of its own — name them under "
                "'series' (a third colour could not keep 3:1 contrast with the other two)"]),
], ids=["unordered-years", "year-twice", "year-in-one-series-only", "years-and-dates", "series-named-in-one-language",
        "mixed-units", "label-on-a-point", "point-without-time", "three-series"])
def test_a_line_chart_s_mistakes_are_named(tmp_path, old, new, expected):
    assert _problems(tmp_path, LINE, old, new) == expected


PARTS = "correct the parts, or add the one missing (the rest, say) as a series of its own"


@pytest.mark.parametrize("chart_id, old, new, expected", [
    (STACKED, "      - figure: ex-tried-other\n", "      - figure: ex-tried-small\n",
     ["charts[5].bars[3].label: the parts of the category 'Andre kommuner' add up to 79.5 %, not 100 % — " + PARTS]),
    (STACKED_TOTAL, "      - figure: ex-procurement-unsure\n", "      - figure: ex-procurement-tried\n",
     ["charts[6].bars[3].label: the parts of the category 'Innovative anskaffelser' add up to 51, not 47 (the total, "
      "ex-asked) — " + PARTS]),
    (STACKED_TOTAL, "    total: ex-asked\n", "",
     ["charts[6].kind: a stacked chart shows percentages — name the figure they add up to in 'total', or use kind: grouped"]),
    (STACKED_TOTAL, "    total: ex-asked\n", "    total: ex-tried-small\n",
     ["charts[6].total: the total is in percent, the parts in count — name a total in the parts' unit"]),
], ids=["parts-not-100", "parts-not-the-total", "counts-without-total", "total-in-another-unit"])
def test_a_stacked_chart_s_mistakes_are_named(tmp_path, chart_id, old, new, expected):
    assert _problems(tmp_path, chart_id, old, new) == expected


# -- built and read in Chromium ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(example_bundle):
    """The example's web site, built once per test run, and its data."""
    return example_bundle.site, load_data(example_bundle.site.parent / "project")


@pytest.fixture(scope="module")
def built_url(built):
    with serve(built[0]) as url:
        yield url


def _context(browser, **options):
    return browser.new_context(viewport={"width": 1280, "height": 900}, **options)


def _path(kind: str, lang: str) -> str:
    return f"{lang_root(lang)}{kind}/"


@pytest.mark.build
@pytest.mark.parametrize("chart_id, lang, drawn, columns", [
    (CHART, "nb", [f"Små distriktskommuner: 20,5{NBSP}%", f"Andre kommuner: 91{NBSP}% (beregnet)", "Klimasats"],
     ["Kategori", "Små distriktskommuner", "Andre kommuner"]),
    (CHART, "nn", [f"Små distriktskommunar: 20,5{NBSP}%", f"Andre kommunar: 91{NBSP}% (berekna)", "Innovative anskaffingar"],
     ["Kategori", "Små distriktskommunar", "Andre kommunar"]),
    (CHART, "en", ["Small rural municipalities: 20.5%", "Other municipalities: 91% (computed)", "Innovative procurement"],
     ["Category", "Small rural municipalities", "Other municipalities"]),
    (DOT, "nb", ["Små distriktskommuner", f"20,5{NBSP}%", f"42,5{NBSP}prosentpoeng (beregnet)", "Klimasats"],
     ["Kategori", "Små distriktskommuner", "Andre kommuner", "Forskjell"]),
    (DOT, "nn", ["Andre kommunar", f"63{NBSP}%", f"82{NBSP}prosentpoeng (berekna)", "Klimasats"],
     ["Kategori", "Små distriktskommunar", "Andre kommunar", "Skilnad"]),
    (DOT, "en", ["Other municipalities", "91% (computed)", f"82{NBSP}percentage points (computed)", "Klimasats"],
     ["Category", "Small rural municipalities", "Other municipalities", "Difference"]),
    ("example-bar", "nn", ["Klimasats", "Innovative anskaffingar", "Leverandørutvikling", "12", "4"],
     ["Kategori", "Talet på prosjekt"]),
    ("example-share", "en", ["One municipality alone", "Regional council", "45%", "25%"],
     ["Category", "Share of the projects"]),
    (LINE, "nb", ["Andel av kommunene", "Små distriktskommuner", "Andre kommuner", "2016", "2019", "2022", f"40,0{NBSP}%"],
     ["Tidspunkt", "Små distriktskommuner", "Andre kommuner"]),
    (LINE, "en", ["Share of the municipalities", "Small rural municipalities", "2019", "40.0%"],
     ["Time", "Small rural municipalities", "Other municipalities"]),
    (STACKED, "nb", ["Små distriktskommuner", f"Har prøvd: 20,5{NBSP}%", f"Vet ikke: 7{NBSP}%", f"100,0{NBSP}%"],
     ["Kategori", "Har prøvd", "Har ikke prøvd", "Vet ikke"]),
    (STACKED, "en", ["Other municipalities", "Have not tried: 52%", "Do not know: 7%", "100.0%"],
     ["Category", "Have tried", "Have not tried", "Do not know"]),
    (STACKED_TOTAL, "nn", ["Klimasats", "I alt: 47", "Har prøvd: 9", "Veit ikkje: 5", "40"],
     ["Kategori", "Har prøvd", "Har ikkje prøvd", "Veit ikkje", "I alt"]),
])
def test_the_build_writes_svgs_table_csv_and_embed_page(built, chart_id, lang, drawn, columns):
    site, data = built
    chart = data.charts[chart_id]
    for theme, colours in charts.THEMES.items():
        svg = (site / chart_image(chart_id, lang, theme)).read_text(encoding="utf-8")
        fills = {c.lower() for c in re.findall(r'fill="(#[0-9a-fA-F]{6})"', svg)}
        series = {colours.series_one, colours.series_two} if chart.kind.name in ("grouped", "dot", "stacked") else set()
        assert series | {colours.text, colours.background} <= fills, (theme, fills)
        assert set(re.findall(r'font-family="([^"]*)"', svg)) == {"Report Open Sans"}
        texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
        assert set(drawn) <= set(texts), texts
        if chart_id == LINE:   # small municipalities' line broken where 2019 is missing; years written plainly
            assert svg.count('class="mark-line role-mark') == 3 and not {"2,016", f"2{NBSP}016", "2&#160;016"} & set(texts)
        size = re.search(r'<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"', svg)
        assert (round(float(size.group(1))), round(float(size.group(2)))) == chart.kind.size(chart, lang)
    html = (site / _path(chart.kind.name, lang) / "index.html").read_text(encoding="utf-8")
    table = html.split(f'id="chart-{chart_id}"', 1)[1].split("</details>", 1)[0]
    assert re.findall(r'<th scope="col">(.*?)</th>', table) == columns
    text = (site / chart_csv(chart_id, lang)).read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith(columns[0]) and len(text.splitlines()) == 1 + len(chart.bars)
    embed = (site / lang_root(lang) / "embed" / chart_id / "index.html").read_text(encoding="utf-8")
    assert f'data-chart="{chart_id}"' in embed and chart.title[lang] in embed


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_says_it_is_an_example_with_made_up_figures(built, lang):
    site, _ = built
    pages = [p for p in (site / lang_root(lang)).glob("*/index.html") if p.parent.name in MARKS] + [
        site / lang_root(lang) / "index.html"]
    assert len(pages) == len(MARKS) + 1
    for page in pages:
        html = page.read_text(encoding="utf-8")
        notice = re.search(r'<div class="admonition warning">\s*<p class="admonition-title">([^<]*)</p>', html)
        assert notice and notice.group(1) == NOTICE[lang], page
        site_name = re.search(r'<meta property="og:site_name" content="([^"]*)"', html).group(1)
        assert site_name.startswith(NOTICE[lang] + ": "), (page, site_name)


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_whole_set_downloads_hold_the_example_figures(built, lang):
    site, _ = built
    findings = (site / paths.findings_csv(lang)).read_text(encoding="utf-8-sig")
    document = json.loads((site / paths.FINDINGS_JSON).read_text(encoding="utf-8"))
    for chart_id, figures in ((CHART, 4), (LINE, 9)):
        assert f"\n{chart_id}{',' if lang == 'en' else ';'}" in findings and findings.count(f"\n{chart_id}") == figures
        (finding,) = [f for f in document["findings"] if f["id"] == chart_id]
        assert finding["chart"] == chart_id and len(finding["figures"]) == figures


def _expected_values(data, chart_id: str, lang: str) -> list[str]:
    """What each value of the list says, as the tooltip does: the category (a line chart's time), then the
    series and value."""
    ui, chart = data.ui[lang], data.charts[chart_id]
    first = chart.kind.columns(chart, lang, ui)[0]
    return [f"{first}: {r.label}\n{ui['table_value']}: " + (f"{r.series}: " if r.series else "") + r.display
            for r in chart.kind.rows(data, chart, lang)]


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("kind, lang, scheme", [(kind, lang, "light") for kind, lang in TURN]
                         + [(kind, lang, "dark") for kind, lang in NEXT_TURN])
def test_axe_finds_no_violations_and_print_shows_the_light_svg_and_the_table(browser, built_url, kind, lang, scheme):
    from test_accessibility import _axe_violations, _open

    context = _context(browser, color_scheme=scheme)
    page = _open(context.new_page(), built_url + _path(kind, lang), scheme)
    figure = page.locator(f"figure[data-chart='example-{kind}']")
    assert figure.get_attribute("data-chart-state") == "interactive"
    selector, count = MARKS[kind]
    assert figure.locator(f".report-chart__interactive svg {selector}").count() == count
    if kind == "line":   # the gap drawn in the interactive view too
        assert figure.locator(".report-chart__interactive svg .mark-line path").count() == 3
    others = [page.locator(f"figure[data-chart='{chart_id}']") for chart_id in ALSO.get(kind, ())]
    for other in others:
        assert other.get_attribute("data-chart-state") == "interactive"
        assert other.locator(f".report-chart__interactive svg {selector}").count() == count
    assert _axe_violations(page) == []
    page.emulate_media(media="print")
    for printed in [figure, *others]:
        assert printed.locator(".report-chart__static--light").is_visible()
        assert printed.locator(".report-chart__static--dark").is_hidden()
        assert printed.locator(".report-chart__interactive").is_hidden()
        assert printed.locator("details table").is_visible()
    context.close()


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("kind, lang", NEXT_TURN)
def test_an_embed_page_has_no_axe_violations_and_is_light_for_a_dark_reader(browser, built_url, kind, lang):
    from test_accessibility import _axe_violations, _open

    context = _context(browser, color_scheme="dark")   # an embed page has no dark scheme of its own
    page = _open(context.new_page(), f"{built_url}{lang_root(lang)}embed/example-{kind}/", "light")
    figure = page.locator(f"figure[data-chart='example-{kind}']")
    selector, count = MARKS[kind]
    assert figure.locator(f".report-chart__interactive svg {selector}").count() == count
    assert _axe_violations(page) == []
    context.close()


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("kind, lang, scheme", [(kind, lang, "light") for kind, lang in TURN]
                         + [(kind, lang, "dark") for kind, lang in NEXT_TURN])
def test_every_value_by_keyboard_and_in_the_accessibility_tree_without_vega(browser, built, built_url, kind, lang, scheme):
    """The Vega runtime never loads: the static SVG of the reader's scheme stays in the box, and the
    values, the list and the table do not depend on it."""
    from test_chart_values import _focused, _tab_to_values

    data, chart_id = built[1], f"example-{kind}"
    expected = _expected_values(data, chart_id, lang)
    context = _context(browser, color_scheme=scheme)
    page = context.new_page()
    page.route("**/vega-bundle.js", lambda route: route.abort())
    page.goto(built_url + _path(kind, lang))
    reach_for_charts(page)
    figure = page.locator(f"figure[data-chart='{chart_id}']")
    image = figure.locator(f"img.report-chart__static--{scheme}")
    assert image.is_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    seen = [_tab_to_values(page)]
    for _ in expected[1:]:
        page.keyboard.press("ArrowDown")
        seen.append(_focused(page))
    assert [s["text"] for s in seen] == expected and {s["chart"] for s in seen} == {chart_id}
    snapshot = figure.locator(".report-chart__value-list").aria_snapshot()
    name = data.ui[lang]["chart_values"].format(title=data.charts[chart_id].title[lang])
    assert snapshot.splitlines()[0] == f'- list "{name}":'
    items = [line.strip()[len("- listitem: "):].strip('"') for line in snapshot.splitlines()[1:]]
    assert items == [text.replace("\n", " ").replace(NBSP, " ") for text in expected]
    # The data table: a row per category (or time), a column per series, with the values the list gives
    # (a line chart's list goes series by series, its table year by year).
    cells = figure.locator("details tbody tr").evaluate_all("rows => rows.map(r => Array.from(r.cells).map(c => c.textContent))")
    assert cells[0] == FIRST_CELLS[kind][lang]
    assert sorted(cell for row in cells for cell in row[1:]) == sorted(text.split(": ")[-1] for text in expected)
    for chart_id, first in ALSO.get(kind, {}).items():
        rows = page.locator(f"figure[data-chart='{chart_id}'] details tbody tr")
        assert rows.first.evaluate("r => Array.from(r.cells).map(c => c.textContent)") == first
    context.close()


FIRST_CELLS = {
    "bar": {"nb": ["Klimasats", "12"], "nn": ["Klimasats", "12"]},
    "share": {"nn": ["Éin kommune åleine", f"45{NBSP}%"], "en": ["One municipality alone", "45%"]},
    "grouped": {"en": ["Klimasats", "20.5%", "63%"], "nb": ["Klimasats", f"20,5{NBSP}%", f"63{NBSP}%"]},
    "dot": {"nb": ["Klimasats", f"20,5{NBSP}%", f"63{NBSP}%", f"42,5{NBSP}prosentpoeng (beregnet)"],
            "nn": ["Klimasats", f"20,5{NBSP}%", f"63{NBSP}%", f"42,5{NBSP}prosentpoeng (berekna)"]},
    "line": {"nn": ["2016", f"12{NBSP}%", f"30{NBSP}%"], "en": ["2016", "12%", "30%"]},
    "stacked": {"nb": ["Små distriktskommuner", f"20,5{NBSP}%", f"72,5{NBSP}%", f"7{NBSP}%"],
                "nn": ["Små distriktskommunar", f"20,5{NBSP}%", f"72,5{NBSP}%", f"7{NBSP}%"],
                "en": ["Small rural municipalities", "20.5%", "72.5%", "7%"]},
}
TOOLTIPS = {("bar", "nb"): "Klimasats", ("share", "nn"): f"45{NBSP}%", ("grouped", "en"): "Small rural municipalities: 20.5%",
            ("dot", "nb"): f"Små distriktskommuner: 20,5{NBSP}%", ("line", "nn"): f"Små distriktskommunar: 12{NBSP}%",
            ("stacked", "nb"): f"Har prøvd: 20,5{NBSP}%", ("stacked", "nn"): f"Har prøvd: 20,5{NBSP}%",
            ("stacked", "en"): "Have tried: 20.5%"}


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("kind, lang", TURN)
def test_without_javascript_the_chart_is_its_light_svg_and_table_and_the_interactive_view_takes_its_box(
        browser, page, built_url, kind, lang):
    context = _context(browser, java_script_enabled=False)
    static = context.new_page()
    static.goto(built_url + _path(kind, lang))
    figure = static.locator(f"figure[data-chart='example-{kind}']")
    image = figure.locator("img.report-chart__static--light")
    assert image.is_visible() and image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert figure.locator("svg").count() == 0
    view = f"figure[data-chart='example-{kind}'] .report-chart__view"
    before = static.locator(view).evaluate("v => v.getBoundingClientRect().height")
    figure.locator("summary").click()
    assert figure.locator("details table thead th[scope=col]").count() == len(FIRST_CELLS[kind][lang])
    assert figure.locator("details table tbody tr").count() == TABLE_ROWS[kind]
    for chart_id, first in ALSO.get(kind, {}).items():
        other = static.locator(f"figure[data-chart='{chart_id}']")
        assert other.locator("img.report-chart__static--light").evaluate("img => img.complete && img.naturalWidth > 0")
        other.locator("summary").click()
        assert other.locator("details table thead th[scope=col]").count() == len(first)
    context.close()
    page.goto(built_url + _path(kind, lang))
    reach_for_charts(page)
    assert before > 200 and abs(page.locator(view).evaluate("v => v.getBoundingClientRect().height") - before) <= 1
    page.locator(f"{view} .report-chart__interactive svg {MARKS[kind][0]}").first.hover()
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=5000)
    assert TOOLTIPS[kind, lang] in tooltip.inner_text()
    assert [e for e in page.console_errors if not e.startswith("Failed to load resource")] == []


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("chart_id", [CHART, DOT, LINE, STACKED])
def test_the_link_preview_is_the_page_s_chart(page, built, built_url, chart_id):
    site, data = built
    chart = data.charts[chart_id]
    path = _path(chart.kind.name, "en")
    html = (site / path / "index.html").read_text(encoding="utf-8")
    alt = re.search(r'<meta property="og:image:alt" content="([^"]*)"', html).group(1)
    assert alt == chart.kind.description(chart, chart.kind.rows(data, chart, "en"), "en", data.ui["en"])
    # Drawn in the series' colours: count the pixels of each (a title card has neither).
    page.goto(built_url + path + "index.preview.png")
    counts = page.evaluate("""colours => {
        const img = document.querySelector('img');
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
        const g = canvas.getContext('2d');
        g.drawImage(img, 0, 0);
        const px = g.getImageData(0, 0, canvas.width, canvas.height).data;
        return colours.map(hex => {
            const [r, gr, b] = [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16));
            let n = 0;
            for (let i = 0; i < px.length; i += 4) if (px[i] === r && px[i + 1] === gr && px[i + 2] === b) n++;
            return n;
        });
    }""", [charts.THEMES["light"].series_one, charts.THEMES["light"].series_two])
    assert min(counts) > 200, counts


@pytest.mark.build
@pytest.mark.browser
def test_the_offline_bundle_shows_each_chart_page_s_chart_and_table_from_file(browser, example_bundle, tmp_path):
    """The example's zip, unpacked and opened from file:// with every other request aborted: each kind's
    page (the kinds taking the languages in turn) draws its chart and holds its table."""
    with zipfile.ZipFile(example_bundle.zip_path) as archive:
        archive.extractall(tmp_path)
    folder = tmp_path / bundle_stem(example_bundle.epoch)
    context = _context(browser)
    outside: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                  else (outside.append(route.request.url), route.abort()))
    page = context.new_page()
    for kind, lang in TURN:
        page.goto((folder / f"{lang_root(lang)}{kind}.html").as_uri())
        reach_for_charts(page)
        figure = page.locator(f"figure[data-chart='example-{kind}']")
        assert figure.get_attribute("data-chart-state") == "interactive", (kind, lang)
        selector, count = MARKS[kind]
        assert figure.locator(f".report-chart__interactive svg {selector}").count() == count, (kind, lang)
        assert figure.locator("details table tbody tr").count() == TABLE_ROWS[kind], (kind, lang)
        assert page.get_attribute("html", "lang") == lang
    assert outside == []
    context.close()
