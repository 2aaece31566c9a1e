"""Hook: escape the front matter that the theme prints into meta tags and the title."""

from __future__ import annotations

from reportsite.pages import escape_front_matter


# Before any template is rendered: MkDocs reads every page (and runs this) first, then renders.
def on_page_markdown(markdown, page, config, files):
    page.meta = escape_front_matter(page.meta)
    return markdown
