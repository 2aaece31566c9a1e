"""Shared code of the report site's hooks: configuration, data, validation, rendering, charts.

Plain functions and classes that tests call without MkDocs; the hooks in hooks/*.py are thin.
"""

from pathlib import Path

# The files of this package as they were when it was imported: hooks/code_reload.py compares them
# with the files on disk, so that the live preview picks up an edit to any of them.
_FOLDER = Path(__file__).parent
_IMPORTED = {path.name: path.stat().st_mtime_ns for path in _FOLDER.glob("*.py")}


def changed_since_import() -> bool:
    """Whether a module of this package was edited, added or removed since the package was imported."""
    return {path.name: path.stat().st_mtime_ns for path in _FOLDER.glob("*.py")} != _IMPORTED
