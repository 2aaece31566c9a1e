"""Hook: load and validate data/ and check that every page exists in every language, before any page is built.

In the live preview a problem does not stop the server: site_data is None and every page shows the problems.
"""

from __future__ import annotations

from pathlib import Path

from reportsite import preview
from reportsite.config_checks import site_url_problems
from reportsite.errors import SiteDataError
from reportsite.model import load_site_data_once
from reportsite.page_files import check_page_files
from reportsite.pages import check_findings_page, check_page_encoding, check_page_parity


def on_config(config):
    project = Path(config.config_file_path).parent
    try:
        if problems := (check_page_files(Path(config.docs_dir), project)
                        + site_url_problems(config.site_url, project / "mkdocs.yml")):
            raise SiteDataError(problems)
        check_page_parity(Path(config.docs_dir), project)
        check_page_encoding(Path(config.docs_dir), project)
        check_findings_page(Path(config.docs_dir), config.extra["findings_page"], Path(config.config_file_path), project)
        config.extra["site_data"] = load_site_data_once(project / "data", project)
    except SiteDataError as exc:
        preview.report(exc)
        config.extra["site_data"] = None
        config.extra["site_data_error"] = exc
    return config
