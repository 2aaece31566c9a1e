"""Charts: an Altair spec per chart, language and colour theme, and its static SVG rendered at build time."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass

from .model import Chart, SiteData
from .numbers import d3_locale, format_value

WIDTH = 400
BAR_STEP = 58       # one row: the category's line of text and its bar
BAR_HEIGHT = 24
BAR_OFFSET = 9      # the bar sits below the middle of its row, the category above it
INSIDE_FROM = 0.6   # a value label goes inside a bar longer than this share of the longest one


@dataclass(frozen=True)
class ChartTheme:
    """The colours of a chart in one of Material's schemes (default = light, slate = dark)."""
    background: str  # the page background of the scheme, so the static SVG sits on it seamlessly
    highlight: str   # bars of the figures the report is about
    context: str     # bars of the rest (the other part of a share)
    text: str        # value labels, axis labels and titles
    on_bar: str      # value labels inside a bar (on highlight or context)
    rule: str        # axis line and ticks


# Okabe-Ito blue (sky blue on dark) for the figures the report is about, a neutral grey for the
# rest: they tell apart for colour-blind readers, and every value is also written at its bar.
# tests/test_charts_theme.py checks WCAG contrast: text 4.5:1 (on_bar against both bar colours),
# marks and rules 3:1 against the background. The backgrounds are Material's: white, and
# slate's hsl(225, 15%, 14%); tests/test_accessibility.py compares the latter with the page.
THEMES = {
    "light": ChartTheme(background="#ffffff", highlight="#0072b2", context="#6b6b6b", text="#1a1a1a", on_bar="#ffffff",
                        rule="#767676"),
    "dark": ChartTheme(background="#1e2129", highlight="#56b4e9", context="#a3a3a3", text="#e8e8e8", on_bar="#1e2129",
                       rule="#8c8c8c"),
}


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b_ = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@dataclass(frozen=True)
class ChartRow:
    label: str
    value: float
    display: str
    computed: bool


def chart_rows(data: SiteData, chart: Chart, lang: str) -> list[ChartRow]:
    ui = data.ui[lang]
    rows = []
    for bar in chart.bars:
        figure = data.figures[bar.figure]
        computed = figure.computed_from is not None
        label = bar.label[lang] + (" " + ui["computed_label"] if computed else "")
        rows.append(ChartRow(label, float(figure.value), format_value(figure.value, figure.unit, lang, ui), computed))
    return rows


def _decimals(rows: list[ChartRow]) -> int:
    return max((len(repr(r.value).split(".")[1].rstrip("0")) for r in rows if "." in repr(r.value)), default=0)


def chart_spec(data: SiteData, chart: Chart, lang: str, theme: str = "light") -> dict:
    """A Vega-Lite spec, built with Altair from the chart's figures, with text in the page's language
    and the colours of the theme ("light" or "dark")."""
    import altair as alt  # imported on first use: most builds render few charts, all in one process

    colours = THEMES[theme]
    rows = chart_rows(data, chart, lang)
    unit = data.figures[chart.bars[0].figure].unit
    values = [
        {"label": r.label, "value": r.value / 100 if unit == "percent" else r.value, "display": r.display,
         "group": "context" if (chart.kind == "share" and i > 0) else "focus"}
        for i, r in enumerate(rows)
    ]
    if unit == "percent":
        axis_format = f".{_decimals(rows)}%"
        scale = alt.Scale(domain=[0, 1])
    else:
        axis_format = ",d" if _decimals(rows) == 0 else f",.{_decimals(rows)}f"
        scale = alt.Scale(zero=True, nice=True)
    # Each row: the category above its bar, the value at the end of the bar (inside it when the
    # bar is long). Nothing sits left of the bars or right of the plot, so the whole chart is
    # WIDTH wide and stays legible when a phone scales it down.
    base = alt.Chart(alt.Data(values=values)).encode(
        y=alt.Y("label:N", sort=None, title=None, axis=None),
        x=alt.X("value:Q", title=_wrap(chart.axis_title[lang]), scale=scale,
                axis=alt.Axis(format=axis_format, titleFontSize=12, labelFontSize=12, tickCount=5, grid=False)),
    )
    bars = base.mark_bar(height=BAR_HEIGHT, yOffset=BAR_OFFSET).encode(
        color=alt.Color("group:N", scale=alt.Scale(domain=["focus", "context"], range=[colours.highlight, colours.context]), legend=None),
        tooltip=[alt.Tooltip("label:N", title=data.ui[lang]["table_category"]),
                 alt.Tooltip("display:N", title=data.ui[lang]["table_value"])],
    )
    categories = base.mark_text(align="left", baseline="bottom", yOffset=BAR_OFFSET - BAR_HEIGHT / 2 - 4,
                                fontSize=14).encode(x=alt.value(0), text="label:N", color=alt.value(colours.text))
    longest = max([v["value"] for v in values if v["value"] > 0], default=0)
    inside = f"datum.value > 0 && datum.value > {INSIDE_FROM * longest}"
    outside_only = f"!({inside})"
    outside = (base.mark_text(align="left", baseline="middle", dx=6, yOffset=BAR_OFFSET, fontSize=13, fontWeight="bold")
               .encode(text="display:N", color=alt.value(colours.text)).transform_filter(outside_only))
    within = (base.mark_text(align="right", baseline="middle", dx=-6, yOffset=BAR_OFFSET, fontSize=13, fontWeight="bold")
              .encode(text="display:N", color=alt.value(colours.on_bar)).transform_filter(inside))
    spec = (
        alt.layer(bars, categories, outside, within).properties(width=WIDTH, height=alt.Step(BAR_STEP), background=colours.background)
        .configure_view(stroke=None)
        .configure_axis(labelColor=colours.text, titleColor=colours.text, domainColor=colours.rule,
                        tickColor=colours.rule)
        .to_dict()
    )
    spec["description"] = chart_description(data, chart, lang)
    return spec


def _wrap(title: str, width: int = 56) -> str | list[str]:
    """An axis title longer than the plot is broken into lines rather than cut off."""
    import textwrap

    lines = textwrap.wrap(title, width)
    return lines[0] if len(lines) == 1 else lines


def chart_description(data: SiteData, chart: Chart, lang: str) -> str:
    values = "; ".join(f"{r.label}: {r.display}" for r in chart_rows(data, chart, lang))
    return data.ui[lang]["chart_description"].format(title=chart.title[lang], values=values)


@functools.lru_cache(maxsize=4096)
def _render_svg(spec_json: str, lang: str) -> str:
    import vl_convert

    return vl_convert.vegalite_to_svg(json.loads(spec_json), format_locale=d3_locale(lang))


def render_svg(spec: dict, lang: str) -> str:
    """The static SVG of a spec; cached by the spec's content, so `mkdocs serve` redraws only what changed."""
    return _render_svg(json.dumps(spec, sort_keys=True, ensure_ascii=False), lang)


def svg_size(svg: str) -> tuple[int, int]:
    match = re.search(r'<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"', svg)
    if not match:
        raise ValueError("the rendered chart SVG has no width and height")
    return round(float(match.group(1))), round(float(match.group(2)))


@functools.lru_cache(maxsize=1)
def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed in one script, from vl-convert-python: no CDN, no Node.js."""
    import vl_convert

    return vl_convert.javascript_bundle()
