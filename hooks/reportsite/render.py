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

from . import charts
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
    first_line: int = 1  # the line of the file on which the Markdown starts (after front matter)


@dataclass
class PageRender:
    markdown: str
    has_charts: bool = False
    figure_ids: list[str] = field(default_factory=list)
    # Figures shown in page prose, outside a finding or chart that already names its source.
    loose_figure_ids: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def relative_url(target: str, page_url: str) -> str:
    """A link from a page at page_url (directory URLs: 'en/funn/') to a site path ('assets/x.svg')."""
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
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
            "figure": self.figure,
            "finding": self.finding,
            "findings": self.findings,
            "chart": self.chart,
            "source": self.source,
            "sources": self.all_sources,
            "key-figures": self.key_figures,
            "report-facts": self.report_facts,
            "cite": self.cite,
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
        self._args(args, 0, "{{ cite }}")
        r = self.data.report
        report = self.data.sources[r.report_source]
        # The template is data too: escaped before the (already escaped) parts are put in.
        text = esc(self.ui["citation"]).format(
            publisher=esc(r.publisher), year=esc(r.presented[:4]), title=f"<cite>{esc(r.original_title)}</cite>",
            commissioned_by=esc(r.commissioned_by[self.ctx.lang]),
            url=f'<a href="{esc(report.url)}">{esc(report.url)}</a>')
        return f'\n<p class="citation">{text}</p>\n'

    # -- pieces ------------------------------------------------------------------------------

    def figure_html(self, figure, note: bool = True) -> str:
        self.out.figure_ids.append(figure.id)
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
        body.append("</div>")
        return f"\n{heading}\n\n" + "\n".join(body) + "\n"

    def chart_block(self, chart: Chart) -> str:
        return "\n" + self.chart_html(chart) + "\n"

    def chart_html(self, chart: Chart, with_sources: bool = True) -> str:
        lang = self.ctx.lang
        self.out.has_charts = True
        spec = charts.chart_spec(self.data, chart, lang)
        width, height = charts.svg_size(charts.render_svg(spec, lang))
        static_src = relative_url(chart_asset_path(chart.id, lang), self.ctx.url)
        rows = charts.chart_rows(self.data, chart, lang)
        table_rows = "".join(f'<tr><th scope="row">{esc(r.label)}</th><td>{esc(r.display)}</td></tr>' for r in rows)
        payload = {"spec": spec, "formatLocale": d3_locale(lang)}
        return "\n".join([
            f'<figure class="report-chart" id="chart-{esc(chart.id)}" data-chart="{esc(chart.id)}">',
            f'<figcaption class="report-chart__caption"><span class="report-chart__title">{esc(chart.title[lang])}</span> '
            f'<span class="report-chart__takeaway">{esc(chart.takeaway[lang])}</span></figcaption>',
            f'<div class="report-chart__view" role="img" aria-label="{esc(charts.chart_description(self.data, chart, lang))}">'
            f'<img class="report-chart__static" src="{esc(static_src)}" alt="" width="{width}" height="{height}"></div>',
            f'<script type="application/json" class="report-chart__spec">{script_json(payload)}</script>',
            f'<details class="report-chart__data"><summary>{esc(self.ui["show_data"])}</summary>'
            f'<table><caption>{esc(chart.title[lang])}</caption><thead><tr><th scope="col">{esc(self.ui["table_category"])}</th>'
            f'<th scope="col">{esc(chart.axis_title[lang])}</th></tr></thead><tbody>{table_rows}</tbody></table></details>',
            self.sources_line(self.data.sources_of_chart(chart.id)) if with_sources else "",
            "</figure>",
        ])

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
        for match in TOKEN.finditer(markdown):
            if match.group("fence") or match.group(0).startswith("`"):
                continue
            pieces.append(markdown[last:match.start()])
            last = match.end()
            name, args = match.group(2), match.group(3).split()
            line = markdown.count("\n", 0, match.start()) + self.ctx.first_line
            handler = self.handlers.get(name)
            if handler is None:
                self.out.problems.append(Problem(
                    self.ctx.src, line, "", f"unknown shortcode '{{{{ {name} }}}}'",
                    "known shortcodes: " + ", ".join(sorted(self.handlers))))
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
            line = masked.count("\n", 0, match.start()) + self.ctx.first_line
            self.out.problems.append(Problem(self.ctx.src, line, "", "a shortcode is not closed or not well formed",
                                             "write shortcodes as {{ name ID }}, on one line"))
            break


class _ShortcodeError(Exception):
    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


def chart_asset_path(chart_id: str, lang: str) -> str:
    return f"assets/charts/{chart_id}.{lang}.svg"


def render_page(markdown: str, data: SiteData, ctx: PageContext) -> PageRender:
    result = Renderer(data, ctx).render(markdown)
    if result.problems:
        raise SiteDataError(result.problems)
    return result
