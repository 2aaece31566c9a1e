"""Hook: the theme's templates are compiled once and kept in .cache/templates/, not compiled again
in every language pass of every build (reportsite/cache.py, template_bytecode)."""

from __future__ import annotations

from reportsite import state


def on_env(env, *, config, files):
    env.bytecode_cache = state.for_config(config).template_bytecode
    return env
