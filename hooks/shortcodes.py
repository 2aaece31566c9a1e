"""Hook: render the shortcodes in each page's Markdown from the validated data."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from reportsite.errors import SiteDataError
from reportsite.pages import DEFAULT_LANGUAGE, page_language, with_source_lines
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
    )
    try:
        # Padded so that a problem's line number is the line in the file, after the front matter.
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
        result = render_page(with_source_lines(source, markdown), config.extra["site_data"], ctx)
    except SiteDataError as exc:
        raise PluginError(str(exc)) from None
    page.meta["has_charts"] = result.has_charts
    return result.markdown
