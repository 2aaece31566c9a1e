"""Hook: escape the front matter that the theme prints into meta tags and the title."""

from __future__ import annotations

from reportsite.front_matter import escape_front_matter


def on_page_markdown(markdown, *, page, config, files):
    page.meta = escape_front_matter(page.meta)
    return markdown
