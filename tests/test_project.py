"""What holds for any report site made from this skeleton (`make new-report` copies this file):
the check passes in about a second, and the strict build writes every page in both languages."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT

from reportsite.check import page_url, read_pages
from reportsite.model import SHORTCODE
from reportsite.schema import LANGUAGES


def test_the_project_passes_the_check_in_about_a_second():
    env = dict(os.environ, PYTHONPATH=str(ROOT / "hooks"))
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "reportsite.check"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - started
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith(f"No problems: {len(read_pages(ROOT / 'content', ROOT))} pages in 2 languages")
    # A cold interpreter on a shared two-core machine: about a second, never the many seconds of a build.
    assert elapsed < 4, elapsed


def _built_page(site: Path, lang: str, rel: str) -> Path:
    return site / page_url(lang, rel) / "index.html"


def test_every_page_is_built_in_both_languages(built_site):
    pages = read_pages(ROOT / "content", ROOT)
    assert {p.lang for p in pages} == set(LANGUAGES)
    for page in pages:
        html = _built_page(built_site, page.lang, page.rel).read_text(encoding="utf-8")
        assert f'<html lang="{page.lang}"' in html, page.shown
        assert not SHORTCODE.search(html), f"an unrendered shortcode is left on {page.shown}"
