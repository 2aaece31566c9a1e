"""A content-addressed cache of rendered text (chart SVGs, spec templates, the chart script).

Kept in memory, so `mkdocs serve` redraws only what changed, and in one SQLite file in a folder
(.cache/rendered/ in the project, ignored by git), so a fresh build process skips Altair and vl-convert entirely when
nothing they would produce has changed. Keys hash everything that shapes the output: what the
caller passes (the spec, the template's code) and, in every key, the build's inputs that no caller
names: the versions of the libraries that produce output and the site's font files (fonts.py).
Those are looked up once per build (`use_folder` starts a build), not once per key: a version
lookup costs about 0.3 ms, and a report of 1000 charts makes tens of thousands of keys.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from importlib.metadata import version
from pathlib import Path

import jinja2


log = logging.getLogger("mkdocs.reportsite.cache")


class ContentCache:
    """Entries in memory and in one SQLite file in the cache folder.

    One file, not a file per entry: a report of 1000 charts reads and writes thousands of entries
    per build, and on this kind of machine each file opened costs about 0.3 ms. SQLite writes each
    entry whole or not at all, so a build stopped half-way never leaves a torn entry.
    """

    FILE = "entries.sqlite3"

    def __init__(self) -> None:
        self._memory: dict[str, str] = {}
        self._folder: Path | None = None
        self._db: sqlite3.Connection | None = None

    def use_folder(self, folder: Path | None) -> None:
        """Start a build: keep entries in `folder`, and look the build's inputs up afresh."""
        if self._db is not None:
            self._db.close()
        self._folder, self._db = folder, None
        new_build()

    @staticmethod
    def key(namespace: str, *parts: str) -> str:
        digest = hashlib.sha256()
        for part in (namespace, build_inputs(), *parts):
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
        return f"{namespace}-{digest.hexdigest()[:40]}"

    def get(self, key: str) -> str | None:
        if key in self._memory:
            return self._memory[key]
        db = self._database()
        if db is not None:
            try:
                row = db.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
            except sqlite3.Error as exc:
                self._give_up_folder(exc)
                return None
            if row is not None:
                self._memory[key] = row[0]
                return row[0]
        return None

    def put(self, key: str, value: str) -> str:
        self._memory[key] = value
        db = self._database()
        if db is not None:
            try:
                with db:
                    db.execute("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", (key, value))
            except sqlite3.Error as exc:
                self._give_up_folder(exc)
        return value

    def _database(self) -> sqlite3.Connection | None:
        if self._db is None and self._folder is not None:
            try:
                self._folder.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self._folder / self.FILE, timeout=30)
                # A write-ahead log without a sync per entry: a crash may lose the last entries, which
                # only costs drawing them again; the file itself stays whole.
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                self._db = db
            except (OSError, sqlite3.Error) as exc:
                self._give_up_folder(exc)
        return self._db

    def _give_up_folder(self, exc: Exception) -> None:
        """The cache folder cannot be used (read-only, full, not a folder, not a database): build
        without it, and say so once. The cache only saves time; the site built is the same."""
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        log.info(f"The cache folder {self._folder} cannot be used ({reason}): building without it, which is slower. "
                 "Make the folder writable, or delete it.")
        if self._db is not None:
            self._db.close()
        self._folder, self._db = None, None


# The libraries whose output the cache holds (or that shape it), in every key.
OUTPUT_PACKAGES = ("altair", "vl-convert-python", "fonttools", "brotli", "fontpkg-open-sans")

_versions: dict[str, str] = {}
_inputs: list[str] = []


def package_version(name: str) -> str:
    """A package's installed version, looked up once per build."""
    if name not in _versions:
        _versions[name] = version(name)
    return _versions[name]


def build_inputs() -> str:
    """What shapes every cached output besides the caller's parts: the output libraries' versions
    and the fingerprint of the font files. Computed on first use in a build."""
    if not _inputs:
        from . import fonts

        _inputs.append(";".join(f"{name}=={package_version(name)}" for name in OUTPUT_PACKAGES)
                       + ";fonts=" + fonts.fingerprint())
    return _inputs[0]


def new_build() -> None:
    """Forget the versions and fingerprints looked up, so a new build (the live preview's next
    rebuild after a `pip install`) sees the ones installed now."""
    from . import fonts

    _versions.clear()
    _inputs.clear()
    fonts.reset()


rendered = ContentCache()


def _compiler_settings(environment) -> str:
    """What besides a template's source shapes its compiled code: the environment's syntax and
    whitespace settings, its extensions, how it escapes, and the versions of Jinja and MkDocs."""
    import mkdocs

    escape = environment.autoescape
    if callable(escape):   # select_autoescape() and the like: named, not by address
        escape = f"{escape.__module__}.{escape.__qualname__}"
    settings = [jinja2.__version__, mkdocs.__version__, escape, sorted(environment.extensions),
                environment.finalize is not None, environment.is_async, environment.optimized]
    settings += [getattr(environment, name) for name in (
        "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
        "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
        "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline")]
    return repr(settings)


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled Jinja templates (the theme's and the report partials), kept in memory for the life of
    the process: each language pass of a build, and each rebuild of the live preview, compiles a
    template once. An entry is found by the template's name and file and the settings of the
    environment that compiles it (_compiler_settings: the theme's and the partials' differ), and
    used only while the template's source is unchanged.

    Never on disk: Jinja stores compiled templates as pickled code, which anything able to write the
    cache folder (a committed .cache/, say) could turn into code run at build time.
    """

    def __init__(self) -> None:
        self.code: dict[str, tuple[str, object]] = {}   # by template and settings: (source checksum, code)

    def get_bucket(self, environment, name, filename, source):
        key = self.get_cache_key(f"{name}\0{_compiler_settings(environment)}", filename)
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket) -> None:
        checksum, code = self.code.get(bucket.key, (None, None))
        bucket.code = code if checksum == bucket.checksum else None

    def dump_bytecode(self, bucket) -> None:
        self.code[bucket.key] = (bucket.checksum, bucket.code)   # an edited template replaces its entry


compiled_templates = CompiledTemplates()
