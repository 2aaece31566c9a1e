"""Hook: load and validate data/ and check that every page exists in every language, before any page is built."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from reportsite.errors import SiteDataError
from reportsite.model import load_site_data
from reportsite.pages import check_page_encoding, check_page_parity


def on_config(config):
    project = Path(config.config_file_path).parent
    try:
        check_page_parity(Path(config.docs_dir), project)
        check_page_encoding(Path(config.docs_dir), project)
        config.extra["site_data"] = load_site_data(project / "data", project)
    except SiteDataError as exc:
        raise PluginError(str(exc)) from None
    return config
