"""What the site leans on in MkDocs, mkdocs-static-i18n and Material (reportsite.engine), checked
against the installed versions: each test fails loudly when an upgrade changes the behaviour."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest

from conftest import LANGUAGES, ROOT, SITE, copy_project

from reportsite import engine

# One process runs this file: its module fixture builds a site of its own (make test: --dist loadgroup).
pytestmark = pytest.mark.xdist_group("engine")


def test_i18n_builds_the_other_languages_from_its_post_build_and_sorts_files_before_ours():
    from mkdocs_static_i18n.plugin import I18n

    assert getattr(I18n.on_post_build, "mkdocs_priority", 0) == -100
    assert getattr(I18n.on_files, "mkdocs_priority", 0) == -100 > engine.AFTER_I18N
    assert -100 > engine.AFTER_I18N_SEARCH_INDEX
    # That i18n marks its language builds (`building`) and merges the search indexes, that Material
    # loads the index from base_url and that MkDocs takes generated content: shown by the builds
    # below, test_languages.py, test_search_index.py and the searches in Chromium, not read from their code.


@pytest.fixture(scope="module")
def in_process_build(tmp_path_factory):
    """A real build of a copy of the project, in this process, counting what is made per build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from reportsite import state

    project = copy_project(tmp_path_factory.mktemp("engine") / "project")
    calls = {"validate": 0, "generated_files": 0}
    original_validate, original_generated = state.validate, state.SiteBuild.generated_files

    def counting_validate(site):
        calls["validate"] += 1
        return original_validate(site)

    def counting_generated(self):
        calls["generated_files"] += 1
        return original_generated(self)

    state.validate, state.SiteBuild.generated_files = counting_validate, counting_generated
    cwd = os.getcwd()
    try:
        os.chdir(project)
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
    finally:
        os.chdir(cwd)
        state.validate, state.SiteBuild.generated_files = original_validate, original_generated
    return project / "site", calls


@pytest.mark.build
def test_validation_and_generated_files_happen_once_per_build_not_per_language(in_process_build):
    site, calls = in_process_build
    assert len(LANGUAGES) > 1
    assert calls == {"validate": 1, "generated_files": 1}
    for lang in LANGUAGES:
        root = "" if lang == SITE.default_language else f"{lang}/"
        assert (site / root / "embed").is_dir() and (site / root / "search" / "search_index.json").is_file()


@pytest.mark.build
def test_each_languages_embed_page_has_its_own_site_name_and_back_link(in_process_build):
    site, _ = in_process_build
    for lang in LANGUAGES:
        root = "" if lang == SITE.default_language else f"{lang}/"
        for embed in (site / root / "embed").iterdir():
            page = html.unescape((embed / "index.html").read_text(encoding="utf-8"))
            assert f'<html lang="{lang}">' in page
            assert f"– {SITE.language(lang).site_name}</title>" in page, embed
            back = re.search(r'class="report-embed__back"><a href="([^"]+)"', page).group(1)
            findings = SITE.findings_page[:-3]
            assert back.startswith(f"../../{findings}/#"), (lang, back)


def test_materials_search_worker_loads_lunr_files_by_the_rule_the_bundle_keeps():
    """The build keeps only the lunr files the worker will load (engine.search_worker_scripts):
    the worker's own code must still follow that rule."""
    import material

    worker = next((Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    code = worker.read_text(encoding="utf-8")
    for rule in (r'case"ja":\w+\.push\(`\$\{\w+\}/tinyseg\.js`\)',
                 r'case"hi":case"th":\w+\.push\(`\$\{\w+\}/wordcut\.js`\)',
                 r'\w+!=="en"&&\w+\.push\(`\$\{\w+\}/min/lunr\.\$\{\w+\}\.min\.js`\)',
                 r'\.lang\.length>1&&\w+\.push\(`\$\{\w+\}/min/lunr\.multi\.min\.js`\)',
                 r'importScripts\(`\$\{\w+\}/min/lunr\.stemmer\.support\.min\.js`'):
        assert re.search(rule, code), f"Material's search worker changed how it loads lunr files: {rule}"
    assert engine.search_worker_scripts(["no", "en"]) == {
        "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
        "assets/javascripts/lunr/min/lunr.no.min.js",
        "assets/javascripts/lunr/min/lunr.multi.min.js",
    }
    assert "assets/javascripts/lunr/wordcut.js" in engine.search_worker_scripts(["th"])


def test_materials_offline_plugin_writes_the_index_as_the_script_we_write():
    from material.plugins.offline import plugin

    written = 'f.write(f"var __index = {data}")'
    assert written in Path(plugin.__file__).read_text(encoding="utf-8")
    assert engine.offline_index_script("{}") == written[len('f.write(f"'):-len('")')].replace("{data}", "{}")


def test_mkdocs_renders_the_static_templates_a_hook_leaves_in_the_theme():
    """engine.write_static_template: a hook's change to the set in on_config decides what is built."""
    from mkdocs.commands import build
    from mkdocs.theme import Theme

    assert "for template in config.theme.static_templates:" in Path(build.__file__).read_text(encoding="utf-8")
    assert isinstance(Theme(name="mkdocs").static_templates, set)


def test_the_theme_files_mkdocs_adds_are_the_same_without_walking_hidden_folders():
    """engine.quicker_theme_environment: MkDocs adds the same theme files to the site, in the same order,
    the hidden folders it skips are still worth skipping (Material's .icons/), and templates compile once."""
    from reportsite.cache import compiled_templates
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    config = load_config(str(ROOT / "mkdocs.yml"))
    plain = config.theme.get_env()
    engine.quicker_theme_environment(config, compiled_templates)
    engine.quicker_theme_environment(config, compiled_templates)   # as each language pass does: wrapped once
    quick = config.theme.get_env()
    assert type(quick.loader) is not type(plain.loader) and type(quick.loader).__mro__[1] is type(plain.loader)
    assert quick.bytecode_cache is compiled_templates and config.theme.get_env().bytecode_cache is compiled_templates

    def added(env) -> list[str]:
        files = Files([])
        files.add_files_from_theme(env, config)
        return [f"{file.src_uri} {file.abs_src_path}" for file in files]

    assert added(quick) == added(plain)
    assert len(added(plain)) > 40   # the stylesheets, scripts and lunr files of Material and site_src/
    hidden = [name for name in plain.list_templates() if "/." in "/" + name]
    assert len(hidden) > 1000, "the theme's hidden folders are small now: listing them needs no help"
