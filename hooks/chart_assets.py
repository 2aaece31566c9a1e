"""Hook: add each chart's static SVGs (per language, light and dark) and the chart script bundle to the site's files."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from reportsite import charts
from reportsite.generated import add_generated
from reportsite.render import chart_asset_path
from reportsite.schema import LANGUAGES

VEGA_BUNDLE = "assets/javascripts/vega-bundle.js"


# After mkdocs-static-i18n (-100): it sorts files by language and cannot handle generated ones.
@event_priority(-200)
def on_files(files, config):
    data = config.extra["site_data"]
    for chart in data.charts.values():
        for lang in LANGUAGES:
            for theme in charts.THEMES:
                svg = charts.render_svg(charts.chart_spec(data, chart, lang, theme), lang)
                add_generated(files, config, chart_asset_path(chart.id, lang, theme), svg)
    add_generated(files, config, VEGA_BUNDLE, charts.vega_bundle())
    return files
