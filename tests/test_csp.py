"""The built site under a strict Content Security Policy, served on loopback with the header and read
in Chromium: every chart visible, search working, and only the violation we expect and document."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, reach_for_charts, search_for, serve, site_pages

from reportsite.security import CONTENT_SECURITY_POLICY, EMBED_CONTENT_SECURITY_POLICY, EXPECTED_VIOLATIONS, policy_for


MATERIAL_PARTIALS = Path(__import__("material").__file__).parent / "templates" / "partials" / "javascripts"
OUR_SCRIPTS = ROOT / "site_src" / "assets" / "javascripts"

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push({
    directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile || ''}));
"""


@pytest.fixture(scope="module")
def csp_url(built_site):
    with serve(built_site, lambda path: {"Content-Security-Policy": policy_for(path)}) as url:
        yield url


@pytest.fixture
def csp_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.page_errors = []
    page.on("pageerror", lambda e: page.page_errors.append(str(e)))
    yield page
    context.close()


def _unexpected(violations: list[dict]) -> list[dict]:
    def expected(v):
        return any(v["directive"] == e["directive"] and v["blocked"] == e["blocked"]
                   and v["source"].endswith("/" + e["source"]) for e in EXPECTED_VIOLATIONS)
    return [v for v in violations if not expected(v)]


@pytest.mark.browser
@pytest.mark.build
def test_the_policy_is_enforced(csp_page, csp_url):
    """The header reaches the browser and blocks inline script, so the other tests mean something."""
    response = csp_page.goto(csp_url)
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    ran = csp_page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__inline = true'; document.head.appendChild(s); return window.__inline === true; }""")
    assert ran is False
    # Reported once by the header's policy and once by the page's own <meta> copy (tests/test_csp_meta.py).
    assert [v["directive"] for v in csp_page.evaluate("window.__violations")] == ["script-src-elem"] * 2


@pytest.mark.browser
@pytest.mark.build
def test_every_page_works_under_the_policy(csp_page, csp_url, built_site):
    pages = site_pages(built_site)
    assert "funn/" in pages and "en/funn/" in pages
    charts_seen = 0
    for path in pages:
        csp_page.goto(csp_url + path)
        reach_for_charts(csp_page)
        charts = csp_page.eval_on_selector_all("figure.report-chart", """figs => figs.map(f => {
            const view = f.querySelector('.report-chart__view');
            const drawn = view.querySelector('.report-chart__interactive svg');
            const box = drawn ? drawn.getBoundingClientRect() : {width: 0, height: 0};
            return {id: f.dataset.chart, state: f.dataset.chartState, width: box.width, height: box.height,
                    bars: drawn ? drawn.querySelectorAll('.mark-rect path').length : 0};
        })""")
        for chart in charts:
            # The interactive view starts without 'unsafe-eval' (the bundle's interpreter evaluates expressions).
            assert chart["state"] == "interactive", (path, chart)
            assert chart["bars"] > 0 and chart["width"] > 200 and chart["height"] > 50, (path, chart)
        charts_seen += len(charts)
        violations = csp_page.evaluate("window.__violations")
        assert _unexpected(violations) == [], path
        assert csp_page.page_errors == [], path
    assert charts_seen >= 4


@pytest.mark.parametrize("path, query", [("", "Klimasats"), ("en/", "procurement")])
@pytest.mark.browser
@pytest.mark.build
def test_search_works_under_the_policy(csp_page, csp_url, path, query):
    """Material's search runs in a web worker loaded from the site: worker-src 'self' lets it run."""
    csp_page.goto(csp_url + path)
    assert search_for(csp_page, query).count() > 0
    assert _unexpected(csp_page.evaluate("window.__violations")) == []
    assert csp_page.page_errors == []


class _InlineCode(HTMLParser):
    """Collects what a strict policy would block: inline scripts, <style>, style and on* attributes.
    Parsed, not searched as text: code shown to readers (an embed snippet, say) is text, not markup."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "style" or (tag == "script" and "src" not in names and names.get("type") not in ("application/json", "application/ld+json")):
            self.found.append(f"<{tag}>")
        self.found.extend(f"<{tag} {name}=>" for name, _ in attrs if name == "style" or name.startswith("on"))


@pytest.mark.build
def test_built_pages_have_no_inline_script_or_style(built_site):
    offenders = []
    for path in sorted(built_site.rglob("*.html")):
        parser = _InlineCode()
        parser.feed(path.read_text(encoding="utf-8"))
        offenders += [f"{path.relative_to(built_site)}: {found}" for found in parser.found]
    assert offenders == []


@pytest.mark.parametrize("partial, ours", [("base.html", "md-scope.js"), ("palette.html", "md-palette.js"),
                                           ("content.html", "md-content.js")])
def test_moved_scripts_match_materials_own(partial, ours):
    """The overrides carry Material's inline scripts unchanged (but for the scope); an upgrade that changes them fails here."""
    theirs = re.findall(r"<script>(.*?)</script>", (MATERIAL_PARTIALS / partial).read_text(encoding="utf-8"), re.S)[-1]
    theirs = theirs.replace('"{{ config.extra.scope | d(base_url) }}"', 'document.currentScript.getAttribute("data-md-scope")')
    code = [line for line in (OUR_SCRIPTS / ours).read_text(encoding="utf-8").splitlines() if not line.startswith("//")]
    assert "\n".join(code).strip() == theirs.strip()


def test_readme_documents_the_exact_policy():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"Content-Security-Policy: {CONTENT_SECURITY_POLICY}" in readme
    assert "ast: true" in readme and "'unsafe-eval'" in readme


@pytest.mark.browser
@pytest.mark.build
def test_embed_pages_may_be_framed_by_another_site_and_other_pages_not(csp_page, csp_url, tmp_path):
    """A ministry page on another origin frames an embed page: the chart shows; a normal page is refused."""
    (tmp_path / "index.html").write_text(
        f'<!doctype html><title>Host</title><iframe id="embed" title="Chart" src="{csp_url}embed/participation-gaps/"'
        f' width="600" height="500"></iframe><iframe id="page" title="Page" src="{csp_url}funn/"></iframe>',
        encoding="utf-8")
    with serve(tmp_path) as host:
        assert host != csp_url
        csp_page.goto(host)   # the host page's load event waits for both frames
        embed = next(f for f in csp_page.frames if "/embed/participation-gaps/" in f.url)
        embed.locator("img.report-chart__static--light").wait_for()
        assert embed.locator("img.report-chart__static--light").evaluate("img => img.complete && img.naturalWidth > 0")
        assert "Klimasats" in embed.locator("table").text_content()
        # The normal page is refused: Chromium puts its error page in the frame instead.
        refused = [f.url for f in csp_page.frames if f not in (csp_page.main_frame, embed) and f.parent_frame is csp_page.main_frame]
        assert len(refused) == 1 and refused[0].startswith("chrome-error://"), refused


def test_readme_documents_the_embed_policy():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"Content-Security-Policy: {EMBED_CONTENT_SECURITY_POLICY}" in readme
