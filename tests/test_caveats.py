"""Caveats (data/findings.yml, 'caveat' per figure) and count nouns: from data, shown wherever the figure is.

The session's real build (tests/conftest.py built_site); every page of every language is read.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from conftest import LANGUAGES, copy_project, lang_root, load_data
from reportsite.errors import SiteDataError
from reportsite.prose import SHORTCODE

CAVEAT = re.compile(r'<p class="figure-caveat">(.*?)</p>', re.S)
KEY_VALUE = re.compile(r'<span class="key-figure__value">(.*?)</span><span class="key-figure__label">', re.S)


def plain(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


@pytest.fixture(scope="module")
def built(built_site) -> Path:
    """The site `make site` builds (the session's one real build)."""
    return built_site


def page_lang(text: str) -> str:
    return re.search(r'<html[^>]* lang="([^"]+)"', text).group(1)


@pytest.mark.build
def test_each_caveat_is_shown_in_both_languages_on_every_page_that_shows_its_figure(built):
    data = load_data()
    with_caveat = [f for f in data.figures.values() if f.caveat]
    assert with_caveat, "no figure has a caveat: nothing to test"
    charts_of = {fid: {c.id for c in data.charts.values() if any(b.figure == fid for b in c.bars)}
                 for fid in data.figures}
    shown_in = {lang: 0 for lang in LANGUAGES}
    for page in sorted(built.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if "<html" not in text:
            continue
        lang = page_lang(text)
        caveats = [plain(c) for c in CAVEAT.findall(text)]
        for figure in with_caveat:
            shows = f'data-figure="{figure.id}"' in text or any(
                f'data-chart="{c}"' in text for c in charts_of[figure.id])
            if not shows:
                continue
            # The caveat's own words, around the figures it names, in order, in one caveat paragraph; or,
            # where the figure stands only in a key-figure card, its short caveat and a link to the full one.
            parts = [" ".join(html.unescape(p).split()) for p in SHORTCODE.split(figure.caveat[lang])[::3]]
            pattern = ".*".join(re.escape(p.strip()) for p in parts if p.strip())
            full = any(re.search(pattern, c) for c in caveats)
            short = figure.caveat_short and any(figure.caveat_short[lang] in c for c in caveats) and re.search(
                f'class="figure-caveat__more" href="[^"#]*#{figure.finding}"', text)
            assert full or short, (
                f"{page.relative_to(built)} shows {figure.id} but not its caveat in {lang}: {figure.caveat[lang]!r}")
            shown_in[lang] += 1
    assert all(shown_in.values()), f"no page showed a figure with a caveat in some language: {shown_in}"


@pytest.mark.build
def test_every_key_figure_has_a_unit(built):
    cards = 0
    for page in built.rglob("*.html"):
        for value in KEY_VALUE.findall(page.read_text(encoding="utf-8")):
            cards += 1
            shown = plain(value)
            assert re.search(r"[^\d\s.,]", shown), f"{page.relative_to(built)}: key figure '{shown}' has no unit"
    assert cards, "no key-figure cards were found"


def test_a_caveat_with_a_typed_number_names_file_line_and_field(tmp_path):
    project = copy_project(tmp_path / "project")
    findings = project / "data" / "findings.yml"
    text = findings.read_text(encoding="utf-8")
    data = load_data()
    figure = next(f for f in data.figures.values() if f.caveat)
    broken = text.replace(figure.caveat["en"], figure.caveat["en"] + " Checked in 2024.", 1)
    assert broken != text
    findings.write_text(broken, encoding="utf-8")
    with pytest.raises(SiteDataError) as err:
        load_data(project)
    line = next(i for i, l in enumerate(broken.splitlines(), 1) if "Checked in 2024." in l)
    assert f"data/findings.yml:{line}:" in str(err.value)
    assert ".caveat.en: a number is typed into the text" in str(err.value)


CAVEATS_BLOCK = re.compile(r'<div class="figure-caveats" role="note">(.*?)</div>', re.S)
MORE_LINK = re.compile(r'<a class="figure-caveat__more" href="([^"]*)">')


@pytest.mark.build
def test_every_caveat_links_to_the_note_on_sources_or_to_its_full_caveat(built):
    """The report's PDF was not available to us: that is said once, in the findings page's note on sources
    and limits, and every figure's caveat links there (a key-figure card's short one links to its finding)."""
    blocks = 0
    for page in sorted(built.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if "<html" not in text:
            continue
        for block in CAVEATS_BLOCK.findall(text):
            blocks += 1
            links = MORE_LINK.findall(block)
            assert len(links) == 1, f"{page.relative_to(built)}: a caveat block without its one link: {block[:200]}"
            target = links[0].rsplit("#", 1)[-1]
            assert target == "kilder-og-begrensninger" or target in load_data().findings, (page, links)
    assert blocks, "no caveats were found"
    for lang in LANGUAGES:
        note = (built / lang_root(lang) / "funn" / "index.html").read_text(encoding="utf-8")
        assert 'id="kilder-og-begrensninger"' in note, lang
        assert note.count("PDF") >= 1 and "PDF" not in " ".join(CAVEATS_BLOCK.findall(note)), lang
