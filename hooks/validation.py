"""Hook: validate data and pages (reportsite.validate) before anything is built.

A problem stops the build with every problem listed; in the live preview the pages show them instead.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from reportsite import config_checks, live_preview, state


def on_config(config):
    config_checks.use_site_url_from_environment(config)
    build = state.for_config(config)
    if build.error is not None and not live_preview.serving():
        raise PluginError(str(build.error))
    return config
