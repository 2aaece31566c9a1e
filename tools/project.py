"""What a report site's project consists of, in one place: what the build reads, what tests and
the benchmark copy to build elsewhere, and what `make new-report` carries over to the next report."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# This report's own: its pages and data (new-report writes a skeleton of its own instead).
REPORT_PARTS = ("content", "data")
# What builds a site from them (mkdocs.yml is carried over with this report's names replaced).
GENERATOR_PARTS = ("hooks", "site_src", "licences", "mkdocs.yml", "mkdocs.offline.yml")
# What a build reads: outside git, the newest of these gives the build's time.
BUILD_INPUTS = REPORT_PARTS + GENERATOR_PARTS
# A copy that builds and runs the tools: for tests and the benchmark.
PROJECT_PARTS = BUILD_INPUTS + ("tools",)
# A copy an editor runs `make` in (tests of the editor's workflow, with this checkout's venv).
MAKE_PARTS = PROJECT_PARTS + ("Makefile", "pyproject.toml", "requirements")
# What the next report's project starts from, as it is here.
NEW_REPORT_PARTS = ("hooks", "site_src", "licences", "mkdocs.offline.yml", "schema", "tools", "docs", "Makefile", "pyproject.toml", "requirements",
                    ".gitignore", "tests/conftest.py", "tests/test_schema.py", "tests/test_project.py", "data/ui.yml",
                    "data/accessibility.yml")


def copy_project(dest: Path, root: Path = ROOT, parts: tuple[str, ...] | list[str] = PROJECT_PARTS) -> Path:
    """A copy of the project's sources at dest (created), without caches, to edit and build."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in parts:
        src = root / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest
