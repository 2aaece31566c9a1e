"""Charts: an Altair spec per chart, language and colour theme, and its static SVG rendered at build time."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass

from . import fonts
from .cache import kept
from .chart_kinds import KINDS, ChartRow
from .model import Chart, SiteData


@dataclass(frozen=True)
class ChartTheme:
    """The colours of a chart in one of Material's schemes (default = light, slate = dark)."""
    background: str  # the page background of the scheme, so the static SVG sits on it seamlessly
    highlight: str   # bars of the figures the report is about
    context: str     # bars of the rest (the other part of a share)
    text: str        # value labels, axis labels and titles
    on_bar: str      # value labels inside a bar (on highlight or context)
    rule: str        # axis line and ticks
    series_one: str  # the two series of a grouped, dot or line chart: 3:1 with each other and the background
    series_two: str


# Okabe-Ito blue (sky blue on dark) for the figures the report is about, a neutral grey for the
# rest: they tell apart for colour-blind readers, and every value is also written at its bar. A grouped
# chart's two series: navy and Okabe-Ito vermilion (pale blue and a darker vermilion on dark).
# tests/test_charts_theme.py checks WCAG contrast: text 4.5:1 (on_bar against both bar colours),
# marks and rules 3:1 against the background. The backgrounds are Material's: white, and
# slate's hsl(225, 15%, 14%); tests/test_accessibility.py compares the latter with the page.
THEMES = {
    "light": ChartTheme(background="#ffffff", highlight="#0072b2", context="#6b6b6b", text="#1a1a1a", on_bar="#ffffff",
                        rule="#767676", series_one="#002f4f", series_two="#d55e00"),
    "dark": ChartTheme(background="#1e2129", highlight="#56b4e9", context="#a3a3a3", text="#e8e8e8", on_bar="#1e2129",
                       rule="#8c8c8c", series_one="#cce9ff", series_two="#c25400"),
}


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b_ = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _decimals(rows: list[ChartRow]) -> int:
    return max((len(repr(r.value).split(".")[1].rstrip("0")) for r in rows if "." in repr(r.value)), default=0)


_TABLE_CATEGORY = "__table_category__"
_TABLE_VALUE = "__table_value__"


@functools.lru_cache(maxsize=None)
def _spec_template(kind: str, unit: str, decimals: int, theme: str, table_category: str, table_value: str) -> str:
    """The template for a kind of chart, in a theme and with the tooltip's titles in a language.

    Altair builds one template per kind, unit and decimals (_altair_template), in the light theme
    and with the tooltip's titles left open: another theme is the light one with its colours
    swapped (as for the SVGs), and a language only fills in two titles. Kept for the life of the process.
    """
    swap = colour_swap("light", theme) if theme != "light" else {}
    template = _altair_template(kind, unit, decimals, theme if swap is None else "light")
    template = _swap_colours(template, swap) if swap else template
    return (template.replace(json.dumps(_TABLE_CATEGORY), json.dumps(table_category, ensure_ascii=False))
            .replace(json.dumps(_TABLE_VALUE), json.dumps(table_value, ensure_ascii=False)))


@functools.lru_cache(maxsize=None)
def _altair_template(kind: str, unit: str, decimals: int, theme: str) -> str:
    """The kind's Altair chart in a theme (built and validated by Altair once), as Vega-Lite JSON
    with its rows and the kind's placeholders (axis title, label threshold) left open: each chart
    only fills them in, which keeps a report with hundreds of charts fast to build."""
    return json.dumps(KINDS[kind].template(unit, decimals, THEMES[theme], _TABLE_CATEGORY, _TABLE_VALUE), sort_keys=True)


class ChartSpecs(dict):
    """Each chart's spec by (chart id, language, theme), made on first use and kept: the pages, the
    static images, the embed pages and the link previews of one build share them."""

    def __init__(self, data: SiteData) -> None:
        super().__init__()
        self.data = data

    def __missing__(self, key: tuple[str, str, str]) -> dict:
        chart_id, lang, theme = key
        spec = self[key] = chart_spec(self.data, self.data.charts[chart_id], lang, theme)
        return spec


def chart_spec(data: SiteData, chart: Chart, lang: str, theme: str = "light") -> dict:
    """A Vega-Lite spec for the chart, with its text in the page's language and the colours of the
    theme ("light" or "dark")."""
    kind = chart.kind
    rows = kind.rows(data, chart, lang)
    unit = next(data.figures[bar.figure].unit for bar in chart.bars if bar.figure)
    ui = data.ui[lang]
    template = _spec_template(kind.name, unit, _decimals(rows), theme, kind.columns(chart, lang, ui)[0], ui["table_value"])
    spec = kind.spec(template, rows, unit, chart, lang)
    spec["description"] = kind.description(chart, rows, lang, ui)
    spec["width"], spec["height"] = kind.size(chart, lang)
    spec["autosize"] = {"type": "fit", "contains": "padding"}
    return spec


def draw(spec: dict, locale: dict | None = None, image: str = "svg", scale: float = 1) -> str | bytes:
    """A Vega-Lite spec drawn with the site's fonts, as an SVG (text) or a PNG at `scale` (bytes),
    once per process for each spec and number locale (numbers.d3_locale)."""
    def make() -> str | bytes:
        import vl_convert

        fonts.register_with_vl_convert()
        if image == "svg":
            return vl_convert.vegalite_to_svg(spec, format_locale=locale)
        return vl_convert.vegalite_to_png(spec, scale=scale, format_locale=locale)

    return kept(make, image, str(scale), json.dumps([spec, locale], sort_keys=True, ensure_ascii=False))


def colour_swap(source: str = "light", target: str = "dark") -> dict[str, str] | None:
    """Each colour of the source theme mapped to the target theme's colour for the same part, or
    None when that is not a mapping (two parts share a colour in the source but not in the target)."""
    swap: dict[str, str] = {}
    for part in ChartTheme.__dataclass_fields__:
        old, new = getattr(THEMES[source], part), getattr(THEMES[target], part)
        if swap.setdefault(old, new) != new:
            return None
    return {old: new for old, new in swap.items() if old != new}


def _swap_colours(text: str, swap: dict[str, str]) -> str:
    """Every colour of `swap` replaced at once (a replaced colour is never replaced again)."""
    pattern = re.compile("|".join(re.escape(c) for c in sorted(swap, key=len, reverse=True)))
    return pattern.sub(lambda m: swap[m.group(0)], text)


def themed_svg(light_spec: dict, light_svg: str, spec: dict, locale: dict, theme: str) -> str:
    """The static SVG of a chart in another theme, without drawing it when that is not needed.

    The themes differ only in colours, so the light SVG with the theme's colours swapped in is the
    SVG vl-convert would draw (tests/test_charts_theme.py checks it byte for byte for every chart
    and language). That holds only if swapping the colours in the light spec gives exactly the
    theme's spec: a colour written in the chart's text, say, would be swapped too. Then, and when
    the themes' colours are no mapping, the SVG is drawn.
    """
    swap = colour_swap("light", theme)
    if swap:
        key = functools.partial(json.dumps, sort_keys=True, ensure_ascii=False)
        if _swap_colours(key(light_spec), swap) == key(spec):
            return _swap_colours(light_svg, swap)
    return draw(spec, locale)


def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed in one script, from vl-convert-python: no CDN, no Node.js.
    (vl-convert keeps it for the life of the process.)"""
    import vl_convert

    return vl_convert.javascript_bundle()
