"""Hook: add each chart's static SVGs (per language, light and dark), its embed pages (per language)
and the chart script bundle to the site's files."""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from reportsite import charts, fonts
from reportsite.embeds import embed_page
from reportsite.generated import add_generated
from reportsite.pages import DEFAULT_LANGUAGE
from reportsite.render import PageContext, chart_asset_path, embed_path
from reportsite.schema import LANGUAGES

VEGA_BUNDLE = "assets/javascripts/vega-bundle.js"


# After mkdocs-static-i18n (-100): it sorts files by language and cannot handle generated ones.
@event_priority(-200)
def on_files(files, config):
    data = config.extra["site_data"]
    if data is None:  # the live preview, with a data error: the pages show it and draw no chart
        return files
    charts.rendered.use_folder(Path(config.config_file_path).parent / ".cache" / "rendered")
    specs = {(chart.id, lang, theme): charts.chart_spec(data, chart, lang, theme)
             for chart in data.charts.values() for lang in LANGUAGES for theme in charts.THEMES}
    charts.render_svgs([(spec, lang) for (_, lang, _), spec in specs.items()])
    for (chart_id, lang, theme), spec in specs.items():
        add_generated(files, config, chart_asset_path(chart_id, lang, theme),
                      fonts.embed_in_svg(charts.render_svg(spec, lang)))
    for chart in data.charts.values():
        for lang in LANGUAGES:
            ctx = _embed_context(config, files, chart.id, lang)
            add_generated(files, config, ctx.url + ("" if ctx.url.endswith(".html") else "index.html"),
                          embed_page(data, chart, ctx))
    add_generated(files, config, VEGA_BUNDLE, charts.vega_bundle())
    return files


def _embed_context(config, files, chart_id: str, lang: str) -> PageContext:
    lang_root = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    findings_page = files.get_file_from_path(f"{lang}/{config.extra['findings_page']}")
    folder = embed_path(chart_id, lang_root)
    return PageContext(
        lang=lang, src=f"embed {chart_id} ({lang})",
        url=folder if config.use_directory_urls else folder + "index.html",
        findings_url=findings_page.url if findings_page else lang_root,
        lang_root=lang_root, site_url=config.site_url or "", site_name=_site_name(config, lang),
        directory_urls=config.use_directory_urls)


def _site_name(config, lang: str) -> str:
    """The site's name in a language, as mkdocs-static-i18n sets it for that language's build."""
    i18n = config.plugins.get("i18n")
    for language in (i18n.config.languages if i18n else []):
        if language.locale == lang and language.site_name:
            return language.site_name
    return config.site_name
