"""Search in the reader's language: one search index per language, each with its own stemmer.

mkdocs-static-i18n merges both languages into one index, so an English reader searching
'procurement' also gets Norwegian pages, and the Norwegian words are stemmed as English. We split
the merged index by the language of each entry's page and let each language's pages load their
own (hooks/search_language.py points Material's search at the language's folder).
"""

from __future__ import annotations

import json
from pathlib import Path

from .pages import DEFAULT_LANGUAGE
from .schema import LANGUAGES

SEARCH_INDEX = Path("search") / "search_index.json"
# lunr.js has no 'nb': Norwegian is 'no'.
LUNR_LANGUAGE = {"nb": "no", "en": "en"}


def language_root(lang: str) -> str:
    """The folder of a language's pages under the site root: '' or 'en/'."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def location_language(location: str) -> str:
    first = location.split("/", 1)[0]
    return first if first in LANGUAGES and first != DEFAULT_LANGUAGE else DEFAULT_LANGUAGE


def split_index(index: dict) -> dict[str, dict]:
    """The merged index as one index per language, locations relative to the language's folder."""
    split = {}
    for lang in LANGUAGES:
        root = language_root(lang)
        docs = [dict(doc, location=doc["location"][len(root):]) for doc in index["docs"]
                if location_language(doc["location"]) == lang]
        split[lang] = {"config": dict(index["config"], lang=[LUNR_LANGUAGE[lang]]), "docs": docs}
    return split


def write_language_indexes(site_dir: Path) -> list[Path]:
    """Replace the merged search/search_index.json by one index per language folder."""
    merged = json.loads((site_dir / SEARCH_INDEX).read_text(encoding="utf-8"))
    written = []
    for lang, index in split_index(merged).items():
        path = site_dir / language_root(lang) / SEARCH_INDEX
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        written.append(path)
    return written


def language_index_paths(site_dir: Path) -> list[Path]:
    """Every language's search index that exists in a built site, default language first."""
    return [site_dir / language_root(lang) / SEARCH_INDEX for lang in LANGUAGES
            if (site_dir / language_root(lang) / SEARCH_INDEX).is_file()]
