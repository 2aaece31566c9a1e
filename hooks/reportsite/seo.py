"""Where each page lives on the published web site, and its language alternates.

Every page exists in every language under the same file name (pages.check_page_parity), so a
page's counterparts follow from its source path alone. The URLs are the web build's directory
URLs under site_url, in the web build and in the offline bundle alike: a copy of a page points
readers and search engines at the published page.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html import escape as _html_escape

from .pages import DEFAULT_LANGUAGE, page_language
from .schema import LANGUAGES

# XML escaping with the html module: xml.sax.saxutils, its usual home, imports urllib.request and,
# through it, http.client and ssl, which cost every build (and serve rebuild) a few tens of ms.


def escape(text: str) -> str:
    """Text for an XML element: &, < and > escaped."""
    return _html_escape(text, quote=False)


def quoteattr(text: str) -> str:
    """An XML attribute value in double quotes, with &, <, >, " and ' escaped."""
    return '"' + _html_escape(text, quote=True) + '"'


@dataclass(frozen=True)
class Alternate:
    hreflang: str   # "nb", "en" or "x-default"
    url: str        # absolute URL of the page in that language


def inner_path(src_uri: str) -> str:
    """A page's source path inside its language folder: 'en/funn.md' -> 'funn.md'."""
    lang = page_language(src_uri)
    return src_uri[len(lang) + 1:] if src_uri.startswith(lang + "/") else src_uri


def web_path(src_uri: str) -> str:
    """The directory URL, relative to the site root, of a page's source file.

    'nb/funn.md' -> 'funn/', 'en/index.md' -> 'en/', 'nb/index.md' -> '', 'en/a/b.md' -> 'en/a/b/'.
    """
    lang = page_language(src_uri)
    stem, ext = posixpath.splitext(inner_path(src_uri))
    if ext != ".md":
        raise ValueError(f"not a page's Markdown source: {src_uri!r}")
    parent, name = posixpath.split(stem)
    path = parent if name in ("index", "README") else stem
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    return prefix + (path + "/" if path else "")


def counterpart_paths(src_uri: str) -> dict[str, str]:
    """The page in every language, as directory URLs relative to the site root, default language first."""
    inner = inner_path(src_uri)
    return {lang: web_path(f"{lang}/{inner}") for lang in LANGUAGES}


def absolute_url(site_url: str, path: str) -> str:
    if not site_url:
        raise ValueError("site_url is empty: set it in mkdocs.yml or with the SITE_URL environment variable")
    return site_url.rstrip("/") + "/" + path


def canonical_url(src_uri: str, site_url: str) -> str:
    return absolute_url(site_url, web_path(src_uri))


def alternates(src_uri: str, site_url: str) -> list[Alternate]:
    """hreflang alternates of a page: one per language, and x-default for the default language."""
    paths = counterpart_paths(src_uri)
    links = [Alternate(lang, absolute_url(site_url, path)) for lang, path in paths.items()]
    links.append(Alternate("x-default", absolute_url(site_url, paths[DEFAULT_LANGUAGE])))
    return links


def sitemap_xml(page_src_uris: list[str], site_url: str, lastmod: str | None) -> str:
    """A sitemap of every page in every language, each with its hreflang alternates.

    Built from the pages of either language: both give the same sitemap, in the same order.
    """
    # Each page once, whichever language's file named it; sorted so the output never varies.
    pages = sorted({inner_path(src) for src in page_src_uris}, key=lambda page: web_path(f"{DEFAULT_LANGUAGE}/{page}"))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for lang in LANGUAGES:
        for page in pages:
            src = f"{lang}/{page}"
            lines.append("  <url>")
            lines.append(f"    <loc>{escape(canonical_url(src, site_url))}</loc>")
            if lastmod:
                lines.append(f"    <lastmod>{escape(lastmod)}</lastmod>")
            for alt in alternates(src, site_url):
                lines.append(f'    <xhtml:link rel="alternate" hreflang={quoteattr(alt.hreflang)} href={quoteattr(alt.url)}/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
