"""Hook: the pages link the favicon's files (reportsite/favicon.py decides which; the files are
among the theme's replacements in reportsite/state.py)."""

from __future__ import annotations

from reportsite import favicon, state


def on_env(env, *, config, files):
    env.globals["favicon_links"] = favicon.links(state.for_config(config).site.favicon)
    return env
