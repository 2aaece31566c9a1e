"""Hook: the theme's templates are compiled once per process, not again in every language pass and
every rebuild of the live preview (reportsite/cache.py, compiled_templates), and its files are listed
without the hidden folders MkDocs leaves out anyway (reportsite/engine.py, quicker_theme_environment)."""

from __future__ import annotations

from reportsite import cache, engine


def on_config(config):
    engine.quicker_theme_environment(config, cache.compiled_templates)
    return config
