"""Every path and URL of the site, in one place: where a page, a chart image, an embed page, a
download or a search index lives, in which language, and how one file links to another.

The addresses of pages, findings and embed pages are promised stable in the README.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import quote

FINDINGS_JSON = "downloads/findings.json"
SEARCH_INDEX = "search/search_index.json"
PREVIEW_NAME = "index.preview.png"
VEGA_BUNDLE = "assets/javascripts/vega-bundle.js"
CHART_SCRIPT = "assets/javascripts/charts.js"
CHART_VALUES_SCRIPT = "assets/javascripts/chart-values.js"
EMBED_CSS = "assets/stylesheets/embed.css"
# The names under a language's root that the build fills itself (with the other languages' codes):
# a page or folder of that name would replace, or be replaced by, what the build makes.
GENERATED_NAMES = ("assets", "downloads", "embed", "search", "404", "sitemap")


def relative_url(target: str, from_url: str) -> str:
    """A link from the page at from_url ('en/funn/', or 'en/funn.html' without directory URLs) to a site path."""
    base = from_url if from_url.endswith("/") else posixpath.dirname(from_url)
    rel = posixpath.relpath(target or ".", base or ".")
    return rel + ("/" if target.endswith("/") and not rel.endswith("/") else "")


def absolute_url(site_url: str, path: str) -> str:
    """The published address of a site path ('en/funn/'), percent-encoded where a URL needs it."""
    if not site_url:
        raise ValueError("site_url is empty: set it in mkdocs.yml or with the SITE_URL environment variable")
    return site_url.rstrip("/") + "/" + quote(path, safe="/#:@!$&'()*+,;=~")


def chart_image(chart_id: str, lang: str, theme: str = "light") -> str:
    return f"assets/charts/{chart_id}.{lang}.svg" if theme == "light" else f"assets/charts/{chart_id}.{lang}.{theme}.svg"


def chart_csv(chart_id: str, lang: str) -> str:
    return f"downloads/{chart_id}.{lang}.csv"


def findings_csv(lang: str) -> str:
    return f"downloads/findings.{lang}.csv"


def report_csl(lang: str) -> str:
    return f"downloads/report.{lang}.csl.json"


def preview_image(dest_uri: str) -> str:
    """Where a page's link-preview image goes: beside the page's index.html ('funn/index.preview.png')."""
    folder = dest_uri.rsplit("/", 1)[0] + "/" if "/" in dest_uri else ""
    return folder + PREVIEW_NAME


@dataclass(frozen=True)
class SitePaths:
    """The paths that depend on the site's languages and URL style."""

    languages: tuple[str, ...]      # the default language first
    directory_urls: bool = True

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def root(self, lang: str) -> str:
        """The folder of a language's pages under the site root: '' for the default language, 'en/'."""
        return "" if lang == self.default_language else f"{lang}/"

    def language_of(self, path: str) -> str:
        """The language of a source path ('en/funn.md') or a site path ('en/funn/')."""
        first = path.split("/", 1)[0]
        return first if first in self.languages else self.default_language

    def inner(self, src_uri: str) -> str:
        """A page's source path inside its language folder: 'en/funn.md' -> 'funn.md'."""
        lang = src_uri.split("/", 1)[0]
        return src_uri[len(lang) + 1:] if lang in self.languages and "/" in src_uri else src_uri

    def web_path(self, src_uri: str) -> str:
        """The directory URL of a page's source file, as published: 'nb/funn.md' -> 'funn/', 'en/index.md' -> 'en/'."""
        stem, ext = posixpath.splitext(self.inner(src_uri))
        if ext != ".md":
            raise ValueError(f"not a page's Markdown source: {src_uri!r}")
        parent, name = posixpath.split(stem)
        path = parent if name in ("index", "README") else stem
        return self.root(self.language_of(src_uri)) + (path + "/" if path else "")

    def page_url(self, src_uri: str) -> str:
        """A page's URL in this build's URL style: 'en/funn/', or 'en/funn.html' without directory URLs."""
        if self.directory_urls:
            return self.web_path(src_uri)
        stem = posixpath.splitext(self.inner(src_uri))[0]
        return self.root(self.language_of(src_uri)) + stem + ".html"

    def counterparts(self, src_uri: str) -> dict[str, str]:
        """The page in every language, as published directory URLs, default language first."""
        inner = self.inner(src_uri)
        return {lang: self.web_path(f"{lang}/{inner}") for lang in self.languages}

    def embed_folder(self, chart_id: str, lang: str) -> str:
        """The folder of a chart's embed page: the stable address promised in the README."""
        return f"{self.root(lang)}embed/{chart_id}/"

    def embed_url(self, chart_id: str, lang: str) -> str:
        folder = self.embed_folder(chart_id, lang)
        return folder if self.directory_urls else folder + "index.html"

    def embed_file(self, chart_id: str, lang: str) -> str:
        return self.embed_folder(chart_id, lang) + "index.html"

    def search_index(self, lang: str) -> str:
        return self.root(lang) + SEARCH_INDEX
