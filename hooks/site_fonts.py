"""Hook: the site's typeface (hooks/reportsite/fonts.py) in the built site: its WOFF2 files, the
stylesheet with their @font-face rules, and the list of files each page preloads (main.html).

With `extra.fonts_inline` (the offline bundle, read from file://) the stylesheet carries the fonts
itself and nothing is preloaded: browsers refuse font files from the file system."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from reportsite import fonts
from reportsite.generated import add_generated


def on_config(config):
    config.extra["font_preloads"] = [] if config.extra.get("fonts_inline") else fonts.preloads()
    return config


# After mkdocs-static-i18n (-100), like the other generated files (hooks/chart_assets.py).
@event_priority(-200)
def on_files(files, config):
    inline = bool(config.extra.get("fonts_inline"))
    if not inline:
        for path, data in fonts.web_fonts().items():
            add_generated(files, config, path, data)
    add_generated(files, config, fonts.STYLESHEET, fonts.stylesheet(inline=inline))
    return files
