"""A page's front matter, in one place: its grammar (as MkDocs reads it), what it may hold, and how
what the theme prints of it is made safe.

The front matter is input like data/: Material prints the values of many keys (subtitle, status,
icon, template, ...) into the HTML as written, or acts on them. The site uses two, and takes only
those: any other key is refused by the validation and dropped before the theme sees the page.
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
# The keys a page may set, each one line of text of at most this many characters: the title
# (the <title> and the navigation) and the description (the meta description and link previews).
FRONT_MATTER_KEYS = {"title": 120, "description": 300}
KEYS_HINT = "a page's front matter holds only " + " and ".join(FRONT_MATTER_KEYS) + ", each as one line of text"


def front_matter_problems(source: str, meta: dict, shown: str) -> list[Problem]:
    """The front matter must be the keys the site uses, with one line of text each, no numbers and no
    shortcodes: the theme prints it into the title, the navigation and meta tags, with no source."""
    import yaml

    match = FRONT_MATTER.match(source)
    if not match:   # MkDocs also reads 'key: value' lines at the top of a page as front matter
        return [] if not meta else [Problem(shown, 1, "", "the page starts with 'key: value' lines, which are "
                                            "read as front matter and left out of the page",
                                            "start the page with its heading; put front matter between --- lines")]
    block = match.group(1)
    for number, line in enumerate(block.splitlines(), 2):
        if SHORTCODE.search(line):
            return [Problem(shown, number, "", "a shortcode cannot stand in the front matter (between the --- lines)",
                            "write the text without shortcodes and numbers, or move it into the page")]
    try:   # composed, not constructed: no value is made of it (2025-02-30 is no date here) until checked
        root = yaml.compose(block, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError) as exc:
        mark = getattr(exc, "problem_mark", None)
        return [Problem(shown, mark.line + 2 if mark else 2, "", "the front matter is not valid YAML"
                        + (f" ({exc.problem})" if getattr(exc, "problem", None) else ""),
                        "write it as 'key: value' lines, quoting a value that contains ': ' or starts with a symbol")]
    if root is not None and not isinstance(root, yaml.MappingNode):
        return [Problem(shown, 2, "", "the front matter is not a list of keys and values",
                        "write it as 'key: value' lines, such as description: One sentence about the page.")]
    seen = set()
    for key, value in root.value if root else []:
        line, name = key.start_mark.line + 2, key.value if isinstance(key, yaml.ScalarNode) else "?"
        if name not in FRONT_MATTER_KEYS or name in seen:
            return [Problem(shown, line, str(name)[:40], "the key is given twice" if name in seen
                            else "the site does not use this key", KEYS_HINT)]
        seen.add(name)
        text = value.value if isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:str" else None
        if not (text and text.strip()) or "\n" in text.strip():
            return [Problem(shown, line, name, "expected one line of text",
                            "write the text after the colon, in quotes if it contains ': '")]
        if len(text) > FRONT_MATTER_KEYS[name]:
            return [Problem(shown, line, name, f"the text is {len(text)} characters long",
                            f"keep it to {FRONT_MATTER_KEYS[name]} characters or fewer")]
        if typed_number(text):   # printed as the page's title and description, with no source
            return [Problem(shown, line, name, "a number is typed into the front matter",
                            "write the text without numbers; give them in the page with {{ figure ID }}")]
    return []


def escape_front_matter(meta: dict) -> dict:
    """The front-matter keys the site uses, made safe for HTML text and attributes; no other key reaches
    the theme (MkDocs renders themes without autoescaping), even in the live preview.

    Markup marks them as escaped, so a template that escapes them itself does not do it twice.
    """
    return {key: value if isinstance(value, Markup) else Markup(escape(value))
            for key, value in meta.items() if key in FRONT_MATTER_KEYS and isinstance(value, str)}
