"""What a report site's project consists of, in one place: what the build reads, what tests and
the benchmark copy to build elsewhere, what `make new-report` carries over to the next report, and
how an example report under examples/ is put together with the generator to build.

Usage: python tools/project.py example DEST — the example report (examples/charts/) at DEST, to build."""

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
# The generator's own data, which every report takes as it is here: the words of the parts the hooks
# make, and the accessibility statement's evidence.
GENERATOR_DATA = ("data/ui.yml", "data/accessibility.yml")
# What the next report's project starts from, as it is here.
NEW_REPORT_PARTS = ("hooks", "site_src", "licences", "mkdocs.offline.yml", "schema", "tools", "docs", "Makefile", "pyproject.toml", "requirements",
                    ".gitignore", "tests/conftest.py", "tests/test_schema.py", "tests/test_project.py") + GENERATOR_DATA
# An example report (examples/NAME/) holds only its own: its pages and data, and a mkdocs.yml that
# inherits the generator's configuration (this project's mkdocs.yml) under this name.
GENERATOR_CONFIG = "mkdocs.generator.yml"


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


def assemble_example(dest: Path, name: str = "charts", root: Path = ROOT) -> Path:
    """The example report examples/NAME put together with the generator at dest (created), to check and
    build: the generator's parts, its configuration as GENERATOR_CONFIG and its data; then the example's
    own pages, data and mkdocs.yml. Its figures go nowhere else."""
    copy_project(dest, root, [part for part in PROJECT_PARTS if part not in REPORT_PARTS])
    (dest / "mkdocs.yml").rename(dest / GENERATOR_CONFIG)
    copy_project(dest, root / "examples" / name, REPORT_PARTS + ("mkdocs.yml",))
    return copy_project(dest, root, GENERATOR_DATA)


if __name__ == "__main__":
    import sys

    if len(sys.argv) != 3 or sys.argv[1] != "example":
        sys.exit("usage: python tools/project.py example DEST")
    print(assemble_example(Path(sys.argv[2])))
