"""Make a synthetic report a given number of findings larger than the real one, for the benchmark.

The real project is copied and N findings, each with two figures and one chart, in every language,
are appended to data/findings.yml; they land on the findings page like any other finding. The charts
take every kind in turn (BARS: bar and share show the two figures as two bars, grouped and dot as one
category with a value in each of two series, line as one series' points in two years, stacked as
one category's two parts, which add up to 100 %), so the benchmark builds what each kind costs.

Every chart differs from every other in its values and its labels, as real charts do: the build
caches what it draws by content, and charts that repeat would be drawn once and cost nothing after,
which would make a synthetic report cheaper to build than a real one of the same size.
`synthetic_findings` checks this with an assertion.
Usage: python bench/synthetic.py DEST N
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tools.project import copy_project  # noqa: E402


# How many distinct values the charts take (0.01 to 99.99): more than any benchmark size.
VALUES = 9999

# Each chart kind's series and bars, for the finding {fid} with the letters {tag}; a new kind adds its own.
_PLAIN_BARS = """    bars:
      - figure: {fid}-a
        label: {{nb: Gruppe A {tag}, nn: Gruppe A {tag}, en: Group A {tag}}}
      - figure: {fid}-b
        label: {{nb: Gruppe B {tag}, nn: Gruppe B {tag}, en: Group B {tag}}}
"""
_SERIES_BARS = """    series:
      - id: a
        label: {{nb: Serie A {tag}, nn: Serie A {tag}, en: Series A {tag}}}
      - id: b
        label: {{nb: Serie B {tag}, nn: Serie B {tag}, en: Series B {tag}}}
    bars:
      - figure: {fid}-a
        series: a
        label: {{nb: Gruppe {tag}, nn: Gruppe {tag}, en: Group {tag}}}
      - figure: {fid}-b
        series: b
        label: {{nb: Gruppe {tag}, nn: Gruppe {tag}, en: Group {tag}}}
"""
_LINE_BARS = """    series:
      - id: a
        label: {{nb: Serie {tag}, nn: Serie {tag}, en: Series {tag}}}
    bars:
      - {{at: 2020, series: a, figure: {fid}-a}}
      - {{at: 2021, series: a, figure: {fid}-b}}
"""
BARS = {"bar": _PLAIN_BARS, "share": _PLAIN_BARS, "grouped": _SERIES_BARS, "dot": _SERIES_BARS, "line": _LINE_BARS,
        "stacked": _SERIES_BARS}


def _letters(i: int) -> str:
    """0 -> 'a', 25 -> 'z', 26 -> 'ba': a number written in letters."""
    out = ""
    while True:
        out = "abcdefghijklmnopqrstuvwxyz"[i % 26] + out
        i //= 26
        if not i:
            return out


def synthetic_findings(n: int) -> str:
    """YAML for n findings with a chart each, of every kind in turn; no two charts are the same (checked)."""
    out = []
    charts = []
    seen: set[tuple] = set()
    for i in range(n):
        fid = f"synthetic-{i}"
        # 0.01 ... 99.99 in an order that jumps about, so charts of every size of value appear; 37 and
        # 9999 have no common factor, so the first 9999 findings each get their own value. The
        # finding's number, in letters, in the labels keeps any N distinct.
        value = ((i * 37) % VALUES + 1) / 100
        tag = _letters(i)  # data text takes no digits: the loader refuses numbers typed into text
        kind = list(BARS)[i % len(BARS)]
        content = (kind, value, round(100 - value, 2), tag)
        assert content not in seen, f"synthetic chart {i} repeats another chart: {content}"
        seen.add(content)
        out.append(f"""
  - id: {fid}
    section: participation
    title:
      nb: Syntetisk funn
      nn: Syntetisk funn
      en: Synthetic finding
    text:
      nb: "Andelen er {{{{ figure {fid}-a }}}}, mot {{{{ figure {fid}-b }}}}."
      nn: "Delen er {{{{ figure {fid}-a }}}}, mot {{{{ figure {fid}-b }}}}."
      en: "The share is {{{{ figure {fid}-a }}}}, against {{{{ figure {fid}-b }}}}."
    figures:
      - id: {fid}-a
        value: {value}
        unit: percent
      - id: {fid}-b
        value: {round(100 - value, 2)}
        unit: percent
    sources: [anbud365-article]
    chart: {fid}-chart
""")
        charts.append(f"""
  - id: {fid}-chart
    kind: {kind}
    title:
      nb: Syntetisk diagram
      nn: Syntetisk diagram
      en: Synthetic chart
    takeaway:
      nb: Et diagram laget for å måle byggetiden.
      nn: Eit diagram laga for å måle byggjetida.
      en: A chart made to measure the build time.
    axis_title:
      nb: Andel
      nn: Del
      en: Share
{BARS[kind].format(fid=fid, tag=tag)}""")
    assert len(seen) == n
    return "".join(out), "".join(charts)


def make_project(dest: Path, n: int) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    copy_project(dest)
    findings_path = dest / "data" / "findings.yml"
    text = findings_path.read_text(encoding="utf-8")
    findings, charts = synthetic_findings(n)
    head, _, tail = text.partition("\ncharts:\n")
    findings_path.write_text(head.rstrip("\n") + "\n" + findings + "\ncharts:\n" + tail.rstrip("\n") + "\n" + charts,
                             encoding="utf-8")
    return dest


if __name__ == "__main__":
    make_project(Path(sys.argv[1]), int(sys.argv[2]))
