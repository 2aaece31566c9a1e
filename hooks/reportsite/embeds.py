"""Standalone embed pages: one per chart and language, sized for an iframe, loading only the chart."""

from __future__ import annotations

from .model import Chart, SiteData
from .render import PageContext, Renderer, esc, relative_url

EMBED_CSS = "assets/stylesheets/embed.css"
CHART_SCRIPTS = ("assets/javascripts/vega-bundle.js", "assets/javascripts/charts.js", "assets/javascripts/chart-values.js")


def finding_of_chart(data: SiteData, chart_id: str) -> str | None:
    return next((f.id for f in data.findings.values() if f.chart_id == chart_id), None)


def embed_page(data: SiteData, chart: Chart, ctx: PageContext) -> str:
    """The embed page's HTML. ctx.url is the embed page's own URL, so every link is relative to it."""
    renderer = Renderer(data, ctx)
    figure = renderer.chart_html(chart)
    finding_id = finding_of_chart(data, chart.id)
    back = relative_url(ctx.findings_url, ctx.url) + (f"#{finding_id}" if finding_id else "")
    canonical = ctx.absolute(ctx.url) if ctx.site_url else ""
    head = [
        "<!doctype html>",
        f'<html lang="{esc(ctx.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>{esc(chart.title[ctx.lang])} – {esc(ctx.site_name)}</title>",
        f'<meta name="description" content="{esc(chart.takeaway[ctx.lang])}">',
        f'<link rel="canonical" href="{esc(canonical)}">' if canonical else "",
        f'<link rel="stylesheet" href="{esc(relative_url(EMBED_CSS, ctx.url))}">',
        *(f'<script src="{esc(relative_url(src, ctx.url))}" defer></script>' for src in CHART_SCRIPTS),
        "</head>",
    ]
    body = [
        '<body class="report-embed">',
        "<main>",
        figure,
        f'<p class="report-embed__back"><a href="{esc(back)}" target="_top">{esc(data.ui[ctx.lang]["see_finding"])}</a></p>',
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(line for line in head + body if line) + "\n"
