"""Hook: give the templates the Content Security Policy a page carries in a <meta> element
(decided in reportsite/security.py, the live preview included; written by site_src/main.html),
and announce the page's scripts after it, which the policy hides from Chromium's preload scanner."""

from __future__ import annotations

from reportsite import security


def on_env(env, *, config, files):
    env.globals["content_security_policy_meta"] = security.page_meta_policy()
    return env


def on_post_page(output, *, page, config):
    return security.preload_scripts(output)


def on_post_template(output_content, *, template_name, config):
    return security.preload_scripts(output_content)   # 404.html
