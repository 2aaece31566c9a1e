"""A page's front matter, in one place: its grammar (as MkDocs reads it), what it may hold, and how
what the theme prints of it is made safe.

The front matter is input like data/: the theme prints some of its values into the HTML as written.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from .errors import Problem
from .prose import SHORTCODE, typed_number


def with_source_lines(source: str, body: str) -> str:
    """The page's Markdown (front matter removed) padded so that its line numbers are the file's."""
    skipped = len(source) - len(body)
    if skipped <= 0 or not source.endswith(body):
        return body
    return "\n" * source[:skipped].count("\n") + body


# The front matter, as MkDocs reads it: between a first line of --- and the next --- (or ...).
FRONT_MATTER = re.compile(r"-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
# Front-matter keys whose value is printed as text (the title, meta tags).
FRONT_MATTER_TEXT = ("title", "description")


def front_matter_problems(source: str, body: str, shown: str) -> list[Problem]:
    """The front matter must be keys with values (YAML), with text where text is printed, and no shortcodes:
    it is printed into meta tags and the title as written."""
    import yaml

    match = FRONT_MATTER.match(source)
    if not match:
        return []
    block = match.group(1)
    for number, line in enumerate(block.splitlines(), 2):
        if SHORTCODE.search(line):
            return [Problem(shown, number, "", "a shortcode cannot stand in the front matter (between the --- lines)",
                            "write the text without shortcodes and numbers, or move it into the page")]
    try:
        meta = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [Problem(shown, mark.line + 2 if mark else 2, "", "the front matter is not valid YAML"
                        + (f" ({exc.problem})" if getattr(exc, "problem", None) else ""),
                        "write it as 'key: value' lines, quoting a value that contains ': ' or starts with a symbol")]
    if meta is not None and not isinstance(meta, dict):
        return [Problem(shown, 2, "", "the front matter is not a list of keys and values",
                        "write it as 'key: value' lines, such as description: One sentence about the page.")]
    for key in FRONT_MATTER_TEXT:
        if not meta or key not in meta:
            continue
        line = next((n for n, text in enumerate(block.splitlines(), 2) if text.startswith(f"{key}:")), 2)
        if not (isinstance(meta[key], str) and meta[key].strip()):
            return [Problem(shown, line, key, "expected text", "write the text after the colon, in quotes if it "
                            "contains ': '")]
        if typed_number(meta[key]):   # printed as the page's title and description, with no source
            return [Problem(shown, line, key, "a number is typed into the front matter",
                            "write the text without numbers; give them in the page with {{ figure ID }}")]
    return []


# Front-matter keys that Material's templates print into HTML (meta tags, the title) unescaped:
# MkDocs renders themes without autoescaping.
FRONT_MATTER_IN_HTML = ("title", "description", "author")


def escape_front_matter(meta: dict) -> dict:
    """The page's front matter with the values templates print made safe for HTML text and attributes.

    Markup marks them as escaped, so a template that escapes them itself does not do it twice.
    """
    return {key: Markup(escape(value)) if key in FRONT_MATTER_IN_HTML and isinstance(value, str)
            and not isinstance(value, Markup) else value for key, value in meta.items()}
