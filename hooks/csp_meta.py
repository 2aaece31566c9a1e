"""Hook: give the templates the Content Security Policy every page carries in a <meta> element
(declared once, in reportsite/security.py; written by site_src/main.html).

Not in the live preview (`mkdocs serve`): MkDocs injects its reload script there inline, which the
policy would refuse, and the preview's pages are never published.
"""

from __future__ import annotations

from reportsite import preview
from reportsite.security import META_CONTENT_SECURITY_POLICY


def on_env(env, config, files):
    env.globals["content_security_policy_meta"] = "" if preview.serving else META_CONTENT_SECURITY_POLICY
    return env
