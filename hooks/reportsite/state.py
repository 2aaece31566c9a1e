"""The state of one build, in one place: made when a build starts, shared by every hook and by
every language pass of that build, and dropped with it.

mkdocs-static-i18n runs the build once per language with the same configuration object, so the
state belongs to that object: the first pass validates and makes the generated files, the others
reuse them. `mkdocs serve` loads a new configuration for every rebuild, and so gets a new state.
"""

from __future__ import annotations

import functools
import weakref
from dataclasses import dataclass, field

from . import charts, downloads, favicon, fonts, live_preview, minify, paths, pdf
from .errors import SiteDataError
from .numbers import d3_locale
from .paths import SitePaths
from .pipeline import Page
from .placeholders import Placeholders
from .render import PageContext, PageRenderer
from .siteconfig import SiteConfig, from_mkdocs
from .validate import Validation, validate


@dataclass
class SiteBuild:
    site: SiteConfig
    validation: Validation
    paths: SitePaths
    pages: dict[str, Page] = field(default_factory=dict)   # pages on their way through the steps, by src_uri
    generated_added: bool = False
    printed: dict = field(default_factory=dict)       # lang -> page -> pdf.PrintedPage: what each language's PDF holds
    pdfs_written: set = field(default_factory=set)    # the languages whose PDF is written
    placeholder: Placeholders = field(default_factory=Placeholders)   # new placeholders, unique in the build

    @property
    def data(self):
        return self.validation.data

    @functools.cached_property
    def specs(self) -> charts.ChartSpecs:
        return charts.ChartSpecs(self.data)

    @functools.cached_property
    def theme_assets(self) -> dict[str, str | bytes]:
        """Files in place of the theme's: its own scripts and stylesheets minified, and the favicon
        made from the logo (Material's PNG stands at the same path). Made once; every language
        pass, which copies the theme's files afresh, gets these in their place."""
        site = self.site
        files: dict[str, str | bytes] = dict(minify.minified_assets(site.templates_dir))
        if site.favicon.endswith(".svg"):
            files[site.favicon] = favicon.favicon_svg(site.logo_icon, site.shown(site.config_file))
            files[favicon.png_path(site.favicon)] = favicon.favicon_png(files[site.favicon])
        return files

    @functools.cached_property
    def ui(self) -> dict:
        """The interface texts: data/ui.yml as validated or, in the live preview while the data has
        problems, as written, so that its pages still speak (read once per build, not once per page)."""
        return self.data.ui if self.data else live_preview.ui_as_written(self.site.project)

    @property
    def error(self) -> SiteDataError | None:
        return SiteDataError(self.validation.problems) if self.validation.problems else None

    def pdf_of(self, src_uri: str) -> str:
        """The site path of the PDF that prints the page ("" for a page it leaves out, and in the live
        preview, which makes no PDFs)."""
        if live_preview.serving() or self.paths.inner(src_uri) not in self.site.pdf_pages:
            return ""
        return pdf.file_name(self.site.pdf_name, self.paths.language_of(src_uri))

    def context(self, lang: str, url: str, src: str, pdf_file: str = "") -> PageContext:
        site = self.site
        return PageContext(lang=lang, src=src, url=url,
                           findings_url=self.paths.page_url(f"{lang}/{site.findings_page}"), paths=self.paths,
                           site_url=site.site_url, site_name=site.language(lang).site_name, project=site.project,
                           favicon=site.favicon, pdf=pdf_file, summary_pdf=self.pdf_of(f"{lang}/{site.pdf_pages[0]}"),
                           finding_urls={finding: self.paths.page_url(f"{lang}/{rel}") for
                                         finding, rel in self.validation.finding_pages.items()})

    # -- pages ------------------------------------------------------------------------------------

    def page_markdown(self, src_uri: str) -> str:
        """The page's Markdown, its shortcodes replaced by Markdown with placeholders for their HTML
        (the first of a page's steps, pipeline.Page; validation placed and resolved them)."""
        source = self.validation.pages[src_uri]
        page = Page(PageRenderer(self.data, self.context(source.lang, self.paths.page_url(src_uri), source.shown,
                                              self.pdf_of(src_uri)),
                                 self.site.templates_dir, self.placeholder, self.specs))
        self.pages[src_uri] = page
        return page.markdown(source.markdown, source.usable)

    def chart_ids(self, src_uri: str) -> list[str]:
        page = self.pages.get(src_uri)
        return list(dict.fromkeys(page.fragments.chart_ids)) if page else []

    # -- generated files, made once per build ----------------------------------------------------

    def generated_files(self) -> dict[str, str]:
        """Every file the build generates, in every language: chart images, embed pages, downloads, the chart script."""
        data, site = self.data, self.site
        specs = self.specs
        locales = {lang: d3_locale(data.ui[lang]) for lang in site.codes}
        keys = [(chart.id, lang, theme) for chart in data.charts.values() for lang in site.codes for theme in charts.THEMES]
        # Only the light SVGs are drawn: the others are the light ones in their theme's colours.
        lights = [key for key in keys if key[2] == "light"]
        drawn = {key: charts.draw(specs[key], locales[key[1]]) for key in lights}
        files: dict[str, str] = {}
        for chart_id, lang, theme in keys:
            light = (chart_id, lang, "light")
            svg = drawn[light] if theme == "light" else charts.themed_svg(specs[light], drawn[light],
                                                                          specs[(chart_id, lang, theme)], locales[lang], theme)
            # Shown through <img>, a chart cannot use the page's fonts: it carries the glyphs it shows.
            files[paths.chart_image(chart_id, lang, theme)] = fonts.embed_in_svg(svg)
        for chart in data.charts.values():
            for lang in site.codes:
                ctx = self.context(lang, self.paths.embed_url(chart.id, lang), f"embed {chart.id} ({lang})")
                renderer = PageRenderer(data, ctx, site.templates_dir, self.placeholder, self.specs)
                files[self.paths.embed_file(chart.id, lang)] = renderer.embed_page(chart)
        files.update(downloads.download_files(data))
        if not site.fonts_inline:
            files.update(fonts.web_fonts())
        files[fonts.STYLESHEET] = minify.minify_stylesheet(fonts.stylesheet(inline=site.fonts_inline))
        files[paths.VEGA_BUNDLE] = charts.vega_bundle()
        return files


_current: tuple[weakref.ref, SiteBuild] | None = None


def for_config(config) -> SiteBuild:
    """The state of the build that `config` belongs to; the first call of a build validates the project."""
    global _current
    if _current is not None and _current[0]() is config:
        return _current[1]
    site = from_mkdocs(config)
    build = SiteBuild(site, validate(site), SitePaths(site.codes, site.directory_urls))
    _current = (weakref.ref(config), build)
    if build.error is not None and live_preview.serving():
        live_preview.report(build.error)
    return build
