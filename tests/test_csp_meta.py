"""The Content Security Policy every page carries in a <meta> element, for readers whose host sends
no header (GitHub Pages) or who have no host at all (the offline bundle, from file://).

Read in Chromium with no header, over HTTP and from the unpacked zip: the policy is enforced (an
inline script is refused), every chart is interactive, search works, and nothing is reported.
"""

from __future__ import annotations

import html
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import reach_for_charts, search_for, serve, site_pages
from reportsite import live_preview
from reportsite.security import (CONTENT_SECURITY_POLICY, EMBED_CONTENT_SECURITY_POLICY,
                                  META_CONTENT_SECURITY_POLICY, NOT_IN_META, page_meta_policy,
                                  preload_scripts)
from tools.build_site import bundle_stem

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push({
    directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile || ''}));
"""
INJECT_INLINE = """() => { const s = document.createElement('script');
    s.textContent = 'window.__inline = true'; document.head.appendChild(s); return window.__inline === true; }"""


class _Head(HTMLParser):
    """The elements of the head, in order, and the CSP meta elements' content."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.policies: list[str] = []
        self.in_head = True

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_head = False
        if not self.in_head or tag in ("html", "head"):
            return
        names = dict(attrs)
        if tag == "meta" and (names.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append(names.get("content") or "")
            tag = "meta-csp"
        self.tags.append(tag)


def _directives(policy: str) -> dict[str, str]:
    return dict(d.split(" ", 1) for d in policy.split("; "))


def test_meta_policy_is_the_declared_policy_less_what_meta_cannot_carry():
    page, meta = _directives(CONTENT_SECURITY_POLICY), _directives(META_CONTENT_SECURITY_POLICY)
    assert not set(meta) & set(NOT_IN_META)
    assert page.pop("frame-ancestors") == "'none'"
    assert meta == page and meta["script-src"] == "'self'"


def test_embed_pages_policy_differs_from_the_pages_in_frame_ancestors_alone():
    """Both policies are written out: a directive changed in one and not the other is caught here."""
    page, embed = _directives(CONTENT_SECURITY_POLICY), _directives(EMBED_CONTENT_SECURITY_POLICY)
    assert (page.pop("frame-ancestors"), embed.pop("frame-ancestors")) == ("'none'", "*")
    assert page == embed


def test_the_live_preview_carries_the_policy_with_inline_scripts_allowed(monkeypatch):
    """MkDocs puts its reload script inline into the preview's pages, different each time: inline
    scripts are allowed there, and nothing else differs."""
    monkeypatch.setenv(live_preview._SERVING, "")   # restored after the test, whatever start() leaves
    live_preview.start("build")
    assert page_meta_policy() == META_CONTENT_SECURITY_POLICY
    live_preview.start("serve")
    preview = _directives(page_meta_policy())
    assert preview.pop("script-src") == "'self' 'unsafe-inline'"
    site = _directives(META_CONTENT_SECURITY_POLICY)
    assert site.pop("script-src") == "'self'" and preview == site


@pytest.mark.parametrize("which", ["web", "offline"])
@pytest.mark.build
def test_every_page_carries_the_policy_first_in_its_head(built_bundle, tmp_path, which):
    if which == "web":
        folder = built_bundle.site
    else:
        with zipfile.ZipFile(built_bundle.zip_path) as archive:
            archive.extractall(tmp_path)
        folder = tmp_path / bundle_stem(built_bundle.epoch)
    pages = sorted(folder.rglob("*.html"))
    assert any("embed" in p.parts for p in pages) and (folder / "404.html").is_file() == (which == "web")
    for path in pages:
        head = _Head()
        head.feed(path.read_text(encoding="utf-8"))
        where = path.relative_to(folder)
        assert head.policies == [META_CONTENT_SECURITY_POLICY], where
        # Before any script or style it governs: only <meta charset> may come first.
        first = head.tags.index("meta-csp")
        assert set(head.tags[:first]) <= {"meta"}, (where, head.tags[: first + 1])


class _Scripts(HTMLParser):
    """The scripts a page loads, and those its head announces with <link rel="preload" as="script">."""

    def __init__(self):
        super().__init__()
        self.loaded: list[str] = []
        self.preloaded: list[str] = []
        self.in_head = True

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "body":
            self.in_head = False
        elif tag == "script" and names.get("src"):
            self.loaded.append(names["src"])
        elif tag == "link" and names.get("rel") == "preload" and names.get("as") == "script":
            assert self.in_head, names
            self.preloaded.append(names["href"])


@pytest.mark.build
@pytest.mark.parametrize("which", ["web", "offline"])
def test_every_script_of_a_page_is_announced_in_its_head(built_bundle, tmp_path, which):
    """The <meta> policy stops Chromium's preload scanner: without these, the body's scripts load one
    after another (make bench measures DOMContentLoaded against plain Material)."""
    folder = built_bundle.site if which == "web" else tmp_path
    if which == "offline":
        with zipfile.ZipFile(built_bundle.zip_path) as archive:
            archive.extractall(tmp_path)
        folder = tmp_path / bundle_stem(built_bundle.epoch)
    pages = [p for p in sorted(folder.rglob("*.html")) if "embed" not in p.relative_to(folder).parts]
    assert len(pages) >= 14
    for path in pages:
        scripts = _Scripts()
        scripts.feed(path.read_text(encoding="utf-8"))
        assert scripts.loaded and scripts.preloaded == list(dict.fromkeys(scripts.loaded)), path.relative_to(folder)


def test_pages_without_the_policy_are_left_to_the_preload_scanner():
    html = '<html><head><title>x</title></head><body><script src="a.js"></script></body></html>'
    assert preload_scripts(html) == html


def test_only_scripts_a_page_loads_are_announced():
    meta = f'<meta http-equiv="Content-Security-Policy" content="{META_CONTENT_SECURITY_POLICY}">'
    html = (f'<html><head>{meta}<title>x</title></head><body><!-- <script src="old.js"></script> -->'
            '<script src="a.js"></script><script type="application/json">{}</script><script src="a.js"></script></body></html>')
    announced = preload_scripts(html)
    assert announced.count('rel="preload"') == 1 and '<link rel="preload" href="a.js" as="script">' in announced
    assert announced.index('rel="preload"') > announced.index(meta)


@pytest.fixture(scope="module")
def unpacked(built_bundle, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(built_bundle.zip_path) as archive:
        archive.extractall(target)
    return target / bundle_stem(built_bundle.epoch)


@pytest.fixture(scope="module")
def no_header_url(built_site):
    """The web site served as GitHub Pages serves it: no Content-Security-Policy header."""
    with serve(built_site) as url:
        yield url


@pytest.fixture
def meta_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("console", lambda m: m.type == "error" and "Content Security Policy" in m.text and page.problems.append(m.text))
    yield page
    context.close()


def _pages(which: str, built_site: Path, unpacked: Path, base: str) -> list[str]:
    if which == "http":
        return [base + path for path in site_pages(built_site)]
    return [p.as_uri() for p in sorted(unpacked.rglob("*.html"))]


@pytest.mark.browser
@pytest.mark.parametrize("which", ["http", "file"])
@pytest.mark.build
def test_the_meta_policy_is_enforced_and_the_site_works_under_it(meta_page, which, built_site, unpacked, no_header_url):
    page = meta_page
    urls = _pages(which, built_site, unpacked, no_header_url)
    start = urls[0]
    response = page.goto(start)
    if which == "http":
        assert "content-security-policy" not in response.headers
    # Enforced: an inline script is refused (the only violation this test provokes).
    assert page.evaluate(INJECT_INLINE) is False
    assert [v["directive"] for v in page.evaluate("window.__violations")] == ["script-src-elem"]
    page.problems.clear()

    charts_seen = embeds_seen = 0
    for url in urls:
        page.goto(url)
        reach_for_charts(page)  # the chart runtime loads when a reader reaches for a chart
        states = page.eval_on_selector_all("figure.report-chart", """figs => figs.map(f => [f.dataset.chartState,
            f.querySelectorAll('.report-chart__view svg .mark-rect path').length])""")
        assert all(state == "interactive" and bars > 0 for state, bars in states), (url, states)
        charts_seen += len(states)
        embeds_seen += "/embed/" in url and len(states)
        assert page.evaluate("window.__violations") == [], url
        assert page.problems == [], url
    assert charts_seen >= 4 and embeds_seen >= 4


@pytest.mark.browser
@pytest.mark.parametrize("which, path, query", [("http", "", "Klimasats"), ("http", "en/", "procurement"),
                                                ("file", "funn.html", "kommunene"), ("file", "en/funn.html", "municipalities")])
@pytest.mark.build
def test_search_works_under_the_meta_policy(meta_page, which, path, query, unpacked, no_header_url):
    """Over HTTP the search worker is a Worker ('self'); from file:// it runs in an iframe (iframe-worker
    shim), which inherits the policy: its globals load from a file, not an inline script."""
    page = meta_page
    page.goto(no_header_url + path if which == "http" else (unpacked / path).as_uri())
    assert search_for(page, query).count() > 0
    assert page.evaluate("window.__violations") == []
    assert page.problems == []


def test_policy_text_needs_no_escaping_surprises():
    """The template escapes the policy ('self' becomes &#39;self&#39;): the browser reads it back unchanged."""
    assert html.unescape(html.escape(META_CONTENT_SECURITY_POLICY)) == META_CONTENT_SECURITY_POLICY
