"""Hook: render the shortcodes in each page's Markdown from the validated data."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from reportsite.errors import SiteDataError
from reportsite.pages import DEFAULT_LANGUAGE, markdown_first_line, page_language
from reportsite.render import PageContext, render_page


def on_page_markdown(markdown, page, config, files):
    lang = page_language(page.file.src_uri)
    lang_root = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    project = Path(config.config_file_path).parent
    ctx = PageContext(
        lang=lang,
        src=Path(page.file.abs_src_path).resolve().relative_to(project.resolve()).as_posix(),
        url=page.url,
        findings_url=lang_root + config.extra["findings_page"],
        lang_root=lang_root,
        first_line=markdown_first_line(page.file.content_string, markdown),
    )
    try:
        result = render_page(markdown, config.extra["site_data"], ctx)
    except SiteDataError as exc:
        raise PluginError(str(exc)) from None
    page.meta["has_charts"] = result.has_charts
    return result.markdown
