"""What a build renders and compiles, kept in memory for the life of the process and nowhere else.

`make serve` rebuilds in one process, so an edit redraws only the charts it changed and compiles no
template twice. Nothing is kept on disk: a cache folder would be input that a commit can carry
(a forged chart, a script in the chart runtime, pickled code in compiled templates), and drawing a
real report afresh takes a few seconds (`make bench` weighs it). An edit to hooks/reportsite/
reloads this module in the preview (hooks/code_reload.py), which empties it: keys name only what
the code is given, not the code or the libraries' versions.
"""

from __future__ import annotations

from typing import Callable, Hashable, TypeVar

import jinja2

T = TypeVar("T")
_kept: dict[tuple, object] = {}


def kept(make: Callable[[], T], *key: Hashable) -> T:
    """make()'s result, made once per process for `key` (everything that shapes it, as text)."""
    if key not in _kept:
        _kept[key] = make()
    return _kept[key]   # type: ignore[return-value]


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
    """Compiled Jinja templates (the theme's and the report partials), kept in memory: each language
    pass of a build, and each rebuild of the live preview, compiles a template once. An entry is
    found by the template's name and file and the settings of the environment that compiles it
    (_compiler_settings: the theme's and the partials' differ), and used only while the template's
    source is unchanged. (On disk, Jinja's compiled templates would be pickled code.)
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
