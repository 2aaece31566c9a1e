"""Charts of the kinds the real report has no data for, with made-up figures, for tests only: they are
added to a copy of the project (add_examples), never to data/. A page of its own (eksempel.md, eksempel-dot.md,
eksempel-linje.md) shows each, so that the page's link preview is drawn from it."""

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

# A line chart: the grouped chart's series over uneven years (the time axis keeps their distances); the
# made-up figures have no value for small municipalities in 2019, a gap in their line.
LINE_FINDING = """
  - id: example-line
    section: background
    title:
      nb: Eksempel over tid
      en: Example over time
      nn: Døme over tid
    text:
      nb: "Oppdiktede tall for testene: {{ figure ex-line-small-2016 }} og {{ figure ex-line-small-2022 }}."
      en: "Made-up figures for the tests: {{ figure ex-line-small-2016 }} and {{ figure ex-line-small-2022 }}."
      nn: "Oppdikta tal for testane: {{ figure ex-line-small-2016 }} og {{ figure ex-line-small-2022 }}."
    figures:
      - {id: ex-line-small-2016, value: 12, unit: percent}
      - {id: ex-line-small-2018, value: 15, unit: percent}
      - {id: ex-line-small-2020, value: 19.5, unit: percent}
      - {id: ex-line-small-2022, value: 24, unit: percent}
      - {id: ex-line-other-2016, value: 30, unit: percent}
      - {id: ex-line-other-2018, value: 34, unit: percent}
      - {id: ex-line-other-2019, value: 37, unit: percent}
      - {id: ex-line-other-2020, value: 41, unit: percent}
      - {id: ex-line-other-2022, value: 46, unit: percent}
    sources: [anbud365-article]
    chart: example-line
"""

LINE_CHART = """
  - id: example-line
    kind: line
    title:
      nb: Deltakelse over tid
      en: Participation over time
      nn: Deltaking over tid
    takeaway:
      nb: Begge kommunetypene deltar mer år for år, men avstanden mellom dem består.
      en: Both types of municipality take part more year by year, but the gap between them remains.
      nn: Begge kommunetypane deltek meir år for år, men avstanden mellom dei held seg.
""" + CHART[CHART.index("    axis_title:"):CHART.index("    bars:")] + """    bars:
      - {at: 2016, series: small, figure: ex-line-small-2016}
      - {at: 2018, series: small, figure: ex-line-small-2018}
      - {at: 2019, series: small}
      - {at: 2020, series: small, figure: ex-line-small-2020}
      - {at: 2022, series: small, figure: ex-line-small-2022}
      - {at: 2016, series: other, figure: ex-line-other-2016}
      - {at: 2018, series: other, figure: ex-line-other-2018}
      - {at: 2019, series: other, figure: ex-line-other-2019}
      - {at: 2020, series: other, figure: ex-line-other-2020}
      - {at: 2022, series: other, figure: ex-line-other-2022}
"""

# Each chart on a page of its own, which is then previewed by it.
HEADINGS = {"nb": "# Eksempel", "en": "# Example", "nn": "# Døme"}
PAGES = {"eksempel.md": "{{ finding example-grouped }}", "eksempel-dot.md": "{{ chart example-dot }}",
         "eksempel-linje.md": "{{ finding example-line }}"}


def add_examples(project: Path, pages: bool = True) -> Path:
    """The example findings and charts added to a copy of the project's data (and its page, if pages)."""
    findings = project / "data" / "findings.yml"
    text = findings.read_text(encoding="utf-8")
    assert text.count("\ncharts:\n") == 1
    added = (FINDING + LINE_FINDING, CHART + DOT_CHART + LINE_CHART)
    # The texts are written in each language a site of this kind has had; a copy gets its own languages'.
    others = "|".join(set(HEADINGS) - set(LANGUAGES)) or "(?!)"
    added = [re.sub(rf"^ +(?:{others}): .*\n", "", part, flags=re.M) for part in added]
    findings.write_text(text.replace("\ncharts:\n", added[0] + "\ncharts:\n").rstrip("\n") + "\n" + added[1],
                        encoding="utf-8")
    for name, shortcode in PAGES.items() if pages else ():
        for lang in LANGUAGES:
            (project / "content" / lang / name).write_text(f"{HEADINGS[lang]}\n\n{shortcode}\n", encoding="utf-8")
    return project
