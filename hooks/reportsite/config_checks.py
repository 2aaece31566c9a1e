"""The build's settings, checked with a message an editor can act on rather than a traceback:
the site's address (site_url, or SITE_URL from the environment). (mkdocs.yml's encoding is checked
where it is read: reportsite/siteconfig.py.)

Pure functions returning lists of Problem, used by the one validation (reportsite.validate).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from . import live_preview
from .errors import Problem

EXAMPLE_URL = "https://example.github.io/distriktsinnovasjon/"
# The site's address is printed into canonical links, hreflang, the sitemap, citations, BibTeX, embed
# code and (by Material, unescaped) the language switcher and the 404 page: so it has a grammar.
# https://, a host of ASCII labels (international names as punycode, xn--...), an optional port and a
# path of plain segments ending in '/'; nothing else (no user info, query, fragment, quote or space).
_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
SITE_URL = re.compile(rf"https://{_LABEL}(?:\.{_LABEL})*(?::(?P<port>[1-9][0-9]{{0,4}}))?"
                      r"/(?:(?!\.\.?/)(?:[A-Za-z0-9._~-]|%[0-9A-F]{2})+/)*")
MAX_SITE_URL = 200
FORM = "https://host[:port]/path/"
# What is wrong, for the message: the first that is found (else the address is simply not of the form).
_FAULTS = ((r"[\x00-\x20\x7f-\x9f\"'<>`\\]", "holds a space, a quote or a control character"),
           (r"^(?!https://)", "does not start with https://"),
           (r"^https://[^/]*@", "holds a user name or password"),
           (r"[?#]", "has a query (?) or a fragment (#)"),
           (r"^https://[^/]*[^\x00-\x7f]", "has an international host name not written as punycode"),
           (r"^https://[^/]*[A-Z]", "has capital letters in its host name"),
           (r"[^/]$", "does not end with /"),
           (r"^https://[^/]*:[0-9]{5}/", "has a port above 65535"))


def _line_of(config_file: Path, key: str) -> int | None:
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((i for i, text in enumerate(lines, 1) if text.startswith(f"{key}:")), None)


def _punycode(value: str) -> str:
    try:
        return re.sub(r"(?<=https://)[^/:]+", lambda m: m.group().encode("idna").decode("ascii"), value, count=1)
    except UnicodeError:
        return EXAMPLE_URL


def site_url_problems(site_url: str | None, config_file: Path, environ: dict[str, str] | None = None) -> list[Problem]:
    """The site's address must be of the grammar above. The live preview's is MkDocs' own (http://127.0.0.1:...)."""
    environ = os.environ if environ is None else environ
    value = site_url or ""
    match = SITE_URL.fullmatch(value)
    if live_preview.serving() or (match and len(value) <= MAX_SITE_URL and int(match["port"] or 443) < 65536):
        return []
    from_env = "SITE_URL" in environ
    where = "SITE_URL in the environment" if from_env else "site_url in mkdocs.yml"
    shown = re.sub(r"^([a-z]+://)[^/@]*@", r"\1***@", value)   # a password is not repeated into logs
    shown = re.sub(r"[\x00-\x1f\x7f-\x9f]", lambda m: f"\\x{ord(m.group()):02x}", shown[:60]) + "..." * (len(shown) > 60)
    fault = ("is empty" if not value else f"is {len(value)} characters long (at most {MAX_SITE_URL})"
             if len(value) > MAX_SITE_URL else f"is '{shown}', which " + next(
                 (text for pattern, text in _FAULTS if re.search(pattern, value)), f"is not of the form {FORM}"))
    example = _punycode(value) if "punycode" in fault else EXAMPLE_URL
    hint = (f"set SITE_URL to the address the site is published at, as {FORM}, like {example}, or unset it to use "
            "mkdocs.yml's" if from_env else f"write the address the site is published at, as {FORM}, like {example}")
    return [Problem(config_file.name, _line_of(config_file, "site_url"), "site_url", f"the site's address ({where}) {fault}",
                    hint)]


def site_url_from_environment(config_file: Path) -> list[Problem]:
    """SITE_URL checked before a build starts (make check, make site), so that a bad one stops it with one line."""
    return site_url_problems(os.environ["SITE_URL"], config_file) if "SITE_URL" in os.environ else []


def use_site_url_from_environment(config) -> None:
    """SITE_URL, when set, is the site's address (the live preview keeps MkDocs' own). It is put in here,
    not by an `!ENV` tag in mkdocs.yml: MkDocs checks site_url before any hook runs and answers some
    addresses ('https://[x/') with a traceback, where here the one validation checks it (site_url_problems)."""
    if "SITE_URL" in os.environ and not live_preview.serving():
        config.site_url = os.environ["SITE_URL"]


def interpreter_problems(optimize: int = sys.flags.optimize) -> list[Problem]:
    """Python run with -OO (or PYTHONOPTIMIZE=2) drops docstrings, which Altair needs to import."""
    if optimize < 2:
        return []
    return [Problem("the environment", None, "PYTHONOPTIMIZE",
                    f"Python runs without docstrings (optimisation level {optimize}), which the chart library (Altair) needs",
                    "unset PYTHONOPTIMIZE (or set it to 0 or 1) and run the command again")]
