"""What a page's head tells search engines and link previews: its canonical URL, its language
alternates, the sitemap, and front matter made safe to print.

Every page exists in every language under the same file name (validate.page_parity), so a page's
counterparts follow from its source path alone. The URLs are the web build's directory URLs under
site_url, in the web build and in the offline bundle alike: a copy of a page points readers and
search engines at the published page.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import escape

from .paths import SitePaths, absolute_url


@dataclass(frozen=True)
class Alternate:
    hreflang: str   # a language code, or "x-default"
    url: str        # absolute URL of the page in that language


def canonical_url(src_uri: str, site_url: str, paths: SitePaths) -> str:
    return absolute_url(site_url, paths.web_path(src_uri))


def alternates(src_uri: str, site_url: str, paths: SitePaths) -> list[Alternate]:
    """hreflang alternates of a page: one per language, and x-default for the default language."""
    found = paths.counterparts(src_uri)
    links = [Alternate(lang, absolute_url(site_url, path)) for lang, path in found.items()]
    links.append(Alternate("x-default", absolute_url(site_url, found[paths.default_language])))
    return links


def _sitemap_entry(loc: str, lastmod: str | None, alternates: list[Alternate]) -> list[str]:
    lines = ["  <url>", f"    <loc>{escape(loc)}</loc>"]
    if lastmod:
        lines.append(f"    <lastmod>{escape(lastmod)}</lastmod>")
    lines += [f'    <xhtml:link rel="alternate" hreflang="{escape(alt.hreflang)}" href="{escape(alt.url)}"/>'
              for alt in alternates]
    return lines + ["  </url>"]


def sitemap_xml(page_src_uris: list[str], site_url: str, lastmod: str | None, paths: SitePaths,
                files: dict[str, str] | None = None) -> str:
    """A sitemap of every page in every language, each with its hreflang alternates, and of the files
    that exist in every language (files: language -> site path, the PDFs), each with the others.

    Built from the pages of any language: all give the same sitemap, in the same order.
    """
    pages = sorted({paths.inner(src) for src in page_src_uris},
                   key=lambda page: paths.web_path(f"{paths.default_language}/{page}"))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for lang in paths.languages:
        for page in pages:
            src = f"{lang}/{page}"
            lines += _sitemap_entry(canonical_url(src, site_url, paths), lastmod, alternates(src, site_url, paths))
    file_alternates = [Alternate(lang, absolute_url(site_url, path)) for lang, path in (files or {}).items()]
    for alternate in file_alternates:
        lines += _sitemap_entry(alternate.url, lastmod, file_alternates)
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
