"""Hook: give the templates the Content Security Policy a page carries in a <meta> element
(decided in reportsite/security.py, the live preview included; written by site_src/main.html)."""

from __future__ import annotations

from reportsite import security


def on_env(env, *, config, files):
    env.globals["content_security_policy_meta"] = security.page_meta_policy()
    return env
