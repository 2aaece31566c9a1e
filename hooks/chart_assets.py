"""Hook: add each chart's static SVG (per language) and the chart script bundle to the site's files."""

from __future__ import annotations

from pathlib import Path

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
    charts.rendered.use_folder(Path(config.config_file_path).parent / ".cache" / "rendered")
    specs = {(chart.id, lang): charts.chart_spec(data, chart, lang) for chart in data.charts.values() for lang in LANGUAGES}
    charts.render_svgs([(spec, lang) for (_, lang), spec in specs.items()])
    for (chart_id, lang), spec in specs.items():
        _add(files, File.generated(config, chart_asset_path(chart_id, lang), content=charts.render_svg(spec, lang)))
    _add(files, File.generated(config, VEGA_BUNDLE, content=charts.vega_bundle()))
    return files


def _add(files, file):
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)
