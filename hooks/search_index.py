"""Hook: search in the reader's language (reportsite.search_index): each language's pages search
their own index, with results only from pages in that language; the offline bundle gets the
indexes as scripts too."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from reportsite import engine, search_index, state


def on_page_context(context, *, page, config, nav):
    paths = state.for_config(config).paths
    return engine.point_search_at(context, paths.root(paths.language_of(page.file.src_uri)))


@event_priority(engine.AFTER_I18N_SEARCH_INDEX)
def on_post_build(*, config):
    if engine.inside_language_build(config):
        return  # i18n merges the languages' indexes after the last language's build
    build = state.for_config(config)
    site_dir = Path(config.site_dir)
    search_index.write_language_indexes(site_dir, build.paths)
    search_index.drop_unused_lunr(site_dir, build.paths)
    if build.site.offline:
        try:
            search_index.write_index_scripts(site_dir, build.paths)
        except FileNotFoundError as exc:
            raise PluginError(str(exc)) from None
