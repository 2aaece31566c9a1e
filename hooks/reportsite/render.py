"""The HTML that shortcodes put into pages, from the Jinja partials in site_src/partials/report/.

Every value from data is escaped by Jinja's autoescaping wherever it lands: HTML text,
attributes, and (through script_json) JSON inside a script element. The HTML never passes
through Markdown: a shortcode leaves a placeholder in the page's Markdown, and the HTML replaces
it after Markdown has run (shortcodes.py), so text from data can carry no Markdown, attr_list or
HTML of its own.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from markupsafe import Markup, escape

from . import charts, citation, favicon, paths, placeholders, security, statement
from .model import Chart, Figure, Finding, SiteData, Source
from .numbers import complement_formula, d3_locale, format_value
from .paths import SitePaths, relative_url
from .prose import SHORTCODE

TEMPLATES = "partials/report"
# Room in an embed for the caption and the source line around the chart itself.
EMBED_EXTRA_HEIGHT = 190


@functools.lru_cache(maxsize=4)
def templates(folder: str):
    """The Jinja environment of the report partials (site_src/), with autoescaping on; one per process,
    so each partial is compiled once (and again when its file changes)."""
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def esc(text: str) -> str:
    return str(escape(text))


# Parts of the shortcodes' HTML that search leaves out anyway (a finding's tools, a chart's list of
# values, the statement's table of criteria), marked so in the partials. On a page they stand as a
# comment until Material's search has read the page, then go in (shortcodes.put_after_search): its
# HTML parser, the largest cost of a build with many findings, never walks them. Text from data is
# escaped, so it cannot make these comments.
AFTER_SEARCH = re.compile(r"<!--after-search-->(.*?)<!--/after-search-->", re.S)
SLOT = re.compile(rf"<!--({placeholders.TOKEN})-->")


def without_markers(html_text: str) -> str:
    """HTML that no search reads (an embed page): the marked parts in place, the marks gone."""
    return AFTER_SEARCH.sub(lambda m: m.group(1), html_text)


def script_json(value: object) -> Markup:
    """JSON that is safe inside <script type="application/json">: no '</script>', no comment or entity tricks."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                  .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@dataclass(frozen=True)
class PageContext:
    """Where a piece of HTML goes: the page's language and address, and the site's."""
    lang: str
    src: str                 # the page's file, as shown in problems: content/nb/funn.md
    url: str                 # the page's own URL relative to the site root, in the build's URL style
    findings_url: str        # the findings page's URL in this language, in the same style
    paths: SitePaths
    site_url: str = ""       # the published site's address, for links meant to leave the site
    site_name: str = ""
    project: Path | None = None   # the project's folder: the statement's date of the last commit
    favicon: str = ""        # the favicon's site path (theme.favicon)
    finding_urls: dict[str, str] = field(default_factory=dict)   # finding id -> URL of the page that shows it
    pdf: str = ""            # the site path of the PDF that prints this page ("" where none does)
    summary_pdf: str = ""    # the site path of the language's PDF ("" where none is made: the live preview)

    def finding_url(self, finding_id: str) -> str:
        """Where a finding is shown (a key figure, an embed page lead there): its page's #id."""
        return self.finding_urls.get(finding_id, self.findings_url) + "#" + finding_id

    @property
    def lang_root(self) -> str:
        return self.paths.root(self.lang)

    def href(self, target: str) -> str:
        """A link from this page to a site path."""
        return relative_url(target, self.url)

    def absolute(self, path: str) -> str:
        """An address for use outside the site (citations, embed code): absolute when site_url is known."""
        return paths.absolute_url(self.site_url, path) if self.site_url else relative_url(path, self.url)


@dataclass
class Fragments:
    """The HTML a page's shortcodes produce, by placeholder, made when the page is put together."""
    html: dict[str, Callable[[], str]] = field(default_factory=dict)
    blocks: set[str] = field(default_factory=set)             # placeholders of HTML that replaces its paragraph
    headings: dict[str, str] = field(default_factory=dict)   # placeholder -> plain heading text
    # HTML put into the page after Material's search has read it (shortcodes.AFTER_SEARCH), by slot.
    after_search: dict[str, str] = field(default_factory=dict)
    chart_ids: list[str] = field(default_factory=list)
    # Figures shown in page prose, outside a finding or chart that already names its source.
    loose_figure_ids: list[str] = field(default_factory=list)
    # Figures shown by {{ figure ID }} in page prose, whose caveats close the page.
    prose_figure_ids: list[str] = field(default_factory=list)
    # Markers standing for the PDF page of a finding in its tools, by marker: the finding's id
    # (hooks/pdf.py puts the page in when the PDF is made).
    pdf_pages: dict[str, str] = field(default_factory=dict)


class PageRenderer:
    """The HTML of one page's shortcodes; each method returns Markdown holding placeholders."""

    def __init__(self, data: SiteData, ctx: PageContext, templates_dir: Path, placeholder: Callable[[], str],
                 specs: charts.ChartSpecs | None = None):
        self.data = data
        self.ctx = ctx
        # Chart specs by (chart, language, theme), shared by the pages and files of one build.
        self.specs = charts.ChartSpecs(data) if specs is None else specs
        self.ui = data.ui[ctx.lang]
        self.templates = templates(str(templates_dir))
        self.placeholder = placeholder
        self.out = Fragments()

    # -- placing HTML into Markdown -----------------------------------------------------------

    def block(self, make: Callable[[], str]) -> str:
        """HTML that stands on its own between paragraphs."""
        token = self.placeholder()
        self.out.html[token] = make
        self.out.blocks.add(token)
        return f"\n\n{token}\n\n"

    def inline(self, make: Callable[[], str]) -> str:
        token = self.placeholder()
        self.out.html[token] = make
        return token

    def heading(self, level: int, text: str, anchor: str, css_class: str = "") -> str:
        """A Markdown heading (so that it enters the table of contents) whose text is data, kept out of Markdown."""
        token = self.placeholder()
        self.out.headings[token] = text
        classes = f" .{css_class}" if css_class else ""
        return f"\n\n{'#' * level} {token} {{ #{anchor}{classes} }}\n\n"

    def partial(self, name: str, **values) -> str:
        return self.templates.get_template(f"{TEMPLATES}/{name}.html").render(
            lang=self.ctx.lang, ui=self.ui, **values)

    # -- shortcodes ---------------------------------------------------------------------------

    def figure(self, figure: Figure) -> str:
        self.out.loose_figure_ids.append(figure.id)
        self.out.prose_figure_ids.append(figure.id)
        return self.inline(lambda: self.figure_html(figure))

    def source(self, source: Source) -> str:
        return self.inline(lambda: self.partial("source_link", source=source))

    def finding(self, finding: Finding) -> str:
        # Its chart is counted here, in the page's order, as chart() counts one: the page's first is its preview.
        self.out.chart_ids.extend([finding.chart] if finding.chart else [])
        return (self.heading(3, finding.title[self.ctx.lang], finding.id, "finding-title")
                + self.block(lambda: self.finding_html(finding)))

    def findings(self, found: list[Finding]) -> str:
        return "".join(self.finding(f) for f in found)

    def chart(self, chart: Chart) -> str:
        self.out.chart_ids.append(chart.id)
        return self.block(lambda: self.chart_html(chart))

    def all_sources(self) -> str:
        return self.block(lambda: self.partial("sources_list", sources=list(self.data.sources.values())))

    def key_figures(self, figures: list[Figure]) -> str:
        self.out.loose_figure_ids.extend(f.id for f in figures)

        def make() -> str:
            cards = [{"href": self.ctx.href(self.ctx.finding_url(figure.finding)),
                      "value": Markup(self.figure_html(figure, note=False)),
                      "noun": figure.noun[self.ctx.lang] if figure.noun else "",
                      "caveats": Markup(self.caveats_html([figure.id], short=True)),
                      "label": self.data.findings[figure.finding].title[self.ctx.lang]} for figure in figures]
            return self.partial("key_figures", cards=cards)
        return self.block(make)

    def report_facts(self) -> str:
        def make() -> str:
            r, lang, labels = self.data.report, self.ctx.lang, self.ui["report_facts"]
            title = escape(r.title[lang])
            if r.title[lang] != r.original_title:
                title += Markup(' (<span lang="{}">{}</span>)').format(r.original_language, r.original_title)
            link = self._source_link
            rows = [
                (labels["title"], title),
                (labels["publisher"], r.publisher),
                (labels["project_leader"], r.project_leader),
                (labels["commissioned_by"], r.commissioned_by[lang]),
                (labels["presented"], format_value(r.presented, "date", self.ui)),
                (labels["report"], link(self.data.sources[r.report_source])),
                (labels["article"], link(self.data.sources[r.article_source])),
            ]
            return self.partial("report_facts", rows=rows)
        return self.block(make)

    def cite(self) -> str:
        def make() -> str:
            lang, ctx = self.ctx.lang, self.ctx
            home = ctx.absolute(ctx.lang_root)
            report = {"text": citation.report_text(self.data, lang), "bibtex": citation.report_bibtex(self.data, lang),
                      "csl_href": ctx.href(paths.report_csl(lang))}
            site = {"text": citation.page_text(self.data, lang, ctx.site_name, ctx.site_name, home),
                    "bibtex": citation.page_bibtex(self.data, lang, f"site-{lang}", ctx.site_name, ctx.site_name, home)}
            summary = None
            if ctx.summary_pdf:   # the PDF of the summary, cited as a document of the site
                title, url = self.ui["pdf"]["cite"], ctx.absolute(ctx.summary_pdf)
                summary = {"text": citation.page_text(self.data, lang, title, ctx.site_name, url),
                           "bibtex": citation.page_bibtex(self.data, lang, f"summary-{lang}", title, ctx.site_name, url)}
            return self.partial("cite", report=report, site=site, summary=summary)
        return self.block(make)

    def downloads(self) -> str:
        def make() -> str:
            links = [{"href": self.ctx.href(paths.findings_csv(self.ctx.lang)), "kind": "text/csv",
                      "text": self.ui["download_findings_csv"]},
                     {"href": self.ctx.href(paths.FINDINGS_JSON), "kind": "application/json",
                      "text": self.ui["download_findings_json"]}]
            return self.partial("downloads", links=links)
        return self.block(make)

    def accessibility(self, part: str) -> str:
        """A part of the accessibility statement (statement.py), from data/accessibility.yml and the site's publisher."""
        def make() -> str:
            values = statement.part_values(part, self.data.accessibility, self.ctx.project, self.data.site_publisher)
            if values.get("date"):
                values["shown_date"] = format_value(values["date"], "date", self.ui)
            return self.partial("statement", part=part, text=self.data.accessibility["text"][self.ctx.lang], **values)
        return self.block(make)

    def page_sources(self) -> str:
        """A closing list of the sources behind every figure the page's prose shows."""
        sources: dict[str, Source] = {}
        for figure_id in self.out.loose_figure_ids:
            for source in self.data.sources_of_figure(figure_id):
                sources.setdefault(source.id, source)
        if not sources:
            return ""
        return (self.heading(2, self.ui["page_sources"], "page-sources")
                + self.block(lambda: self.partial("sources_list", sources=list(sources.values()))
                             + self.caveats_html(self.out.prose_figure_ids)))

    # -- pieces -------------------------------------------------------------------------------

    def _source_link(self, source: Source) -> Markup:
        return Markup(self.partial("source_link", source=source))

    def figure_html(self, figure: Figure, note: bool = True) -> str:
        text = format_value(figure.value, figure.unit, self.ui)
        note_text = ""
        if figure.computed and note:
            base = self.data.figures[figure.computed.of]
            note_text = self.ui["computed"].format(formula=complement_formula(base.value, base.unit, self.ui))
        return self.partial("figure", figure=figure, text=text, note=note_text)

    def caveats_html(self, figure_ids, shown: list[str] = (), short: bool = False) -> str:
        """The caveats (data/findings.yml, per figure) of these figures, each text once, except those in `shown`;
        short: a key-figure card's, which links to its finding for the full caveat."""
        texts = [t for t in self.caveat_texts(figure_ids, short) if t not in shown]
        findings = self.ctx.href(self.ctx.findings_url)
        more = f"{findings}#{self.data.figures[figure_ids[0]].finding}" if short else ""
        return self.partial("caveats", caveats=[self.prose(t) for t in texts], findings_href=findings,
                            full_href=more) if texts else ""

    def caveat_texts(self, figure_ids, short: bool = False) -> list[str]:
        """The caveats of these figures in the page's language, in order, each once."""
        figures = [self.data.figures[f] for f in figure_ids if f in self.data.figures]
        return list(dict.fromkeys(((short and g.caveat_short) or g.caveat)[self.ctx.lang] for g in figures if g.caveat))

    def prose(self, text: str) -> Markup:
        """Data text: escaped, with its {{ figure ID }} shortcodes (checked by the loader) rendered."""
        parts, last = [], 0
        for match in SHORTCODE.finditer(text):
            parts.append(escape(text[last:match.start()]))
            parts.append(Markup(self.figure_html(self.data.figures[match.group(2).split()[0]])))
            last = match.end()
        parts.append(escape(text[last:]))
        return Markup("").join(parts)

    def finding_html(self, finding: Finding) -> str:
        chart_html = ""
        if finding.chart:
            # The finding's source line follows; the chart repeats it only if it draws on other sources.
            chart_sources = {src.id for src in self.data.sources_of_chart(finding.chart)}
            chart_html = Markup(self.chart_html(self.data.charts[finding.chart],
                                                with_sources=not chart_sources <= set(finding.sources),
                                                caveats_shown=self.caveat_texts([g.id for g in finding.figures])))
        lang, ctx = self.ctx.lang, self.ctx
        url = ctx.absolute(ctx.url) + "#" + finding.id   # where it is shown: this page
        cite = {"text": citation.finding_text(self.data, finding, lang, ctx.site_name, url),
                "bibtex": citation.finding_bibtex(self.data, finding, lang, ctx.site_name, url)}
        embed = self.embed_code(self.data.charts[finding.chart]) if finding.chart else ""
        pdf = None
        if ctx.pdf:
            pdf = {"href": ctx.href(ctx.pdf), "page": self.placeholder()}
            self.out.pdf_pages[pdf["page"]] = finding.id
        return self.partial("finding", finding=finding, text=self.prose(finding.text[lang]), chart=chart_html,
                            caveats=Markup(self.caveats_html([g.id for g in finding.figures])),
                            sources=[self.data.sources[s] for s in finding.sources], citation=cite,
                            embed_code=embed, pdf=pdf)

    def embed_code(self, chart: Chart) -> str:
        width, height = chart.kind.size(chart, self.ctx.lang)
        src = self.ctx.absolute(self.ctx.paths.embed_url(chart.id, self.ctx.lang))
        return (f'<iframe src="{esc(src)}" title="{esc(chart.title[self.ctx.lang])}" width="100%" '
                f'height="{height + EMBED_EXTRA_HEIGHT}" style="border:0;max-width:{width + 40}px" loading="lazy"></iframe>')

    def chart_html(self, chart: Chart, with_sources: bool = True, caveats_shown: list[str] = ()) -> str:
        lang = self.ctx.lang
        width, height = chart.kind.size(chart, lang)
        specs = {theme: self.specs[(chart.id, lang, theme)] for theme in charts.THEMES}
        rows = chart.kind.rows(self.data, chart, lang)
        payload = {"spec": specs["light"], "darkSpec": specs["dark"], "formatLocale": d3_locale(self.ui)}
        images = [{"theme": theme, "src": self.ctx.href(paths.chart_image(chart.id, lang, theme))}
                  for theme in charts.THEMES]
        return self.partial(
            "chart", chart=chart, description=specs["light"]["description"], images=images, width=width, height=height,
            payload=script_json(payload), rows=rows, table=chart.kind.table(chart, rows, lang, self.ui),
            csv_href=self.ctx.href(paths.chart_csv(chart.id, lang)),
            caveats=Markup(self.caveats_html([bar.figure for bar in chart.bars if bar.figure], caveats_shown)),
            sources=self.data.sources_of_chart(chart.id) if with_sources else ())

    def embed_page(self, chart: Chart) -> str:
        """A chart's embed page. ctx.url is the embed page's own URL, so every link is relative to it."""
        finding_id = next((f.id for f in self.data.findings.values() if f.chart == chart.id), None)
        back = self.ctx.href(self.ctx.finding_url(finding_id) if finding_id in self.ctx.finding_urls
                             else self.ctx.findings_url)
        page = self.partial(
            "embed", chart=chart, site_name=self.ctx.site_name, csp=security.page_meta_policy(), figure=Markup(self.chart_html(chart)), back=back,
            canonical=self.ctx.absolute(self.ctx.url) if self.ctx.site_url else "",
            stylesheet=self.ctx.href(paths.EMBED_CSS), favicons=[{**link, "href": self.ctx.href(link["href"])} for link in favicon.links(self.ctx.favicon)],
            # charts.js loads the chart runtime (beside it) when a reader reaches for the chart;
            # chart-values.js gives the chart's values to the keyboard without it.
            scripts=[self.ctx.href(paths.CHART_SCRIPT), self.ctx.href(paths.CHART_VALUES_SCRIPT)])
        return without_markers(page) + "\n"
