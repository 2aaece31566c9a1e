"""Hook: shortcodes. Before Markdown, each becomes Markdown with placeholders (reportsite.shortcodes);
after Markdown, the placeholders become the HTML rendered from data, which Markdown never sees; the
parts search leaves out go in after Material's search has read the page."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from reportsite import engine, live_preview, shortcodes, state


def on_page_markdown(markdown, *, page, config, files):
    build = state.for_config(config)
    if build.error is not None:  # the live preview: show the problems in place of the page
        return live_preview.error_html(build.error, build.paths.language_of(page.file.src_uri), build.site.project)
    return build.page_markdown(page.file.src_uri)


def on_page_content(html, *, page, config, files):
    fragments = state.for_config(config).fragments.get(page.file.src_uri)
    if fragments is None:
        return html
    for item in _toc_items(page.toc):
        item.title = shortcodes.heading_title(item.title, fragments)
    return shortcodes.insert(html, fragments, state.for_config(config).placeholder)


@event_priority(engine.AFTER_SEARCH_READS)
def on_page_context(context, *, page, config, nav):
    fragments = state.for_config(config).fragments.get(page.file.src_uri)
    if fragments is not None and fragments.after_search:
        page.content = shortcodes.put_after_search(page.content, fragments)
        if fragments.after_search:
            raise RuntimeError(f"{page.file.src_uri}: {len(fragments.after_search)} parts of the page lost their place")
    return context


def _toc_items(items):
    for item in items:
        yield item
        yield from _toc_items(item.children)
