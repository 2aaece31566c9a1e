"""The real site, built with `mkdocs build --strict`: both languages, figures from data, clean failures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markupsafe import escape

from conftest import LANGUAGES, ROOT, SITE, build, load_data

from reportsite import validate

CONTENT = ROOT / "content"
DATA = load_data()


def _pages(lang: str) -> set[str]:
    return {p.relative_to(CONTENT / lang).as_posix() for p in (CONTENT / lang).rglob("*.md")}


def _html_for(site: Path, lang: str, page: str) -> Path:
    prefix = site if lang == "nb" else site / lang
    stem = page[:-3]
    return prefix / ("index.html" if stem == "index" else f"{stem}/index.html")


def test_every_page_exists_in_both_languages():
    assert _pages("nb") == _pages("en")
    assert {"index.md", "funn.md", "arsaker.md", "anbefalinger.md", "om-rapporten.md",
            "ordliste.md", "tilgjengelighet.md"} <= _pages("nb")


@pytest.mark.build
def test_every_finding_appears_in_both_languages(built_site):
    for lang in LANGUAGES:
        html = _html_for(built_site, lang, "funn.md").read_text(encoding="utf-8")
        for finding in DATA.findings.values():
            if finding.section == "background":
                continue
            assert f'id="{finding.id}"' in html, (lang, finding.id)
            assert str(escape(finding.title[lang])) in html


def test_figures_in_content_come_from_data():
    """No number is typed into a page: each comes through a shortcode that reads it from data."""
    pages, problems = validate.read_pages(SITE)
    assert not problems and len(pages) == len(LANGUAGES) * len(_pages("nb"))
    assert [str(p) for page in pages.values() for p in validate.typed_numbers(page)] == []


@pytest.mark.build
def test_every_figure_on_a_page_is_the_data_value(built_site):
    """Each rendered figure carries its id; its text is the formatted data value, so nothing is hand-typed."""
    seen = 0
    for lang in LANGUAGES:
        for page in _pages(lang):
            html = _html_for(built_site, lang, page).read_text(encoding="utf-8")
            for figure_id, text in re.findall(r'<span class="figure" data-figure="([^"]+)">([^<]+)</span>', html):
                figure = DATA.figures[figure_id]
                expected = str(figure.value) if figure.unit != "date" else "2020"
                assert expected.split(".")[0] in text.replace("\u00a0", "").replace(",", ""), (figure_id, text)
                seen += 1
    assert seen > 20


@pytest.mark.build
def test_build_fails_when_a_page_is_missing_in_one_language(project_copy, tmp_path):
    (project_copy / "content" / "en" / "ordliste.md").unlink()
    result = build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "content/nb/ordliste.md: the page exists in 'nb' but not in 'en'" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out" / "index.html").exists()


@pytest.mark.build
def test_build_fails_with_a_clear_message_on_bad_data(project_copy, tmp_path):
    findings = project_copy / "data" / "findings.yml"
    findings.write_text(findings.read_text(encoding="utf-8").replace("value: 43", "value: 143"), encoding="utf-8")
    result = build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "data/findings.yml:" in result.output and "143 percentage points is outside -100 to 100" in result.output
    assert "Traceback" not in result.output


@pytest.mark.build
def test_build_fails_on_unknown_shortcode_in_a_page(project_copy, tmp_path):
    page = project_copy / "content" / "en" / "arsaker.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\n{{ finding no-such-id }}\n", encoding="utf-8")
    result = build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    # The line in the file, front matter included, as `make check` gives it.
    line = text.count("\n") + 2
    assert f"content/en/arsaker.md:{line}: {{{{ finding no-such-id }}}}: no finding has the id 'no-such-id'" in result.output
    assert "Traceback" not in result.output


@pytest.mark.build
def test_site_loads_nothing_from_other_hosts(built_site):
    offenders = []
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for match in re.finditer(r'<(?:script|link|img)\b[^>]*(?:src|href)="(https?:)?//([^"/]+)', html):
            rel = re.search(r'\brel="([^"]*)"', match.group(0))
            # Links for search engines name the published pages; a browser fetches nothing for them.
            if not (rel and {"canonical", "alternate"} & set(rel.group(1).split())):
                offenders.append(f"{path.relative_to(built_site)}: {match.group(0)}")
    assert offenders == []
    assert not any("fonts.googleapis" in p.read_text(encoding="utf-8") for p in built_site.rglob("*.html"))
