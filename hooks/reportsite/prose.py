"""What prose may hold, in data texts and pages alike: shortcodes in one grammar, and no number
typed by hand (a figure reaches the reader only through {{ figure ID }}, with its source)."""

from __future__ import annotations

import re

# A shortcode: {{ name arguments }}. The same grammar serves pages and data text.
SHORTCODE = re.compile(r"\{\{[ \t]*([a-z][a-z-]*)((?:[ \t]+[^\s{}]+)*)[ \t]*\}\}")
# Digits that name something rather than count it: the accessibility standard's version, and a
# capitalised word that ends in digits, which is a name (the news site Anbud365).
NOT_FIGURES = re.compile(r"WCAG 2\.[12]|\b[A-ZÆØÅ][a-zæøå]+\d+\b")
DIGIT = re.compile(r"\d")


def typed_number(text: str) -> bool:
    """True if the text holds a digit outside its shortcodes and the names above: a number no data backs."""
    return DIGIT.search(SHORTCODE.sub("", NOT_FIGURES.sub("", text))) is not None
