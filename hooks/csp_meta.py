"""Hook: give the templates the Content Security Policy every page carries in a <meta> element
(declared once, in reportsite/security.py; written by site_src/main.html and the embed partial).

Not in the live preview: MkDocs puts its reload script inline into the preview's pages, which the
policy would refuse.
"""

from __future__ import annotations

from reportsite import live_preview, security


def on_env(env, *, config, files):
    env.globals["content_security_policy_meta"] = "" if live_preview.serving() else security.META_CONTENT_SECURITY_POLICY
    return env
