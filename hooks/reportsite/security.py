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

# The one violation a reader's browser reports under that policy, and why it is harmless: Vega
# compiles chart expressions with Function(), which 'unsafe-eval' would allow. Without it the
# interactive chart does not start and the static SVG drawn at build time stays, with its data
# table; the reader sees the same chart, without tooltips.
EXPECTED_VIOLATIONS = (
    {"directive": "script-src", "blocked": "eval", "source": "assets/javascripts/vega-bundle.js"},
)
