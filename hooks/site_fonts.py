"""Hook: the pages preload the site's typeface (reportsite/fonts.py; its files and stylesheet are
among the generated files). Not in the offline bundle, whose stylesheet carries the fonts itself:
browsers refuse font files from file://."""

from __future__ import annotations

from reportsite import fonts, state


def on_env(env, *, config, files):
    env.globals["font_preloads"] = [] if state.for_config(config).site.fonts_inline else fonts.preloads()
    return env
