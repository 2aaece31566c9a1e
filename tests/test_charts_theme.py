"""Chart colours: colour-blind-safe, WCAG contrast in light and dark, and the static SVGs match."""

from __future__ import annotations

import re

import pytest

from conftest import LANGUAGES, load_data

from reportsite import charts
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
    for mark in (colours.highlight, colours.context, colours.rule):
        assert charts.contrast_ratio(mark, colours.background) >= 3.0, mark


def test_themes_have_the_same_fields_and_differ():
    light, dark = charts.THEMES["light"], charts.THEMES["dark"]
    assert set(charts.THEMES) == {"light", "dark"}
    assert light.background != dark.background and light.text != dark.text


def _fills(svg: str) -> set[str]:
    return {c.lower() for c in re.findall(r'fill="(#[0-9a-fA-F]{6})"', svg)}


@pytest.mark.parametrize("theme", list(charts.THEMES))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_built_static_svg_uses_the_themes_colours(built_site, theme, lang):
    colours = charts.THEMES[theme]
    for chart in DATA.charts.values():
        svg = (built_site / chart_image(chart.id, lang, theme)).read_text(encoding="utf-8")
        fills = _fills(svg)
        assert colours.highlight in fills and colours.text in fills and colours.background in fills, (chart.id, fills)
        other = charts.THEMES["dark" if theme == "light" else "light"]
        assert other.text not in fills and other.highlight not in fills
        for row in charts.chart_rows(DATA, chart, lang):
            assert row.display.replace("\u00a0", "&#160;") in svg or row.display in svg, (chart.id, row.display)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_drawn_chart_has_the_size_known_from_the_data(built_site, lang):
    """Pages get each chart's size without drawing it (so `make check` draws nothing): the drawing agrees."""
    for chart in DATA.charts.values():
        svg = (built_site / chart_image(chart.id, lang)).read_text(encoding="utf-8")
        match = re.search(r'<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"', svg)
        assert (round(float(match.group(1))), round(float(match.group(2)))) == charts.chart_size(chart, lang), chart.id
