"""Charts: an Altair spec per chart and language, and its static SVG rendered at build time."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass

from .model import Chart, SiteData
from .numbers import d3_locale, format_value

# Okabe-Ito blue for the figures the report is about, a neutral grey for the rest: both tell
# apart for colour-blind readers and keep at least 4.5:1 against white.
HIGHLIGHT = "#0072B2"
CONTEXT = "#6b6b6b"
WIDTH = 520
BAR_STEP = 44


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


def chart_spec(data: SiteData, chart: Chart, lang: str) -> dict:
    """A Vega-Lite spec, built with Altair from the chart's figures, with text in the page's language."""
    import altair as alt  # imported on first use: most builds render few charts, all in one process

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
    base = alt.Chart(alt.Data(values=values)).encode(
        y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=240, labelFontSize=13)),
        x=alt.X("value:Q", title=chart.axis_title[lang], scale=scale,
                axis=alt.Axis(format=axis_format, titleFontSize=12, labelFontSize=12, tickCount=5)),
    )
    bars = base.mark_bar(height=28).encode(
        color=alt.Color("group:N", scale=alt.Scale(domain=["focus", "context"], range=[HIGHLIGHT, CONTEXT]), legend=None),
        tooltip=[alt.Tooltip("label:N", title=data.ui[lang]["table_category"]),
                 alt.Tooltip("display:N", title=data.ui[lang]["table_value"])],
    )
    labels = base.mark_text(align="left", baseline="middle", dx=6, fontSize=13, fontWeight="bold").encode(
        text="display:N", color=alt.value("#1a1a1a"))
    spec = (bars + labels).properties(width=WIDTH, height=alt.Step(BAR_STEP)).configure_view(stroke=None).to_dict()
    spec["description"] = chart_description(data, chart, lang)
    return spec


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
