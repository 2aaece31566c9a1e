"""Hook: the theme's templates are compiled once per process, not again in every language pass and
every rebuild of the live preview (reportsite/cache.py, compiled_templates), and its files are listed
without the hidden folders MkDocs leaves out anyway (reportsite/engine.py, skip_hidden_theme_folders)."""

from __future__ import annotations

from reportsite import cache, engine


def on_config(config):
    engine.skip_hidden_theme_folders(config)
    return config


def on_env(env, *, config, files):
    env.bytecode_cache = cache.compiled_templates
    return env
