"""Hook: render the shortcodes in each page's Markdown from the validated data."""

from __future__ import annotations

from pathlib import Path

from reportsite import preview
from reportsite.errors import SiteDataError
from reportsite.pages import DEFAULT_LANGUAGE, page_language, with_source_lines
from reportsite.render import PageContext, render_page


def on_page_markdown(markdown, page, config, files):
    lang = page_language(page.file.src_uri)
    if config.extra["site_data"] is None:  # the live preview, with a data error: show it instead
        return preview.error_markdown(config.extra["site_data_error"], lang)
    lang_root = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    project = Path(config.config_file_path).parent
    # The findings page's URL as MkDocs gives it: 'en/funn/', or 'en/funn.html' in the offline build.
    # (hooks/site_data.py has checked that the page exists in every language.)
    findings_page = files.get_file_from_path(f"{lang}/{config.extra['findings_page']}")
    ctx = PageContext(
        lang=lang,
        src=Path(page.file.abs_src_path).resolve().relative_to(project.resolve()).as_posix(),
        url=page.url,
        findings_url=findings_page.url,
        lang_root=lang_root,
        site_url=config.site_url or "",
        site_name=config.site_name,
        directory_urls=config.use_directory_urls,
        project=project,
    )
    try:
        # Padded so that a problem's line number is the line in the file, after the front matter.
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
        result = render_page(with_source_lines(source, markdown), config.extra["site_data"], ctx)
    except SiteDataError as exc:
        preview.report(exc)
        return preview.error_markdown(exc, lang)
    page.meta["has_charts"] = result.has_charts
    page.meta["chart_ids"] = result.chart_ids
    return result.markdown
