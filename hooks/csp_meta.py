"""Hook: give the templates the Content Security Policy every page carries in a <meta> element
(declared once, in reportsite/security.py; written by site_src/main.html)."""

from __future__ import annotations

from reportsite.security import META_CONTENT_SECURITY_POLICY


def on_env(env, config, files):
    env.globals["content_security_policy_meta"] = META_CONTENT_SECURITY_POLICY
    return env
