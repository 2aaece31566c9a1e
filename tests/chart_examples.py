"""Charts of the kinds the real report has no data for, with made-up figures, for tests only: they are
added to a copy of the project (add_examples), never to data/. A page of its own (eksempel.md, eksempel-dot.md)
shows each, so that the page's link preview is drawn from it."""

from __future__ import annotations

from pathlib import Path

FINDING = """
  - id: example-grouped
    section: background
    title:
      nb: Eksempel med to serier
      en: Example with two series
    text:
      nb: "Oppdiktede tall for testene: {{ figure ex-klimasats-small }} og {{ figure ex-klimasats-other }}."
      en: "Made-up figures for the tests: {{ figure ex-klimasats-small }} and {{ figure ex-klimasats-other }}."
    figures:
      - id: ex-klimasats-small
        value: 20.5
        unit: percent
      - id: ex-klimasats-other
        value: 63
        unit: percent
      - id: ex-procurement-small
        value: 9
        unit: percent
      - id: ex-procurement-other
        unit: percent
        computed:
          method: complement
          of: ex-procurement-small
    sources: [anbud365-article]
    chart: example-grouped
"""

CHART = """
  - id: example-grouped
    kind: grouped
    title:
      nb: Deltakelse etter kommunetype
      en: Participation by type of municipality
    takeaway:
      nb: Små distriktskommuner deltar mindre enn andre kommuner i begge ordningene.
      en: Small rural municipalities take part less than other municipalities in both schemes.
    axis_title:
      nb: Andel av kommunene
      en: Share of the municipalities
    series:
      - id: small
        label:
          nb: Små distriktskommuner
          en: Small rural municipalities
      - id: other
        label:
          nb: Andre kommuner
          en: Other municipalities
    bars:
      - figure: ex-klimasats-small
        series: small
        label:
          nb: Klimasats
          en: Klimasats
      - figure: ex-klimasats-other
        series: other
        label:
          nb: Klimasats
          en: Klimasats
      - figure: ex-procurement-other
        series: other
        label:
          nb: Innovative anskaffelser
          en: Innovative procurement
      - figure: ex-procurement-small
        series: small
        label:
          nb: Innovative anskaffelser
          en: Innovative procurement

"""

# The dot chart shows the same figures: the same series and bars, its own id, kind and words.
DOT_CHART = (CHART.replace("id: example-grouped", "id: example-dot").replace("kind: grouped", "kind: dot")
             .replace("nb: Deltakelse etter", "nb: Forskjellen i deltakelse etter")
             .replace("en: Participation by", "en: The gap in participation by")
             .replace("nb: Små distriktskommuner deltar mindre enn andre kommuner i begge ordningene.",
                      "nb: Forskjellen mellom små distriktskommuner og andre kommuner er størst i innovative anskaffelser.")
             .replace("en: Small rural municipalities take part less than other municipalities in both schemes.",
                      "en: The gap between small rural municipalities and other municipalities is largest in innovative "
                      "procurement."))

# Each chart on a page of its own, which is then previewed by it.
PAGES = {"eksempel.md": {"nb": "# Eksempel\n\n{{ finding example-grouped }}\n", "en": "# Example\n\n{{ finding example-grouped }}\n"},
         "eksempel-dot.md": {"nb": "# Eksempel\n\n{{ chart example-dot }}\n", "en": "# Example\n\n{{ chart example-dot }}\n"}}


def add_examples(project: Path, pages: bool = True) -> Path:
    """The example findings and charts added to a copy of the project's data (and its page, if pages)."""
    findings = project / "data" / "findings.yml"
    text = findings.read_text(encoding="utf-8")
    assert text.count("\ncharts:\n") == 1
    findings.write_text(text.replace("\ncharts:\n", FINDING + "\ncharts:\n").rstrip("\n") + "\n" + CHART + DOT_CHART,
                        encoding="utf-8")
    for name, texts in PAGES.items() if pages else ():
        for lang, text in texts.items():
            (project / "content" / lang / name).write_text(text, encoding="utf-8")
    return project
