"""Hook: link previews. Each page gets Open Graph and Twitter card tags and a preview image in its language."""

from __future__ import annotations

from pathlib import Path

from reportsite import charts, previews, seo
from reportsite.numbers import d3_locale
from reportsite.pages import page_language
from reportsite.schema import LANGUAGES


def on_page_context(context, page, config, nav):
    if not config.extra.get("link_previews", True):
        return context  # the offline bundle: nobody shares a file:// page, so it carries no previews
    data = config.extra["site_data"]
    if data is None:  # the live preview, with a data error: the page shows it instead
        return context
    lang = page_language(page.file.src_uri)
    ui = data.ui[lang]
    title = config.site_name if page.is_homepage else page.title
    chart_ids = page.meta.get("chart_ids") or []
    if chart_ids:
        chart = data.charts[chart_ids[0]]
        spec = previews.chart_card_spec(charts.chart_spec(data, chart, lang), chart.title[lang])
        png = previews.render_png(spec, d3_locale(lang), scale=previews.CHART_SCALE)
        image_alt = charts.chart_description(data, chart, lang)
    else:
        footer = ui["card_footer"].format(publisher=data.report.publisher)
        png = previews.render_png(previews.title_card_spec(config.site_name, title, footer))
        image_alt = title
    target = Path(config.site_dir) / previews.preview_path(page.file.dest_uri)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(png)
    page.meta["social_tags"] = previews.meta_tags(
        site_name=config.site_name,
        title=title,
        description=page.meta.get("description") or config.site_description or "",
        url=seo.canonical_url(page.file.src_uri, config.site_url),
        locale=ui["og_locale"],
        alternate_locales=[data.ui[other]["og_locale"] for other in LANGUAGES if other != lang],
        image_url=seo.absolute_url(config.site_url, seo.web_path(page.file.src_uri) + previews.PREVIEW_NAME),
        image_size=previews.png_size(png),
        image_alt=image_alt,
    )
    return context
