"""The offline bundle's search index: the JSON index, as a script a page opened from file:// can load."""

from __future__ import annotations

from pathlib import Path

SEARCH_INDEX = Path("search") / "search_index.json"
SEARCH_INDEX_SCRIPT = Path("search") / "search_index.js"


def write_search_index_script(site_dir: Path) -> Path:
    """Write search/search_index.js from search/search_index.json, as Material's offline plugin does."""
    index = site_dir / SEARCH_INDEX
    if not index.is_file():
        raise FileNotFoundError(f"{index}: the search index is missing; is the search plugin enabled?")
    script = site_dir / SEARCH_INDEX_SCRIPT
    # The same form as the offline plugin's, which Material's search worker expects.
    script.write_text("var __index = " + index.read_text(encoding="utf-8"), encoding="utf-8")
    return script


def offline_plugin_enabled(plugins) -> bool:
    """Whether this build is the offline bundle: Material's offline plugin is configured and on."""
    offline = plugins.get("material/offline") or plugins.get("offline")
    return offline is not None and bool(offline.config.enabled)
