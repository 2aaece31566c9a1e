"""The files that make up a report site's project: what tests and the benchmark copy to build elsewhere."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("content", "data", "hooks", "site_src", "tools", "mkdocs.yml", "mkdocs.offline.yml")


def copy_project(dest: Path, root: Path = ROOT) -> Path:
    """A copy of the project's sources at dest (created), without caches, to edit and build."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = root / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest
