"""Hook: add the files the build generates (chart images, embed pages, data downloads, the chart
script) to the site, once per build, in every language; and the theme's own scripts and
stylesheets, minified, in place of the files as written (reportsite/minify.py)."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from reportsite import engine, state


@event_priority(engine.AFTER_I18N)
def on_files(files, config):
    build = state.for_config(config)
    if build.error is not None:
        return files  # a problem: the preview shows it
    # Each language pass copies the theme's files anew: ours take their place in each.
    engine.add_generated_files(files, config, build.theme_assets)
    if build.generated_added:
        return files  # an earlier language pass added them
    engine.add_generated_files(files, config, build.generated_files())
    build.generated_added = True
    return files
