"""The offline bundle's search index: the JSON index, as a script a page opened from file:// can load."""

from __future__ import annotations

from pathlib import Path

from .search import language_index_paths

SEARCH_INDEX = Path("search") / "search_index.json"
SEARCH_INDEX_SCRIPT = Path("search") / "search_index.js"


def write_search_index_script(site_dir: Path) -> list[Path]:
    """Write search_index.js beside each language's search_index.json, as Material's offline plugin does."""
    if not (site_dir / SEARCH_INDEX).is_file():
        raise FileNotFoundError(f"{site_dir / SEARCH_INDEX}: the search index is missing; is the search plugin enabled?")
    scripts = []
    for index in language_index_paths(site_dir):
        script = index.with_suffix(".js")
        # The same form as the offline plugin's, which Material's search worker expects.
        script.write_text("var __index = " + index.read_text(encoding="utf-8"), encoding="utf-8")
        scripts.append(script)
    return scripts


def offline_plugin_enabled(plugins) -> bool:
    """Whether this build is the offline bundle: Material's offline plugin is configured and on."""
    offline = plugins.get("material/offline") or plugins.get("offline")
    return offline is not None and bool(offline.config.enabled)
