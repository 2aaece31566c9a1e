"""The corpus of editors' mistakes: each case in tests/bad_inputs/ edits a copy of the project and
must get exactly the one message it expects, with no traceback.

Every case runs in-process through the one validation that `make check`, the build and the live
preview share (reportsite.check.check_project, in milliseconds). The cases marked `build: true`
also run the real `mkdocs build --strict` and the real `make check`'s module in a subprocess, and
both must print that same message: so the build and the check cannot disagree.

A case is one YAML file, so adding a case is adding a file:

    why: what the editor did            # shown when the case fails
    edits:                              # applied in order to a copy of the project
      - file: data/findings.yml         # the file to change, relative to the project
        replace: "value: 28\\n"          # text that must occur in it (first occurrence is changed)
        with: "value: 128\\n"
      # or  append: "text"   (added at the end)
      # or  write: "text"    (the whole file; "" makes it empty)
      # or  delete: true
      # or  symlink: /etc/passwd   (the file becomes a symbolic link to that path)
      # and encoding: latin-1 (save the edited file in that encoding instead of UTF-8)
    env: {SITE_URL: ""}                 # optional: environment variables for the build and the check
    expect: "data/findings.yml:{line}: findings[1].figures[0].value: ..."
    build: true                         # optional: also a real build and a real `make check`

`make check` (reportsite.check) runs on the same copy and must print the same line first (it may
add what only it looks for, such as the translation's shortcodes no longer matching).

`env:` (optional) sets environment variables for the check and the build, such as SITE_URL.

The expected text is the whole message line the editor sees. `{line}` in it is the line of the
first edit (where the replaced or appended text starts), `{line+N}` is N lines below it and
`{line-N}` N lines above; `{any}` stands for text that changes with the data, such as a list of
the known ids.
"""

from __future__ import annotations

import concurrent.futures
import itertools
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from conftest import BuildResult, build, copy_project

from reportsite.check import check_project

# One process runs this file: its module fixture builds a site of its own (make test: --dist loadgroup).
pytestmark = pytest.mark.xdist_group("bad_inputs")

CASES_DIR = Path(__file__).parent / "bad_inputs"
CASE_FILES = sorted(CASES_DIR.glob("*.yml"))
# Builds run side by side: each is mostly one Python process waiting on imports and small files.
WORKERS = max(2, min(4, (os.cpu_count() or 2) + 1))
HEADER = "1 problem in the site's data or pages:"
# What the in-process check needs of a project: the rest is read from the real one.
CHECKED_PARTS = ("content", "data", "mkdocs.yml", "mkdocs.offline.yml", "hooks", "site_src")


@dataclass
class Case:
    name: str
    why: str
    edits: list[dict]
    expect: str
    build: bool
    env: dict


def load_case(path: Path) -> Case:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert {"why", "edits", "expect"} <= set(raw) <= {"why", "edits", "expect", "build", "env"}, \
        f"{path.name}: keys must be why, edits, expect, and optionally build and env"
    return Case(path.stem, raw["why"], raw["edits"], raw["expect"], bool(raw.get("build", False)), raw.get("env") or {})


BUILT_CASES = [path for path in CASE_FILES if load_case(path).build]


def apply_edits(project: Path, edits: list[dict]) -> int:
    """Apply a case's edits to a project copy; return the line of the first edit."""
    first_line = None
    for edit in edits:
        path = project / edit["file"]
        encoding = edit.get("encoding", "utf-8")
        if edit.get("delete"):
            path.unlink()
            line = 1
        elif "symlink" in edit:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.unlink(missing_ok=True)
            path.symlink_to(edit["symlink"])
            line = 1
        elif "write" in edit:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(edit["write"].encode(encoding))
            line = 1
        else:
            text = path.read_text(encoding="utf-8")
            if "append" in edit:
                line = text.count("\n") + 1 if text.endswith("\n") else text.count("\n") + 2
                text = text + ("" if text.endswith("\n") else "\n") + edit["append"]
            else:
                old, new = edit["replace"], edit["with"]
                assert old in text, f"case set-up: {old!r} is not in {edit['file']}"
                line = text[: text.index(old)].count("\n") + 1
                text = text.replace(old, new, 1)
            path.write_bytes(text.encode(encoding, errors="replace"))   # as an editor set to it saves
        first_line = first_line or line
    return first_line or 1


def expected_pattern(case: Case, line: int) -> re.Pattern:
    """The expected message as a pattern: {line}, {line+N}, {line-N} are lines; {any} is any text."""
    parts = re.split(r"(\{line(?:[+-]\d+)?\}|\{any\})", case.expect)
    out = []
    for part in parts:
        if part == "{any}":
            out.append(".*")
        elif part.startswith("{line"):
            out.append(str(line + int(part[5:-1] or 0)))
        else:
            out.append(re.escape(part))
    return re.compile("".join(out))


def reported_lines(output: str) -> list[str]:
    """The problem lines of a build's output, under its one header."""
    block = output.split(HEADER, 1)[1].splitlines() if HEADER in output else []
    return [line.strip() for line in itertools.takewhile(lambda l: l.startswith("  "), block[1:])]


def test_corpus_is_large_enough():
    assert len(CASE_FILES) >= 25
    assert len(BUILT_CASES) >= 5, "keep a handful of cases as real builds"


@pytest.mark.parametrize("case_file", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_bad_input_gives_one_clear_message(case_file, tmp_path, monkeypatch):
    """In-process, through the validation that the build, `make check` and the live preview share."""
    case = load_case(case_file)
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project, parts=CHECKED_PARTS)   # copied, not linked: a link in the inputs is refused
    expected = expected_pattern(case, apply_edits(project, case.edits))
    for name, value in case.env.items():
        monkeypatch.setenv(name, value)
    problems = [str(p) for p in check_project(project)[0]]
    assert len(problems) == 1 and expected.fullmatch(problems[0]), \
        f"{case.name} ({case.why}): expected {case.expect!r}, got {problems}"


def run_case(case: Case, workdir: Path) -> tuple[BuildResult, subprocess.CompletedProcess, re.Pattern]:
    project = copy_project(workdir / "project")
    line = apply_edits(project, case.edits)
    check = subprocess.run([sys.executable, "-m", "reportsite.check"], cwd=project, capture_output=True, text=True,
                           env=dict(os.environ, PYTHONPATH=str(project / "hooks"), **case.env), timeout=300)
    return build(project, workdir / "site", env=case.env), check, expected_pattern(case, line)


@pytest.fixture(scope="module")
def built_runs(request, tmp_path_factory):
    """Start the builds of every selected case at once; each test waits for its own."""
    selected = [item.callspec.params["case_file"] for item in request.session.items
                if item.originalname == "test_build_and_check_give_the_same_message"]
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=WORKERS)
    futures = {path: pool.submit(run_case, load_case(path), tmp_path_factory.mktemp(path.stem))
               for path in selected}
    yield futures
    pool.shutdown(wait=True, cancel_futures=True)


@pytest.mark.parametrize("case_file", BUILT_CASES, ids=[p.stem for p in BUILT_CASES])
@pytest.mark.build
def test_build_and_check_give_the_same_message(case_file, built_runs):
    case = load_case(case_file)
    result, check, expected = built_runs[case_file].result(timeout=600)
    output = result.output
    assert result.returncode != 0, f"{case.name} ({case.why}): the build succeeded\n{output}"
    assert "Traceback" not in output + check.stdout + check.stderr, f"{case.name}: a Python traceback reached the editor"
    reported = reported_lines(output)
    assert len(reported) == 1 and expected.fullmatch(reported[0]), \
        f"{case.name} ({case.why}): expected {case.expect!r}\n{output}"
    assert output.count(HEADER) == 1 and "Aborted with a BuildError!" in output
    assert check.returncode == 1 and check.stdout.splitlines() == reported, (check.stdout, reported)
