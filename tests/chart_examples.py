"""Charts of the kinds the real report has no data for, with made-up figures, for tests only: they are
added to a copy of the project (add_examples), never to data/. A page of its own (eksempel.md, eksempel-dot.md)
shows each, so that the page's link preview is drawn from it."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import LANGUAGES

FINDING = """
  - id: example-grouped
    section: background
    title:
      nb: Eksempel med to serier
      en: Example with two series
      nn: Døme med to seriar
    text:
      nb: "Oppdiktede tall for testene: {{ figure ex-klimasats-small }} og {{ figure ex-klimasats-other }}."
      en: "Made-up figures for the tests: {{ figure ex-klimasats-small }} and {{ figure ex-klimasats-other }}."
      nn: "Oppdikta tal for testane: {{ figure ex-klimasats-small }} og {{ figure ex-klimasats-other }}."
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
      nn: Deltaking etter kommunetype
    takeaway:
      nb: Små distriktskommuner deltar mindre enn andre kommuner i begge ordningene.
      en: Small rural municipalities take part less than other municipalities in both schemes.
      nn: Små distriktskommunar deltek mindre enn andre kommunar i begge ordningane.
    axis_title:
      nb: Andel av kommunene
      en: Share of the municipalities
      nn: Del av kommunane
    series:
      - id: small
        label:
          nb: Små distriktskommuner
          en: Small rural municipalities
          nn: Små distriktskommunar
      - id: other
        label:
          nb: Andre kommuner
          en: Other municipalities
          nn: Andre kommunar
    bars:
      - figure: ex-klimasats-small
        series: small
        label:
          nb: Klimasats
          en: Klimasats
          nn: Klimasats
      - figure: ex-klimasats-other
        series: other
        label:
          nb: Klimasats
          en: Klimasats
          nn: Klimasats
      - figure: ex-procurement-other
        series: other
        label:
          nb: Innovative anskaffelser
          en: Innovative procurement
          nn: Innovative anskaffingar
      - figure: ex-procurement-small
        series: small
        label:
          nb: Innovative anskaffelser
          en: Innovative procurement
          nn: Innovative anskaffingar

"""

# The dot chart shows the same figures: the same series and bars, its own id, kind and words.
DOT_CHART = (CHART.replace("id: example-grouped", "id: example-dot").replace("kind: grouped", "kind: dot")
             .replace("nb: Deltakelse etter", "nb: Forskjellen i deltakelse etter")
             .replace("en: Participation by", "en: The gap in participation by")
             .replace("nb: Små distriktskommuner deltar mindre enn andre kommuner i begge ordningene.",
                      "nb: Forskjellen mellom små distriktskommuner og andre kommuner er størst i innovative anskaffelser.")
             .replace("en: Small rural municipalities take part less than other municipalities in both schemes.",
                      "en: The gap between small rural municipalities and other municipalities is largest in innovative "
                      "procurement.")
             .replace("nn: Deltaking etter", "nn: Skilnaden i deltaking etter")
             .replace("nn: Små distriktskommunar deltek mindre enn andre kommunar i begge ordningane.",
                      "nn: Skilnaden mellom små distriktskommunar og andre kommunar er størst i innovative anskaffingar."))

# A stacked chart: per type of municipality, the parts of a whole answer (made up), the third the rest.
STACKED_FINDING = """
  - id: example-stacked
    section: background
    title:
      nb: Eksempel med deler av en helhet
      en: Example with parts of a whole
      nn: Døme med delar av ein heilskap
    text:
      nb: "Oppdiktede tall for testene: {{ figure ex-tried-small }} og {{ figure ex-tried-other }}."
      en: "Made-up figures for the tests: {{ figure ex-tried-small }} and {{ figure ex-tried-other }}."
      nn: "Oppdikta tal for testane: {{ figure ex-tried-small }} og {{ figure ex-tried-other }}."
    figures:
""" + "".join(f"      - {{id: ex-{id_}, value: {value}, unit: {unit}}}\n" for unit, values in (
    ("percent", {"tried-small": 20.5, "not-tried-small": 72.5, "unsure-small": 7, "tried-other": 41, "not-tried-other": 52,
                 "unsure-other": 7}),
    ("count", {"asked": 47, "klimasats-tried": 20, "klimasats-not-tried": 22, "klimasats-unsure": 5,
               "procurement-tried": 9, "procurement-not-tried": 33, "procurement-unsure": 5})) for id_, value in values.items()) + """\
    sources: [anbud365-article]
    chart: example-stacked
"""

STACKED_CHART = """
  - id: example-stacked
    kind: stacked
    title:
      nb: Kommuner som har prøvd innovative anskaffelser
      en: Municipalities that have tried innovative procurement
      nn: Kommunar som har prøvd innovative anskaffingar
    takeaway:
      nb: Færre små distriktskommuner enn andre kommuner har prøvd innovative anskaffelser.
      en: Fewer small rural municipalities than other municipalities have tried innovative procurement.
      nn: Færre små distriktskommunar enn andre kommunar har prøvd innovative anskaffingar.
    axis_title:
      nb: Andel av kommunene
      en: Share of the municipalities
      nn: Del av kommunane
    series:
      - id: tried
        label:
          nb: Har prøvd
          en: Have tried
          nn: Har prøvd
      - id: not-tried
        label:
          nb: Har ikke prøvd
          en: Have not tried
          nn: Har ikkje prøvd
      - id: unsure
        label:
          nb: Vet ikke
          en: Do not know
          nn: Veit ikkje
    bars:
      - figure: ex-tried-small
        series: tried
        label:
          nb: Små distriktskommuner
          en: Small rural municipalities
          nn: Små distriktskommunar
      - figure: ex-not-tried-small
        series: not-tried
        label:
          nb: Små distriktskommuner
          en: Small rural municipalities
          nn: Små distriktskommunar
      - figure: ex-unsure-small
        series: unsure
        label:
          nb: Små distriktskommuner
          en: Small rural municipalities
          nn: Små distriktskommunar
      - figure: ex-unsure-other
        series: unsure
        label:
          nb: Andre kommuner
          en: Other municipalities
          nn: Andre kommunar
      - figure: ex-tried-other
        series: tried
        label:
          nb: Andre kommuner
          en: Other municipalities
          nn: Andre kommunar
      - figure: ex-not-tried-other
        series: not-tried
        label:
          nb: Andre kommuner
          en: Other municipalities
          nn: Andre kommunar
"""

# The same parts in counts, adding up to the number of municipalities asked (its 'total').
STACKED_TOTAL_CHART = (STACKED_CHART[:STACKED_CHART.index("    bars:")].replace("id: example-stacked", "id: example-stacked-total")
                       .replace("    series:", "    total: ex-asked\n    series:")
                       .replace("nb: Kommuner som har prøvd innovative anskaffelser", "nb: Kommuner som har prøvd ordningene")
                       .replace("en: Municipalities that have tried innovative procurement", "en: Municipalities that have tried the schemes")
                       .replace("nn: Kommunar som har prøvd innovative anskaffingar", "nn: Kommunar som har prøvd ordningane")
                       .replace("nb: Færre små distriktskommuner enn andre kommuner har prøvd innovative anskaffelser.",
                                "nb: Av de spurte kommunene har flere prøvd Klimasats enn innovative anskaffelser.")
                       .replace("en: Fewer small rural municipalities than other municipalities have tried innovative procurement.",
                                "en: Of the municipalities asked, more have tried Klimasats than innovative procurement.")
                       .replace("nn: Færre små distriktskommunar enn andre kommunar har prøvd innovative anskaffingar.",
                                "nn: Av dei spurde kommunane har fleire prøvd Klimasats enn innovative anskaffingar.")
                       .replace("nb: Andel av kommunene", "nb: Antall kommuner").replace("en: Share of the municipalities",
                                "en: Number of municipalities").replace("nn: Del av kommunane", "nn: Talet på kommunar")
                       + """    bars:
      - figure: ex-klimasats-tried
        series: tried
        label:
          nb: Klimasats
          en: Klimasats
          nn: Klimasats
      - figure: ex-klimasats-not-tried
        series: not-tried
        label:
          nb: Klimasats
          en: Klimasats
          nn: Klimasats
      - figure: ex-klimasats-unsure
        series: unsure
        label:
          nb: Klimasats
          en: Klimasats
          nn: Klimasats
      - figure: ex-procurement-tried
        series: tried
        label:
          nb: Innovative anskaffelser
          en: Innovative procurement
          nn: Innovative anskaffingar
      - figure: ex-procurement-not-tried
        series: not-tried
        label:
          nb: Innovative anskaffelser
          en: Innovative procurement
          nn: Innovative anskaffingar
      - figure: ex-procurement-unsure
        series: unsure
        label:
          nb: Innovative anskaffelser
          en: Innovative procurement
          nn: Innovative anskaffingar
""")

# Each chart on a page of its own, which is then previewed by it.
HEADINGS = {"nb": "# Eksempel", "en": "# Example", "nn": "# Døme"}
PAGES = {"eksempel.md": "{{ finding example-grouped }}", "eksempel-dot.md": "{{ chart example-dot }}",
         "eksempel-stacked.md": "{{ chart example-stacked }}", "eksempel-stacked-total.md": "{{ chart example-stacked-total }}"}


def add_examples(project: Path, pages: bool = True) -> Path:
    """The example findings and charts added to a copy of the project's data (and its page, if pages)."""
    findings = project / "data" / "findings.yml"
    text = findings.read_text(encoding="utf-8")
    assert text.count("\ncharts:\n") == 1
    added = (FINDING + STACKED_FINDING, CHART + DOT_CHART + STACKED_CHART + STACKED_TOTAL_CHART)
    # The texts are written in each language a site of this kind has had; a copy gets its own languages'.
    others = "|".join(set(HEADINGS) - set(LANGUAGES)) or "(?!)"
    added = [re.sub(rf"^ +(?:{others}): .*\n", "", part, flags=re.M) for part in added]
    findings.write_text(text.replace("\ncharts:\n", added[0] + "\ncharts:\n").rstrip("\n") + "\n" + added[1],
                        encoding="utf-8")
    for name, shortcode in PAGES.items() if pages else ():
        for lang in LANGUAGES:
            (project / "content" / lang / name).write_text(f"{HEADINGS[lang]}\n\n{shortcode}\n", encoding="utf-8")
    return project
