"""Search in the reader's language: one search index per language, each with its own stemmer.

mkdocs-static-i18n merges every language into one index, so an English reader searching
'procurement' would also get Norwegian pages, with Norwegian words stemmed as English. The merged
index is split by the language of each entry's page, and each language's pages load their own
(hooks/search_index.py points Material's search at the language's folder). The offline bundle
gets each index also as a script, which a page opened from file:// can load.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import engine
from .paths import SEARCH_INDEX, SitePaths

# lunr.js names Norwegian (Bokmål and Nynorsk alike) 'no'; other languages by their own code.
LUNR_NAMES = {"nb": "no", "nn": "no"}


def lunr_language(lang: str) -> str:
    return LUNR_NAMES.get(lang, lang)


def split_index(index: dict, paths: SitePaths) -> dict[str, dict]:
    """The merged index as one index per language, locations relative to the language's folder."""
    split = {}
    for lang in paths.languages:
        root = paths.root(lang)
        docs = [dict(doc, location=doc["location"][len(root):]) for doc in index["docs"]
                if paths.language_of(doc["location"]) == lang]
        split[lang] = {"config": dict(index["config"], lang=[lunr_language(lang)]), "docs": docs}
    return split


def write_language_indexes(site_dir: Path, paths: SitePaths) -> list[Path]:
    """Replace the merged search/search_index.json by one index per language folder."""
    merged = json.loads((site_dir / SEARCH_INDEX).read_text(encoding="utf-8"))
    written = []
    for lang, index in split_index(merged, paths).items():
        path = site_dir / paths.search_index(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        written.append(path)
    return written


def drop_unused_lunr(site_dir: Path, paths: SitePaths) -> None:
    """Delete the lunr language files that no language's search loads (engine.search_worker_scripts):
    readers would receive, and the licences page list, some thirty files no page uses."""
    needed = set().union(*(engine.search_worker_scripts([lunr_language(lang)]) for lang in paths.languages))
    for path in (site_dir / engine.LUNR).rglob("*"):
        if path.is_file() and path.relative_to(site_dir).as_posix() not in needed:
            path.unlink()


def write_index_scripts(site_dir: Path, paths: SitePaths) -> list[Path]:
    """Write search_index.js beside each language's search_index.json, as Material's offline plugin does."""
    if not (site_dir / SEARCH_INDEX).is_file():
        raise FileNotFoundError(f"{site_dir / SEARCH_INDEX}: the search index is missing; is the search plugin enabled?")
    scripts = []
    for lang in paths.languages:
        index = site_dir / paths.search_index(lang)
        if index.is_file():
            script = index.with_suffix(".js")
            script.write_text(engine.offline_index_script(index.read_text(encoding="utf-8")), encoding="utf-8")
            scripts.append(script)
    return scripts
