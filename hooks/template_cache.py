"""Hook: the theme's templates are compiled once per process, not again in every language pass and
every rebuild of the live preview (reportsite/cache.py, compiled_templates)."""

from __future__ import annotations

from reportsite import cache


def on_env(env, *, config, files):
    env.bytecode_cache = cache.compiled_templates
    return env
