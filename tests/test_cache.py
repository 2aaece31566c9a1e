"""What a build renders and compiles is kept in memory only (reportsite/cache.py): the build
writes nothing into the project and reads no cache from it, so a cache a commit carries (a forged
chart, a script in the chart runtime, pickled template code) cannot reach the site."""

from __future__ import annotations

import pytest

from conftest import build
from reportsite.cache import CompiledTemplates


def _files(project):
    return {p.relative_to(project): p.read_bytes() for p in project.rglob("*") if p.is_file()}


@pytest.mark.build
def test_a_committed_cache_is_never_read_and_the_build_writes_nothing_into_the_project(project_copy, tmp_path):
    forged = project_copy / ".cache"
    for name in ("rendered/entries.sqlite3", "fonts/static/ReportOpenSans-Regular.ttf", "templates/__jinja2_x.cache"):
        (forged / name).parent.mkdir(parents=True, exist_ok=True)
        (forged / name).write_bytes(b"<script>alert(1)</script>")
    before = _files(project_copy)
    first = build(project_copy, tmp_path / "first")
    assert first.returncode == 0, first.output
    assert _files(project_copy) == before, "the build wrote into the project"
    assert b"alert(1)" not in b"".join(p.read_bytes() for p in (tmp_path / "first").rglob("*") if p.is_file())


def _compiling(monkeypatch) -> list[str]:
    """The names of the templates Jinja compiles from here on."""
    import jinja2

    compiled: list[str] = []
    original = jinja2.Environment.compile

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return original(self, source, name, filename, raw, defer_init)
    monkeypatch.setattr(jinja2.Environment, "compile", compile)
    return compiled


def test_each_language_pass_reuses_the_templates_compiled_before(monkeypatch):
    """Every language pass (and every live-preview rebuild) makes a new theme environment: the
    templates it compiled before are taken as they are, and a changed one is compiled again."""
    import jinja2

    cache = CompiledTemplates()
    compiled = _compiling(monkeypatch)
    sources = {"a.html": "{{ 1 + 1 }}"}
    for _ in range(3):
        env = jinja2.Environment(loader=jinja2.DictLoader(sources), bytecode_cache=cache)
        assert env.get_template("a.html").render() == "2"
    assert compiled == ["a.html"]
    sources["a.html"] = "{{ 2 + 2 }}"
    env = jinja2.Environment(loader=jinja2.DictLoader(sources), bytecode_cache=cache)
    assert env.get_template("a.html").render() == "4" and compiled == ["a.html", "a.html"]


def test_templates_compiled_with_other_settings_are_not_taken_from_the_cache(monkeypatch):
    """The theme's environment and the partials' differ in whitespace and escaping settings: each
    compiles its own, even for a template of the same name and source."""
    import jinja2

    cache = CompiledTemplates()
    compiled = _compiling(monkeypatch)
    loader = jinja2.DictLoader({"a.html": "{% if true %}\n  <b>{{ x }}</b>\n{% endif %}"})
    plain = jinja2.Environment(loader=loader, bytecode_cache=cache)
    strict = jinja2.Environment(loader=loader, bytecode_cache=cache, trim_blocks=True, lstrip_blocks=True, autoescape=True)
    assert plain.get_template("a.html").render(x="<i>") == "\n  <b><i></b>\n"
    assert strict.get_template("a.html").render(x="<i>") == "  <b>&lt;i&gt;</b>\n"
    assert compiled == ["a.html", "a.html"]
