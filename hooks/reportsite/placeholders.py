"""The placeholders that stand for HTML in a page's Markdown, decided here and nowhere else.

A shortcode's HTML never goes through Markdown: the page's Markdown holds a placeholder in its place
(render.PageRenderer), Markdown runs, and the HTML replaces the placeholder (shortcodes.insert).
A placeholder is letters and digits only, so Markdown leaves it alone: "rsx", a nonce of 12 hex
digits that no page's text will hold by chance, "n", a number, "x". `shortcodes.place` uses the same
format, with a nonce of its own, to see where each shortcode lands.
"""

from __future__ import annotations

import itertools
import re
import secrets

# Any placeholder, of any nonce (no groups: callers put it into patterns of their own).
TOKEN = r"rsx[0-9a-f]{12}n\d+x"
ANY = re.compile(TOKEN)


def placeholder(nonce: str, number: int) -> str:
    return f"rsx{nonce}n{number}x"


def numbered(nonce: str) -> re.Pattern:
    """The placeholders of one nonce, with the number as group 1."""
    return re.compile(placeholder(re.escape(nonce), 0).replace("n0x", r"n(\d+)x"))


class Placeholders:
    """New placeholders, one per call, of one nonce (a new one unless given)."""

    def __init__(self, nonce: str | None = None) -> None:
        self.nonce = nonce or secrets.token_hex(6)
        self._numbers = itertools.count()

    def __call__(self) -> str:
        return placeholder(self.nonce, next(self._numbers))
