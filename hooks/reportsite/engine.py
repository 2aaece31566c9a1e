"""What the site leans on in MkDocs, mkdocs-static-i18n and Material that they do not promise as
an interface. Kept in this one module; real builds and the searches in Chromium show each
behaviour, and tests/test_engine.py checks the event priorities and what a build does once.

- mkdocs-static-i18n builds the site once per language: the default language's build runs the
  others from its on_post_build (event priority -100), with the same configuration object, and
  sets `building` on the plugin meanwhile. It sorts files by language in on_files (-100) and
  cannot handle files that hooks generate, so those are added after it.
- i18n merges the languages' search indexes after the last language, in that on_post_build.
- Material loads the search index from `base_url` in the template context, and resolves
  results against it.
- Material's search reads a page's HTML in its on_page_context (priority 0), before the template
  is rendered from `page.content`: what goes into `page.content` after it is not indexed.
- The theme's `static_templates` (404.html, sitemap.xml) is a set that a hook may change in
  on_config: each language pass of i18n runs on_config again, so each decides for itself.
- Material's search worker loads lunr's language files by a rule of its own (search_worker_scripts),
  and its offline plugin gives the index to pages opened from file:// as a script (`var __index`).
- MkDocs finds the theme's static files by listing every file in the theme's folders through the
  Jinja environment's loader (Files.add_files_from_theme), and then leaves out every path with a
  part that starts with '.' (quicker_theme_environment).
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

import jinja2

# Event priorities (higher runs first; a hook's default is 0).
AFTER_I18N = -200              # on_files: after i18n has sorted the files; on_config: after it set the language
AFTER_I18N_SEARCH_INDEX = -150  # on_post_build: after i18n merged the search indexes
AFTER_SEARCH_READS = -50        # on_page_context: after Material's search has read the page's HTML


def add_generated_files(files, config, generated: dict[str, str | bytes]) -> None:
    """Add generated files (site path -> content) to the site, each replacing a file of the same path
    from content/ or the theme. Only those paths are looked up: i18n's look-up of a path costs about
    0.1 ms, and a report of 1000 charts generates 8000 files."""
    from mkdocs.structure.files import File

    present = {file.src_uri for file in files}
    for path, content in generated.items():
        if path in present:
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
        files.append(File.generated(config, path, content=content))


def write_static_template(config, name: str, wanted: bool) -> None:
    """Whether this build (this language pass) renders the theme's template `name` into the site."""
    if wanted:
        config.theme.static_templates.add(name)
    else:
        config.theme.static_templates.discard(name)


def inside_language_build(config) -> bool:
    """Whether this is one of the language builds that i18n runs from the default language's build."""
    i18n = config.plugins.get("i18n")
    return bool(i18n is not None and i18n.building)


def point_search_at(context: dict, lang_root: str) -> dict:
    """Make Material's search on this page load the index in the language's folder ('' or 'en/').
    'site_root_url' keeps the real root, for what must be shared across languages (the stored scheme)."""
    context["site_root_url"] = context["base_url"]
    if lang_root:
        # With its trailing slash: Material resolves 'search/…' against it as a folder.
        context["base_url"] = posixpath.join(context["base_url"], lang_root)
    return context


LUNR = "assets/javascripts/lunr"


def search_worker_scripts(langs: list[str]) -> set[str]:
    """The lunr files Material's search worker (assets/javascripts/workers/search.*.js) loads for
    these search languages: a segmenter for ja, hi and th, a stemmer per language but English, the
    stemmers' support file, and 'multi' for more than one language."""
    names = {"min/lunr.stemmer.support.min.js"}
    for lang in langs:
        if lang == "ja":
            names.add("tinyseg.js")
        if lang in ("hi", "th"):
            names.add("wordcut.js")
        if lang != "en":
            names.add(f"min/lunr.{lang}.min.js")
    if len(langs) > 1:
        names.add("min/lunr.multi.min.js")
    return {f"{LUNR}/{name}" for name in names}


def offline_index_script(index_json: str) -> str:
    """A search index as the script Material's offline plugin writes, which its search worker reads from file://."""
    return "var __index = " + index_json


class _VisibleThemeFiles(jinja2.FileSystemLoader):
    """The theme's loader, listing no file under a folder whose name starts with '.': MkDocs leaves
    those out of the site anyway, and Material's .icons/ holds some 14,000 of them."""

    def list_templates(self) -> list[str]:
        found = set()
        for root in self.searchpath:
            for folder, subfolders, names in os.walk(root, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                found.update(Path(folder, name).relative_to(root).as_posix() for name in names)
        return sorted(found)


def quicker_theme_environment(config, bytecode_cache: jinja2.BytecodeCache) -> None:
    """Every Jinja environment MkDocs and Material make for the theme (the build's, the search plugin's
    for its translations) compiles through `bytecode_cache` and lists the theme's files without the
    hidden folders that MkDocs filters out after listing them: walking Material's .icons/ took 0.2 s of
    each language pass, a third of a rebuild in the live preview. The files MkDocs adds are the same
    (tests/test_engine.py)."""
    theme = config.theme
    if getattr(theme.get_env, "quicker", False):   # i18n runs on_config again for each language
        return
    make_env = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make_env()
        env.loader = _VisibleThemeFiles(env.loader.searchpath)
        env.bytecode_cache = bytecode_cache
        return env

    get_env.quicker = True
    theme.get_env = get_env
