"""Data downloads: each chart's figures as CSV, and every finding as CSV (per language) and JSON.

CSV files are written for the spreadsheet a reader in that language most likely has:
- UTF-8 with a byte order mark. Excel on Windows opens a double-clicked CSV in the legacy
  Windows-1252 code page unless the file starts with a BOM, which turns "små" into "smÃ¥";
  with the BOM it reads UTF-8. Python (encoding "utf-8-sig"), R and LibreOffice skip the BOM.
- Bokmål files use ";" between fields and a decimal comma, as Excel with Norwegian settings
  expects (its list separator is ";" because "," is the decimal mark; SSB's CSV files do the
  same); English files use "," and a decimal point. No thousands separator, so every value
  is read as a number. Dates are ISO (YYYY-MM-DD).
- Every row carries its unit and its sources, so the file stays a plain table: it survives
  sorting and filtering, and any tool reads it without skipping preamble lines.
The JSON file holds both languages and the values as numbers, for programs.
"""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal

from . import citation, paths
from .model import Chart, Figure, SiteData, Source
from .numbers import complement_formula, format_value, number_format
from .prose import SHORTCODE

BOM = "\ufeff"


def download_files(data: SiteData) -> dict[str, str]:
    """Every download the site offers: path in the site -> file content."""
    files = {paths.FINDINGS_JSON: findings_json(data)}
    for lang in data.languages:
        files[paths.findings_csv(lang)] = findings_csv(data, lang)
        files[paths.report_csl(lang)] = json.dumps(citation.report_csl(data, lang), ensure_ascii=False, indent=2) + "\n"
        for chart in data.charts.values():
            files[paths.chart_csv(chart.id, lang)] = chart_csv(data, chart, lang)
    return files


def csv_number(value: Decimal | str, unit: str, ui: dict) -> str:
    """A value as a spreadsheet reads it in that language: no grouping, the language's decimal mark."""
    if unit == "date":
        return str(value)
    return format(value, "f").replace(".", number_format(ui)["decimal"])


def plain_text(data: SiteData, text: str, lang: str) -> str:
    """Data text with its {{ figure ID }} shortcodes written out as formatted figures."""
    def figure(match) -> str:
        fig = data.figures[match.group(2).split()[0]]
        return format_value(fig.value, fig.unit, data.ui[lang])
    return SHORTCODE.sub(figure, text)


def chart_csv(data: SiteData, chart: Chart, lang: str) -> str:
    """One row per bar: the cells its chart's kind names it by, then its figure's value, unit and sources (all
    empty for a line chart's point whose value the source does not give: an empty cell is a missing value)."""
    ui = data.ui[lang]
    cols = ui["csv_columns"]
    rows = [[*chart.kind.columns(chart, lang, ui), cols["unit"], cols["computed"], cols["sources"], cols["source_urls"]]]
    for bar in chart.bars:
        fig = data.figures.get(bar.figure)
        rows.append([*chart.kind.csv_cells(chart, bar, lang), *([csv_number(fig.value, fig.unit, ui), ui["units"][fig.unit],
                     _computation(data, fig, lang), *_source_cells(data.sources_of_figure(fig.id), lang)] if fig else [""] * 5)])
    return _csv(rows, ui)


def findings_csv(data: SiteData, lang: str) -> str:
    """One row per figure of each finding; a finding without figures gets one row with empty figure cells."""
    ui = data.ui[lang]
    cols = ui["csv_columns"]
    header = [cols[k] for k in ("finding", "section", "title", "text", "figure", "value", "unit", "computed",
                                "sources", "source_urls")]
    rows = []
    for finding in data.findings.values():
        sources = tuple(data.sources[s] for s in finding.sources)
        lead = [finding.id, data.ui[lang]["sections"][finding.section], finding.title[lang], plain_text(data, finding.text[lang], lang)]
        for fig in finding.figures or [None]:
            cells = (["", "", "", ""] if fig is None else
                     [fig.id, csv_number(fig.value, fig.unit, ui), ui["units"][fig.unit],
                      _computation(data, fig, lang)])
            rows.append([*lead, *cells, *_source_cells(sources, lang)])
    return _csv([header, *rows], ui)


def findings_json(data: SiteData) -> str:
    def value(fig: Figure):
        if fig.unit == "date":
            return str(fig.value)
        return int(fig.value) if fig.value == fig.value.to_integral_value() else float(fig.value)

    report = data.report
    document = {
        "report": {
            "title": report.title, "original_title": report.original_title, "publisher": report.publisher,
            "commissioned_by": report.commissioned_by, "presented": report.presented,
            "source": report.report_source,
        },
        "units": {lang: data.ui[lang]["units"] for lang in data.languages},
        "findings": [
            {
                "id": f.id,
                "section": f.section,
                "title": f.title,
                "text": {lang: plain_text(data, f.text[lang], lang) for lang in data.languages},
                "figures": [
                    {"id": fig.id, "value": value(fig), "unit": fig.unit,
                     **({"computed": {"method": fig.computed.method, "from": fig.computed.of}} if fig.computed else {})}
                    for fig in f.figures
                ],
                "sources": list(f.sources),
                **({"chart": f.chart} if f.chart else {}),
                **({"page": f.page} if f.page else {}),
            }
            for f in data.findings.values()
        ],
        "sources": [
            {"id": s.id, "publisher": s.publisher, "title": s.title, "url": s.url, **({"date": s.date} if s.date else {})}
            for s in data.sources.values()
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _computation(data: SiteData, fig: Figure, lang: str) -> str:
    if not fig.computed:
        return ""
    ui = data.ui[lang]
    base = data.figures[fig.computed.of]
    return complement_formula(base.value, base.unit, ui)


def _source_cells(sources: tuple[Source, ...], lang: str) -> list[str]:
    return [" | ".join(f"{s.publisher}: {s.title[lang]}" for s in sources), " | ".join(s.url for s in sources)]


_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(cell: str) -> str:
    """Text from data that a spreadsheet would run as a formula ('=...', '+...', '@...') gets a
    leading apostrophe, which Excel and LibreOffice show as plain text (OWASP's CSV injection advice)."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.match(cell):
        return "'" + cell
    return cell


def _csv(rows: list[list[str]], ui: dict) -> str:
    out = io.StringIO()
    # Excel's own line ending; the csv module quotes any cell holding the delimiter, a quote or a newline.
    csv.writer(out, delimiter=ui["numbers"]["csv_delimiter"], lineterminator="\r\n").writerows(
        [_safe_cell(cell) for cell in row] for row in rows)
    return BOM + out.getvalue()
