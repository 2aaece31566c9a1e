"""The build's settings, checked with a message an editor can act on rather than a traceback:
the site's address (site_url, or SITE_URL from the environment). (mkdocs.yml's encoding is checked
where it is read: reportsite/siteconfig.py.)

Pure functions returning lists of Problem, used by the one validation (reportsite.validate).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from .errors import Problem

EXAMPLE_URL = "https://example.github.io/distriktsinnovasjon/"


def _line_of(config_file: Path, key: str) -> int | None:
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((i for i, text in enumerate(lines, 1) if text.startswith(f"{key}:")), None)


def site_url_problems(site_url: str | None, config_file: Path, environ: dict[str, str] | None = None) -> list[Problem]:
    """The site's address must be a full http(s) address: canonical links, hreflang and the sitemap need it."""
    environ = os.environ if environ is None else environ
    from_env = "SITE_URL" in environ
    value = (site_url or "").strip()
    parts = urlsplit(value)
    if value and parts.scheme in ("https", "http") and parts.netloc:
        return []
    where = "SITE_URL in the environment" if from_env else "site_url in mkdocs.yml"
    found = f"is '{value}'" if value else "is empty"
    hint = (f"set SITE_URL to the address the site is published at, like {EXAMPLE_URL}, or unset it to use mkdocs.yml's"
            if from_env else f"write the address the site is published at, like {EXAMPLE_URL}")
    return [Problem(config_file.name, _line_of(config_file, "site_url"), "site_url",
                    f"the site's address ({where}) {found}, not a full web address", hint)]


def interpreter_problems(optimize: int = sys.flags.optimize) -> list[Problem]:
    """Python run with -OO (or PYTHONOPTIMIZE=2) drops docstrings, which Altair needs to import."""
    if optimize < 2:
        return []
    return [Problem("the environment", None, "PYTHONOPTIMIZE",
                    f"Python runs without docstrings (optimisation level {optimize}), which the chart library (Altair) needs",
                    "unset PYTHONOPTIMIZE (or set it to 0 or 1) and run the command again")]
