"""The web build as GitHub Pages serves it: under site_url's path, with 404.html for any missing address."""

from __future__ import annotations

import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import LANGUAGES, _QuietHandler, configured_site_url, lang_root, serve

SITE_URL = configured_site_url()
PREFIX = urlsplit(SITE_URL).path
NB_PAGES = ["", "funn/", "arsaker/", "anbefalinger/", "om-rapporten/", "ordliste/", "tilgjengelighet/"]
PAGES = [lang_root(lang) + p for lang in LANGUAGES for p in NB_PAGES]
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


class _PagesHandler(_QuietHandler):
    """Like GitHub Pages for a project site: the site under PREFIX, and /404.html for what is missing."""

    def translate_path(self, path):
        path = urlsplit(path).path
        inner = path[len(PREFIX):] if path.startswith(PREFIX) else "no-such-folder/"
        return super().translate_path("/" + inner)

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def pages_url(built_site):
    with serve(built_site, handler=_PagesHandler, prefix=PREFIX) as url:
        yield url


@pytest.fixture
def watched_page(browser):
    """A page that records console errors, failed and non-loopback requests (aborted) and HTTP errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems, page.requests = [], []

    def route(route):
        page.requests.append(route.request.url)
        if route.request.url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            page.problems.append(f"request to another host: {route.request.url}")
            route.abort()

    context.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text} ({m.location['url']})"))
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: page.problems.append(f"failed: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and page.problems.append(f"HTTP {r.status}: {r.url}"))
    yield page
    context.close()


def _head_links(page) -> list[dict]:
    return page.eval_on_selector_all("head link", """links => links.map(l => ({
        rel: Array.from(l.relList), hreflang: l.getAttribute('hreflang'), href: l.getAttribute('href')}))""")


@pytest.mark.browser
@pytest.mark.build
def test_every_page_has_canonical_and_hreflang_and_no_console_errors(watched_page, pages_url):
    page = watched_page
    for path in PAGES:
        nb_path = path[3:] if path.startswith(tuple(f"{lang}/" for lang in LANGUAGES)) else path
        response = page.goto(pages_url + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        links = _head_links(page)
        canonical = [link["href"] for link in links if "canonical" in link["rel"]]
        alternates = {link["hreflang"]: link["href"] for link in links if "alternate" in link["rel"]}
        assert canonical == [SITE_URL + path], path
        assert alternates == {**{lang: SITE_URL + lang_root(lang) + nb_path for lang in LANGUAGES},
                              "x-default": SITE_URL + nb_path}, path
    # Material's script would fetch a sitemap.xml beside every hreflang link: it does not.
    assert not [url for url in page.requests if "sitemap" in url]
    assert page.problems == []


@pytest.mark.build
def test_sitemap_lists_every_language_with_alternates(pages_url):
    with urllib.request.urlopen(pages_url + "sitemap.xml") as response:
        root = ET.fromstring(response.read())
    urls = root.findall("s:url", NS)
    locs = [u.findtext("s:loc", namespaces=NS) for u in urls]
    assert len(locs) == len(PAGES) and set(locs) == {SITE_URL + p for p in PAGES}
    for url in urls:
        loc = url.findtext("s:loc", namespaces=NS)
        path = loc[len(SITE_URL):]
        nb_path = path[3:] if path.startswith(tuple(f"{lang}/" for lang in LANGUAGES)) else path
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        assert alternates == {**{lang: SITE_URL + lang_root(lang) + nb_path for lang in LANGUAGES},
                              "x-default": SITE_URL + nb_path}
        assert url.findtext("s:lastmod", namespaces=NS)
    # Every address in it is a page of the site.
    for path in PAGES:
        with urllib.request.urlopen(pages_url + path) as response:
            assert response.status == 200


@pytest.mark.browser
@pytest.mark.parametrize("missing", ["finnes-ikke", "en/funn/a/b/c/", "funn/finnes/ikke.html"])
@pytest.mark.build
def test_404_page_works_at_any_depth_in_both_languages(watched_page, pages_url, missing):
    page = watched_page
    response = page.goto(pages_url + missing)
    assert response.status == 404
    # The browser reports the 404 of the address itself; nothing else may fail.
    page.problems = [p for p in page.problems if "404" not in p or pages_url + missing not in p]
    page.wait_for_load_state("networkidle")
    assert page.get_attribute("html", "lang") == "nb"
    assert page.inner_text("h1") == "Fant ikke siden"
    assert page.get_attribute("[lang=en] h2", "lang") is None and page.inner_text("[lang=en] h2") == "Page not found"
    # Material's stylesheet is applied: the header is fixed to the top, not an unstyled block.
    assert page.eval_on_selector(".md-header", "h => getComputedStyle(h).position") == "sticky"
    assert page.problems == []
    page.click("text=Go to the English front page")
    page.wait_for_load_state()
    assert page.url == pages_url + "en/"
    assert page.get_attribute("html", "lang") == "en"
    page.go_back()
    page.click("text=Gå til forsiden")
    page.wait_for_load_state()
    assert page.url == pages_url
    assert page.get_attribute("html", "lang") == "nb"


@pytest.mark.browser
@pytest.mark.build
def test_language_switcher_goes_straight_to_the_counterpart(watched_page, pages_url):
    """No detour through Material's sitemap lookup, which sent readers to an address without its slash."""
    page = watched_page
    page.goto(pages_url + "funn/")
    page.hover(".md-header__option .md-select")
    with page.expect_navigation():
        page.click(".md-select__link[hreflang='en']")
    assert page.url == pages_url + "en/funn/"
    assert [u for u in page.requests if u.rstrip("/").endswith("/en/funn")] == [pages_url + "en/funn/"]
    assert page.problems == []


@pytest.mark.build
def test_pages_server_serves_404_for_paths_outside_the_site(pages_url):
    root = pages_url[: -len(PREFIX)] + "/"
    with pytest.raises(urllib.error.HTTPError) as exc:
        urllib.request.urlopen(root + "index.html")
    assert exc.value.code == 404
