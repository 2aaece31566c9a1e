"""Hook: give the templates the Content Security Policy every page carries in a <meta> element
(declared once, in reportsite/security.py; written by site_src/main.html)."""

from __future__ import annotations

from reportsite import security


def on_env(env, *, config, files):
    env.globals["content_security_policy_meta"] = security.META_CONTENT_SECURITY_POLICY
    return env
