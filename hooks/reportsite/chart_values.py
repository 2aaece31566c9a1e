"""Every value of a chart by keyboard and screen reader, as the mouse's tooltip shows it.

Vega's tooltips appear on hover only. Each chart therefore carries, in its HTML from the build, a
list of its values: one item per bar, "Category: label" and "Value: 28 %" as the tooltip writes
them, in the page's language, from the same rows as the chart's data table (charts.chart_rows).
The items are hidden until focused; assets/javascripts/chart-values.js makes the list one tab stop
that the arrow keys, Home and End move through. Without that script every item is a tab stop of
its own. Nothing here needs the Vega runtime.
"""

from __future__ import annotations

import html

from .charts import ChartRow

SCRIPT = "assets/javascripts/chart-values.js"


def chart_values_html(rows: list[ChartRow], title: str, ui: dict) -> str:
    esc = lambda text: html.escape(text, quote=True)  # noqa: E731
    items = "".join(
        f'<li class="report-chart__value" tabindex="0">'
        f'<span class="report-chart__value-label">{esc(ui["table_category"])}: {esc(row.label)}</span> '
        f'<span class="report-chart__value-value">{esc(ui["table_value"])}: {esc(row.display)}</span></li>'
        for row in rows)
    label = ui["chart_values"].format(title=title)
    return (f'<div class="report-chart__values" data-search-exclude>'
            f'<ul class="report-chart__value-list" aria-label="{esc(label)}">{items}</ul></div>')
