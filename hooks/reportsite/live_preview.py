"""The live preview (`make serve`): a problem in data or pages is shown in the browser and the
terminal instead of stopping the server, and the pages come back once it is fixed.

A build (`mkdocs build`, `make site`) still stops at the first sign of trouble: only the preview
is lenient, so an error can never be published.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from markupsafe import escape

from .errors import SiteDataError
from .model import DATA_FILES
from .yamlsource import load_yaml

# MkDocs tells the hooks the command once, when it starts (on_startup); every rebuild of the
# preview loads the configuration, the hooks and (after an edit) this module afresh, so the answer
# is kept where a reload cannot lose it: in the process's environment, for this process only.
_SERVING = "REPORTSITE_LIVE_PREVIEW"

# The banner's words come from data/ui.yml (`preview_error`) in the page's language; these stand in
# when that file cannot be read, which is then among the problems the banner lists.
UNREADABLE_UI = {"title": "The preview cannot show this page",
                 "advice": "Fix what is listed below and save the file. The page reloads by itself."}


def start(command: str) -> None:
    if command == "serve":
        os.environ[_SERVING] = "1"
    else:
        os.environ.pop(_SERVING, None)


def serving() -> bool:
    return os.environ.get(_SERVING) == "1"


def report(exc: SiteDataError) -> None:
    """Print the problems for the editor. Printed, not logged: a logged error would make the strict
    preview abort the rebuild and keep showing the last good pages."""
    print(f"\nPREVIEW ERROR: {exc}\n", file=sys.stderr, flush=True)


def ui_as_written(project: Path) -> dict:
    """data/ui.yml as written, read even when the rest of the data has problems ({} if it cannot be read)."""
    try:
        ui = load_yaml(project / "data" / DATA_FILES["ui"]).data
    except SiteDataError:
        return {}
    return ui if isinstance(ui, dict) else {}


def ui_texts(ui: dict, lang: str, key: str, fields) -> dict[str, str] | None:
    """ui[lang][key] if it holds a text for each of `fields`, else None."""
    texts = ui.get(lang, {}).get(key) if isinstance(ui.get(lang), dict) else None
    if isinstance(texts, dict) and all(isinstance(texts.get(field), str) for field in fields):
        return texts
    return None


def banner_text(ui: dict, lang: str) -> dict[str, str]:
    """The banner's title and advice in the page's language, from data/ui.yml as written (ui_as_written)."""
    return ui_texts(ui, lang, "preview_error", UNREADABLE_UI) or UNREADABLE_UI


def error_html(exc: SiteDataError, lang: str, ui: dict) -> str:
    """The page an editor sees in the preview while the data or the pages have problems."""
    text = banner_text(ui, lang)
    items = "".join(f"<li><code>{escape(str(p))}</code></li>" for p in exc.problems)
    return (f'<div class="admonition failure preview-error" role="alert">'
            f'<p class="admonition-title">{escape(text["title"])}</p><p>{escape(text["advice"])}</p>'
            f'<ul class="preview-error__problems">{items}</ul></div>\n')
