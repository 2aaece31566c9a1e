"""The Content Security Policy the site is built to run under: sent as a header by hosts that can,
and carried by every page itself in a <meta http-equiv> element (META_CONTENT_SECURITY_POLICY), so
that readers on GitHub Pages (which sends no such header) and of the offline bundle (file://, which
has no headers) get it too.

README.md quotes it; tests/test_csp.py serves the built site with the header in Chromium, and
tests/test_csp_meta.py reads the site with no header, over HTTP and from file://.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from . import live_preview
from .errors import Problem

# What a <meta> element cannot carry (CSP 3, section 3.3): browsers ignore these there and say so
# in the console.
NOT_IN_META = ("frame-ancestors", "report-uri", "report-to", "sandbox")


def _policy(*directives: str) -> str:
    return "; ".join(directives)


# Everything from the site's own origin only; no inline script or style anywhere (Material's
# inline scripts are moved into files by the overrides in site_src/partials/javascripts/).
# img-src allows data: because Material's stylesheet draws its icons from data: SVG URLs;
# font-src allows data: for the offline bundle, whose stylesheet carries the fonts (file://
# refuses font files). No page may be framed.
CONTENT_SECURITY_POLICY = _policy(
    "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
    "font-src 'self' data:", "connect-src 'self'", "worker-src 'self'", "manifest-src 'self'",
    "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
)

# A chart's embed page exists to be framed by other sites (ministry pages, articles): the same
# policy, written out, except that any site may frame it (tests/test_csp.py checks that the two
# differ in frame-ancestors alone).
EMBED_CONTENT_SECURITY_POLICY = _policy(
    "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
    "font-src 'self' data:", "connect-src 'self'", "worker-src 'self'", "manifest-src 'self'",
    "base-uri 'self'", "form-action 'self'", "frame-ancestors *",
)


def meta_policy(policy: str = CONTENT_SECURITY_POLICY) -> str:
    """The policy less what a <meta http-equiv> element cannot carry."""
    return "; ".join(d for d in policy.split("; ") if d.split(" ", 1)[0] not in NOT_IN_META)


# One for every page, embed pages included: the two header policies differ only in frame-ancestors.
META_CONTENT_SECURITY_POLICY = meta_policy()


# The live preview's: MkDocs puts its reload script inline into every page, different each time (no
# hash can name it), so inline scripts are allowed there, and nothing else is. What a page itself
# may hold is the raw-HTML policy below, and a page with any problem is not shown in the preview.
PREVIEW_META_CONTENT_SECURITY_POLICY = META_CONTENT_SECURITY_POLICY.replace(
    "script-src 'self'", "script-src 'self' 'unsafe-inline'")


def page_meta_policy() -> str:
    """What a page's <meta http-equiv="Content-Security-Policy"> carries in this build: the policy,
    in the live preview with MkDocs' inline reload script allowed. Pages (site_src/main.html) and
    embed pages (the embed partial) both ask here."""
    return PREVIEW_META_CONTENT_SECURITY_POLICY if live_preview.serving() else META_CONTENT_SECURITY_POLICY


# -- raw HTML in pages (README: "Raw HTML in pages") ---------------------------------------------
# What a page's own HTML (and Markdown's links and attributes) may not hold: what runs code, loads
# or frames other content, sends data, or changes where the page and its links go. HTML for text
# (abbr, sup, sub, kbd, br, details, div and span with a class, tables) is left alone.
REFUSED_ELEMENTS = frozenset(("script", "noscript", "iframe", "frame", "frameset", "object", "embed", "applet",
                              "portal", "form", "input", "button", "textarea", "select", "base", "meta", "link",
                              "style", "template", "svg", "math"))
REFUSED_ATTRIBUTES = ("srcdoc", "formaction", "http-equiv")
_REFUSED_SCHEME = re.compile(r"(javascript|vbscript|data):", re.I)
RAW_HTML_HINT = ("a page holds Markdown, and HTML for text only: no scripts, event handlers, javascript: or data: "
                 "addresses, frames, objects, forms, styles, <base> or <meta> (README, 'Raw HTML in pages')")


class _RawHtml(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refused: list[tuple[str, str]] = []   # (text to find the line by, what it is)

    def handle_starttag(self, tag, attrs):
        if tag in REFUSED_ELEMENTS:
            self.refused.append((f"<{tag}", f"the element <{tag}>"))
        for name, value in attrs:
            scheme = _REFUSED_SCHEME.match(re.sub(r"[\x00-\x20]", "", value or ""))   # as browsers read it
            if name.startswith("on") or name in REFUSED_ATTRIBUTES:
                self.refused.append((name, f"the attribute {name}"))
            elif scheme:
                self.refused.append((scheme.group(1), f"a {scheme.group(1).lower()}: address"))

    handle_startendtag = handle_starttag


def raw_html_problems(html: str, markdown: str, shown: str) -> list[Problem]:
    """The first thing the page's HTML (as Markdown made it) may not hold, at the line that holds it."""
    parser = _RawHtml()
    parser.feed(html)
    parser.close()
    for needle, what in parser.refused[:1]:
        line = next((n for n, text in enumerate(markdown.splitlines(), 1) if needle.lower() in text.lower()), None)
        return [Problem(shown, line, "", f"{what} is not allowed in a page", RAW_HTML_HINT)]
    return []


def policy_for(path: str) -> str:
    """The policy for a URL path under the site's root: 'embed/x/' and 'en/embed/x/' may be framed."""
    parts = [p for p in path.split("/") if p]
    return EMBED_CONTENT_SECURITY_POLICY if "embed" in parts[:2] else CONTENT_SECURITY_POLICY


# Violations a reader's browser reports under the policy, with the site as built: none. (Vega
# compiles chart expressions with Function(), which only 'unsafe-eval' would allow; the charts use
# the expression interpreter inside vega-bundle.js instead (vega-embed's `ast: true`), which
# evaluates them without it: site_src/assets/javascripts/charts.js.)
EXPECTED_VIOLATIONS: tuple[dict, ...] = ()


# A <script> that loads a file (JSON data blocks have no src).
_SCRIPT_SRC = re.compile(r'<script src="([^"]+)"')
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_POLICY_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def preload_scripts(html: str) -> str:
    """The page with every script it loads announced right after its <meta> policy.

    Chromium's preload scanner stops at a <meta> Content Security Policy, so the body's scripts
    would be fetched one after another as the parser reaches each (DOMContentLoaded about twice as
    late as without the policy, over loopback). <link rel="preload"> in the head is read by the
    parser itself: the fetches start together, early. A page without the <meta> is left as it is."""
    meta = _POLICY_META.search(html)
    if meta is None:
        return html
    sources = dict.fromkeys(_SCRIPT_SRC.findall(_COMMENT.sub("", html[meta.end():])))
    links = "".join(f'\n<link rel="preload" href="{src}" as="script">' for src in sources)
    return html[:meta.end()] + links + html[meta.end():]
