"""A page's way through the build, in one place: its shortcodes placed and resolved (shortcodes.py
steps 1 and 2), expanded into Markdown with placeholders, the Markdown converted, the shortcodes'
HTML inserted in place of the placeholders, and the parts search leaves out put back after search
has read the page.

MkDocs converts the Markdown between two of its events, so the build (hooks/shortcodes.py) runs a
`Page`'s steps one event at a time; `render` runs the same steps in a row with a converter of its
own, for the tests and anything else that wants a page's HTML without a build.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import shortcodes
from .errors import SiteDataError
from .model import SiteData
from .placeholders import Placeholders
from .render import Fragments, PageContext, PageRenderer


class Page:
    """One page's shortcodes on their way into its HTML."""

    def __init__(self, renderer: PageRenderer) -> None:
        self.renderer = renderer

    @property
    def fragments(self) -> Fragments:
        return self.renderer.out

    def markdown(self, markdown: str, usable: list[shortcodes.Use]) -> str:
        """Before Markdown: each usable (placed and resolved) shortcode becomes Markdown with placeholders."""
        return shortcodes.expand(markdown, usable, self.renderer)

    def content(self, html: str, toc=()) -> str:
        """After Markdown: the shortcodes' HTML in place of the placeholders, in the page and in the
        titles of its table of contents (MkDocs' toc items); what search reads."""
        for item in _toc_items(toc):
            item.title = shortcodes.heading_title(item.title, self.fragments)
        return shortcodes.insert(html, self.fragments, self.renderer.placeholder)

    def after_search(self, html: str) -> str:
        """After search has read the page: the parts it leaves out, in their places."""
        if not self.fragments.after_search:
            return html
        html = shortcodes.put_after_search(html, self.fragments)
        if self.fragments.after_search:
            raise RuntimeError(f"{self.renderer.ctx.src}: {len(self.fragments.after_search)} parts of the page "
                               "lost their place")
        return html


def _toc_items(items):
    for item in items:
        yield item
        yield from _toc_items(item.children)


@dataclass
class Rendered:
    markdown: str       # the Markdown MkDocs gets: shortcodes replaced by placeholders
    searched: str       # the HTML search reads: the shortcodes' HTML in place, the after-search parts not yet
    html: str           # the page's HTML, as published
    chart_ids: list[str]


def render(markdown: str, data: SiteData, ctx: PageContext, templates_dir: Path, to_html: Callable[[str], str],
           placeholder: Callable[[], str] | None = None) -> Rendered:
    """A page's Markdown through every step, in-process (to_html: the site's Markdown, as
    validate._markdown makes it). Raises SiteDataError with the problems the build would report
    about its shortcodes."""
    placement = shortcodes.place(markdown, ctx.src, to_html)
    problems = placement.problems + [p for p in (shortcodes.resolve(u, data, ctx.src) for u in placement.usable) if p]
    if problems:
        raise SiteDataError(problems)
    page = Page(PageRenderer(data, ctx, templates_dir, placeholder or Placeholders()))
    expanded = page.markdown(markdown, placement.usable)
    searched = page.content(to_html(expanded))
    return Rendered(expanded, searched, page.after_search(searched), page.fragments.chart_ids)
