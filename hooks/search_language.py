"""Hook: search in the reader's language. Each language's pages search their own index
(reportsite.search), with results only from pages in that language."""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.plugins import event_priority

from reportsite.pages import page_language
from reportsite.search import language_root, write_language_indexes


def on_page_context(context, page, config, nav):
    # Material loads search/search_index.json relative to 'base' and resolves results against it:
    # pointing it at the language's folder gives each language its own index. 'site_root_url'
    # keeps the real root for what must be shared across languages (the stored colour scheme).
    context["site_root_url"] = context["base_url"]
    root = language_root(page_language(page.file.src_uri))
    if root:
        # With its trailing slash: Material resolves 'search/…' against it as a folder.
        context["base_url"] = posixpath.join(context["base_url"], root)
    return context


# After mkdocs-static-i18n (-100) has merged the languages' indexes, before the offline bundle's
# search script is written from them (hooks/offline_search.py, -200).
@event_priority(-150)
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:
        return  # a language's own build inside mkdocs-static-i18n's: the merged index comes after
    write_language_indexes(Path(config.site_dir))
