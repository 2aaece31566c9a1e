"""Hook: in the offline build, inline the final search index, with both languages, into search_index.js.

Material's offline plugin writes search/search_index.js when the default language's build ends,
before mkdocs-static-i18n has merged the languages' indexes into search_index.json, so the
bundle's search would know only part of the site. Running after both, this writes it again.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from reportsite.offline import offline_plugin_enabled, write_search_index_script


# After mkdocs-static-i18n (-100) has built every language and merged the search index.
@event_priority(-200)
def on_post_build(config):
    if offline_plugin_enabled(config.plugins):
        try:
            write_search_index_script(Path(config.site_dir))
        except FileNotFoundError as exc:
            raise PluginError(str(exc)) from None
