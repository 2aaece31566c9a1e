"""Hook: add the data downloads (each chart's figures as CSV, every finding as CSV and JSON) to the site's files."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from reportsite.downloads import download_files
from reportsite.generated import add_generated


# After mkdocs-static-i18n (-100): it sorts files by language and cannot handle generated ones.
@event_priority(-200)
def on_files(files, config):
    if config.extra["site_data"] is None:  # the live preview, with a data error: the pages show it
        return files
    for path, content in download_files(config.extra["site_data"]).items():
        add_generated(files, config, path, content)
    return files
