"""What holds for any report site made from this skeleton (`make new-report` copies this file):
the check passes in about a second, and the strict build writes every page in both languages."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import LANGUAGES, ROOT, SITE

from reportsite import validate
from reportsite.prose import SHORTCODE
from reportsite.paths import SitePaths


def test_the_project_passes_the_check():
    """`make check`'s module on the project itself (how fast it is, is the benchmark's to measure)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "hooks"))
    proc = subprocess.run([sys.executable, "-m", "reportsite.check"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    pages, _ = validate.read_pages(SITE)
    assert proc.stdout.startswith(f"No problems: {len(pages)} pages in {len(LANGUAGES)} languages")


@pytest.mark.build
def test_every_page_is_built_in_every_language(built_site):
    pages, _ = validate.read_pages(SITE)
    assert {p.lang for p in pages.values()} == set(LANGUAGES)
    for page in pages.values():
        html = (built_site / SitePaths(LANGUAGES).web_path(page.src_uri) / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{page.lang}"' in html, page.shown
        assert not SHORTCODE.search(html), f"an unrendered shortcode is left on {page.shown}"
