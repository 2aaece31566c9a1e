"""The Content Security Policy the site is built to run under, for hosts that can send headers.

README.md quotes it, and tests/test_csp.py serves the built site with it in Chromium.
"""

from __future__ import annotations

# Everything from the site's own origin only; no inline script or style anywhere (Material's
# inline scripts are moved into files by the overrides in site_src/partials/javascripts/).
# img-src allows data: because Material's stylesheet draws its icons from data: SVG URLs.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

# A chart's embed page exists to be framed by other sites (ministry pages, articles): it gets the
# same policy, except that any site may frame it. Every other page may not be framed at all.
EMBED_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'", "frame-ancestors *")


def policy_for(path: str) -> str:
    """The policy for a URL path under the site's root: 'embed/x/' and 'en/embed/x/' may be framed."""
    parts = [p for p in path.split("/") if p]
    return EMBED_CONTENT_SECURITY_POLICY if "embed" in parts[:2] else CONTENT_SECURITY_POLICY


# The one violation a reader's browser reports under that policy, and why it is harmless: Vega
# compiles chart expressions with Function(), which 'unsafe-eval' would allow. Without it the
# interactive chart does not start and the static SVG drawn at build time stays, with its data
# table; the reader sees the same chart, without tooltips.
EXPECTED_VIOLATIONS = (
    {"directive": "script-src", "blocked": "eval", "source": "assets/javascripts/vega-bundle.js"},
)
