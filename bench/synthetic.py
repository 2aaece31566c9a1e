"""Make a synthetic report a given number of findings larger than the real one, for the benchmark.

The real project is copied and N findings, each with one figure and one chart, in both languages,
are appended to data/findings.yml; they land on the findings page like any other finding.
Usage: python bench/synthetic.py DEST N
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tools.project import copy_project  # noqa: E402


def synthetic_findings(n: int) -> str:
    """YAML for n findings with a bar chart each; values vary so no two charts are the same."""
    out = []
    charts = []
    for i in range(n):
        fid = f"synthetic-{i}"
        value = (i * 37) % 100 + (i % 10) / 10
        out.append(f"""
  - id: {fid}
    section: participation
    title:
      nb: Syntetisk funn
      en: Synthetic finding
    text:
      nb: "Andelen er {{{{ figure {fid}-a }}}}, mot {{{{ figure {fid}-b }}}}."
      en: "The share is {{{{ figure {fid}-a }}}}, against {{{{ figure {fid}-b }}}}."
    figures:
      - id: {fid}-a
        value: {value}
        unit: percent
      - id: {fid}-b
        value: {round(100 - value, 1)}
        unit: percent
    sources: [anbud365-article]
    chart: {fid}-chart
""")
        charts.append(f"""
  - id: {fid}-chart
    kind: bar
    title:
      nb: Syntetisk diagram
      en: Synthetic chart
    takeaway:
      nb: Et diagram laget for å måle byggetiden.
      en: A chart made to measure the build time.
    axis_title:
      nb: Andel
      en: Share
    bars:
      - figure: {fid}-a
        label:
          nb: Gruppe A
          en: Group A
      - figure: {fid}-b
        label:
          nb: Gruppe B
          en: Group B
""")
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
