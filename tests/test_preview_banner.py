"""The live preview's error banner speaks the page's language in the words of data/ui.yml, and still
says something when that file itself cannot be read (tests/test_preview.py shows it in Chromium)."""

from __future__ import annotations

import shutil

import yaml

from conftest import LANGUAGES, ROOT
from reportsite import live_preview
from reportsite.errors import Problem, SiteDataError


def _project_with_ui(tmp_path, text: str):
    (tmp_path / "data").mkdir(parents=True)
    (tmp_path / "data" / "ui.yml").write_text(text, encoding="utf-8")
    return tmp_path


def test_the_banner_is_in_the_pages_language_from_the_data(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    ui = yaml.safe_load((ROOT / "data" / "ui.yml").read_text(encoding="utf-8"))
    # The rest of the data broken, as when the preview shows the banner: ui.yml is still read.
    (tmp_path / "data" / "findings.yml").write_text("findings: [", encoding="utf-8")
    titles = set()
    for lang in LANGUAGES:
        assert live_preview.banner_text(live_preview.ui_as_written(tmp_path), lang) == ui[lang]["preview_error"]
        titles.add(ui[lang]["preview_error"]["title"])
    assert len(titles) == len(LANGUAGES)


def test_an_unreadable_or_incomplete_ui_file_still_gives_a_banner(tmp_path):
    for i, text in enumerate(("nb: [", "nb:\n  preview_error: oops\n", "nb:\n  preview_error:\n    title: Bare tittel\n", "")):
        project = _project_with_ui(tmp_path / str(i), text)
        assert live_preview.banner_text(live_preview.ui_as_written(project), "nb") == live_preview.UNREADABLE_UI, text


def test_the_banner_escapes_what_it_shows(tmp_path):
    project = _project_with_ui(tmp_path, 'nb:\n  preview_error:\n    title: "<script>x</script>"\n    advice: "a & b"\n')
    html = live_preview.error_html(SiteDataError([Problem("data/x.yml", 3, "a", "<b>bad</b>", "fix")]), "nb", live_preview.ui_as_written(project))
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html and "a &amp; b" in html
    assert "<b>bad</b>" not in html and "&lt;b&gt;bad&lt;/b&gt;" in html
