"""Shortcodes: `{{ name args }}` in a page's Markdown, checked against the data and turned into HTML.

Three steps, shared by the build, `make check` and the live preview (validate.py runs 1 and 2):
1. Where each shortcode stands. Every `{{ ... }}` in the page becomes a placeholder and the page
   goes through Markdown once; where a placeholder lands says whether the shortcode can work
   there. In code (fenced with any number of backticks, indented, inline) or an HTML comment it
   is text and stays as written; in a link, an HTML attribute or a heading it cannot work; a
   block (a finding, a chart) must be a paragraph of its own. Markdown itself decides what is
   code, so the rules cannot drift from how the page is really rendered.
2. What each usable shortcode names: its arguments are resolved against the data, through the
   table SHORTCODES below (unknown names and ids are problems that name the page and line).
3. The page: each shortcode becomes Markdown with placeholders (expand), and after Markdown has
   run, the placeholders become HTML from render.py (insert). Text from data never goes through
   Markdown.
"""

from __future__ import annotations

import html.parser
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from . import placeholders, statement
from .errors import Problem
from .model import SiteData
from .prose import SHORTCODE
from .render import AFTER_SEARCH, SLOT, Fragments, PageRenderer

BRACES = re.compile(r"\{\{|\}\}")
SECTIONS_HINT = "use participation, conclusions or background"


@dataclass(frozen=True)
class Shortcode:
    usage: str                      # how to write it, for messages
    args: tuple[str, ...]           # what each argument names: figure, finding, chart, source, section, part
                                    # (of the accessibility statement); "figure..": one or more
    block: bool                     # a block of its own (a paragraph's place), or inline in text
    render: Callable[..., str]      # PageRenderer method: (renderer, *resolved arguments) -> Markdown


# Every shortcode a page can use.
SHORTCODES: dict[str, Shortcode] = {
    "figure": Shortcode("{{ figure ID }}", ("figure",), False, PageRenderer.figure),
    "source": Shortcode("{{ source ID }}", ("source",), False, PageRenderer.source),
    "finding": Shortcode("{{ finding ID }}", ("finding",), True, PageRenderer.finding),
    "findings": Shortcode("{{ findings SECTION }}", ("section",), True, PageRenderer.findings),
    "chart": Shortcode("{{ chart ID }}", ("chart",), True, PageRenderer.chart),
    "sources": Shortcode("{{ sources }}", (), True, PageRenderer.all_sources),
    "key-figures": Shortcode("{{ key-figures ID ID ... }}", ("figure..",), True, PageRenderer.key_figures),
    "report-facts": Shortcode("{{ report-facts }}", (), True, PageRenderer.report_facts),
    "cite": Shortcode("{{ cite }}", (), True, PageRenderer.cite),
    "downloads": Shortcode("{{ downloads }}", (), True, PageRenderer.downloads),
    "accessibility": Shortcode("{{ accessibility PART }}", ("part",), True, PageRenderer.accessibility),
}


@dataclass
class Use:
    """One shortcode as written in a page."""
    name: str
    args: list[str]
    text: str           # as written: "{{ figure lup-share }}"
    line: int
    start: int
    end: int
    resolved: list[Any] = field(default_factory=list)


class ShortcodeError(Exception):
    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


def find(markdown: str) -> list[Use]:
    """Every `{{ name args }}` in the page, in order, code included (step 1 tells code apart)."""
    return [Use(m.group(1), m.group(2).split(), m.group(0).strip(), markdown.count("\n", 0, m.start()) + 1,
                m.start(), m.end()) for m in SHORTCODE.finditer(markdown)]


def unknown_shortcode(src: str, line: int, name: str) -> Problem:
    return Problem(src, line, "", f"unknown shortcode '{{{{ {name} }}}}'",
                   "known shortcodes: " + ", ".join(sorted(SHORTCODES)))


# -- step 1: where each shortcode stands ---------------------------------------------------------

@dataclass
class Placement:
    shown: list[Use]        # every shortcode outside code and comments, usable or not
    usable: list[Use]       # shortcodes to resolve and render
    problems: list[Problem]
    html: str = ""          # the page as Markdown makes it (shortcodes as placeholders)


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_LITERAL = {"code", "pre", "script", "style", "textarea"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Where(html.parser.HTMLParser):
    """Where each placeholder landed in the HTML Markdown made: the open elements around it."""

    def __init__(self, token: re.Pattern) -> None:
        super().__init__(convert_charrefs=True)
        self.token = token
        self.stack: list[str] = []
        self.places: dict[int, list[tuple[str, tuple[str, ...]]]] = {}   # token index -> [(kind, open elements)]

    def _note(self, text: str, kind: str, tag: str = "") -> None:
        for match in self.token.finditer(text):
            self.places.setdefault(int(match.group(1)), []).append((kind, tuple(self.stack) + ((tag,) if tag else ())))

    def handle_starttag(self, tag, attrs):
        for _name, value in attrs:
            self._note(value or "", "attribute", tag)
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        for _name, value in attrs:
            self._note(value or "", "attribute", tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        self._note(data, "text")

    def handle_comment(self, data):
        self._note(data, "comment")


def place(markdown: str, src: str, to_html: Callable[[str], str]) -> Placement:
    """Step 1: which shortcodes can work where they stand, and problems for those that cannot."""
    uses = find(markdown)
    nonce = placeholders.Placeholders().nonce
    probe = [placeholders.placeholder(nonce, i) for i in range(len(uses))]
    pieces, last = [], 0
    for i, use in enumerate(uses):
        pieces.append(markdown[last:use.start])
        pieces.append(probe[i])
        last = use.end
    pieces.append(markdown[last:])
    probed = "".join(pieces)
    # Braces that open or close no shortcode: probed too, to tell a malformed shortcode from code.
    braces = [(m.start(), probed.count("\n", 0, m.start()) + 1) for m in BRACES.finditer(probed)]
    for k, (pos, _line) in enumerate(reversed(braces)):
        index = len(uses) + len(braces) - 1 - k
        probed = probed[:pos] + placeholders.placeholder(nonce, index) + probed[pos + 2:]
    where = _Where(placeholders.numbered(nonce))
    html_text = to_html(probed)
    where.feed(html_text)
    where.close()

    shown, usable, problems = [], [], []
    for k, (_pos, line) in enumerate(braces):
        if any(kind == "text" and not _LITERAL & set(stack) for kind, stack in where.places.get(len(uses) + k, [])):
            problems.append(Problem(src, line, "", "a shortcode is not closed or not well formed",
                                    "write shortcodes as {{ name ID }}, on one line"))
            break
    for i, use in enumerate(uses):
        found = where.places.get(i, [])
        if found and all(kind == "comment" or _LITERAL & set(stack) for kind, stack in found):
            continue  # code or a comment: shown (or hidden) as written
        shown.append(use)
        if use.name not in SHORTCODES:
            problems.append(unknown_shortcode(src, use.line, use.name))
            continue
        alone = f"<p>{probe[i]}</p>" in html_text
        problem = _placement_problem(SHORTCODES[use.name], found, alone)
        if problem:
            problems.append(Problem(src, use.line, "", f"{use.text}: {problem[0]}", problem[1]))
        else:
            usable.append(use)
    return Placement(shown, usable, problems, html_text)


def _placement_problem(code: Shortcode, found: list[tuple[str, tuple[str, ...]]], alone: bool) -> tuple[str, str] | None:
    """Why a shortcode cannot work where Markdown put it, or None. found: each place its placeholder
    landed (text or an attribute, and the elements around it); alone: a paragraph of its own."""
    if any(_HEADINGS & set(stack) for _kind, stack in found):
        return ("cannot stand in a heading", "write it in the text under the heading")
    if any(kind == "attribute" for kind, _stack in found):
        return ("cannot stand in a link target or an HTML attribute",
                "write the shortcode in the text; for a link to a source, use {{ source ID }} on its own")
    if len(found) != 1:
        return ("has no place here: Markdown leaves it out (in a link reference or raw HTML, say)",
                "write it in the page's text, on a line of its own for a block")
    _kind, stack = found[0]
    if "a" in stack:
        return ("cannot stand inside a link", "write it next to the link, not inside it")
    if code.block and not (alone and stack == ("p",)):
        return ("must stand on a line of its own, with an empty line before and after",
                "move it out of the paragraph, list, table or quote it is in")
    return None


# -- step 2: what each shortcode names -----------------------------------------------------------

def resolve(use: Use, data: SiteData, src: str) -> Problem | None:
    """Resolve a usable shortcode's arguments against the data (into use.resolved), or say what is wrong."""
    code = SHORTCODES[use.name]
    try:
        use.resolved = _resolve_args(code, use.args, data)
    except ShortcodeError as exc:
        return Problem(src, use.line, "", f"{use.text}: {exc.message}", exc.hint)
    return None


def _resolve_args(code: Shortcode, args: list[str], data: SiteData) -> list[Any]:
    if code.args == ("figure..",):
        if not args:
            raise ShortcodeError(f"{{{{ {code.usage.split()[1]} }}}} needs figure ids", f"write {code.usage}")
        return [[_known(data.figures, arg, "figure") for arg in args]]
    if len(args) != len(code.args):
        raise ShortcodeError(f"expected {len(code.args)} argument(s), found {len(args)}", f"write {code.usage}")
    resolved = []
    for kind, arg in zip(code.args, args):
        if kind == "part":
            if arg not in statement.PARTS:
                raise ShortcodeError(f"no part of the statement is called '{arg}'", "use " + ", ".join(statement.PARTS))
            resolved.append(arg)
        elif kind == "section":
            found = data.findings_in(arg)
            if not found:
                raise ShortcodeError(f"no finding is in the section '{arg}'", SECTIONS_HINT)
            resolved.append(found)
        else:
            table = {"figure": data.figures, "finding": data.findings, "chart": data.charts, "source": data.sources}[kind]
            resolved.append(_known(table, arg, kind))
    return resolved


def _known(table: dict, key: str, what: str):
    if key not in table:
        raise ShortcodeError(f"no {what} has the id '{key}'",
                             f"use the id of a {what} in data/ (known: {', '.join(sorted(table)[:12])}"
                             + (", ..." if len(table) > 12 else "") + ")")
    return table[key]


def anchors(use: Use) -> list[str]:
    """The HTML ids a resolved shortcode puts into the page: a finding's id, a chart's."""
    if use.name == "finding":
        found = use.resolved[:1]
    elif use.name == "findings":
        found = use.resolved[0]
    elif use.name == "chart":
        return [f"chart-{use.resolved[0].id}"]
    else:
        return []
    return [f.id for f in found] + [f"chart-{f.chart}" for f in found if f.chart]


# -- step 3: the page ------------------------------------------------------------------------------

def expand(markdown: str, usable: list[Use], renderer: PageRenderer) -> str:
    """The page's Markdown with each usable shortcode replaced by its Markdown (placeholders for HTML)."""
    pieces, last = [], 0
    for use in usable:
        pieces.append(markdown[last:use.start])
        pieces.append(SHORTCODES[use.name].render(renderer, *use.resolved))
        last = use.end
    pieces.append(markdown[last:])
    return "".join(pieces) + renderer.page_sources()


# A placeholder (placeholders.py), with the paragraph Markdown wraps around a block's.
PLACEHOLDER = re.compile(rf"(<p>)?({placeholders.TOKEN})(</p>)?")

def insert(html_text: str, fragments: Fragments, slot: Callable[[], str]) -> str:
    """The page's HTML with the shortcodes' HTML in place of their placeholders, in one pass; the
    parts marked for after search (AFTER_SEARCH) are comments holding a new `slot()` placeholder."""
    from markupsafe import escape

    def keep_for_later(match: re.Match) -> str:
        token = slot()
        fragments.after_search[token] = match.group(1)
        return f"<!--{token}-->"

    def put(match: re.Match) -> str:
        opening, token, closing = match.group(1) or "", match.group(2), match.group(3) or ""
        if token in fragments.html:
            html_piece = AFTER_SEARCH.sub(keep_for_later, fragments.html[token]())
            if token in fragments.blocks and opening and closing:
                return html_piece
            return opening + html_piece + closing
        if token in fragments.headings:
            return opening + str(escape(fragments.headings[token])) + closing
        return match.group(0)
    return PLACEHOLDER.sub(put, html_text)


def put_after_search(html_text: str, fragments: Fragments) -> str:
    """The page's HTML with the parts kept from search in their slots, in one pass."""
    return SLOT.sub(lambda m: fragments.after_search.pop(m.group(1), m.group(0)), html_text)


def heading_title(title: str, fragments: Fragments) -> str:
    """A table-of-contents title with a heading placeholder replaced by its (escaped) text."""
    from markupsafe import escape

    return PLACEHOLDER.sub(lambda m: str(escape(fragments.headings[m.group(2)])) if m.group(2) in fragments.headings
                           else m.group(0), title)
