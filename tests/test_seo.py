"""Canonical URLs, hreflang alternates and the sitemap, from a page's source path (reportsite.seo)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from reportsite import seo
from reportsite.paths import SitePaths

SITE = "https://example.org/rapport/"
PATHS = SitePaths(("nb", "en"))
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.mark.parametrize("src, path", [
    ("nb/index.md", ""),
    ("en/index.md", "en/"),
    ("nb/funn.md", "funn/"),
    ("en/funn.md", "en/funn/"),
    ("nb/del/index.md", "del/"),
    ("en/del/side.md", "en/del/side/"),
])
def test_web_path_is_the_directory_url(src, path):
    assert PATHS.web_path(src) == path


def test_web_path_refuses_what_is_not_a_page():
    with pytest.raises(ValueError, match="not a page"):
        PATHS.web_path("nb/bilde.png")


@pytest.mark.parametrize("src", ["nb/funn.md", "en/funn.md"])
def test_alternates_are_the_same_from_either_language(src):
    assert [(a.hreflang, a.url) for a in seo.alternates(src, SITE, PATHS)] == [
        ("nb", "https://example.org/rapport/funn/"),
        ("en", "https://example.org/rapport/en/funn/"),
        ("x-default", "https://example.org/rapport/funn/"),
    ]


def test_canonical_url_is_absolute_under_site_url_with_or_without_its_slash():
    assert seo.canonical_url("en/index.md", SITE, PATHS) == "https://example.org/rapport/en/"
    assert seo.canonical_url("en/index.md", SITE.rstrip("/"), PATHS) == "https://example.org/rapport/en/"
    with pytest.raises(ValueError, match="site_url is empty"):
        seo.canonical_url("en/index.md", "", PATHS)


def test_sitemap_lists_every_page_in_both_languages_with_alternates():
    xml = seo.sitemap_xml(["nb/funn.md", "nb/index.md"], SITE, "2026-11-27", PATHS)
    root = ET.fromstring(xml)
    urls = root.findall("s:url", NS)
    assert [u.findtext("s:loc", namespaces=NS) for u in urls] == [
        SITE, SITE + "funn/", SITE + "en/", SITE + "en/funn/"]
    for url in urls:
        assert url.findtext("s:lastmod", namespaces=NS) == "2026-11-27"
        links = {(link.get("rel"), link.get("hreflang")): link.get("href") for link in url.findall("x:link", NS)}
        assert set(links) == {("alternate", "nb"), ("alternate", "en"), ("alternate", "x-default")}
        assert url.findtext("s:loc", namespaces=NS) in links.values()
    # Either language's pages give the same sitemap.
    assert seo.sitemap_xml(["en/index.md", "en/funn.md"], SITE, "2026-11-27", PATHS) == xml


def test_sitemap_lists_files_of_every_language_with_each_other_as_alternates():
    files = {"nb": "downloads/r-nb.pdf", "en": "downloads/r-en.pdf"}
    root = ET.fromstring(seo.sitemap_xml(["nb/index.md"], SITE, "2026-11-27", PATHS, files=files))
    urls = root.findall("s:url", NS)[2:]
    assert [u.findtext("s:loc", namespaces=NS) for u in urls] == [SITE + files["nb"], SITE + files["en"]]
    for url in urls:
        assert url.findtext("s:lastmod", namespaces=NS) == "2026-11-27"
        assert {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)} == {
            lang: SITE + path for lang, path in files.items()}


def test_sitemap_escapes_urls():
    xml = seo.sitemap_xml(["nb/a&b.md"], "https://example.org/?x=<1>/", None, PATHS)
    root = ET.fromstring(xml)   # well formed
    assert root.find("s:url/s:loc", NS).text == "https://example.org/?x=<1>/a&b/"
    assert "<lastmod>" not in xml
