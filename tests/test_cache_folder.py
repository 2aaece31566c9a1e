"""A cache folder that cannot be written (read-only, or not a folder) slows the build down and says
so in one line; it never stops the build with a traceback."""

from __future__ import annotations

import shutil

import pytest

from conftest import build
from reportsite.cache import ContentCache


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
def test_compiled_templates_are_kept_and_an_edited_template_is_compiled_again(project_copy, tmp_path):
    # The charts and fonts from the warm cache; the templates compiled by this build, not a warm cache's.
    shutil.rmtree(project_copy / ".cache" / "templates")
    first = build(project_copy, tmp_path / "first")
    assert first.returncode == 0, first.output
    kept = list((project_copy / ".cache" / "templates").iterdir())
    assert len(kept) > 20, kept   # the theme's templates and the report partials
    partial = project_copy / "site_src" / "partials" / "report" / "finding.html"
    partial.write_text(partial.read_text(encoding="utf-8").replace('<div class="finding"', '<div data-edited-template class="finding"', 1),
                       encoding="utf-8")
    second = build(project_copy, tmp_path / "second")
    assert second.returncode == 0, second.output
    assert "data-edited-template" not in (tmp_path / "first" / "funn" / "index.html").read_text(encoding="utf-8")
    assert "data-edited-template" in (tmp_path / "second" / "funn" / "index.html").read_text(encoding="utf-8")


def test_unwritable_template_cache_is_given_up_with_one_message(tmp_path, caplog):
    import jinja2

    from reportsite.cache import template_bytecode

    folder = tmp_path / "templates"
    bytecode = template_bytecode(folder)
    folder.rmdir()
    folder.write_text("not a folder")
    env = jinja2.Environment(loader=jinja2.DictLoader({"a.html": "{{ 1 + 1 }}", "b.html": "b"}), bytecode_cache=bytecode)
    with caplog.at_level("INFO", logger="mkdocs.reportsite.cache"):
        assert env.get_template("a.html").render() == "2"
        assert env.get_template("b.html").render() == "b"
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 1 and "cannot be used" in messages[0], messages
    assert template_bytecode(folder) is None   # a file where the folder should be


def test_a_torn_template_cache_entry_is_compiled_afresh(tmp_path):
    import jinja2

    from reportsite.cache import template_bytecode

    folder = tmp_path / "templates"
    loader = jinja2.DictLoader({"a.html": "{{ 1 + 1 }}"})
    assert jinja2.Environment(loader=loader, bytecode_cache=template_bytecode(folder)).get_template("a.html").render() == "2"
    entries = list(folder.iterdir())
    assert entries
    for entry in entries:   # a build stopped while writing, or a disk that lost the end
        entry.write_bytes(entry.read_bytes()[:20])
    assert jinja2.Environment(loader=loader, bytecode_cache=template_bytecode(folder)).get_template("a.html").render() == "2"


def test_templates_compiled_with_other_settings_are_not_taken_from_the_cache(tmp_path):
    """The theme's environment and the partials' differ in whitespace and escaping settings: each
    compiles its own, even for a template of the same name and source."""
    import jinja2

    from reportsite.cache import template_bytecode

    cache = template_bytecode(tmp_path / "templates")
    loader = jinja2.DictLoader({"a.html": "{% if true %}\n  <b>{{ x }}</b>\n{% endif %}"})
    plain = jinja2.Environment(loader=loader, bytecode_cache=cache)
    strict = jinja2.Environment(loader=loader, bytecode_cache=cache, trim_blocks=True, lstrip_blocks=True, autoescape=True)
    assert plain.get_template("a.html").render(x="<i>") == "\n  <b><i></b>\n"
    assert strict.get_template("a.html").render(x="<i>") == "  <b>&lt;i&gt;</b>\n"
    assert len(list((tmp_path / "templates").iterdir())) == 2
