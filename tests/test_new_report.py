"""`make new-report`: a new site from this one's skeleton that builds with --strict and passes the check."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from reportsite.prose import SHORTCODE
from conftest import LANGUAGES, ROOT, build


ENV = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
TEMPLATE_PAGES = ["funn.md", "index.md", "om-rapporten.md"]


def _new_report(dest) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", "new-report", f"DEST={dest}"], cwd=ROOT, env=ENV,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.build
def test_a_new_report_builds_strict_passes_the_check_and_its_own_tests(tmp_path):
    dest = tmp_path / "next-report"
    made = _new_report(dest)
    assert made.returncode == 0, made.stdout + made.stderr
    assert f"Created a new report site in {dest}" in made.stdout
    assert not (dest / ".cache").exists()

    # The machinery came along; this report's content did not.
    for part in ("hooks/reportsite/render.py", "hooks/live_preview.py", "site_src/main.html", "schema/findings.schema.json",
                 "tools/new_report.py", "docs/guide.nb.md", "docs/guide.en.md", "Makefile", "data/ui.yml",
                 "tests/conftest.py"):
        assert (dest / part).is_file(), part
    for lang in LANGUAGES:
        assert sorted(p.name for p in (dest / "content" / lang).glob("*.md")) == TEMPLATE_PAGES
    findings = (dest / "data" / "findings.yml").read_text(encoding="utf-8")
    assert "findings: []" in findings and "klimasats" not in findings
    assert "Telemarksforsking" not in (dest / "data" / "report.yml").read_text(encoding="utf-8")
    assert "distriktskommuner" not in (dest / "mkdocs.yml").read_text(encoding="utf-8")
    assert not list(dest.rglob("__pycache__"))

    check = subprocess.run([sys.executable, "-m", "reportsite.check"], cwd=dest, env=dict(ENV, PYTHONPATH=str(dest / "hooks")),
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.startswith(f"No problems: {len(TEMPLATE_PAGES) * len(LANGUAGES)} pages in {len(LANGUAGES)} languages, "
                                   "0 findings, 1 sources")

    result = build(dest, tmp_path / "site")
    assert result.returncode == 0, result.output
    for lang in LANGUAGES:
        prefix = tmp_path / "site" / ("" if lang == "nb" else lang)
        for page in ("index.html", "funn/index.html", "om-rapporten/index.html"):
            html = (prefix / page).read_text(encoding="utf-8")
            assert f'<html lang="{lang}"' in html and not SHORTCODE.search(html), (lang, page)

    # The new site's own test suite (schema in sync, check, strict build) passes there too.
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=dest, env=ENV,
                           capture_output=True, text=True, timeout=600)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert " passed" in tests.stdout and "failed" not in tests.stdout


def test_the_skeleton_has_template_pages_in_every_language_of_the_site():
    """A language added to mkdocs.yml needs its template pages in tools/skeleton/ (text, no Python)."""
    skeleton = ROOT / "tools" / "skeleton" / "content"
    assert sorted(p.name for p in skeleton.iterdir()) == sorted(LANGUAGES)
    for lang in LANGUAGES:
        assert sorted(p.name for p in (skeleton / lang).glob("*.md")) == TEMPLATE_PAGES, lang


def test_a_new_report_never_overwrites_a_folder(tmp_path):
    dest = tmp_path / "taken"
    dest.mkdir()
    (dest / "notes.txt").write_text("keep me", encoding="utf-8")
    made = _new_report(dest)
    assert made.returncode != 0
    assert f"{dest}: the folder exists and is not empty — choose a new folder" in made.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]
    assert [p.name for p in dest.iterdir()] == ["notes.txt"]
