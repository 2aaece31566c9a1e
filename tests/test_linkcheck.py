"""The link checker (tools/linkcheck.py): it finds each kind of fault, and both real builds have none."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from conftest import configured_site_url
from reportsite.paths import SitePaths
from tools.linkcheck import check_site, counterpart

SITE_URL = "https://example.github.io/distriktsinnovasjon/"


def _page(lang: str, body: str, nb: str, en: str, up: str = "") -> str:
    return (f'<!doctype html><html lang="{lang}"><head><link rel="stylesheet" href="{up}style.css"></head><body>'
            f'<a class="md-select__link" hreflang="nb" href="{nb}">Norsk</a>'
            f'<a class="md-select__link" hreflang="en" href="{en}">English</a>'
            f'<nav><a href="index.html">Hjem</a> <a href="side.html">Side</a></nav>'
            f'<main>{body}</main></body></html>')


@pytest.fixture
def tiny_site(tmp_path, monkeypatch) -> Path:
    """A two-page site in two languages without directory URLs, with no faults; the checker is told
    that these two are the site's languages."""
    monkeypatch.setattr("tools.linkcheck.project_paths", lambda: SitePaths(("nb", "en")))
    (tmp_path / "en").mkdir()
    (tmp_path / "style.css").write_text("")
    (tmp_path / "index.html").write_text(_page("nb", '<h2 id="a">A</h2><a href="side.html#b">B</a>',
                                               "index.html", "en/index.html"))
    (tmp_path / "side.html").write_text(_page("nb", '<h2 id="b">B</h2>', "side.html", "en/side.html"))
    (tmp_path / "en" / "index.html").write_text(_page("en", '<a href="#top">top</a><a id="top"></a>',
                                                      "../index.html", "index.html", "../"))
    (tmp_path / "en" / "side.html").write_text(_page("en", "", "../side.html", "side.html", "../"))
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_a_sound_site_has_no_problems(tiny_site):
    assert check_site(tiny_site, SITE_URL, directory_urls=False) == []


def test_finds_a_missing_file(tiny_site):
    _edit(tiny_site / "side.html", '<h2 id="b">', '<img src="bilde.svg" alt=""><h2 id="b">')
    assert check_site(tiny_site, SITE_URL, False) == [
        "side.html: <img> bilde.svg: leads to bilde.svg, which is not in the site"]


def test_finds_a_missing_anchor(tiny_site):
    _edit(tiny_site / "index.html", "side.html#b", "side.html#c")
    assert check_site(tiny_site, SITE_URL, False) == [
        "index.html: <a> side.html#c: no element on side.html has the id 'c'"]


def test_finds_a_link_that_leaves_the_site_folder(tiny_site):
    _edit(tiny_site / "en" / "side.html", "<main>", '<main><a href="../../index.html">up</a>')
    problems = check_site(tiny_site, SITE_URL, False)
    assert problems == ["en/side.html: <a> ../../index.html: leads to ../index.html, which is not in the site"]


def test_finds_a_switcher_that_leads_elsewhere(tiny_site):
    _edit(tiny_site / "en" / "side.html", 'hreflang="nb" href="../side.html"', 'hreflang="nb" href="../index.html"')
    assert check_site(tiny_site, SITE_URL, False) == [
        "en/side.html: the switcher's 'nb' link ../index.html leads to index.html, "
        "not to the page's counterpart side.html"]


def test_finds_a_page_no_navigation_reaches(tiny_site):
    (tiny_site / "gjemt.html").write_text(_page("nb", "", "gjemt.html", "en/gjemt.html").replace(
        'href="en/gjemt.html"', 'href="en/index.html"'))
    problems = check_site(tiny_site, SITE_URL, False)
    assert "gjemt.html: no navigation link leads to this page" in problems


def test_finds_folder_links_only_where_they_cannot_work(tiny_site):
    (tiny_site / "mappe").mkdir()
    (tiny_site / "mappe" / "index.html").write_text("<html></html>")
    _edit(tiny_site / "side.html", "<main>", '<main><a href="mappe/">mappe</a>')
    offline = check_site(tiny_site, SITE_URL, directory_urls=False)
    assert "side.html: <a> mappe/: a folder link, which a file:// reader cannot open" in offline


def test_follows_links_to_the_site_url_in_the_web_build_only(tiny_site):
    _edit(tiny_site / "side.html", "<main>", f'<main><a href="{SITE_URL}finnes-ikke/">x</a>')
    assert check_site(tiny_site, SITE_URL, directory_urls=False) == []
    web = check_site(tiny_site, SITE_URL, directory_urls=True)
    assert f"side.html: <a> {SITE_URL}finnes-ikke/: leads to finnes-ikke/index.html, which is not in the site" in web


@pytest.mark.parametrize("path, lang, expected", [
    ("funn/index.html", "en", "en/funn/index.html"),
    ("en/funn/index.html", "nb", "funn/index.html"),
    ("en/index.html", "en", "en/index.html"),
    ("funn.html", "en", "en/funn.html"),
])
def test_counterpart(path, lang, expected):
    assert counterpart(path, lang, SitePaths(("nb", "en"))) == expected


def _pages(site: Path) -> set[str]:
    """The site's pages, without the charts' embed pages (counted apart)."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html") if "embed" not in p.relative_to(site).parts}


def _embeds(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html") if "embed" in p.relative_to(site).parts}


@pytest.mark.build
def test_web_build_has_no_broken_links(built_site):
    assert len(_pages(built_site)) == 15   # seven pages in each language, and 404.html
    assert len(_embeds(built_site)) == 4   # two charts, each in both languages
    assert check_site(built_site, configured_site_url(), directory_urls=True) == []


@pytest.mark.build
def test_offline_bundle_has_no_broken_links(built_bundle, tmp_path):
    with zipfile.ZipFile(built_bundle.zip_path) as archive:
        archive.extractall(tmp_path)
    (folder,) = tmp_path.iterdir()
    assert len(_pages(folder)) == 14 and "404.html" not in _pages(folder)
    assert len(_embeds(folder)) == 4
    assert check_site(folder, configured_site_url(), directory_urls=False) == []
