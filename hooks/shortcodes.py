"""Hook: shortcodes. Before Markdown, each becomes Markdown with placeholders (reportsite.shortcodes);
after Markdown, the placeholders become the HTML rendered from data, which Markdown never sees."""

from __future__ import annotations

from reportsite import live_preview, shortcodes, state


def on_page_markdown(markdown, *, page, config, files):
    build = state.for_config(config)
    if build.error is not None:  # the live preview: show the problems in place of the page
        return live_preview.error_html(build.error, build.paths.language_of(page.file.src_uri))
    return build.page_markdown(page.file.src_uri)


def on_page_content(html, *, page, config, files):
    fragments = state.for_config(config).fragments.get(page.file.src_uri)
    if fragments is None:
        return html
    for item in _toc_items(page.toc):
        item.title = shortcodes.heading_title(item.title, fragments)
    return shortcodes.insert(html, fragments)


def _toc_items(items):
    for item in items:
        yield item
        yield from _toc_items(item.children)
