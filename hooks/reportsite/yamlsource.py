"""Read a YAML file safely and remember the line of every value.

PyYAML's safe constructor builds plain data only; we walk the composed node tree ourselves so that
every value keeps its line, and so that a duplicate key is an error rather than a silent overwrite.
"""

from __future__ import annotations

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


_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# libyaml's parser when PyYAML was built with it (the PyPI wheels are): same nodes and marks, far faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _construct_scalar(node: yaml.ScalarNode) -> Any:
    # Dates stay text (ISO 8601) so that every value in the model is plain JSON-like data.
    if node.tag == _TIMESTAMP_TAG:
        return node.value
    return yaml.constructor.SafeConstructor().construct_object(node, deep=True)


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


def _compose(text: str) -> list[yaml.Node]:
    """The file's documents as nodes: libyaml when it is there, for speed. On a syntax error the file
    is read again by PyYAML's own parser, whose wording and marks the plain messages above know."""
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
        nodes = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        source_lines = text.splitlines()
        has_tab = bool(line and line <= len(source_lines) and "\t" in source_lines[line - 1])
        message, hint = _plain_yaml_problem((exc.problem or "invalid YAML").strip(), has_tab)
        raise SiteDataError([Problem(name, line, "", f"YAML syntax error: {message}", hint)]) from None
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
