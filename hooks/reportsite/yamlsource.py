"""Read a YAML file safely, boundedly, as typed, and remember the line of every value.

We walk the composed node tree ourselves so that every value keeps its line, and so that a
duplicate key is an error rather than a silent overwrite. Before anything is composed, the file's
event stream is scanned (iteratively, so nothing can recurse without bound) and refused with the
file and line when it holds what a data file never needs and PyYAML would act on:
- tags (`!ENV`, `!!python/name:`, `!!str`, any other): they reach constructors;
- anchors and aliases (`&x`, `*x`): an alias can refer to itself, and a few kilobytes of nested
  aliases can expand to gigabytes;
- nesting deeper than MAX_DEPTH levels (the data files need six).

Scalars are read as the editor typed them, not by YAML 1.1's rules (under which `043` is octal 35,
`3:07` is 187, `yes`/`no`/`on`/`off` are booleans, `1e3`, `.inf`, `0x1F` and `1_000` are numbers and
`2020-03-12` a date): a plain value is a number only when written as digits with at most one
decimal point (`28`, `-3`, `27.8`), true/false only when written so, empty only when empty or `~`
or `null`; anything else is the text typed. The schema then says what a field expects.

Invisible characters (control and format characters: bidirectional overrides, zero-width spaces
and joiners, the byte-order mark inside text, ...) are refused in every value and key, with the
file, line and field: they can hide or reorder what a reader or a link really shows.
"""

from __future__ import annotations

import re
from decimal import Decimal
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, SiteDataError

@dataclass
class YamlDocument:
    """A YAML file's data with the line number of every value, keyed by its path."""

    file: str
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)

    def line(self, path: tuple) -> int | None:
        """The line of the value at path, or of its nearest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


# libyaml's parser when PyYAML was built with it (the PyPI wheels are): same nodes and marks, far faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# How deep a data file may nest lists and groups of keys (the project's files need six levels).
MAX_DEPTH = 20
# The largest data file read: the project's are a few tens of kilobytes.
MAX_BYTES = 2_000_000

_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")
_ALLOWED_CONTROLS = {"\t", "\n", "\r"}
INVISIBLE_HINT = ("delete it (move the cursor across the spot with the arrow keys to find it): invisible "
                  "characters can hide or reorder what a reader or a link really shows")


# Deleted before the quick test below: the allowed controls, and the spaces isprintable() counts as
# not printable (no-break and thin spaces are separators, not invisible characters).
_QUICK_ALLOWED = str.maketrans("", "", "\t\n\r\u00a0\u2009\u202f")


def invisible_character(text: str) -> str | None:
    """The first invisible control or format character in text (tab and line breaks allowed), if any."""
    if text.translate(_QUICK_ALLOWED).isprintable():
        return None   # no control, format or line/paragraph separator: the usual case, decided in C
    for char in text:
        if char not in _ALLOWED_CONTROLS and (unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")):
            return char
    return None


def describe_character(char: str) -> str:
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'CONTROL CHARACTER')})"


def _construct_scalar(node: yaml.ScalarNode) -> Any:
    """The value as typed: quoted or block text stays text; a plain value is a number, true/false or
    nothing only when written plainly so (see the module's docstring), else the text typed."""
    value = node.value
    if node.style not in (None, ""):
        return value
    if value in ("", "~", "null", "Null", "NULL"):
        return None
    if value in ("true", "True", "TRUE"):
        return True
    if value in ("false", "False", "FALSE"):
        return False
    if _INTEGER.fullmatch(value):   # a long one as Decimal: int() refuses over 4300 digits (the schema caps digits)
        return int(value) if len(value) <= 18 else Decimal(value)
    if _DECIMAL.fullmatch(value):   # exactly as typed: 28.50 stays 28.50, not the binary float 28.5
        return Decimal(value)
    return value


def _invisible_problem(doc: YamlDocument, node: yaml.Node, path: tuple, text: str) -> Problem | None:
    char = invisible_character(text)
    if char is None:
        return None
    return Problem(doc.file, node.start_mark.line + 1, _dotted(path),
                   f"the text holds the invisible character {describe_character(char)}", INVISIBLE_HINT)


def _to_python(node: yaml.Node, path: tuple, doc: YamlDocument, problems: list[Problem]) -> Any:
    doc.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(doc.file, key_node.start_mark.line + 1, _dotted(path),
                                        "a key must be plain text", "write the key as a word"))
                continue
            key = str(key_node.value)
            if (problem := _invisible_problem(doc, key_node, path + (key,), key)) is not None:
                problems.append(problem)
                continue
            if key in result:
                problems.append(Problem(
                    doc.file, key_node.start_mark.line + 1, _dotted(path + (key,)),
                    f"the key '{key}' appears twice",
                    f"keep one '{key}' (the first is on line {doc.lines[path + (key,)]})"))
                continue
            doc.lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = _to_python(value_node, path + (key,), doc, problems)
            # A key's line is where the key stands, even when its value starts on the next line.
            doc.lines[path + (key,)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, path + (i,), doc, problems) for i, item in enumerate(node.value)]
    if (problem := _invisible_problem(doc, node, path, node.value)) is not None:
        problems.append(problem)
    return _construct_scalar(node)


def _dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted


# PyYAML's wording of the usual mistakes, said in words an editor can act on.
_YAML_PROBLEMS = (
    ("mapping values are not allowed", "a ': ' where YAML does not expect one",
     "put text that contains ': ' in quotes, and check that the line is indented like its neighbours"),
    ("expected <block end>", "the structure of the file breaks here",
     "check the indentation of this line, and that every quote opened on a line above is closed"),
    ("could not find expected ':'", "a line that is not 'key: value'",
     "check this line and the one above: a key needs ': ' after it, and quotes must be closed"),
    ("found unexpected end of stream", "the file ends inside quoted text",
     "close the quote that is opened on a line above"),
    ("expected alphabetic or numeric character", "text starts with a character YAML reserves ('*' or '&')",
     "put the text in quotes"),
    ("found undefined alias", "text starts with '*', which YAML reserves", "put the text in quotes"),
)


def _plain_yaml_problem(problem: str, has_tab: bool) -> tuple[str, str]:
    if has_tab or "'\\t'" in problem:
        return "a tab character", "YAML must be indented with spaces, not tabs"
    for start, message, hint in _YAML_PROBLEMS:
        if problem.startswith(start):
            return message, hint
    return problem, "fix the YAML syntax on that line (quote text that contains ': ' or starts with a special character)"


_NO_ANCHORS = ("data files do not use YAML anchors and aliases: write the value out in full "
               "(put text that starts with '&' or '*' in quotes)")


def _refused(name: str, text: str) -> list[Problem]:
    """What the file holds that a data file must not (tags, anchors, aliases, deep nesting), from its
    event stream: read without composing anything, so it is bounded by the file's size."""
    problems: list[Problem] = []
    anchors: set[str] = set()
    depth = 0
    said_anchors = False  # one message for anchors and aliases: the first one the editor meets
    for event in _events(text):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            if event.anchor in anchors:
                if not said_anchors:
                    problems.append(Problem(name, line, "", f"a YAML alias ('*{event.anchor}')", _NO_ANCHORS))
                said_anchors = True
            else:  # most likely text that starts with '*', such as *emphasis*
                problems.append(Problem(name, line, "", "YAML syntax error: text starts with '*', which YAML reserves",
                                        "put the text in quotes"))
            continue
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            anchors.add(anchor)
            if not said_anchors:
                problems.append(Problem(name, line, "", f"a YAML anchor ('&{anchor}')", _NO_ANCHORS))
                said_anchors = True
        tag = getattr(event, "tag", None)
        if tag is not None and isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            problems.append(Problem(name, line, "", f"a YAML tag ('{shown}')",
                                    "data files do not use YAML tags: remove it and write the value itself "
                                    "(put text that starts with '!' in quotes)"))
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                problems.append(Problem(name, line, "", f"the data nests more than {MAX_DEPTH} levels deep",
                                        "check the indentation and the brackets: the data files need a few levels"))
                break
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if len(problems) >= 20:
            break
    return problems


def _events(text: str):
    """The file's events: libyaml when it is there, for speed. On a syntax error the file is read
    again by PyYAML's own parser, whose wording and marks the plain messages above know."""
    if _LOADER is yaml.SafeLoader:
        yield from yaml.parse(text, Loader=yaml.SafeLoader)
        return
    seen = 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            seen += 1
            yield event
        return
    except yaml.YAMLError:
        pass
    for i, event in enumerate(yaml.parse(text, Loader=yaml.SafeLoader)):
        if i >= seen:
            yield event


def _compose(text: str) -> list[yaml.Node]:
    """The file's documents as nodes (only once _refused found nothing: no aliases, bounded depth)."""
    try:
        return list(yaml.compose_all(text, Loader=_LOADER))
    except yaml.YAMLError:
        if _LOADER is yaml.SafeLoader:
            raise
    return list(yaml.compose_all(text, Loader=yaml.SafeLoader))


def _separator_line(text: str, second: yaml.Node) -> int:
    """The line of the '---' that starts the second document, where the editor must look."""
    lines = text.splitlines()[: second.start_mark.line + 1]
    return max((i + 1 for i, l in enumerate(lines) if l.startswith("---")), default=second.start_mark.line + 1)


def load_yaml(path: Path, display_name: str | None = None) -> YamlDocument:
    """Load one YAML file; raise SiteDataError naming the file and line on any problem."""
    name = display_name or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SiteDataError([Problem(name, None, "", f"cannot be read ({exc.strerror})",
                                     "check that the file exists")]) from None
    if len(raw) > MAX_BYTES:
        raise SiteDataError([Problem(name, None, "", f"the file is {len(raw) / 1e6:.1f} MB",
                                     f"a data file holds at most {MAX_BYTES // 1_000_000} MB; check that it is the right file")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SiteDataError([Problem(name, line, "", "the file is not UTF-8 text",
                                     "save the file with UTF-8 encoding")]) from None
    if not text.strip() or all(l.strip().startswith("#") or not l.strip() for l in text.splitlines()):
        raise SiteDataError([Problem(name, 1, "", "the file is empty",
                                     "add the data the file should hold, or remove the file")])
    try:
        refused = _refused(name, text)
        if refused:
            raise SiteDataError(refused)
        nodes = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        source_lines = text.splitlines()
        has_tab = bool(line and line <= len(source_lines) and "\t" in source_lines[line - 1])
        message, hint = _plain_yaml_problem((exc.problem or "invalid YAML").strip(), has_tab)
        raise SiteDataError([Problem(name, line, "", f"YAML syntax error: {message}", hint)]) from None
    except yaml.reader.ReaderError as exc:  # a control character YAML refuses to read at all
        line = text[: exc.position].count("\n") + 1
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        raise SiteDataError([Problem(name, line, "", f"the text holds the invisible character {describe_character(char)}",
                                     INVISIBLE_HINT)]) from None
    except yaml.YAMLError as exc:
        raise SiteDataError([Problem(name, None, "", f"YAML error: {exc}", "fix the YAML syntax")]) from None
    if len(nodes) != 1:
        raise SiteDataError([Problem(name, _separator_line(text, nodes[1]) if len(nodes) > 1 else 1, "",
                                     "the file holds more than one YAML document",
                                     "remove the '---' separator; keep one document per file")])
    doc = YamlDocument(name, None)
    problems: list[Problem] = []
    doc.data = _to_python(nodes[0], (), doc, problems)
    if problems:
        raise SiteDataError(problems)
    return doc
