"""Shortcodes: turn {{ name args }} in a page's Markdown into content built from data.

Every string from data is escaped for the place it lands: HTML text, attributes, and JSON inside
a script element. An unknown shortcode, or one naming something that does not exist, is an error
that names the page and line.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from typing import Callable

from . import chart_values, charts, citation, downloads, statement
from .errors import Problem, SiteDataError
from .model import SHORTCODE, Chart, Finding, SiteData, Source
from .numbers import d3_locale, format_value

# Fenced code and inline code are shown literally, so shortcodes inside them are left alone.
TOKEN = re.compile(r"(?ms)^(?P<fence>```|~~~).*?^(?P=fence)[ \t]*$|`[^`\n]+`|" + SHORTCODE.pattern)
STRAY_BRACES = re.compile(r"\{\{|\}\}")


@dataclass
class PageContext:
    lang: str
    src: str            # the page's file, as shown in errors: content/nb/funn.md
    url: str            # the page's own URL relative to the site root: "en/funn/"
    findings_url: str   # the findings page's URL in this language: "en/funn/"
    lang_root: str      # "" for the default language, "en/" for English
    site_url: str = ""  # the published site's address, for links meant to leave the site
    site_name: str = ""
    directory_urls: bool = True
    project: object = None  # the project folder (a Path), for the statement's date of the last commit

    def link(self, folder: str) -> str:
        """A site path of a generated page ('embed/x/'), as the build's URL style writes it."""
        return folder if self.directory_urls else folder + "index.html"

    def absolute(self, path: str) -> str:
        """An address for use outside the site (citations, embed code): absolute when site_url is known."""
        return self.site_url.rstrip("/") + "/" + path if self.site_url else relative_url(path, self.url)


@dataclass
class PageRender:
    markdown: str
    chart_ids: list[str] = field(default_factory=list)
    # Figures shown in page prose, outside a finding or chart that already names its source.
    loose_figure_ids: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def has_charts(self) -> bool:
        return bool(self.chart_ids)


def relative_url(target: str, page_url: str) -> str:
    """A link from a page at page_url ('en/funn/', or 'en/funn.html' without directory URLs) to a site path."""
    base = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
    rel = posixpath.relpath(target or ".", base or ".")
    return rel + ("/" if target.endswith("/") and not rel.endswith("/") else "")


def esc(text: str) -> str:
    return html.escape(text, quote=True)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def md_text(text: str) -> str:
    """Text placed in a Markdown heading: HTML-escaped, then Markdown syntax neutralized."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def script_json(value: object) -> str:
    """JSON that is safe inside <script type="application/json">: no '</script>', no comment or entity tricks."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


class Renderer:
    """Renders one page: shortcode handlers share the page's context and collect what it uses."""

    def __init__(self, data: SiteData, ctx: PageContext):
        self.data = data
        self.ctx = ctx
        self.ui = data.ui[ctx.lang]
        self.out = PageRender("")
        self.handlers: dict[str, Callable[[list[str]], str]] = {
            name: getattr(self, method) for name, method in self.SHORTCODES.items()}

    # Every shortcode a page can use, and the method that renders it.
    SHORTCODES = {
        "figure": "figure",
        "finding": "finding",
        "findings": "findings",
        "chart": "chart",
        "source": "source",
        "sources": "all_sources",
        "key-figures": "key_figures",
        "report-facts": "report_facts",
        "cite": "cite",
        "downloads": "downloads",
        "accessibility": "accessibility",
    }

    # -- shortcodes --------------------------------------------------------------------------

    def figure(self, args: list[str]) -> str:
        (figure_id,) = self._args(args, 1, "{{ figure ID }}")
        self.out.loose_figure_ids.append(figure_id)
        return self.figure_html(self._known(self.data.figures, figure_id, "figure"))

    def finding(self, args: list[str]) -> str:
        (finding_id,) = self._args(args, 1, "{{ finding ID }}")
        return self.finding_block(self._known(self.data.findings, finding_id, "finding"))

    def findings(self, args: list[str]) -> str:
        (section,) = self._args(args, 1, "{{ findings SECTION }}")
        found = self.data.findings_in(section)
        if not found:
            raise _ShortcodeError(f"no finding is in the section '{section}'",
                                  "use participation, conclusions or background")
        return "\n\n".join(self.finding_block(f) for f in found)

    def chart(self, args: list[str]) -> str:
        (chart_id,) = self._args(args, 1, "{{ chart ID }}")
        return self.chart_block(self._known(self.data.charts, chart_id, "chart"))

    def source(self, args: list[str]) -> str:
        (source_id,) = self._args(args, 1, "{{ source ID }}")
        return self.source_link(self._known(self.data.sources, source_id, "source"))

    def all_sources(self, args: list[str]) -> str:
        self._args(args, 0, "{{ sources }}")
        items = "".join(f"<li>{self.source_link(s)}</li>" for s in self.data.sources.values())
        return f'\n<ul class="report-sources">{items}</ul>\n'

    def key_figures(self, args: list[str]) -> str:
        if not args:
            raise _ShortcodeError("{{ key-figures }} needs figure ids", "write {{ key-figures ID ID ... }}")
        cards = []
        for figure_id in args:
            figure = self._known(self.data.figures, figure_id, "figure")
            self.out.loose_figure_ids.append(figure_id)
            finding = self.data.findings[figure.finding_id]
            href = relative_url(self.ctx.findings_url, self.ctx.url) + "#" + finding.id
            cards.append(
                f'<li class="key-figure"><a class="key-figure__link" href="{esc(href)}">'
                f'<span class="key-figure__value">{self.figure_html(figure, note=False)}</span>'
                f'<span class="key-figure__label">{esc(finding.title[self.ctx.lang])}</span></a></li>')
        return f'\n<ul class="key-figures">{"".join(cards)}</ul>\n'

    def report_facts(self, args: list[str]) -> str:
        self._args(args, 0, "{{ report-facts }}")
        r, lang = self.data.report, self.ctx.lang
        labels = self.ui["report_facts"]
        rows = [
            (labels["title"], esc(r.title[lang]) + ("" if r.title[lang] == r.original_title
                                                   else f' (<span lang="nb">{esc(r.original_title)}</span>)')),
            (labels["publisher"], esc(r.publisher)),
            (labels["project_leader"], esc(r.project_leader)),
            (labels["commissioned_by"], esc(r.commissioned_by[lang])),
            (labels["presented"], esc(format_value(r.presented, "date", lang, self.ui))),
            (labels["report"], self.source_link(self.data.sources[r.report_source])),
            (labels["article"], self.source_link(self.data.sources[r.article_source])),
        ]
        body = "".join(f'<tr><th scope="row">{esc(k)}</th><td>{v}</td></tr>' for k, v in rows)
        return f'\n<table class="report-facts"><tbody>{body}</tbody></table>\n'

    def cite(self, args: list[str]) -> str:
        """How to cite the report and the site, as plain text and BibTeX."""
        self._args(args, 0, "{{ cite }}")
        lang, ctx = self.ctx.lang, self.ctx
        home = ctx.absolute(ctx.lang_root)
        parts = [
            f'<p class="report-citation__heading">{esc(self.ui["cite_report"])}</p>',
            self.citation_html(citation.report_text(self.data, lang), citation.report_bibtex(self.data, lang)),
            f'<p class="report-citation__heading">{esc(self.ui["cite_this_site"])}</p>',
            self.citation_html(citation.page_text(self.data, lang, ctx.site_name, ctx.site_name, home),
                               citation.page_bibtex(f"site-{lang}", ctx.site_name, ctx.site_name, home)),
        ]
        return '\n<div class="report-citation">' + "".join(parts) + "</div>\n"

    def citation_html(self, text: str, bibtex: str) -> str:
        return (f'<p class="report-citation__text">{esc(text)}</p>'
                f'<p class="report-citation__label">{esc(self.ui["bibtex"])}:</p>'
                + self.code_html(bibtex, "report-bibtex"))

    def code_html(self, code: str, css_class: str) -> str:
        """Code to copy: shown literally, with a copy button that our script reveals."""
        return (f'<div class="report-code" data-search-exclude><pre><code class="{css_class}">{esc(code)}</code></pre>'
                f'<button type="button" class="report-copy md-button" data-copy-code '
                f'data-copied="{esc(self.ui["copied"])}" hidden>{esc(self.ui["copy_code"])}</button></div>')

    def downloads(self, args: list[str]) -> str:
        self._args(args, 0, "{{ downloads }}")
        links = [(downloads.findings_csv_path(self.ctx.lang), "text/csv", self.ui["download_findings_csv"]),
                 (downloads.FINDINGS_JSON_PATH, "application/json", self.ui["download_findings_json"])]
        items = "".join(f"<li>{self.download_link(path, kind, text)}</li>" for path, kind, text in links)
        return f'\n<ul class="report-downloads">{items}</ul>\n'

    def accessibility(self, args: list[str]) -> str:
        """A part of the accessibility statement (hooks/reportsite/statement.py)."""
        (part,) = self._args(args, 1, "{{ accessibility PART }}")
        if part not in statement.PARTS:
            raise _ShortcodeError(f"no part of the statement is called '{part}'", "use " + ", ".join(statement.PARTS))
        return statement.render_part(part, self.data.accessibility, self.ctx.lang, self.ui, self.ctx.project)

    # -- pieces ------------------------------------------------------------------------------

    def figure_html(self, figure, note: bool = True) -> str:
        text = esc(format_value(figure.value, figure.unit, self.ctx.lang, self.ui))
        span = f'<span class="figure" data-figure="{esc(figure.id)}">{text}</span>'
        if figure.computed_from and note:
            base = self.data.figures[figure.computed_from]
            formula = self.ui["complement_formula"].format(
                of=format_value(base.value, base.unit, self.ctx.lang, self.ui))
            span += f' <span class="figure-note">({esc(self.ui["computed"].format(formula=formula))})</span>'
        return span

    def prose(self, text: str) -> str:
        """Data text: escaped, with its {{ figure ID }} shortcodes (checked by the loader) rendered."""
        parts, last = [], 0
        for match in SHORTCODE.finditer(text):
            parts.append(esc(text[last:match.start()]))
            parts.append(self.figure_html(self.data.figures[match.group(2).split()[0]]))
            last = match.end()
        parts.append(esc(text[last:]))
        return "".join(parts)

    def source_link(self, source: Source) -> str:
        return (f'<a class="source-link" href="{esc(source.url)}">'
                f'{esc(source.publisher)}: {esc(source.title[self.ctx.lang])}</a>')

    def download_link(self, path: str, kind: str, text: str) -> str:
        href = relative_url(path, self.ctx.url)
        return f'<a class="download-link" href="{esc(href)}" type="{kind}" download>{esc(text)}</a>'

    def sources_line(self, sources: tuple[Source, ...]) -> str:
        label = self.ui["source"] if len(sources) == 1 else self.ui["sources"]
        links = "; ".join(self.source_link(s) for s in sources)
        return f'<p class="report-source"><span class="report-source__label">{esc(label)}:</span> {links}</p>'

    def finding_block(self, finding: Finding) -> str:
        lang = self.ctx.lang
        heading = f"### {md_text(finding.title[lang])} {{ #{finding.id} .finding-title }}"
        body = [f'<div class="finding" data-finding="{esc(finding.id)}">',
                f'<p class="finding__text">{self.prose(finding.text[lang])}</p>']
        if finding.chart_id:
            # The finding's source line follows; the chart repeats it only if it draws on other sources.
            chart_sources = {src.id for src in self.data.sources_of_chart(finding.chart_id)}
            body.append(self.chart_html(self.data.charts[finding.chart_id],
                                        with_sources=not chart_sources <= set(finding.source_ids)))
        body.append(self.sources_line(tuple(self.data.sources[s] for s in finding.source_ids)))
        body.append(self.finding_tools(finding))
        body.append("</div>")
        return f"\n{heading}\n\n" + "\n".join(body) + "\n"

    def finding_tools(self, finding: Finding) -> str:
        """Permalink, copy-link button, citation and (for a chart) embed code of a finding."""
        lang, ctx, ui = self.ctx.lang, self.ctx, self.ui
        title = finding.title[lang]
        url = ctx.absolute(ctx.findings_url) + "#" + finding.id
        tools = [
            # Tools, not content: kept out of the search index (Material's data-search-exclude).
            '<div class="finding__tools" data-search-exclude>',
            f'<a class="finding__permalink" href="#{esc(finding.id)}">{esc(ui["permalink"])}</a>',
            f'<button type="button" class="report-copy md-button" data-copy-link="{esc(finding.id)}" '
            f'data-copied="{esc(ui["copied"])}" aria-label="{esc(ui["copy_link_label"].format(title=title))}" hidden>'
            f'{esc(ui["copy_link"])}</button>',
            "</div>",
            f'<details class="report-disclosure" data-search-exclude><summary>{esc(ui["cite_finding"])}</summary>'
            + self.citation_html(citation.finding_text(self.data, finding, lang, ctx.site_name, url),
                                 citation.finding_bibtex(finding, lang, ctx.site_name, url))
            + "</details>",
        ]
        if finding.chart_id:
            chart = self.data.charts[finding.chart_id]
            tools.append(f'<details class="report-disclosure" data-search-exclude><summary>{esc(ui["embed_chart"])}</summary>'
                         f'<p>{esc(ui["embed_help"])}</p>' + self.code_html(self.embed_code(chart), "report-embed-code")
                         + "</details>")
        return "\n".join(tools)

    def embed_code(self, chart: Chart) -> str:
        width, height = charts.svg_size(charts.render_svg(charts.chart_spec(self.data, chart, self.ctx.lang), self.ctx.lang))
        src = self.ctx.absolute(self.ctx.link(embed_path(chart.id, self.ctx.lang_root)))
        return (f'<iframe src="{esc(src)}" title="{esc(chart.title[self.ctx.lang])}" width="100%" '
                f'height="{height + EMBED_EXTRA_HEIGHT}" style="border:0;max-width:{width + 40}px" loading="lazy"></iframe>')

    def chart_block(self, chart: Chart) -> str:
        return "\n" + self.chart_html(chart) + "\n"

    def chart_html(self, chart: Chart, with_sources: bool = True) -> str:
        lang = self.ctx.lang
        self.out.chart_ids.append(chart.id)
        specs = {theme: charts.chart_spec(self.data, chart, lang, theme) for theme in charts.THEMES}
        width, height = charts.svg_size(charts.render_svg(specs["light"], lang))
        rows = charts.chart_rows(self.data, chart, lang)
        table_rows = "".join(f'<tr><th scope="row">{esc(r.label)}</th><td>{esc(r.display)}</td></tr>' for r in rows)
        payload = {"spec": specs["light"], "darkSpec": specs["dark"], "formatLocale": d3_locale(lang)}
        return "\n".join([
            f'<figure class="report-chart" id="chart-{esc(chart.id)}" data-chart="{esc(chart.id)}">',
            f'<figcaption class="report-chart__caption"><span class="report-chart__title">{esc(chart.title[lang])}</span> '
            f'<span class="report-chart__takeaway">{esc(chart.takeaway[lang])}</span></figcaption>',
            f'<div class="report-chart__view" role="img" aria-label="{esc(charts.chart_description(self.data, chart, lang))}">'
            f'{self.static_images(chart, width, height)}</div>',
            chart_values.chart_values_html(rows, chart.title[lang], self.ui),
            f'<script type="application/json" class="report-chart__spec">{script_json(payload)}</script>',
            f'<details class="report-chart__data"><summary>{esc(self.ui["show_data"])}</summary>'
            f'<table><caption>{esc(chart.title[lang])}</caption><thead><tr><th scope="col">{esc(self.ui["table_category"])}</th>'
            f'<th scope="col">{esc(chart.axis_title[lang])}</th></tr></thead><tbody>{table_rows}</tbody></table></details>',
            f'<p class="report-chart__download">'
            f'{self.download_link(downloads.chart_csv_path(chart.id, lang), "text/csv", self.ui["download_chart"])}</p>',
            self.sources_line(self.data.sources_of_chart(chart.id)) if with_sources else "",
            "</figure>",
        ])

    def static_images(self, chart: Chart, width: int, height: int) -> str:
        """The chart's SVG in each theme, in the same box; CSS shows the one of Material's current scheme.
        The dark one loads lazily: while hidden it costs nothing, until a reader picks the dark scheme."""
        images = []
        for theme in charts.THEMES:
            src = relative_url(chart_asset_path(chart.id, self.ctx.lang, theme), self.ctx.url)
            lazy = ' loading="lazy"' if theme != "light" else ""
            images.append(f'<img class="report-chart__static report-chart__static--{theme}" src="{esc(src)}" alt="" '
                          f'width="{width}" height="{height}"{lazy}>')
        return "".join(images)

    # -- helpers -----------------------------------------------------------------------------

    def _args(self, args: list[str], count: int, usage: str) -> list[str]:
        if len(args) != count:
            raise _ShortcodeError(f"expected {count} argument(s), found {len(args)}", f"write {usage}")
        return args

    def _known(self, table: dict, key: str, what: str):
        if key not in table:
            raise _ShortcodeError(f"no {what} has the id '{key}'",
                                  f"use the id of a {what} in data/ (known: {', '.join(sorted(table)[:12])}"
                                  + (", ..." if len(table) > 12 else "") + ")")
        return table[key]

    def render(self, markdown: str) -> PageRender:
        pieces, last = [], 0
        for match in shortcode_matches(markdown):
            pieces.append(markdown[last:match.start()])
            last = match.end()
            name, args = match.group(2), match.group(3).split()
            line = markdown.count("\n", 0, match.start()) + 1
            handler = self.handlers.get(name)
            if handler is None:
                self.out.problems.append(unknown_shortcode(self.ctx.src, line, name))
                continue
            try:
                pieces.append(handler(args))
            except _ShortcodeError as exc:
                self.out.problems.append(Problem(self.ctx.src, line, "", f"{match.group(0).strip()}: {exc.message}", exc.hint))
        pieces.append(markdown[last:])
        self.out.markdown = "".join(pieces)
        self._check_stray_braces(markdown)
        self.out.markdown += self.page_sources()
        return self.out

    def page_sources(self) -> str:
        """A closing list of the sources behind every figure the page's prose shows."""
        sources: dict[str, Source] = {}
        for figure_id in self.out.loose_figure_ids:
            if figure_id in self.data.figures:
                for source in self.data.sources_of_figure(figure_id):
                    sources.setdefault(source.id, source)
        if not sources:
            return ""
        items = "".join(f"<li>{self.source_link(s)}</li>" for s in sources.values())
        return (f"\n\n## {md_text(self.ui['page_sources'])} {{ #page-sources }}\n\n"
                f'<ul class="report-sources">{items}</ul>\n')

    def _check_stray_braces(self, markdown: str) -> None:
        masked = TOKEN.sub(lambda m: " " * len(m.group(0)) if m.group("fence") or m.group(0).startswith("`") else "",
                           markdown)
        for match in STRAY_BRACES.finditer(masked):
            line = masked.count("\n", 0, match.start()) + 1
            self.out.problems.append(Problem(self.ctx.src, line, "", "a shortcode is not closed or not well formed",
                                             "write shortcodes as {{ name ID }}, on one line"))
            break


class _ShortcodeError(Exception):
    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


# Room in an embed for the caption and the source line around the chart itself.
EMBED_EXTRA_HEIGHT = 190


def embed_path(chart_id: str, lang_root: str) -> str:
    """The folder of a chart's embed page: the stable address promised in the README."""
    return f"{lang_root}embed/{chart_id}/"


def unknown_shortcode(src: str, line: int, name: str) -> Problem:
    return Problem(src, line, "", f"unknown shortcode '{{{{ {name} }}}}'",
                   "known shortcodes: " + ", ".join(sorted(Renderer.SHORTCODES)))


def shortcode_matches(markdown: str) -> list[re.Match]:
    """The shortcodes in a page's Markdown, in order; those inside code are text, not shortcodes."""
    return [m for m in TOKEN.finditer(markdown) if not (m.group("fence") or m.group(0).startswith("`"))]


def chart_asset_path(chart_id: str, lang: str, theme: str = "light") -> str:
    return f"assets/charts/{chart_id}.{lang}.svg" if theme == "light" else f"assets/charts/{chart_id}.{lang}.{theme}.svg"


def render_page(markdown: str, data: SiteData, ctx: PageContext) -> PageRender:
    result = Renderer(data, ctx).render(markdown)
    if result.problems:
        raise SiteDataError(result.problems)
    return result
