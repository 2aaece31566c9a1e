"""Chart kinds: the registry (chart_kinds.KINDS) is the one place a kind is declared, and each
existing kind shows, sizes, tables, writes and checks what it should."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT, language_pairs, load_data, render_page

from reportsite import chart_kinds, charts, downloads, model
from reportsite.chart_kinds import BarKind, ChartTable
from reportsite.errors import SiteDataError
from reportsite.model import Figure, load_site_data
from reportsite.schemafiles import schema_document

DATA = load_data()


@dataclass(frozen=True)
class TallyKind(BarKind):
    """A kind that exists only in these tests: counts only, one series named in a table column of its own."""
    name: str = "tally"
    doc: str = "counts, one bar each."

    def problems(self, chart, figures):
        if any(f is not None and f.unit != "count" for f in figures):
            return [(("kind",), "a tally shows counts", "use kind: bar")]
        return []

    def rows(self, data, chart, lang):
        return [replace(row, series="tallied") for row in super().rows(data, chart, lang)]

    def columns(self, chart, lang, ui):
        return ["What", "Note", "How many"]

    def table(self, chart, rows, lang, ui):
        return ChartTable(["What", "Series", "How many"], [[r.label, r.series, r.display] for r in rows])

    def csv_cells(self, chart, bar, lang):
        return [bar.label[lang], "by hand"]


@pytest.fixture
def tally(monkeypatch):
    """The tally kind registered for one test, and every cache that saw the registry cleared after it."""
    def clear():
        model.data_files.cache_clear()
        charts._spec_template.cache_clear()
        charts._altair_template.cache_clear()
    clear()
    monkeypatch.setitem(chart_kinds.KINDS, "tally", TallyKind())
    yield chart_kinds.KINDS["tally"]
    monkeypatch.undo()
    clear()


def _data_copy(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    findings = data / "findings.yml"
    text = findings.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    findings.write_text(text.replace(old, new), encoding="utf-8")
    return data, text[:text.index(old)].count("\n") + 1


def _problems(data: Path) -> list[str]:
    with pytest.raises(SiteDataError) as info:
        load_site_data(data, language_pairs(), data.parent)
    return [str(p) for p in info.value.problems]


def test_the_committed_schema_lists_the_registered_kinds_in_order():
    document = json.loads((ROOT / "schema" / "findings.schema.json").read_text(encoding="utf-8"))
    kind = document["properties"]["charts"]["items"]["properties"]["kind"]
    assert kind["enum"] == ["bar", "share", "grouped", "dot", "line", "stacked"] == list(chart_kinds.KINDS)
    assert kind["description"] == ("bar: one bar per figure, all in the same unit. "
                                   "share: the parts of a whole, in percent, adding up to 100 %. "
                                   "grouped: two series per category, all in the same unit: the chart names its "
                                   "'series', each bar its category ('label', the same in every bar of the category) "
                                   "and its 'series'. dot: two values per category and the gap between them, in the "
                                   "same unit: 'series' and bars as for a grouped chart. line: one or two series over "
                                   "time, in the same unit: the chart names its 'series', each point its 'series' and "
                                   "its time 'at' (a year or a date), each series from the earliest; a point without "
                                   "'figure' is a value the source does not give, shown as a gap. stacked: the parts of a whole "
                                   "per category, adding up to 100 % in each category (or to the figure named in "
                                   "'total'): 'series' (two, or three when the third is the rest) and bars as for a "
                                   "grouped chart.")


def test_a_registered_kind_is_in_the_schema(tally):
    kind = schema_document("findings", language_pairs())["properties"]["charts"]["items"]["properties"]["kind"]
    assert kind["enum"] == ["bar", "share", "grouped", "dot", "line", "stacked", "tally"]
    assert kind["description"].endswith(" tally: counts, one bar each.")


def test_the_message_for_an_unknown_kind_lists_a_registered_one(tally, tmp_path):
    data, line = _data_copy(tmp_path, "    kind: share\n", "    kind: pie\n")
    assert _problems(data) == [
        f"data/findings.yml:{line}: charts[0].kind: 'pie' is not a known value — use one of: bar, share, grouped, dot, line, stacked, tally"]


def test_a_registered_kind_checks_its_charts(tally, tmp_path):
    data, line = _data_copy(tmp_path, "    kind: bar\n", "    kind: tally\n")
    assert _problems(data) == [f"data/findings.yml:{line}: charts[1].kind: a tally shows counts — use kind: bar"]


def test_a_registered_kind_gives_the_csv_its_columns(tally):
    chart = replace(DATA.charts["participation-gaps"], kind=tally)
    text = downloads.chart_csv(DATA, chart, "en")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    cols = DATA.ui["en"]["csv_columns"]
    assert rows[0] == ["What", "Note", "How many", cols["unit"], cols["computed"], cols["sources"], cols["source_urls"]]
    assert [row[:3] for row in rows[1:]] == [["Klimasats", "by hand", "43"], ["Innovative procurement", "by hand", "31"]]


def test_a_registered_kind_gives_the_page_its_table(tally):
    chart = replace(DATA.charts["participation-gaps"], kind=tally)
    data = replace(DATA, charts={**DATA.charts, chart.id: chart})
    html = render_page("{{ chart participation-gaps }}\n", "en", data=data).html
    table = html.split('<details class="report-chart__data">', 1)[1].split("</details>", 1)[0]
    assert re.findall(r'<th scope="col">(.*?)</th>', table) == ["What", "Series", "How many"]
    assert re.findall(r"<tr><th scope=\"row\">(.*?)</th>((?:<td>.*?</td>)*)</tr>", table) == [
        ("Klimasats", "<td>tallied</td><td>43\u00a0percentage points</td>"),
        ("Innovative procurement", "<td>tallied</td><td>31\u00a0percentage points</td>")]


def test_a_bar_chart_shows_one_focus_bar_per_figure():
    chart = DATA.charts["participation-gaps"]
    rows = chart.kind.rows(DATA, chart, "en")
    assert [(r.label, r.value, r.display, r.group) for r in rows] == [
        ("Klimasats", 43.0, "43\u00a0percentage points", "focus"),
        ("Innovative procurement", 31.0, "31\u00a0percentage points", "focus")]
    # Two bars of 58 px, the axis, and its title on two lines (it is longer than 56 characters).
    assert chart.kind.size(chart, "en") == (412, 2 * 58 + 29 + 2 * 14)
    assert chart.kind.table(chart, rows, "en", DATA.ui["en"]) == ChartTable(
        ["Category", "Lower participation than other municipalities, percentage points"],
        [["Klimasats", "43\u00a0percentage points"], ["Innovative procurement", "31\u00a0percentage points"]])
    assert chart.kind.description(chart, rows, "en", DATA.ui["en"]) == (
        "Chart: How much lower participation is among small rural municipalities. "
        "Klimasats: 43\u00a0percentage points; Innovative procurement: 31\u00a0percentage points")


def test_a_share_chart_draws_the_rest_as_context_and_marks_computed_parts():
    chart = DATA.charts["lup-share"]
    rows = chart.kind.rows(DATA, chart, "en")
    assert [(r.label, r.display, r.group) for r in rows] == [
        ("Small rural municipalities", "28%", "focus"), ("Other municipalities (computed)", "72%", "context")]
    spec = charts.chart_spec(DATA, chart, "en")
    assert [(v["value"], v["group"]) for v in spec["data"]["values"]] == [(0.28, "focus"), (0.72, "context")]
    assert chart.kind.size(chart, "en") == (412, 2 * 58 + 29 + 14)
    assert chart.kind.columns(chart, "en", DATA.ui["en"]) == ["Category", "Share of the municipalities"]
    # The CSV names a part by its label alone: a column of its own says it is computed.
    assert [chart.kind.csv_cells(chart, bar, "en") for bar in chart.bars] == [["Small rural municipalities"], ["Other municipalities"]]


def _figures(unit: str, *values: str) -> list[Figure]:
    return [Figure(id=f"f{i}", value=Decimal(v), unit=unit, finding="finding") for i, v in enumerate(values)]


CHART = {"bars": []}   # a chart as data/ gives it: what the kinds check besides its figures


def test_each_kind_checks_units_years_and_shares():
    bar, share = chart_kinds.KINDS["bar"], chart_kinds.KINDS["share"]
    mixed = _figures("count", "3") + _figures("percent", "40")
    assert bar.problems(CHART, mixed) == [(("bars",), "the bars mix units (count, percent)", "show figures of one unit in one chart")]
    assert bar.problems(CHART, _figures("year", "2020")) == [
        (("bars",), "years and dates cannot be charted as bars", "chart counts or percentages")]
    assert bar.problems(CHART, _figures("percent", "28", "70")) == []
    assert share.problems(CHART, _figures("percent", "28", "72")) == []
    assert share.problems(CHART, _figures("percent", "28", "70")) == [
        (("bars",), "the parts of a share chart add up to 98 %, not 100 %",
         "add the missing part (a computed complement, say) or use kind: bar")]
    assert share.problems(CHART, _figures("count", "3", "4")) == [
        (("kind",), "a share chart shows percentages", "use kind: bar for other units")]
    # A part whose figure is wrong is reported where it is; its sum would only repeat that.
    assert share.problems(CHART, _figures("percent", "28") + [None]) == []


def test_each_kind_names_the_bar_keys_it_needs_or_has_no_use_for():
    bar, line = chart_kinds.KINDS["bar"], chart_kinds.KINDS["line"]
    label = {"nb": "A", "nn": "A", "en": "A"}
    assert bar.problems({"bars": [{"figure": "f0", "at": 2020}]}, _figures("count", "3")) == [
        (("bars", 0), "the bar has no 'label'", "add 'label' to the bar"),
        (("bars", 0, "at"), "a bar chart's bar has no 'at'", "leave 'at' out")]
    # A line chart's point is named by its time, and may have no figure: a value the source does not give.
    assert line.problems({"series": [{"id": "s"}], "bars": [{"at": 2019, "series": "s"}, {"at": 2020, "series": "s",
                                                                                          "label": label}]}, [None, None]) == [
        (("bars", 1, "label"), "a line chart's bar has no 'label'", "leave 'label' out")]
    assert line.problems({"series": [{"id": "s"}], "bars": [{"at": 2019, "series": "s"}]}, [None]) == [
        (("bars",), "a line chart needs at least two years or dates", "use kind: bar for one"),
        (("bars",), "no point has a value", "give the points their figures")]


# A stacked chart as data/ gives it: two categories, A and B, of two parts each (figures f0 to f3).
STACKED = {"series": [{"id": "yes", "label": {"en": "Yes"}}, {"id": "no", "label": {"en": "No"}}],
           "bars": [{"figure": f"f{i}", "series": s, "label": {"en": label}}
                    for i, (label, s) in enumerate([("A", "yes"), ("A", "no"), ("B", "yes"), ("B", "no")])]}


def test_a_stacked_chart_shows_percentages_adding_up_to_100_in_each_category():
    stacked, chart = chart_kinds.KINDS["stacked"], STACKED
    assert stacked.problems(chart, _figures("percent", "20.5", "79.5", "41", "59")) == []
    assert stacked.problems(chart, _figures("percent", "20.5", "79.5", "41", "52")) == [
        (("bars", 2, "label"), "the parts of the category 'B' add up to 93 %, not 100 %",
         "correct the parts, or add the one missing (the rest, say) as a series of its own")]
    assert stacked.problems(chart, _figures("count", "3", "4", "5", "6")) == [
        (("kind",), "a stacked chart shows percentages", "name the figure they add up to in 'total', or use kind: grouped")]
    # A part whose figure is wrong is reported where it is; its category's sum would only repeat that.
    assert stacked.problems(chart, _figures("percent", "20.5", "79.5", "41") + [None]) == []


def test_a_stacked_chart_with_a_total_adds_up_to_it_and_no_other_kind_takes_one():
    stacked, bar = chart_kinds.KINDS["stacked"], chart_kinds.KINDS["bar"]
    (total,) = [replace(f, id="asked") for f in _figures("count", "47")]
    chart = {**STACKED, "total": total}
    assert stacked.problems(chart, _figures("count", "20", "27", "9", "38")) == []
    assert stacked.problems(chart, _figures("count", "20", "27", "9", "36")) == [
        (("bars", 2, "label"), "the parts of the category 'B' add up to 45, not 47 (the total, asked)",
         "correct the parts, or add the one missing (the rest, say) as a series of its own")]
    assert stacked.problems(chart, _figures("percent", "20", "27", "9", "38")) == [
        (("total",), "the total is in count, the parts in percent", "name a total in the parts' unit")]
    # A total that names no figure is reported where it is named (model.py).
    assert stacked.problems({**chart, "total": None}, _figures("count", "20", "1", "9", "38")) == []
    assert bar.problems({"bars": [], "total": total}, _figures("count", "3")) == [
        (("total",), "a bar chart has no total", "leave 'total' out, or use kind: stacked")]
