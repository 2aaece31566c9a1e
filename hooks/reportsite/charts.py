"""Charts: an Altair spec per chart and language, and its static SVG rendered at build time."""

from __future__ import annotations

import functools
import inspect
import json
import os
import re
from dataclasses import dataclass

from .cache import package_version, rendered
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


_AXIS_TITLE = "__axis_title__"


def _spec_template(kind: str, unit: str, decimals: int, table_category: str, table_value: str) -> str:
    key = rendered.key("template", package_version("altair"), _TEMPLATE_SOURCE,
                       kind, unit, str(decimals), table_category, table_value)
    template = rendered.get(key)
    if template is None:
        template = rendered.put(key, _build_spec_template(kind, unit, decimals, table_category, table_value))
    return template


def _build_spec_template(kind: str, unit: str, decimals: int, table_category: str, table_value: str) -> str:
    """The Altair chart for one kind of chart, as Vega-Lite JSON with its data and axis title left open.

    Altair builds and validates the chart's structure once; each chart then only fills in its
    rows and titles, which keeps a report with hundreds of charts fast to build.
    """
    import altair as alt  # imported on first use: pages without charts never pay for it

    if unit == "percent":
        axis_format = f".{decimals}%"
        scale = alt.Scale(domain=[0, 1])
    else:
        axis_format = ",d" if decimals == 0 else f",.{decimals}f"
        scale = alt.Scale(zero=True, nice=True)
    base = alt.Chart(alt.Data(values=[])).encode(
        y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=240, labelFontSize=13)),
        x=alt.X("value:Q", title=_AXIS_TITLE, scale=scale,
                axis=alt.Axis(format=axis_format, titleFontSize=12, labelFontSize=12, tickCount=5)),
    )
    bars = base.mark_bar(height=28).encode(
        color=alt.Color("group:N", scale=alt.Scale(domain=["focus", "context"], range=[HIGHLIGHT, CONTEXT]), legend=None),
        tooltip=[alt.Tooltip("label:N", title=table_category), alt.Tooltip("display:N", title=table_value)],
    )
    labels = base.mark_text(align="left", baseline="middle", dx=6, fontSize=13, fontWeight="bold").encode(
        text="display:N", color=alt.value("#1a1a1a"))
    chart = (bars + labels).properties(width=WIDTH, height=alt.Step(BAR_STEP)).configure_view(stroke=None)
    return json.dumps(chart.to_dict(), sort_keys=True)


# The template's code is part of its cache key: editing the chart design invalidates the cache.
_TEMPLATE_SOURCE = inspect.getsource(_build_spec_template) + repr((HIGHLIGHT, CONTEXT, WIDTH, BAR_STEP))


def chart_spec(data: SiteData, chart: Chart, lang: str) -> dict:
    """A Vega-Lite spec for the chart, with its rows, titles and labels in the page's language."""
    rows = chart_rows(data, chart, lang)
    unit = data.figures[chart.bars[0].figure].unit
    ui = data.ui[lang]
    template = _spec_template(chart.kind, unit, _decimals(rows), ui["table_category"], ui["table_value"])
    spec = json.loads(template.replace(json.dumps(_AXIS_TITLE), json.dumps(chart.axis_title[lang])))
    spec["data"] = {"values": [
        {"label": r.label, "value": r.value / 100 if unit == "percent" else r.value, "display": r.display,
         "group": "context" if (chart.kind == "share" and i > 0) else "focus"}
        for i, r in enumerate(rows)
    ]}
    spec["description"] = chart_description(data, chart, lang)
    return spec


def chart_description(data: SiteData, chart: Chart, lang: str) -> str:
    values = "; ".join(f"{r.label}: {r.display}" for r in chart_rows(data, chart, lang))
    return data.ui[lang]["chart_description"].format(title=chart.title[lang], values=values)


# Below this many missing SVGs, starting worker processes costs more than it saves.
_PARALLEL_FROM = 24


def _svg_key(spec: dict, lang: str) -> str:
    return rendered.key("svg", package_version("vl-convert-python"), lang,
                        json.dumps(spec, sort_keys=True, ensure_ascii=False))


def render_svg(spec: dict, lang: str) -> str:
    """The static SVG of a spec, drawn once per content and language."""
    key = _svg_key(spec, lang)
    svg = rendered.get(key)
    if svg is None:
        import vl_convert

        svg = rendered.put(key, vl_convert.vegalite_to_svg(spec, format_locale=d3_locale(lang)))
    return svg


def render_svgs(items: list[tuple[dict, str]]) -> None:
    """Draw many SVGs ahead of use, spread over the machine's cores when there are enough of them."""
    missing: dict[str, tuple[dict, str]] = {}
    for spec, lang in items:
        key = _svg_key(spec, lang)
        if key not in missing and rendered.get(key) is None:
            missing[key] = (spec, lang)
    workers = min(os.cpu_count() or 1, 8)
    if len(missing) < _PARALLEL_FROM or workers < 2:
        for spec, lang in missing.values():
            render_svg(spec, lang)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    import vl_convert

    # "spawn": forking a process that already runs vl-convert's threads is not safe.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        for lang in sorted({lang for _, lang in missing.values()}):
            keys = [k for k, (_, item_lang) in missing.items() if item_lang == lang]
            draw = functools.partial(vl_convert.vegalite_to_svg, format_locale=d3_locale(lang))
            chunk = max(1, len(keys) // (workers * 4))
            for key, svg in zip(keys, pool.map(draw, [missing[k][0] for k in keys], chunksize=chunk)):
                rendered.put(key, svg)


def svg_size(svg: str) -> tuple[int, int]:
    match = re.search(r'<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"', svg)
    if not match:
        raise ValueError("the rendered chart SVG has no width and height")
    return round(float(match.group(1))), round(float(match.group(2)))


def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed in one script, from vl-convert-python: no CDN, no Node.js."""
    key = rendered.key("vega-bundle", package_version("vl-convert-python"))
    bundle = rendered.get(key)
    if bundle is None:
        import vl_convert

        bundle = rendered.put(key, vl_convert.javascript_bundle())
    return bundle
