"""Chart kinds, each one unit: what a chart of the kind shows (its rows), how it is drawn (Altair
template, size), tabled, written to CSV and described, and what its data must satisfy. The schema,
the model (chart.kind is the kind), charts.py, downloads.py, link_cards.py and the chart partial ask
the registry KINDS, so a new kind is a class here and its tests. Each bar shows one figure; a kind
with several series per category (grouped) gives each bar and row its `series`; a line chart's
points stand at a time (`at`) instead of under a label."""

from __future__ import annotations

import datetime
import json
import textwrap
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from . import fonts
from .numbers import format_value

if TYPE_CHECKING:
    from .charts import ChartTheme
    from .model import Chart, ChartBar, Figure, SiteData

# Placeholders in a template, filled in for each chart (BarKind.spec).
AXIS_TITLE = "__axis_title__"
INSIDE_THRESHOLD = "__inside_threshold__"
DOMAIN_MAX = "__domain_max__"
LEFT_ROOM, RIGHT_ROOM = "__left_room__", "__right_room__"   # where a dot chart's values start and end (DotKind)
TIME_LABELS = "__time_labels__"   # a line chart's time axis: each point's time as the language writes it (LineKind)


@dataclass(frozen=True)
class ChartRow:
    """What the chart shows of one figure, as the reader sees it."""
    label: str
    value: float | None        # None: a line chart's value the source does not give
    display: str
    group: str = "focus"       # the colour: "focus" (the figures the report is about) or "context"
    series: str | None = None  # the legend entry, for kinds with several series per category
    at: int | None = None      # a line chart's point: where it stands on the time axis (a year, or a date's day number)


@dataclass(frozen=True)
class ChartTable:
    """The chart's data table: column headings, and per row its cells (the first names the row)."""
    columns: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class BarKind:
    """One bar per figure, all in one unit: each row the category above its bar, the value at the end of
    the bar (inside it when the bar is long). Nothing sits left of the bars or right of the plot, so
    the whole chart is WIDTH wide and stays legible when a phone scales it down."""
    name: str = "bar"
    doc: str = "one bar per figure, all in the same unit."   # the schema's description of the kind

    # The static image's box, known from the data alone (so checking pages draws nothing): the plot,
    # plus room for the value axis (its labels and each line of its title) and Vega's padding. The
    # spec asks Vega to fit the chart into exactly this box.
    WIDTH = 400
    BOX_WIDTH = WIDTH + 12
    AXIS_ROOM = 29
    AXIS_TITLE_LINE = 14
    BAR_STEP = 58       # one row: the category's line of text and its bar
    BAR_HEIGHT = 24
    BAR_OFFSET = 9      # the bar sits below the middle of its row, the category above it
    INSIDE_FROM = 0.6   # a value label goes inside a bar longer than this share of the longest one
    BAR_KEYS = {"figure": True, "label": True, "at": False}   # the keys a bar needs (True) or has no use for
    TOTAL = False       # whether a chart of the kind may name the figure its parts add up to ('total')

    def problems(self, chart: dict, figures: list[Figure | None]) -> list[tuple[tuple, str, str]]:
        """What is wrong with a chart of this kind (as data/ gives it, past the schema) whose bars show
        these figures (None: a bar whose figure is missing or wrong, reported elsewhere), as (path in
        the chart, message, hint)."""
        units = {f.unit for f in figures if f is not None}
        keys = [(("bars", j), f"the bar has no '{key}'", f"add '{key}' to the bar") if needed else
                (("bars", j, key), f"a {self.name} chart's bar has no '{key}'", f"leave '{key}' out")
                for j, bar in enumerate(chart["bars"]) for key, needed in self.BAR_KEYS.items() if needed != (key in bar)]
        problems = keys or self.series_problems(chart)   # the series' checks read those keys
        problems += [(("total",), f"a {self.name} chart has no total", "leave 'total' out, or use kind: stacked")] * (
            "total" in chart and not self.TOTAL)
        if len(units) > 1:
            problems.append((("bars",), "the bars mix units (" + ", ".join(sorted(units)) + ")",
                             "show figures of one unit in one chart"))
        if units & {"year", "date"}:
            problems.append((("bars",), "years and dates cannot be charted as bars", "chart counts or percentages"))
        return problems

    def series_problems(self, chart: dict) -> list[tuple[tuple, str, str]]:
        """A kind of one series refuses series (a kind with several checks them)."""
        named = [("series",)] * bool(chart.get("series")) + [("bars", j, "series") for j, bar in enumerate(chart["bars"])
                                                             if "series" in bar]
        return [(path, f"a {self.name} chart has no series", "leave 'series' out, or use kind: grouped")
                for path in named]

    def rows(self, data: SiteData, chart: Chart, lang: str) -> list[ChartRow]:
        ui, figures = data.ui[lang], [data.figures[bar.figure] for bar in chart.bars]
        # A computed figure says so in its label, wherever the label is shown (chart, table, text alternative).
        return [ChartRow(marked(bar.label[lang], fig.computed, ui), float(fig.value), format_value(fig.value, fig.unit, ui))
                for bar, fig in zip(chart.bars, figures)]

    def template(self, unit: str, decimals: int, colours: ChartTheme, table_category: str, table_value: str) -> dict:
        """The Altair chart of this kind as Vega-Lite, with its rows and the placeholders above left open;
        table_category and table_value title the tooltip's lines."""
        import altair as alt  # imported on first use: pages without charts never pay for it

        base = alt.Chart(alt.Data(values=[])).encode(y=alt.Y("label:N", sort=None, title=None, axis=None),
                                                     x=self.value_axis(unit, decimals))
        bars = base.mark_bar(height=self.BAR_HEIGHT, yOffset=self.BAR_OFFSET).encode(
            color=alt.Color("group:N", scale=alt.Scale(domain=["focus", "context"], range=[colours.highlight, colours.context]), legend=None),
            tooltip=[alt.Tooltip("label:N", title=table_category), alt.Tooltip("display:N", title=table_value)],
        )
        categories = base.mark_text(align="left", baseline="bottom", yOffset=self.BAR_OFFSET - self.BAR_HEIGHT / 2 - 4,
                                    fontSize=14).encode(x=alt.value(0), text="label:N", color=alt.value(colours.text))
        inside = f"datum.value > 0 && datum.value > {INSIDE_THRESHOLD}"
        outside = (base.mark_text(align="left", baseline="middle", dx=6, yOffset=self.BAR_OFFSET, fontSize=13, fontWeight="bold")
                   .encode(text="display:N", color=alt.value(colours.text)).transform_filter(f"!({inside})"))
        within = (base.mark_text(align="right", baseline="middle", dx=-6, yOffset=self.BAR_OFFSET, fontSize=13, fontWeight="bold")
                  .encode(text="display:N", color=alt.value(colours.on_bar)).transform_filter(inside))
        return self.finish(alt.layer(bars, categories, outside, within), colours)

    def value_axis(self, unit: str, decimals: int, channel: str = "X"):
        """The value axis (x, or `channel`): percentages from 0 to 100 %, other units from 0 to the longest bar."""
        import altair as alt

        if unit == "percent":
            axis_format = f".{decimals}%"
            scale = alt.Scale(domain=[0, 1])
        else:
            axis_format = ",d" if decimals == 0 else f",.{decimals}f"
            # The domain is given, not computed from the data: a label layer whose filter leaves it
            # empty would otherwise make Vega warn of an infinite extent.
            scale = alt.Scale(domain=[0, DOMAIN_MAX], nice=True)
        return getattr(alt, channel)("value:Q", title=AXIS_TITLE, scale=scale,
                     axis=alt.Axis(format=axis_format, titleFontSize=12, titleFontWeight="normal", labelFontSize=12,
                                   tickCount=5, grid=False))

    def finish(self, layers, colours: ChartTheme) -> dict:
        """The kind's layers at the kind's width and height (natural_size), in the theme and the site's typeface."""
        return (
            layers.properties(width=self.WIDTH, height=self.natural_size()[1], background=colours.background)
            .configure(font=fonts.FAMILY)
            .configure_view(stroke=None)
            .configure_axis(labelColor=colours.text, titleColor=colours.text, domainColor=colours.rule,
                            tickColor=colours.rule)
        ).to_dict()

    def values(self, rows: list[ChartRow], unit: str) -> list[dict]:
        """The rows as the spec's data. Vega-Lite draws percentages as fractions of 1."""
        return [{"label": r.label, "value": r.value / 100 if unit == "percent" else r.value, "display": r.display,
                 "group": r.group} for r in rows]

    def spec(self, template: str, rows: list[ChartRow], unit: str, chart: Chart, lang: str) -> dict:
        """The chart's spec from its template (JSON text): the placeholders filled in, the rows as its data."""
        values = self.values(rows, unit)
        longest = max([v["value"] for v in values if v.get("value", 0) > 0], default=0)
        spec = json.loads(template.replace(json.dumps(AXIS_TITLE), json.dumps(wrap(chart.axis_title[lang]), ensure_ascii=False))
                          .replace(INSIDE_THRESHOLD, json.dumps(self.INSIDE_FROM * longest))
                          .replace(json.dumps(DOMAIN_MAX), json.dumps(longest)))
        spec["data"] = {"values": values}
        return spec

    def size(self, chart: Chart, lang: str) -> tuple[int, int]:
        """The chart's width and height in CSS pixels, as drawn: from the data alone, no drawing needed."""
        title = wrap(chart.axis_title[lang])
        lines = len(title) if isinstance(title, list) else 1
        return self.BOX_WIDTH, self.row_count(chart) * self.BAR_STEP + self.AXIS_ROOM + lines * self.AXIS_TITLE_LINE

    def row_count(self, chart: Chart) -> int:
        return len(chart.bars)

    def natural_size(self) -> tuple[int, dict]:
        """Width and height of the chart where it has room of its own (a link card), not fitted to a box."""
        return self.WIDTH, {"step": self.BAR_STEP}

    def columns(self, chart: Chart, lang: str, ui: dict) -> list[str]:
        """The headings of the data table and of the CSV: the columns that name a bar, then its value's."""
        return [ui["table_category"], chart.axis_title[lang]]

    def table(self, chart: Chart, rows: list[ChartRow], lang: str, ui: dict) -> ChartTable:
        """The data table's columns and cells (partials/report/chart.html)."""
        return ChartTable(self.columns(chart, lang, ui), [[r.label, r.display] for r in rows])

    def csv_cells(self, chart: Chart, bar: ChartBar, lang: str) -> list[str]:
        """The CSV cells that name a bar: its label without the computed mark (a column of its own says that)."""
        return [bar.label[lang]]

    def description(self, chart: Chart, rows: list[ChartRow], lang: str, ui: dict) -> str:
        """The chart's text alternative: its title and every value."""
        values = "; ".join(f"{r.label}: {r.display}" for r in rows)
        return ui["chart_description"].format(title=chart.title[lang], values=values)


@dataclass(frozen=True)
class ShareKind(BarKind):
    """The parts of a whole in percent, drawn as bars: the first in the highlight colour, the rest in context."""
    name: str = "share"
    doc: str = "the parts of a whole, in percent, adding up to 100 %."

    def problems(self, chart: dict, figures: list[Figure | None]) -> list[tuple[tuple, str, str]]:
        return super().problems(chart, figures) + whole_problems(
            self.name, figures, {("bars",): ("a share chart", range(len(figures)))},
            "add the missing part (a computed complement, say) or use kind: bar", "use kind: bar for other units")

    def rows(self, data: SiteData, chart: Chart, lang: str) -> list[ChartRow]:
        rows = super().rows(data, chart, lang)
        return rows[:1] + [replace(r, group="context") for r in rows[1:]]


@dataclass(frozen=True)
class GroupedKind(BarKind):
    """Two series per category: under the category's line, a bar per series in the chart's order of
    series, each with its series' name and value written above it. The series are told apart in text,
    not by colour alone (WCAG 1.4.1); their two colours keep 3:1 with each other and the page (no
    third colour can: tests/test_charts_theme.py)."""
    name: str = "grouped"
    doc: str = ("two series per category, all in the same unit: the chart names its 'series', each bar its "
                "category ('label', the same in every bar of the category) and its 'series'.")
    BAR_STEP = 32       # one row: a category's line, or a series' name and value above its bar
    BAR_HEIGHT = 12
    BAR_OFFSET = 8
    # The series' checks, shared with the kinds built on this one: how many series a chart may have, the
    # rule in words with what to do, the key a bar's category is written in, and the messages for a
    # category's bar given twice or absent.
    SERIES = (2,)
    SERIES_RULE = ("two series", "name them under 'series' (a third colour could not keep 3:1 contrast with the other two)")
    KEY = "label"
    TWICE = ("the category '{name}' has a bar for the series '{series}' already", "give each category one bar per series")
    ABSENT = ("the category '{name}' has no value for the series '{series}'",
              "add a bar with the same label in every language and series: {series}")

    def series_problems(self, chart: dict) -> list[tuple[tuple, str, str]]:
        ids = [s["id"] for s in chart.get("series", [])]
        if len(set(ids)) != len(ids) or len(ids) not in self.SERIES:
            return [(("series",) if ids else ("kind",), f"a {self.name} chart shows {self.SERIES_RULE[0]}, each with an id "
                     "of its own", self.SERIES_RULE[1])]
        problems, bars = [], {}
        for j, bar in enumerate(chart["bars"]):
            if bar.get("series") not in ids:
                problems.append((("bars", j, "series"), f"no series has the id '{bar.get('series')}'" if "series" in bar
                                 else "the bar names no series", "use one of: " + ", ".join(ids)))
            elif bars.setdefault(self.category_of(bar), {}).setdefault(bar["series"], j) != j:
                problems.append((("bars", j), self.TWICE[0].format(name=self.named(bar), series=bar["series"]),
                                 self.TWICE[1]))
        if problems:
            return problems   # a bar without its series would also leave its category without a value
        for found in bars.values():
            first = min(found.values())
            problems += [(("bars", first, self.KEY), *(text.format(name=self.named(chart["bars"][first]), series=s)
                                                       for text in self.ABSENT)) for s in ids if s not in found]
        return problems or self.category_problems(chart, bars)

    def category_of(self, bar: dict) -> tuple:
        return category(bar["label"])

    def named(self, bar: dict) -> str:
        """How a message names a bar's category."""
        return next(iter(bar["label"].values()))

    def category_problems(self, chart: dict, bars: dict) -> list[tuple[tuple, str, str]]:
        """Once every category has its values (bars: category -> series -> index of its bar): a category is
        known by its label in each language, so two may not share one in any language."""
        shared = sorted({lang for key in bars for lang, text in key if sum((lang, text) in other for other in bars) > 1})
        return [(("bars",), "two categories have the same label in " + ", ".join(shared),
                 "label each category differently in every language")] * bool(shared)

    def rows(self, data: SiteData, chart: Chart, lang: str) -> list[ChartRow]:
        names = [s.id for s in chart.series]
        # The category is the bar's label; a computed value says so after its value.
        rows = [replace(row, label=bar.label[lang], display=row.display + row.label[len(bar.label[lang]):],
                        group=f"s{names.index(bar.series)}", series=chart.series[names.index(bar.series)].label[lang])
                for bar, row in zip(chart.bars, super().rows(data, chart, lang))]
        order = list(dict.fromkeys(row.label for row in rows))
        return sorted(rows, key=lambda row: (order.index(row.label), row.group))

    def values(self, rows: list[ChartRow], unit: str) -> list[dict]:
        """Each category's line as a row of its own above its bars; `row` orders them all."""
        values: list[dict] = []
        for row, value in zip(rows, super().values(rows, unit)):
            if not values or values[-1]["label"] != row.label:
                values.append({"row": len(values), "label": row.label, "heading": row.label})
            values.append({**value, "row": len(values), "text": f"{row.series}: {row.display}"})
        return values

    def template(self, unit: str, decimals: int, colours: ChartTheme, table_category: str, table_value: str) -> dict:
        import altair as alt

        base = alt.Chart(alt.Data(values=[])).encode(y=alt.Y("row:O", title=None, axis=None),
                                                     x=self.value_axis(unit, decimals))
        bars = base.mark_bar(height=self.BAR_HEIGHT, yOffset=self.BAR_OFFSET).transform_filter("datum.text").encode(
            color=alt.Color("group:N", scale=alt.Scale(domain=["s0", "s1"], range=[colours.series_one, colours.series_two]),
                            legend=None),
            tooltip=[alt.Tooltip("label:N", title=table_category), alt.Tooltip("text:N", title=table_value)])
        names = base.mark_text(align="left", baseline="bottom", yOffset=-1, fontSize=13).transform_filter(
            "datum.text").encode(x=alt.value(0), text="text:N", color=alt.value(colours.text))
        headings = base.mark_text(align="left", baseline="bottom", yOffset=10, fontSize=14, fontWeight="bold").transform_filter(
            "datum.heading").encode(x=alt.value(0), text="heading:N", color=alt.value(colours.text))
        return self.finish(alt.layer(bars, names, headings), colours)

    def row_count(self, chart: Chart) -> int:
        return len(chart.bars) + len({category(bar.label) for bar in chart.bars})

    def columns(self, chart: Chart, lang: str, ui: dict) -> list[str]:
        return [ui["table_category"], ui["table_series"], chart.axis_title[lang]]

    def table(self, chart: Chart, rows: list[ChartRow], lang: str, ui: dict) -> ChartTable:
        """A row per category, a column per series (and per column a kind adds to its rows)."""
        cells: dict[str, list[str]] = {}
        for row in rows:
            cells.setdefault(row.label, [row.label]).append(row.display)
        return ChartTable([self.columns(chart, lang, ui)[0], *dict.fromkeys(row.series for row in rows)],
                          list(cells.values()))

    def csv_cells(self, chart: Chart, bar: ChartBar, lang: str) -> list[str]:
        return [bar.label[lang], next(s.label[lang] for s in chart.series if s.id == bar.series)]

    def description(self, chart: Chart, rows: list[ChartRow], lang: str, ui: dict) -> str:
        values = "; ".join(f"{label}: " + ", ".join(f"{r.series} {r.display}" for r in rows if r.label == label)
                           for label in dict.fromkeys(r.label for r in rows))
        return ui["chart_description"].format(title=chart.title[lang], values=values)


@dataclass(frozen=True)
class DotKind(GroupedKind):
    """Two values per category and the gap between them (a dumbbell): a line from one to the other, a
    dot at each end, each value written outside its end and the gap above the line. The dots differ in
    shape as well as colour, and a legend of two lines names them (WCAG 1.4.1)."""
    name: str = "dot"
    doc: str = ("two values per category and the gap between them, in the same unit: 'series' and bars as for a "
                "grouped chart.")
    BAR_STEP = 30       # one row: a line of the legend, a category's line, or its dots
    CHARACTER = 8       # room for a character of a value written beside its dot (13 px, bold), with some to spare

    def value_axis(self, unit: str, decimals: int):
        """The axis leaves room left of the values for the lower ones' labels, and right for the higher ones'."""
        axis = super().value_axis(unit, decimals)
        axis["scale"]["range"] = [LEFT_ROOM, RIGHT_ROOM]
        return axis

    def spec(self, template: str, rows: list[ChartRow], unit: str, chart: Chart, lang: str) -> dict:
        values = self.values(rows, unit)
        room = {side: 12 + self.CHARACTER * max(len(v["display"]) for v in values if v.get("side") == side)
                for side in ("left", "right")}
        return super().spec(template.replace(json.dumps(LEFT_ROOM), str(room["left"]))
                            .replace(json.dumps(RIGHT_ROOM), str(self.WIDTH - room["right"])), rows, unit, chart, lang)

    def rows(self, data: SiteData, chart: Chart, lang: str) -> list[ChartRow]:
        """Each category's two values, then the gap between them, which the site computes (and says so)."""
        ui, rows = data.ui[lang], super().rows(data, chart, lang)
        figures = {(bar.label[lang], bar.series): data.figures[bar.figure] for bar in chart.bars}
        with_gaps = []
        for pair in zip(rows[::2], rows[1::2]):
            first, second = (figures[(pair[0].label, s.id)] for s in chart.series)
            gap = abs(first.value - second.value)
            unit = "percentage_points" if first.unit == "percent" else first.unit
            with_gaps += [*pair, ChartRow(pair[0].label, float(gap), marked(format_value(gap, unit, ui), True, ui),
                                          "gap", ui["chart_gap"])]
        return with_gaps

    def values(self, rows: list[ChartRow], unit: str) -> list[dict]:
        """Two rows of legend, then per category its line and the row of its dots (`row` orders them)."""
        scale = 100 if unit == "percent" else 1
        values = [{"row": i, "legend": r.series, "group": r.group} for i, r in enumerate(rows[:2])]
        for one, two, gap in zip(rows[::3], rows[1::3], rows[2::3]):
            row, (low, high) = len(values), sorted((one, two), key=lambda r: r.value)
            values.append({"row": row, "heading": one.label})
            # The lower value is written left of its dot, the higher right of its own: they never meet.
            values += [{"row": row + 1, "label": r.label, "value": r.value / scale, "display": r.display, "group": r.group,
                        "text": f"{r.series}: {r.display}", "side": side} for r, side in ((low, "left"), (high, "right"))]
            values.append({"row": row + 1, "label": one.label, "low": low.value / scale, "high": high.value / scale,
                           "middle": (low.value + high.value) / 2 / scale, "gap": gap.display})
        return values

    def template(self, unit: str, decimals: int, colours: ChartTheme, table_category: str, table_value: str) -> dict:
        import altair as alt

        base = alt.Chart(alt.Data(values=[])).encode(y=alt.Y("row:O", title=None, axis=None),
                                                     x=self.value_axis(unit, decimals))
        groups = alt.Scale(domain=["s0", "s1"], range=[colours.series_one, colours.series_two])
        marks = {"color": alt.Color("group:N", scale=groups, legend=None),
                 "shape": alt.Shape("group:N", scale=alt.Scale(domain=["s0", "s1"], range=["circle", "square"]), legend=None)}
        text = {"baseline": "middle", "fontSize": 13, "color": colours.text}
        line = base.mark_rule(strokeWidth=2, color=colours.rule).encode(
            x=alt.X("low:Q", title=AXIS_TITLE), x2="high:Q",
            tooltip=[alt.Tooltip("label:N", title=table_category), alt.Tooltip("gap:N", title=table_value)])
        dots = base.mark_point(filled=True, size=120, opacity=1).encode(
            **marks, tooltip=[alt.Tooltip("label:N", title=table_category), alt.Tooltip("text:N", title=table_value)])
        layers = [
            line.transform_filter("datum.gap"), dots.transform_filter("datum.text"),
            base.mark_text(align="right", dx=-10, fontWeight="bold", **text).encode(text="display:N")
            .transform_filter("datum.side == 'left'"),
            base.mark_text(align="left", dx=10, fontWeight="bold", **text).encode(text="display:N")
            .transform_filter("datum.side == 'right'"),
            base.mark_text(align="center", baseline="bottom", yOffset=-7, fontSize=12, color=colours.text)
            .encode(x=alt.X("middle:Q", title=AXIS_TITLE), text="gap:N").transform_filter("datum.gap"),
            base.mark_text(align="left", baseline="bottom", yOffset=6, fontSize=14, fontWeight="bold", color=colours.text)
            .encode(x=alt.value(0), text="heading:N").transform_filter("datum.heading"),
            base.mark_point(filled=True, size=120, opacity=1).encode(x=alt.value(7), **marks).transform_filter("datum.legend"),
            base.mark_text(align="left", **text).encode(x=alt.value(20), text="legend:N").transform_filter("datum.legend"),
        ]
        return self.finish(alt.layer(*layers), colours)

    def row_count(self, chart: Chart) -> int:
        return 2 + 2 * len({category(bar.label) for bar in chart.bars})


@dataclass(frozen=True)
class LineKind(GroupedKind):
    """One or two series over time: a line per series through its points, which stand at their year or date
    on the time axis; where the source gives no value the line stops (a gap, never a zero). The series
    differ in dash pattern and point shape as well as colour, and a legend above the plot names them
    (WCAG 1.4.1); their two colours are grouped's (no third could keep 3:1)."""
    name: str = "line"
    doc: str = ("one or two series over time, in the same unit: the chart names its 'series', each point its 'series' "
                "and its time 'at' (a year or a date), each series from the earliest; a point without 'figure' is a "
                "value the source does not give, shown as a gap.")
    BAR_KEYS = {"label": False, "at": True}
    SERIES = (1, 2)
    SERIES_RULE = ("one or two series", GroupedKind.SERIES_RULE[1])
    KEY = "at"
    TWICE = ("the series '{series}' has a point at {name} already", "give each series one point per year or date")
    ABSENT = ("the series '{series}' has no point at {name}", "add a point with at: {name} and series: {series} "
              "(without 'figure' where the source gives no value)")
    BAR_STEP = 220      # the plot's height, as one row (row_count) below the axis title
    LEGEND_STEP = 20    # one line of the legend above the plot
    TOP_GAP = 12        # between the legend and the plot

    def category_of(self, bar: dict) -> int | str:
        return bar["at"]

    def named(self, bar: dict) -> str:
        return str(bar["at"])

    def series_problems(self, chart: dict) -> list[tuple[tuple, str, str]]:
        """Years or dates, not both (or every year would lack its date), then grouped's checks."""
        if len({type(bar["at"]) for bar in chart["bars"]}) > 1:
            return [(("bars",), "the points mix years and dates", "give every point a year (2020), or every point a "
                     "date (2020-03-12)")]
        return super().series_problems(chart)

    def category_problems(self, chart: dict, bars: dict) -> list[tuple[tuple, str, str]]:
        """At least two years or dates; each series from the earliest; a value to show."""
        problems, last = [], {}
        for j, bar in enumerate(chart["bars"]):
            if last.get(bar["series"], bar["at"]) > bar["at"]:
                problems.append((("bars", j, "at"), f"{bar['at']} stands after {last[bar['series']]} in the series "
                                 f"'{bar['series']}'", "list each series' points from the earliest to the latest"))
            last[bar["series"]] = max(last.get(bar["series"], bar["at"]), bar["at"])
        if len(bars) < 2:
            problems.append((("bars",), "a line chart needs at least two years or dates", "use kind: bar for one"))
        if not any("figure" in bar for bar in chart["bars"]):
            problems.append((("bars",), "no point has a value", "give the points their figures"))
        return problems

    def rows(self, data: SiteData, chart: Chart, lang: str) -> list[ChartRow]:
        """A row per point, series by series from the earliest; a value the source does not give says so."""
        ui, names, rows = data.ui[lang], [s.id for s in chart.series], []
        for bar in chart.bars:
            fig, index = data.figures.get(bar.figure), names.index(bar.series)
            display = marked(format_value(fig.value, fig.unit, ui), fig.computed, ui) if fig else ui["chart_missing"]
            at = bar.at if isinstance(bar.at, int) else datetime.date.fromisoformat(bar.at).toordinal()
            rows.append(ChartRow(format_value(bar.at, "year" if isinstance(bar.at, int) else "date", ui),
                                 float(fig.value) if fig else None, display, f"s{index}",
                                 chart.series[index].label[lang], at))
        return sorted(rows, key=lambda row: row.group)   # stable: each series keeps its order in time

    def values(self, rows: list[ChartRow], unit: str) -> list[dict]:
        """The axis title and a line of legend per series above the plot (`ly`: pixels above it), then the
        points with a value; a missing one ends its line's stretch and the next value starts another."""
        series = list(dict.fromkeys((row.group, row.series) for row in rows))
        values = [{"title": True, "ly": -self.TOP_GAP - len(series) * self.LEGEND_STEP - 4}]
        values += [{"legend": name, "group": group, "ly": -self.TOP_GAP - (len(series) - i - 0.5) * self.LEGEND_STEP}
                   for i, (group, name) in enumerate(series)]
        stretch = 0
        for i, row in enumerate(rows):
            stretch += row.value is None or (i > 0 and rows[i - 1].group != row.group)
            if row.value is not None:
                values.append({"at": row.at, "label": row.label, "value": row.value / (100 if unit == "percent" else 1),
                               "group": row.group, "stretch": stretch, "text": f"{row.series}: {row.display}"})
        return values

    def spec(self, template: str, rows: list[ChartRow], unit: str, chart: Chart, lang: str) -> dict:
        """The time axis has a tick at each point's time, labelled as the language writes it."""
        labels = json.dumps({str(row.at): row.label for row in rows}, ensure_ascii=False)
        spec = super().spec(template.replace(TIME_LABELS, json.dumps(labels, ensure_ascii=False)[1:-1]), rows, unit,
                            chart, lang)
        for layer in spec["layer"]:
            if "labelExpr" in layer["encoding"].get("x", {}).get("axis", {}):
                layer["encoding"]["x"]["axis"]["values"] = sorted({row.at for row in rows})
        return spec

    def template(self, unit: str, decimals: int, colours: ChartTheme, table_category: str, table_value: str) -> dict:
        import altair as alt

        time = alt.X("at:Q", title=None, scale=alt.Scale(zero=False, nice=False),
                     axis=alt.Axis(labelExpr=TIME_LABELS + "[datum.value]", labelFontSize=12, grid=False, labelFlush=True))
        value = self.value_axis(unit, decimals, "Y")
        value["title"] = None   # written above the plot, level, where a long one has room
        def by_series(channel, values):
            return channel("group:N", scale=alt.Scale(domain=["s0", "s1"], range=values), legend=None)
        colour, dash = by_series(alt.Color, [colours.series_one, colours.series_two]), by_series(alt.StrokeDash, [[1, 0], [7, 4]])
        shape = by_series(alt.Shape, ["circle", "square"])
        above = {"y": alt.Y("ly:Q", scale=None)}   # pixels above the plot
        base = alt.Chart(alt.Data(values=[])).encode(x=time, y=value)
        layers = [
            base.mark_line(strokeWidth=2.5).encode(color=colour, strokeDash=dash, detail="stretch:N")
            .transform_filter("datum.text"),
            base.mark_point(filled=True, size=70, opacity=1).encode(
                color=colour, shape=shape,
                tooltip=[alt.Tooltip("label:N", title=table_category), alt.Tooltip("text:N", title=table_value)])
            .transform_filter("datum.text"),
            base.mark_text(align="left", baseline="bottom", fontSize=12, color=colours.text, text=AXIS_TITLE)
            .encode(x=alt.value(0), **above).transform_filter("datum.title"),
            base.mark_rule(strokeWidth=2.5).encode(x=alt.value(0), x2=alt.value(32), **above, color=colour,
                                                   strokeDash=dash).transform_filter("datum.legend"),
            base.mark_point(filled=True, size=70, opacity=1).encode(x=alt.value(16), **above, color=colour, shape=shape)
            .transform_filter("datum.legend"),
            base.mark_text(align="left", baseline="middle", fontSize=13, color=colours.text)
            .encode(x=alt.value(42), **above, text="legend:N").transform_filter("datum.legend"),
        ]
        return self.finish(alt.layer(*layers), colours)

    def size(self, chart: Chart, lang: str) -> tuple[int, int]:
        """The plot, the time axis and the axis title as a bar chart's, and the legend above the plot."""
        width, height = super().size(chart, lang)
        return width, height + self.TOP_GAP + len(chart.series) * self.LEGEND_STEP

    def row_count(self, chart: Chart) -> int:
        return 1

    def natural_size(self) -> tuple[int, int]:
        return self.WIDTH, self.BAR_STEP

    def columns(self, chart: Chart, lang: str, ui: dict) -> list[str]:
        return [ui["table_time"], ui["table_series"], chart.axis_title[lang]]

    def csv_cells(self, chart: Chart, bar: ChartBar, lang: str) -> list[str]:
        """The time as data gives it (a year, or a date as YYYY-MM-DD), which spreadsheets read."""
        return [str(bar.at), next(s.label[lang] for s in chart.series if s.id == bar.series)]


@dataclass(frozen=True)
class StackedKind(GroupedKind):
    """The parts of a whole per category, in percent or adding up to the figure named in `total`: one bar
    of the whole per category, a segment per part in the chart's order of series. Only two colours keep
    3:1 with each other and the page (tests/test_charts_theme.py), so a category has two parts in colour
    and may have a third, the rest, drawn as an outline; the segments are parted by gaps, and each is
    named with its value on a line of its own under the bar, tied to the segment's middle by a tick
    (WCAG 1.4.1)."""
    name: str = "stacked"
    doc: str = ("the parts of a whole per category, adding up to 100 % in each category (or to the figure named in "
                "'total'): 'series' (two, or three when the third is the rest) and bars as for a grouped chart.")
    BAR_STEP = 22       # one row: a category's line, its bar, or the name and value of one of its parts
    BAR_HEIGHT = 16
    SERIES = (2, 3)
    TOTAL = True
    SERIES_RULE = ("two or three parts", "name them under 'series': two drawn in colour, and the rest, if any, "
                   "third (drawn as an outline: a third colour could not keep 3:1 contrast with the other two)")

    def problems(self, chart: dict, figures: list[Figure | None]) -> list[tuple[tuple, str, str]]:
        problems = super().problems(chart, figures)
        if problems or ("total" in chart and chart["total"] is None):
            return problems   # a total that is no figure is reported already
        wholes: dict[tuple, tuple[tuple, list[int]]] = {}
        for j, bar in enumerate(chart["bars"]):
            wholes.setdefault(category(bar["label"]), (("bars", j, "label"), []))[1].append(j)
        return whole_problems(
            self.name, figures, {path: (f"the category '{self.named(chart['bars'][path[1]])}'", parts)
                                 for path, parts in wholes.values()},
            "correct the parts, or add the one missing (the rest, say) as a series of its own",
            "name the figure they add up to in 'total', or use kind: grouped", chart.get("total"))

    def rows(self, data: SiteData, chart: Chart, lang: str) -> list[ChartRow]:
        """With a total, each category's parts and then the total, named and shown as the table's last column."""
        rows = super().rows(data, chart, lang)
        if chart.total is None:
            return rows
        ui, total = data.ui[lang], data.figures[chart.total]
        display = marked(format_value(total.value, total.unit, ui), total.computed, ui)
        return [row for label in dict.fromkeys(row.label for row in rows) for row in (
            *(row for row in rows if row.label == label), ChartRow(label, float(total.value), display, "total", ui["table_total"]))]

    def value_axis(self, unit: str, decimals: int):
        """The axis ends where the whole does."""
        axis = super().value_axis(unit, decimals)
        axis["scale"]["nice"] = False
        return axis

    def values(self, rows: list[ChartRow], unit: str) -> list[dict]:
        """Per category its line, the row of its bar (each segment from `start` to `value`; percentages as
        fractions of 1), and a row per part with its name and value (`note`), right of the tick at the
        segment's `middle` in the bar's left half, left of it in the right half, so that it stays in the chart."""
        values, row, scale = [], 0, 100 if unit == "percent" else 1
        for label in dict.fromkeys(r.label for r in rows):
            parts, start = [r for r in rows if r.label == label and r.group != "total"], 0.0
            whole = sum(part.value for part in parts) / scale
            # A named total stands at the end of the category's line, above where the bars end.
            values.append({"row": row, "heading": label, **{"total": f"{r.series}: {r.display}" for r in rows
                                                            if r.label == label and r.group == "total"}})
            for i, part in enumerate(parts):
                end, text = start + part.value / scale, f"{part.series}: {part.display}"
                values += [{"row": row + 1, "label": label, "start": start, "value": end, "group": part.group, "text": text},
                           {"row": row + 2 + i, "bar": row + 1, "middle": (start + end) / 2, "note": text,
                            "side": "left" if start + end <= whole else "right"}]
                start = end
            row += 2 + len(parts)
        return values

    def template(self, unit: str, decimals: int, colours: ChartTheme, table_category: str, table_value: str) -> dict:
        import altair as alt

        base = alt.Chart(alt.Data(values=[])).encode(y=alt.Y("row:O", title=None, axis=None),
                                                     x=self.value_axis(unit, decimals))
        groups = ["s0", "s1", "s2"]
        middle = alt.X("middle:Q", title=AXIS_TITLE)
        text = {"baseline": "middle", "fontSize": 13, "color": colours.text}
        # The rest is the page's colour inside an outline in the text's; every segment's edge in the page's
        # colour parts it from the next.
        segments = base.mark_bar(height=self.BAR_HEIGHT, strokeWidth=2).encode(
            x2="start:Q",
            color=alt.Color("group:N", scale=alt.Scale(domain=groups, range=[colours.series_one, colours.series_two,
                                                                             colours.background]), legend=None),
            stroke=alt.Stroke("group:N", scale=alt.Scale(domain=groups, range=[colours.background, colours.background,
                                                                               colours.text]), legend=None),
            tooltip=[alt.Tooltip("label:N", title=table_category), alt.Tooltip("text:N", title=table_value)])
        layers = [
            segments.transform_filter("datum.text"),
            base.mark_rule(color=colours.text, yOffset=self.BAR_HEIGHT / 2 + 2, y2Offset=6).encode(
                x=middle, y=alt.Y("bar:O", title=None, axis=None), y2="row:O").transform_filter("datum.note"),
            base.mark_text(align="left", dx=4, **text).encode(x=middle, text="note:N")
            .transform_filter("datum.side == 'left'"),
            base.mark_text(align="right", dx=-4, **text).encode(x=middle, text="note:N")
            .transform_filter("datum.side == 'right'"),
            base.mark_text(align="left", baseline="bottom", yOffset=8, fontSize=14, fontWeight="bold", color=colours.text)
            .encode(x=alt.value(0), text="heading:N").transform_filter("datum.heading"),
            base.mark_text(align="right", baseline="bottom", yOffset=8, fontSize=13, color=colours.text)
            .encode(x=alt.value(self.WIDTH), text="total:N").transform_filter("datum.total"),
        ]
        return self.finish(alt.layer(*layers), colours)

    def row_count(self, chart: Chart) -> int:
        return len(chart.bars) + 2 * len({category(bar.label) for bar in chart.bars})


def whole_problems(name: str, figures: list[Figure | None], wholes: dict[tuple, tuple[str, range | list[int]]],
                   add: str, otherwise: str, total: Figure | None = None) -> list[tuple[tuple, str, str]]:
    """The parts of wholes: each whole (at its path: what it is, the indices of its parts) adds up to 100 %,
    or to the total in its unit; `add` says what to do when one does not, `otherwise` when the parts are
    not percentages and there is no total."""
    units = {f.unit for f in figures if f is not None}
    if None in figures or not units:
        return []   # a part is missing or wrong (reported already): its unit and sum say nothing
    if total is None and units != {"percent"}:
        return [(("kind",), f"a {name} chart shows percentages", otherwise)]
    if total is not None and units != {total.unit}:
        return [(("total",), f"the total is in {total.unit}, the parts in {', '.join(sorted(units))}",
                 "name a total in the parts' unit")]
    whole, sign = (100, " %") if total is None else (total.value, " %" * (total.unit == "percent"))
    of = "" if total is None else f" (the total, {total.id})"
    return [(path, f"the parts of {what} add up to {part_sum}{sign}, not {whole}{sign}{of}", add)
            for path, (what, parts) in wholes.items() if (part_sum := sum(figures[j].value for j in parts)) != whole]


def marked(text: str, computed: bool, ui: dict) -> str:
    """A label or value as a chart shows it: a computed figure says so after it (ui.yml computed_label)."""
    return text + (" " + ui["computed_label"] if computed else "")


def category(label: dict[str, str]) -> tuple:
    """A bar's category: its label in every language (bars of one category are labelled alike)."""
    return tuple(sorted(label.items()))


def wrap(title: str, width: int = 56) -> str | list[str]:
    """An axis title longer than the plot is broken into lines rather than cut off."""
    lines = textwrap.wrap(title, width)
    return lines[0] if len(lines) == 1 else lines


# The registry, in the order the schema and its messages list the kinds.
KINDS: dict[str, BarKind] = {kind.name: kind for kind in (BarKind(), ShareKind(), GroupedKind(), DotKind(), LineKind(),
                                                           StackedKind())}
