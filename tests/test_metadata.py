"""The report's machine-readable metadata on every page (reportsite.citation, site_src/main.html):
schema.org Report as JSON-LD, the citation_* tags scholarly indexes read, and the CSL-JSON download
beside the BibTeX. Read from the session's real build; the hostile build is in test_hostile_strings.py."""

from __future__ import annotations

import html
from html.parser import HTMLParser
import json
import re
from pathlib import Path

import pytest

from conftest import LANGUAGES, load_data
from reportsite import citation

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
META = re.compile(r'<meta name="(citation_[a-z_]+)" content="([^"]*)">')
DATA = load_data()


def linked_data(page_html: str) -> dict:
    """The page's one JSON-LD block, parsed."""
    blocks = JSON_LD.findall(page_html)
    assert len(blocks) == 1, f"expected one JSON-LD block, found {len(blocks)}"
    return json.loads(blocks[0])


def pages(site: Path) -> list[tuple[Path, str]]:
    """Every page MkDocs made (not the embed pages or 404), with its language."""
    found = []
    for path in sorted(site.rglob("index.html")):
        text = path.read_text(encoding="utf-8")
        if 'rel="canonical"' in text and "embed" not in path.relative_to(site).parts:
            found.append((path, re.search(r'<html[^>]* lang="([^"]+)"', text).group(1)))
    return found


@pytest.mark.build
def test_every_page_describes_the_report_as_a_schema_org_report(built_site):
    r = DATA.report
    seen = set()
    for path, lang in pages(built_site):
        ld = linked_data(path.read_text(encoding="utf-8"))
        seen.add(lang)
        assert ld["@context"] == "https://schema.org" and ld["@type"] == "Report", path
        for field in ("name", "author", "publisher", "datePublished", "url", "inLanguage"):
            assert ld.get(field), f"{path}: JSON-LD without {field}"
        assert ld["name"] == r.original_title and ld["inLanguage"] == r.original_language
        assert ld["author"] == {"@type": "Organization", "name": r.publisher} == ld["publisher"]
        assert ld["funder"]["name"] == r.commissioned_by[lang]
        assert ld["datePublished"] == r.presented and ld["url"] == DATA.sources[r.report_source].url
        # Only what data gives: the report's number and PDF are not known, and not made up.
        assert ("reportNumber" in ld) == bool(r.report_number) and ("encoding" in ld) == bool(r.pdf_url)
    assert seen == set(LANGUAGES)


@pytest.mark.build
def test_every_page_has_the_citation_tags(built_site):
    r = DATA.report
    for path, _lang in pages(built_site):
        tags = {}
        for name, content in META.findall(path.read_text(encoding="utf-8")):
            tags.setdefault(name, []).append(html.unescape(content))
        assert tags["citation_title"] == [r.original_title], path
        assert tags["citation_author"] == [r.publisher]
        assert tags["citation_technical_report_institution"] == [r.publisher]
        assert tags["citation_publication_date"] == [r.presented.replace("-", "/")]
        assert ("citation_technical_report_number" in tags) == bool(r.report_number)
        assert ("citation_pdf_url" in tags) == bool(r.pdf_url)


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_csl_json_download_stands_beside_the_bibtex_and_parses(built_site, lang):
    about = built_site / ("" if lang == LANGUAGES[0] else lang) / "om-rapporten" / "index.html"
    text = about.read_text(encoding="utf-8")
    link = re.search(r'<p class="report-citation__csl"><a href="([^"]+)" type="application/vnd.citationstyles.csl\+json"',
                     text)
    assert link and text.index("report-bibtex") < link.start(), "no CSL-JSON link after the report's BibTeX"
    items = json.loads((about.parent / link.group(1)).resolve().read_text(encoding="utf-8"))
    assert items == citation.report_csl(DATA, lang)
    item = items[0]
    assert item["type"] == "report" and item["title"] == DATA.report.original_title
    assert item["author"] == [{"literal": DATA.report.publisher}]
    assert item["issued"]["date-parts"][0][0] == int(DATA.report.presented[:4])


class _TextLanguages(HTMLParser):
    """Each run of text a reader sees, with the language the nearest lang attribute gives it (not code,
    such as BibTeX, which is not read as language)."""
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None, bool]] = []   # tag, its language, hidden from readers
        self.runs: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            lang = dict(attrs).get("lang") or (self.stack[-1][1] if self.stack else None)
            self.stack.append((tag, lang, tag in {"script", "style", "title", "pre", "code"} or bool(self.stack and self.stack[-1][2])))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if self.stack and not self.stack[-1][2] and data.strip():
            self.runs.append((data, self.stack[-1][1]))


@pytest.mark.build
def test_titles_in_another_language_are_marked_with_theirs(built_site):
    """WCAG 3.1.2: wherever a page in one language shows the report's or a source's title as published
    in another, that text carries its language, so that a screen reader reads it out in that language."""
    originals = {DATA.report.original_title: DATA.report.original_language,
                 **{s.original.text: s.original.language for s in DATA.sources.values() if s.original}}
    assert len(originals) > 1, "the sources' original titles are declared in data/report.yml"
    marked = 0
    for path, lang in pages(built_site):
        reader = _TextLanguages()
        reader.feed(path.read_text(encoding="utf-8"))
        for text, language in reader.runs:
            for original, original_language in originals.items():
                if original in text and original_language != lang:
                    assert language == original_language, (path, text, language)
                    marked += 1
    assert marked > 2 * len(originals), "no title in another language was found: are the source lists gone?"
