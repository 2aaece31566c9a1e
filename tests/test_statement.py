"""The accessibility statement: its evidence names every success criterion and only tests that
exist; the built pages show it in the regulator's form in both languages; every page links to it."""

from __future__ import annotations

import datetime
import html
import functools
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from conftest import LANGUAGES, ROOT, VARIANT_PUBLISHER, lang_root, load_data, site_pages
from reportsite.statement import CRITERIA, WCAG22_ADDED

DATA = load_data()
STATEMENT = DATA.accessibility
STATEMENT_PAGE = {lang: f"{lang_root(lang)}tilgjengelighet/" for lang in LANGUAGES}


@functools.cache
def collected_test_ids() -> frozenset[str]:
    """Every test pytest collects in this project, as node ids without their parameters."""
    proc = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    ids = {line.split("[", 1)[0] for line in proc.stdout.splitlines() if "::" in line}
    assert len(ids) > 100, proc.stdout[-2000:] + proc.stderr[-2000:]
    return frozenset(ids)


def unknown_tests(statement: dict) -> list[str]:
    known = collected_test_ids()
    return [f"{c['id']}: {t}" for c in statement["criteria"] for t in c.get("tests", []) if t not in known]


def test_every_success_criterion_is_in_the_evidence_once():
    ids = [c["id"] for c in STATEMENT["criteria"]]
    assert sorted(ids) == sorted(CRITERIA) and len(ids) == len(set(ids))
    # WCAG 2.1 at A and AA has 50 criteria (4.1.1 included); WCAG 2.2 adds 6 at A and AA.
    assert len(CRITERIA) - len(WCAG22_ADDED) == 50 and len(WCAG22_ADDED) == 6


def test_every_test_the_evidence_names_exists():
    assert unknown_tests(STATEMENT) == []
    named = {t for c in STATEMENT["criteria"] for t in c.get("tests", [])}
    assert "tests/test_wcag22.py::test_every_target_is_big_enough_or_spaced" in named


def test_a_test_that_does_not_exist_is_caught():
    broken = {"criteria": [{"id": "1.1.1", "tests": ["tests/test_accessibility.py::test_no_such_test"]}]}
    assert unknown_tests(broken) == ["1.1.1: tests/test_accessibility.py::test_no_such_test"]


class _Page(HTMLParser):
    """The footer's statement link, the criteria table's rows and the page's text."""

    def __init__(self):
        super().__init__()
        self.footer_links: list[str] = []
        self.rows: dict[str, str] = {}
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "data-accessibility-statement" in attrs:
            self.footer_links.append(attrs["href"])
        if tag == "tr" and "data-criterion" in attrs:
            self.rows[attrs["data-criterion"]] = attrs["data-result"]

    def handle_data(self, data):
        self.text.append(data)


def _parse(path) -> _Page:
    parser = _Page()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.build
def test_the_statement_page_has_the_regulators_parts(built_site, built_bundle, lang):
    page = _parse(built_site / STATEMENT_PAGE[lang] / "index.html")
    text = re.sub(r"\s+", " ", "".join(page.text))
    words = STATEMENT["text"][lang]
    # Every criterion, with its result from data.
    assert page.rows == {c["id"]: c["result"] for c in STATEMENT["criteria"]}
    # Status: some criteria are not met, each named with the reason and who it affects.
    not_met = [c for c in STATEMENT["criteria"] if c["result"] == "not-met"]
    assert words["status_partial" if not_met else "status_met"] in text
    for c in not_met:
        assert c["reason"][lang] in text and c["affected"][lang] in text
    # Feedback: the sources give no publisher or contact address, and the page says so plainly.
    assert DATA.site_publisher is None
    assert words["no_contact"] in text
    # Complaints and registration.
    for name in ("Universal Design of ICT" if lang == "en" else "Tilsynet for universell utforming av IKT",
                 "Diskrimineringsnemnda", "uustatus.no"):
        assert name in text, name
    # Last checked: the date of the build's commit (SOURCE_DATE_EPOCH).
    date = datetime.datetime.fromtimestamp(built_bundle.epoch, datetime.timezone.utc).date().isoformat()
    assert f'<time datetime="{date}">' in (built_site / STATEMENT_PAGE[lang] / "index.html").read_text(encoding="utf-8")
    # No claim about what the law requires of this site that no source backs.
    assert "krever for offentlige virksomheter" not in text and "require of public bodies" not in text


@pytest.mark.build
def test_every_page_links_to_the_statement_in_its_language(built_site):
    pages = [p for p in site_pages(built_site) if not p.startswith(tuple(f"{lang_root(lang)}embed/" for lang in LANGUAGES))]
    assert len(pages) >= 14
    for path in pages:
        links = _parse(built_site / path / "index.html").footer_links
        assert len(links) == 1, path
        expected = next(STATEMENT_PAGE[lang] for lang in reversed(LANGUAGES) if path.startswith(lang_root(lang)))
        assert _normalise("/" + path + links[0]) == "/" + expected, (path, links[0])
    # The 404 page, at the site root and in both languages, links to the Norwegian statement.
    links = _parse(built_site / "404.html").footer_links
    assert len(links) == 1 and links[0].endswith("/tilgjengelighet/")


def _normalise(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/" + "/".join(parts) + "/"


@pytest.mark.browser
@pytest.mark.parametrize("start, lang", [("funn/", "nb"), ("nn/funn/", "nn"), ("en/funn/", "en")])
@pytest.mark.build
def test_the_footer_link_leads_to_the_statement(page, site_url, start, lang):
    page.goto(site_url + start)
    link = page.locator(".md-footer [data-accessibility-statement]")
    assert link.is_visible()
    link.click()
    page.wait_for_url(site_url + STATEMENT_PAGE[lang])
    assert page.locator("table.report-statement__table tbody tr").count() == len(CRITERIA)


@pytest.mark.build
def test_the_sites_publisher_from_data_shows_in_footer_statement_and_citations(variant_site_folder):
    """site_publisher in data/report.yml (left out while the sources name none): when given (the variant
    site, conftest.VARIANT_PUBLISHER), its name and contact stand in every page's footer, with its
    uustatus.no statement, in the accessibility statement and in the site's citations, escaped."""
    site, name = variant_site_folder, VARIANT_PUBLISHER
    for lang in LANGUAGES:
        prefix = lang_root(lang)
        ui = load_data(site.parent / "project").ui[lang]
        shown = ui["footer_publisher"].replace("{name}", name[lang])
        for page in ("", "funn/", "tilgjengelighet/"):
            html_text = (site / prefix / page / "index.html").read_text(encoding="utf-8")
            footer = html_text[html_text.index('class="md-copyright"'):]
            assert f'<p class="report-footer-publisher">{html.escape(shown, quote=False)}' in footer, (lang, page)
            assert "<b>Co</b>" not in html_text
            assert 'href="mailto:post@example.invalid"' in footer
            assert 'href="https://uustatus.no/nb/erklaringer/publisert/example">' + ui["footer_uustatus"] in footer
        statement = (site / prefix / "tilgjengelighet" / "index.html").read_text(encoding="utf-8")
        contact = re.search(r'<p class="report-statement__contact">(.*?)</p>', statement, re.S).group(1)
        assert html.escape(name[lang], quote=False) in contact and "mailto:post@example.invalid" in contact
        assert DATA.accessibility["text"][lang]["no_contact"] not in statement
        about = (site / prefix / "om-rapporten" / "index.html").read_text(encoding="utf-8")
        site_citation = re.findall(r'<p class="report-citation__text">(.*?)</p>', about, re.S)[1]
        assert site_citation.startswith(html.escape(name[lang], quote=False) + ". "), site_citation
