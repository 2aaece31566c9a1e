"""What the site leans on in MkDocs, mkdocs-static-i18n and Material (reportsite.engine), checked
against the installed versions: each test fails loudly when an upgrade changes the behaviour."""

from __future__ import annotations

import html
import os
import re

import pytest

from conftest import LANGUAGES, SITE, copy_project

from reportsite import engine

# One process runs this file: its module fixture builds a site of its own (make test: --dist loadgroup).
pytestmark = pytest.mark.xdist_group("engine")


def test_i18n_builds_the_other_languages_from_its_post_build_and_sorts_files_before_ours():
    from mkdocs_static_i18n.plugin import I18n

    assert getattr(I18n.on_post_build, "mkdocs_priority", 0) == -100
    assert getattr(I18n.on_files, "mkdocs_priority", 0) == -100 > engine.AFTER_I18N
    assert -100 > engine.AFTER_I18N_SEARCH_INDEX > engine.AFTER_SEARCH_SPLIT
    # That i18n marks its language builds (`building`) and merges the search indexes, that Material
    # loads the index from base_url and that MkDocs takes generated content: shown by the builds
    # below, test_languages.py, test_search_index.py and the searches in Chromium, not read from their code.


@pytest.fixture(scope="module")
def in_process_build(tmp_path_factory, warm_cache):
    """A real build of a copy of the project, in this process, counting what is made per build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from reportsite import state

    project = copy_project(tmp_path_factory.mktemp("engine") / "project", cache=warm_cache)
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
