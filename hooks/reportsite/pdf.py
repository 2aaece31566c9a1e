"""The PDF of the summary in each language: a print page (site_src/print.html) made of the report's
metadata from data, the pages mkdocs.yml names (`extra.pdf.pages`, as the site shows them) and the
sources, turned into a tagged PDF/UA-1 document by WeasyPrint. hooks/pdf.py runs it at the end of
each language's build, when the pages and chart images are written, and then puts the page of each
finding in the PDF into the finding's tools on those pages (fill_pages).

WeasyPrint reads only the build's own files: addresses under the published site's URL come from
the built site, the fonts from the site's Open Sans instances (fonts.py); anything else is refused,
so nothing is fetched from the network. Links in the PDF lead to the published site, or inside the
PDF when they point at a page it holds.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin

from markupsafe import Markup

from . import fonts
from .model import SiteData
from .numbers import format_value

TEMPLATE = "print.html"
_LINK = re.compile(r'\b(href|src)="([^"]*)"')
# A chart's static images stand in a box that carries its text alternative (partials/report/chart.html);
# a PDF's figure carries it itself: the light image, with the box's description as its alt text.
_CHART_VIEW = re.compile(r'<div class="report-chart__view" role="img" aria-label="([^"]*)">.*?'
                         r'(<img class="report-chart__static report-chart__static--light" [^>]*>).*?</div>', re.S)

# The glyphs a chart's SVG carries for pages that show it through <img> (fonts.embed_in_svg).
_SVG_FONTS = re.compile(r"<defs><style>@font-face.*?</style></defs>", re.S)


@dataclass
class PrintedPage:
    base: str       # the page's address in this build (funn.html in the offline bundle), for its relative links
    url: str        # the page's address on the published site (funn/)
    anchor: str     # the id of its first heading
    title: str
    toc: list       # MkDocs' table of contents of the page
    html: str       # its content as the site shows it
    file: str       # the written page (its abs_dest_path), whose findings' tools wait for their PDF pages
    markers: dict   # marker in the page's finding tools -> the finding's id (render.Fragments.pdf_pages)


def file_name(name: str, lang: str) -> str:
    """The PDF's site path: downloads/distriktsinnovasjon-nb.pdf."""
    return f"downloads/{name}-{lang}.pdf"


def _published(url: str, site_url: str) -> str:
    """A site address as the web site publishes it: the offline bundle's funn.html is funn/ there."""
    if not url.startswith(site_url):
        return url
    page, mark, fragment = url.partition("#")
    page = re.sub(r"\.html$", "/", re.sub(r"(?<=/)index\.html$", "", page))
    return page + mark + fragment


def print_html(page_html: str, base: str, anchors: dict[str, str], site_url: str) -> str:
    """A page's HTML for the print page: each chart as its light image with its text alternative, and
    every link absolute (to the published site), or inside the PDF for the pages it holds (anchors:
    published page address -> id of its first heading)."""
    def link(match: re.Match) -> str:
        target = _published(urljoin(base, html.unescape(match.group(2))), site_url)
        page, _, fragment = target.partition("#")
        if page in anchors:
            target = "#" + (fragment or anchors[page])
        return f'{match.group(1)}="{html.escape(target)}"'

    page_html = _CHART_VIEW.sub(lambda m: m.group(2).replace('alt=""', f'alt="{m.group(1)}"', 1), page_html)
    return _LINK.sub(link, page_html)


def context(data: SiteData, lang: str, site_name: str, site_url: str, home: str, pages: list[PrintedPage],
            date: str) -> dict:
    """What the print page's template shows: every value from data is escaped there."""
    r, ui = data.report, data.ui[lang]
    labels = ui["report_facts"]
    anchors = {page.url: page.anchor for page in pages}
    return {
        "lang": lang, "ui": ui, "site_name": site_name, "home": home, "date": date,
        "subtitle": ui["card_footer"].format(publisher=r.publisher),
        "rows": [(labels["title"], r.title[lang]), (labels["publisher"], r.publisher),
                  (labels["project_leader"], r.project_leader), (labels["commissioned_by"], r.commissioned_by[lang]),
                  (labels["presented"], format_value(r.presented, "date", ui))],
        "site_publisher": ui["footer_publisher"].format(name=data.site_publisher.name[lang]) if data.site_publisher else "",
        "fonts": [(weight, style, path.as_uri()) for style, found in (("normal", fonts.static_fonts()),
                                                                     ("italic", fonts.italic_fonts()))
                  for weight, path in found.items()],
        "pages": [{"anchor": page.anchor, "title": page.title, "toc": page.toc,
                   "html": Markup(print_html(page.html, page.base, anchors, site_url))} for page in pages],
        "sources": list(data.sources.values()),
    }


class BuildFilesOnly:
    """WeasyPrint's URL fetcher for the print page: the built site's files for addresses under the
    site's URL, the site's font files, and nothing else (an error names what was refused)."""

    def __init__(self, site_url: str, site_dir: Path) -> None:
        self.site_url, self.site_dir = site_url.rstrip("/") + "/", site_dir.resolve()
        self.fonts = {path.as_uri(): path for path in [*fonts.static_fonts().values(), *fonts.italic_fonts().values()]}

    def file(self, url: str) -> Path:
        if url in self.fonts:
            return self.fonts[url]
        if url.startswith(self.site_url):
            path = (self.site_dir / unquote(url[len(self.site_url):].partition("#")[0].partition("?")[0])).resolve()
            if path.is_relative_to(self.site_dir) and path.is_file():
                return path
        raise ValueError(f"the PDF may use only the build's own files, not {url}")

    def fetcher(self):
        from weasyprint.urls import URLFetcher, URLFetcherResponse

        owner = self

        class Fetcher(URLFetcher):
            def fetch(self, url, headers=None):
                path = owner.file(url)
                if path.suffix != ".svg":
                    return URLFetcherResponse(path.as_uri(), path.read_bytes())
                # A chart draws its text in the PDF's own fonts, not in the glyphs it carries for <img>.
                svg = _SVG_FONTS.sub("", path.read_text(encoding="utf-8"), count=1)
                return URLFetcherResponse(path.as_uri(), svg.encode("utf-8"), {"Content-Type": "image/svg+xml"})

        return Fetcher(fail_on_errors=True)


class Refused(ValueError):
    """The print page asks for a file that is not the build's own."""


def write_pdf(document_html: str, site_url: str, site_dir: Path) -> tuple[bytes, dict[str, int]]:
    """The print page as a tagged PDF/UA-1 document, and the page number of each id in it: laid out
    once, so the numbers are those of these bytes. The same page and files give the same bytes."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    options = {"pdf_variant": "pdf/ua-1", "pdf_identifier": True}
    try:
        document = HTML(string=document_html, base_url=site_url.rstrip("/") + "/",
                        url_fetcher=BuildFilesOnly(site_url, site_dir).fetcher()).render(**options)
        pages = {}
        for number, page in enumerate(document.pages, 1):
            for anchor in page.anchors:
                pages.setdefault(anchor, number)
        return document.write_pdf(**options), pages
    except FatalURLFetchingError as exc:
        raise Refused(f"{exc.__cause__ or exc} — show only images from the site's own files on the pages "
                      "extra.pdf.pages names in mkdocs.yml") from None


def fill_pages(page_html: str, markers: dict[str, str], pages: dict[str, int]) -> str:
    """A written page with each marker its findings' tools left replaced by the page of the finding's
    heading in the PDF."""
    for marker, finding in markers.items():
        if finding not in pages:
            raise ValueError(f"the finding {finding} is not in it, yet its page links it")
        page_html = page_html.replace(marker, str(pages[finding]))
    return page_html
