"""Hook: shortcodes. A page's steps (reportsite.pipeline.Page), one MkDocs event at a time: before
Markdown, each shortcode becomes Markdown with placeholders; after Markdown, the placeholders become
the HTML rendered from data, which Markdown never sees; the parts search leaves out go in after
Material's search has read the page."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from reportsite import engine, live_preview, state


def on_page_markdown(markdown, *, page, config, files):
    build = state.for_config(config)
    if build.error is not None:  # the live preview: show the problems in place of the page
        return live_preview.error_html(build.error, build.paths.language_of(page.file.src_uri), build.ui)
    return build.page_markdown(page.file.src_uri)


def on_page_content(html, *, page, config, files):
    steps = state.for_config(config).pages.get(page.file.src_uri)
    return html if steps is None else steps.content(html, page.toc)


@event_priority(engine.AFTER_SEARCH_READS)
def on_page_context(context, *, page, config, nav):
    steps = state.for_config(config).pages.get(page.file.src_uri)
    if steps is not None:
        page.content = steps.after_search(page.content)
    return context
