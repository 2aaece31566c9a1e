"""Chart colours: colour-blind-safe, WCAG contrast in light and dark, and the static SVGs match."""

from __future__ import annotations

import re

import pytest

from conftest import LANGUAGES, load_data

from reportsite import charts
from reportsite.chart_kinds import KINDS
from reportsite.numbers import d3_locale
from reportsite.paths import chart_image

DATA = load_data()


def test_contrast_ratio_matches_wcag_reference_values():
    assert charts.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert charts.contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert charts.contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("theme", list(charts.THEMES))
def test_chart_colours_meet_wcag_contrast(theme):
    colours = charts.THEMES[theme]
    # Text (labels, values, titles): 4.5:1 (WCAG 1.4.3). Marks and axis lines: 3:1 (WCAG 1.4.11).
    assert charts.contrast_ratio(colours.text, colours.background) >= 4.5
    for bar in (colours.highlight, colours.context):  # value labels drawn inside long bars
        assert charts.contrast_ratio(colours.on_bar, bar) >= 4.5, bar
    for mark in (colours.highlight, colours.context, colours.rule, colours.series_one, colours.series_two):
        assert charts.contrast_ratio(mark, colours.background) >= 3.0, mark
    # The two series of grouped, dot and line charts (WCAG 1.4.1 and 1.4.11: they are also told apart in text at
    # each bar, by dot shape, or by a line's dash pattern and point shape).
    assert charts.contrast_ratio(colours.series_one, colours.series_two) >= 3.0
    # A stacked chart's rest, outlined in the text's colour beside the second part's segment.
    assert charts.contrast_ratio(colours.text, colours.series_two) >= 3.0


@pytest.mark.parametrize("theme", list(charts.THEMES))
def test_no_third_series_colour_could_keep_3_to_1_with_the_two_and_the_page(theme):
    """Why grouped, dot and line charts have two series at most: no grey, and so no colour (contrast depends on luminance
    alone), keeps 3:1 with the background and both series colours."""
    colours = charts.THEMES[theme]
    fits = [f"#{v:02x}{v:02x}{v:02x}" for v in range(256)
            if all(charts.contrast_ratio(f"#{v:02x}{v:02x}{v:02x}", other) >= 3.0
                   for other in (colours.background, colours.series_one, colours.series_two))]
    assert fits == []


def test_themes_have_the_same_fields_and_differ():
    light, dark = charts.THEMES["light"], charts.THEMES["dark"]
    assert set(charts.THEMES) == {"light", "dark"}
    assert light.background != dark.background and light.text != dark.text


def _fills(svg: str) -> set[str]:
    return {c.lower() for c in re.findall(r'fill="(#[0-9a-fA-F]{6})"', svg)}


@pytest.mark.parametrize("theme", list(charts.THEMES))
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.build
def test_built_static_svg_uses_the_themes_colours(built_site, theme, lang):
    colours = charts.THEMES[theme]
    for chart in DATA.charts.values():
        svg = (built_site / chart_image(chart.id, lang, theme)).read_text(encoding="utf-8")
        fills = _fills(svg)
        assert colours.highlight in fills and colours.text in fills and colours.background in fills, (chart.id, fills)
        other = charts.THEMES["dark" if theme == "light" else "light"]
        assert other.text not in fills and other.highlight not in fills
        for row in chart.kind.rows(DATA, chart, lang):
            assert row.display.replace("\u00a0", "&#160;") in svg or row.display in svg, (chart.id, row.display)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.build
def test_the_drawn_chart_has_the_size_known_from_the_data(built_site, lang):
    """Pages get each chart's size without drawing it (so `make check` draws nothing): the drawing agrees."""
    for chart in DATA.charts.values():
        svg = (built_site / chart_image(chart.id, lang)).read_text(encoding="utf-8")
        match = re.search(r'<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"', svg)
        assert (round(float(match.group(1))), round(float(match.group(2)))) == chart.kind.size(chart, lang), chart.id


# -- the dark SVG is the light one in the dark theme's colours ------------------------------------

def _drawn(spec: dict, lang: str) -> str:
    """The SVG as vl-convert draws it, past every cache."""
    import vl_convert

    return vl_convert.vegalite_to_svg(spec, format_locale=d3_locale(DATA.ui[lang]))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("chart_id", sorted(DATA.charts))
def test_derived_dark_svg_equals_the_drawn_one_byte_for_byte(chart_id, lang):
    chart = DATA.charts[chart_id]
    light = charts.chart_spec(DATA, chart, lang, "light")
    dark = charts.chart_spec(DATA, chart, lang, "dark")
    light_svg = _drawn(light, lang)
    derived = charts.themed_svg(light, light_svg, dark, d3_locale(DATA.ui[lang]), "dark")
    assert derived != light_svg
    assert derived == _drawn(dark, lang)


def test_the_theme_colours_map_one_to_one():
    """The real themes are a mapping (so the dark SVGs can be derived), and the swap takes each part's
    light colour to that part's dark colour."""
    light, dark = charts.THEMES["light"], charts.THEMES["dark"]
    swap = charts.colour_swap("light", "dark")
    assert swap is not None
    for part in vars(light):
        assert swap.get(getattr(light, part), getattr(light, part)) == getattr(dark, part), part


def test_themes_whose_colours_are_no_mapping_are_drawn(monkeypatch):
    """Two parts that share a colour in light but not in dark: swapping cannot tell them apart."""
    light = charts.THEMES["light"]
    monkeypatch.setitem(charts.THEMES, "light", charts.ChartTheme(**{**vars(light), "rule": light.context}))
    assert charts.colour_swap("light", "dark") is None
    drawn = []
    monkeypatch.setattr(charts, "draw", lambda spec, locale: drawn.append(spec) or "<svg drawn/>")
    assert charts.themed_svg({}, "<svg/>", {"x": 1}, {}, "dark") == "<svg drawn/>"
    assert drawn == [{"x": 1}]


def test_a_theme_colour_in_the_charts_text_makes_it_drawn_not_swapped(monkeypatch):
    """A label that reads like a colour would be swapped with the colours; the SVG is drawn instead."""
    chart = DATA.charts[sorted(DATA.charts)[0]]
    light = charts.chart_spec(DATA, chart, "en", "light")
    dark = charts.chart_spec(DATA, chart, "en", "dark")
    colour = charts.THEMES["light"].highlight
    light["title"] = dark["title"] = f"Brand colour {colour}"
    light_svg = _drawn(light, "en")
    assert colour in light_svg
    derived = charts.themed_svg(light, light_svg, dark, d3_locale(DATA.ui["en"]), "dark")
    assert derived == _drawn(dark, "en")
    assert f"Brand colour {colour}" in derived


@pytest.mark.parametrize("unit, decimals", [("percent", 0), ("percent", 1), ("percentage_points", 0), ("count", 2)])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_templates_from_the_light_one_equal_those_altair_builds(unit, decimals, lang):
    """A theme's template is the light one in its colours, and a language's fills in the tooltip's
    titles: the same JSON, value for value, as Altair gives when asked for that theme and language."""
    import json

    ui = DATA.ui[lang]
    for theme in charts.THEMES:
        derived = charts._spec_template("bar", unit, decimals, theme, ui["table_category"], ui["table_value"])
        built = KINDS["bar"].template(unit, decimals, charts.THEMES[theme], ui["table_category"], ui["table_value"])
        assert json.loads(derived) == built, theme
