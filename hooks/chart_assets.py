"""Hook: add each chart's static SVG (per language) and the chart script bundle to the site's files."""

from __future__ import annotations

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from reportsite import charts
from reportsite.render import chart_asset_path
from reportsite.schema import LANGUAGES

VEGA_BUNDLE = "assets/javascripts/vega-bundle.js"


# After mkdocs-static-i18n (-100): it sorts files by language and cannot handle generated ones.
@event_priority(-200)
def on_files(files, config):
    data = config.extra["site_data"]
    if data is None:  # the live preview, with a data error: the pages show it and draw no chart
        return files
    for chart in data.charts.values():
        for lang in LANGUAGES:
            svg = charts.render_svg(charts.chart_spec(data, chart, lang), lang)
            _add(files, File.generated(config, chart_asset_path(chart.id, lang), content=svg))
    _add(files, File.generated(config, VEGA_BUNDLE, content=charts.vega_bundle()))
    return files


def _add(files, file):
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)
