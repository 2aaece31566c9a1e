"""`make check`: every problem in data and pages at once, as file:line: what — what to do, in about a second."""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from conftest import ROOT

PROBLEM_LINE = re.compile(r"^(?P<file>[\w./-]+?)(?::(?P<line>\d+))?: (?P<what>.+) — (?P<todo>.+)$")


def _check(project: Path) -> tuple[int, list[str], str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "hooks"))
    proc = subprocess.run([sys.executable, "-m", "reportsite.check"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=120)
    return proc.returncode, proc.stdout.splitlines(), proc.stderr


def _append(path: Path, text: str) -> int:
    """Append text to a file; returns the line the text starts on."""
    body = path.read_text(encoding="utf-8")
    if not body.endswith("\n"):
        body += "\n"
    path.write_text(body + text, encoding="utf-8")
    return body.count("\n") + 1


def _edit(path: Path, old: str, new: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_every_problem_is_printed_at_once(project_copy):
    content, data = project_copy / "content", project_copy / "data"
    yaml_line = _edit(data / "ui.yml", "  show_data: Vis tall\n", "  show_data: Vis tall\n\tbad: tab\n") + 1
    kind_line = _edit(data / "findings.yml", "    kind: share\n", "    kind: pie\n")
    unknown_line = _append(content / "en" / "arsaker.md", "\n{{ fnding lup-contact }}\n") + 1
    (content / "en" / "ordliste.md").unlink()
    typed_line = _append(content / "nb" / "anbefalinger.md", "\nOm lag 187 kommuner.\n") + 1

    code, out, err = _check(project_copy)
    assert code == 1
    assert all(PROBLEM_LINE.match(line) for line in out), out
    expected = [
        "content/nb/ordliste.md: the page exists in 'nb' but not in 'en' — add content/en/ordliste.md",
        f"data/ui.yml:{yaml_line}: YAML syntax error",
        f"data/findings.yml:{kind_line}: charts[0].kind: 'pie' is not a known value — use one of: bar, share",
        f"content/en/arsaker.md:{unknown_line}: unknown shortcode '{{{{ fnding }}}}' — known shortcodes: accessibility, chart, cite,",
        f"content/nb/anbefalinger.md:{typed_line}: a number is typed into the page — put the number in data/",
    ]
    for start in expected:
        assert any(line.startswith(start) for line in out), (start, out)
    # One mistake, one message: the unknown shortcode is not reported again as a difference between languages.
    assert not any("the translation shows {{ fnding" in line for line in out), out
    assert f"{len(out)} problems found" in err
    assert "checked once data/ loads" in err


def test_ids_in_pages_are_checked_when_the_data_loads(project_copy):
    line = _append(project_copy / "content" / "en" / "arsaker.md", "\n{{ finding no-such-id }}\n") + 1
    code, out, _ = _check(project_copy)
    assert code == 1
    assert any(l.startswith(f"content/en/arsaker.md:{line}: {{{{ finding no-such-id }}}}: no finding has the id "
                            "'no-such-id' — use the id of a finding in data/") for l in out), out


def test_line_numbers_count_the_front_matter(project_copy):
    """funn.md starts with front matter; the line named is the line in the file."""
    page = project_copy / "content" / "nb" / "funn.md"
    line = _edit(page, "{{ findings conclusions }}", "{{ findings konklusjoner }}")
    code, out, _ = _check(project_copy)
    assert code == 1
    assert any(l.startswith(f"content/nb/funn.md:{line}: {{{{ findings konklusjoner }}}}: no finding is in the section")
               for l in out), out


def test_a_translation_that_drops_a_chart_is_reported(project_copy):
    page = project_copy / "content" / "en" / "index.md"
    text = page.read_text(encoding="utf-8")
    first = re.search(r"\{\{ key-figures [^}]*\}\}", text)
    assert first, "test setup: the English front page shows key figures"
    _edit(page, first.group(0), "{{ key-figures lup-contact }}")
    code, out, _ = _check(project_copy)
    assert code == 1
    assert any(l.startswith("content/en/index.md:") and "the translation shows {{ key-figures lup-contact }} where "
               "content/nb/index.md shows {{ key-figures" in l for l in out), out


def test_a_source_that_backs_nothing_is_reported(project_copy):
    line = _append(project_copy / "data" / "report.yml",
                   "  - id: unused-source\n    kind: web\n    publisher: Nobody\n"
                   "    title: {nb: Ingenting, nn: Ingenting, en: Nothing}\n    url: https://example.invalid/\n")
    code, out, _ = _check(project_copy)
    assert code == 1
    assert out == [f"data/report.yml:{line}: the source 'unused-source' backs nothing on the site — cite it in a "
                   "finding's sources or with {{ source unused-source }} on a page, or remove it"]


@pytest.mark.build
def test_mkdocs_yml_saved_as_latin_1(project_copy, tmp_path):
    """MkDocs reads its configuration before any hook runs: `make check` (which `make site` runs
    first) names the file and line; the build itself stops with MkDocs' own one-line message."""
    config = project_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_bytes(text.replace("site_name:", "# Små distriktskommuner\nsite_name:", 1).encode("latin-1"))
    line = text[: text.index("site_name:")].count("\n") + 1
    code, out, err = _check(project_copy)
    assert code == 1 and "Traceback" not in err
    assert out == [f"mkdocs.yml:{line}: the file is not UTF-8 text — save the file with UTF-8 encoding"]
    from conftest import build

    result = build(project_copy, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.output
    assert "mkdocs.yml" in result.output and "invalid continuation byte" in result.output


def test_python_without_docstrings_is_one_clear_line_not_a_traceback():
    """PYTHONOPTIMIZE is input like any other: at level 2 Python drops docstrings, and Altair cannot import."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "hooks"), PYTHONOPTIMIZE="2")
    proc = subprocess.run([sys.executable, "-m", "reportsite.check"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "the environment: PYTHONOPTIMIZE: Python runs without docstrings (optimisation level 2), which the chart " \
           "library (Altair) needs — unset PYTHONOPTIMIZE" in proc.stdout


def test_an_image_a_page_shows_passes_and_one_too_big_is_refused(tmp_path):
    """The positive side of the image rules (the refusals are bad-input cases): a real PNG shown by a
    page is accepted; the same image grown past the size limit is named with its size."""
    from conftest import copy_project
    from reportsite.page_files import MAX_IMAGE_BYTES

    project = copy_project(tmp_path / "project")
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(b"\x00\xff")) + chunk(b"IEND", b""))   # one white pixel
    image = project / "content" / "nb" / "bilde.png"
    image.write_bytes(png)
    _append(project / "content" / "nb" / "om-rapporten.md", "\n![Et bilde](bilde.png)\n")
    code, lines, _ = _check(project)
    assert code == 0 and lines[0].startswith("No problems"), lines
    image.write_bytes(png + bytes(MAX_IMAGE_BYTES))
    code, lines, _ = _check(project)
    assert code == 1 and len(lines) == 1 and re.fullmatch(
        r"content/nb/bilde\.png: the image is [\d ]+ bytes \(at most 2 000 000\) — save it smaller .*", lines[0]), lines
