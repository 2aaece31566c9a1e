"""The benchmark's synthetic report is as hard for the build as real data: no two charts share their
values, and its charts are of every kind there is."""

from __future__ import annotations

import sys

import yaml

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from synthetic import BARS, synthetic_findings  # noqa: E402

from reportsite.chart_kinds import KINDS  # noqa: E402


def test_every_synthetic_chart_has_values_of_its_own():
    """Read back as YAML, the figures of N = 1000 findings (the benchmark's largest size) hold 1000
    distinct first values, and every chart's pair of values differs from every other chart's."""
    n = 1000
    findings_yaml, charts_yaml = synthetic_findings(n)
    findings = yaml.safe_load(findings_yaml)
    charts = yaml.safe_load(charts_yaml)
    values = {f["figures"][0]["id"]: f["figures"][0]["value"] for f in findings}
    pairs = {f["id"]: tuple(g["value"] for g in f["figures"]) for f in findings}
    assert len(findings) == len(charts) == n
    assert len(set(values.values())) == n
    assert len(set(pairs.values())) == n
    assert all(0 < v < 100 for v in values.values())
    # Each chart shows its own finding's figures, so distinct values make distinct charts.
    assert [c["bars"][0]["figure"] for c in charts] == list(values)
    # Every kind in turn: a new kind in the registry needs its bars in bench/synthetic.py's BARS.
    assert set(BARS) == set(KINDS)
    assert [c["kind"] for c in charts[:len(KINDS)]] == list(BARS)


def test_a_synthetic_report_passes_the_check_in_every_language(tmp_path):
    """The benchmark builds what an editor could publish: its findings and charts, one of each kind,
    speak every language of the site (a missing one made every benchmark build fail)."""
    from synthetic import make_project

    from reportsite.check import check_project

    problems, _ = check_project(make_project(tmp_path / "synthetic", len(BARS)))
    assert problems == []
