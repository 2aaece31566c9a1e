"""A content-addressed cache of rendered text (chart SVGs, spec templates, the chart script).

Kept in memory, so `mkdocs serve` redraws only what changed, and in a folder (.cache/ in the
project, ignored by git), so a fresh build process skips Altair and vl-convert entirely when
nothing they would produce has changed. Keys hash everything that shapes the output, including
the versions of the libraries that produce it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from importlib.metadata import version
from pathlib import Path


log = logging.getLogger("mkdocs.reportsite.cache")


class ContentCache:
    def __init__(self) -> None:
        self._memory: dict[str, str] = {}
        self._folder: Path | None = None

    def use_folder(self, folder: Path | None) -> None:
        self._folder = folder

    @staticmethod
    def key(namespace: str, *parts: str) -> str:
        digest = hashlib.sha256()
        for part in (namespace, *parts):
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
        return f"{namespace}-{digest.hexdigest()[:40]}"

    def get(self, key: str) -> str | None:
        if key in self._memory:
            return self._memory[key]
        if self._folder is not None:
            path = self._folder / key
            try:
                if path.is_file():
                    self._memory[key] = path.read_text(encoding="utf-8")
                    return self._memory[key]
            except (OSError, UnicodeDecodeError) as exc:
                self._give_up_folder(exc)
        return None

    def put(self, key: str, value: str) -> str:
        self._memory[key] = value
        if self._folder is not None:
            try:
                self._folder.mkdir(parents=True, exist_ok=True)
                # Write then rename, so a build that is stopped half-way never leaves a torn entry.
                fd, tmp = tempfile.mkstemp(dir=self._folder, prefix=".tmp-")
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(value)
                os.replace(tmp, self._folder / key)
            except OSError as exc:
                self._give_up_folder(exc)
        return value

    def _give_up_folder(self, exc: OSError | UnicodeDecodeError) -> None:
        """The cache folder cannot be used (read-only, full, not a folder): build without it, and say so once.
        The cache only saves time; the site built is the same."""
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        log.info(f"The cache folder {self._folder} cannot be used ({reason}): building without it, which is slower. "
                 "Make the folder writable, or delete it.")
        self._folder = None


def package_version(name: str) -> str:
    return version(name)


rendered = ContentCache()
