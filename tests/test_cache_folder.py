"""A cache folder that cannot be written (read-only, or not a folder) slows the build down and says
so in one line; it never stops the build with a traceback."""

from __future__ import annotations

import shutil

import pytest

from conftest import build
from reportsite.cache import CompiledTemplates, ContentCache


def test_unwritable_cache_folder_is_given_up_with_one_message(tmp_path, caplog):
    folder = tmp_path / ".cache" / "rendered"
    folder.parent.mkdir()
    folder.write_text("not a folder")  # as root, a read-only folder is still writable: a file stands in
    cache = ContentCache()
    cache.use_folder(folder)
    with caplog.at_level("INFO", logger="mkdocs.reportsite.cache"):
        assert cache.put("k", "value") == "value"
        assert cache.get("k") == "value"
        cache.put("k2", "v2")
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 1 and "cannot be used" in messages[0] and "building without it" in messages[0]


@pytest.mark.build
def test_build_with_a_cache_that_is_not_a_folder(cold_project_copy, tmp_path):
    project_copy = cold_project_copy
    (project_copy / ".cache").write_text("not a folder")
    result = build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert "Traceback" not in result.output
    assert "cannot be used (Not a directory): building without it" in result.output


@pytest.mark.build
def test_compiled_templates_stay_off_disk_and_an_edited_template_is_compiled_again(project_copy, tmp_path):
    """A compiled template on disk would be pickled code that a committed .cache/ could replace."""
    shutil.rmtree(project_copy / ".cache" / "templates", ignore_errors=True)   # left by older builds
    first = build(project_copy, tmp_path / "first")
    assert first.returncode == 0, first.output
    assert not (project_copy / ".cache" / "templates").exists()
    assert not list((project_copy / ".cache").rglob("__jinja2_*"))   # Jinja's name for a compiled template
    partial = project_copy / "site_src" / "partials" / "report" / "finding.html"
    partial.write_text(partial.read_text(encoding="utf-8").replace('<div class="finding"', '<div data-edited-template class="finding"', 1),
                       encoding="utf-8")
    second = build(project_copy, tmp_path / "second")
    assert second.returncode == 0, second.output
    assert "data-edited-template" not in (tmp_path / "first" / "funn" / "index.html").read_text(encoding="utf-8")
    assert "data-edited-template" in (tmp_path / "second" / "funn" / "index.html").read_text(encoding="utf-8")


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
