"""The live preview (`make serve`): an error in data or pages is shown in the browser and the
terminal instead of stopping the server, and the pages come back once the error is fixed.

A build (`mkdocs build`, `make site`) still stops at the first sign of trouble: only the preview
is lenient, so an error can never be published.
"""

from __future__ import annotations

import sys

from mkdocs.exceptions import PluginError

from .errors import SiteDataError
from .render import esc

# Set once per process by hooks/preview.py (on_startup). MkDocs reloads hook files on every
# rebuild, but this module stays loaded, so the flag survives the rebuilds of a preview.
serving = False

BANNER = {
    "nb": ("Forhåndsvisningen kan ikke vise denne siden",
           "Rett det som står under, og lagre filen. Siden lastes inn på nytt av seg selv."),
    "en": ("The preview cannot show this page",
           "Fix what is listed below and save the file. The page reloads by itself."),
}


def set_command(command: str) -> None:
    global serving
    serving = command == "serve"


def report(exc: SiteDataError) -> None:
    """In a build, stop with the error. In the preview, print it and let the caller show it in the page."""
    if not serving:
        raise PluginError(str(exc)) from None
    # Printed, not logged: a logged error would make the strict preview abort the rebuild and keep
    # showing the last good pages, which is exactly what an editor must not be left looking at.
    print(f"\nPREVIEW ERROR: {exc}\n", file=sys.stderr, flush=True)


def error_markdown(exc: SiteDataError, lang: str) -> str:
    """The page an editor sees in the preview while the data or the page has problems."""
    title, advice = BANNER.get(lang, BANNER["en"])
    items = "".join(f"<li><code>{esc(str(p))}</code></li>" for p in exc.problems)
    return (f'<div class="admonition failure preview-error" role="alert">'
            f'<p class="admonition-title">{esc(title)}</p><p>{esc(advice)}</p>'
            f'<ul class="preview-error__problems">{items}</ul></div>\n')
