"""Languages are declared once, in mkdocs.yml: another language is added by configuration and content
alone, with no change to Python, and gets its pages, its place in the switcher, its own search and
the same parity rules as the others. Nynorsk was added that way; this file adds a fourth (Danish)."""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys

import pytest
import yaml

from conftest import DEFAULT_LANGUAGE, LANGUAGES, build, copy_project, lang_root, serve

from reportsite import placeholders
from reportsite.prose import SHORTCODE
from reportsite.search_index import lunr_language

# One process runs this file: its module fixture builds a site of its own (make test: --dist loadgroup).
pytestmark = pytest.mark.xdist_group("languages")

NEW = "da"   # Danish: Material and lunr.js both know it


# Marks the new language's headings: mkdocs-static-i18n drops search entries whose title and text
# equal another language's, which copies of the default language's pages would be.
MARK = " (dansk)"


def _add_language(value, base: str, key: str = ""):
    """Every text given per language gets the new language too (a copy of the default language's)."""
    if isinstance(value, dict):
        out = {name: _add_language(item, base, name) for name, item in value.items()}
        if base in out and "en" in out and NEW not in out:
            out[NEW] = copy.deepcopy(out[base])
            if key == "title" and isinstance(out[NEW], str):
                out[NEW] += MARK
        return out
    if isinstance(value, list):
        return [_add_language(item, base, key) for item in value]
    return value


@pytest.fixture(scope="module")
def another_language(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("languages") / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    entry = ("        - locale: da\n          name: Dansk\n          build: true\n"
             "          site_name: Små landkommuner og innovative indkøb\n")
    marker = "        - locale: en\n"
    assert marker in config
    (project / "mkdocs.yml").write_text(config.replace(marker, entry + marker), encoding="utf-8")
    for name in ("report.yml", "findings.yml", "ui.yml", "accessibility.yml"):
        path = project / "data" / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(_add_language(data, DEFAULT_LANGUAGE), allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    source, target = project / "content" / DEFAULT_LANGUAGE, project / "content" / NEW
    target.mkdir()
    for page in source.rglob("*.md"):
        text = re.sub(r"^(#+ .*?)( \{.*\})?$", lambda m: m.group(1) + MARK + (m.group(2) or ""),
                      page.read_text(encoding="utf-8"), flags=re.M)
        (target / page.relative_to(source)).write_text(text, encoding="utf-8")
    result = build(project, project / "site")
    return project, result


def test_the_python_code_names_no_language():
    """The declaration in mkdocs.yml is the only one: no language code is written into the hooks."""
    for path in (copy_project.__globals__["ROOT"] / "hooks").rglob("*.py"):
        text = "\n".join(line.split("#", 1)[0] for line in path.read_text(encoding="utf-8").splitlines())
        for code in re.findall(r"""["'](nb|nn|en)["']""", text):
            # lunr.js's name for Norwegian is a fact about lunr.js; that English needs no stemmer file
            # is a fact about Material's search worker (engine.search_worker_scripts).
            assert path.name in ("search_index.py", "engine.py"), f"{path}: '{code}' is written into the code"


@pytest.mark.build
def test_another_language_builds_with_every_page(another_language):
    project, result = another_language
    assert result.returncode == 0, result.output
    site = project / "site"
    pages = sorted(p.relative_to(project / "content" / NEW).as_posix() for p in (project / "content" / NEW).rglob("*.md"))
    for page in pages:
        stem = page[:-3]
        html = (site / NEW / ("index.html" if stem == "index" else f"{stem}/index.html")).read_text(encoding="utf-8")
        assert f'<html lang="{NEW}"' in html, page
        assert not placeholders.ANY.search(html) and not SHORTCODE.search(html), page
    assert (site / NEW / "embed").is_dir() and any((site / "assets" / "charts").glob(f"*.{NEW}.svg"))
    assert (site / "downloads" / f"findings.{NEW}.csv").is_file()


@pytest.mark.build
def test_the_switcher_offers_every_language_on_the_same_page(another_language):
    project, _ = another_language
    html = (project / "site" / NEW / "funn" / "index.html").read_text(encoding="utf-8")
    switcher = dict(re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)" class="md-select__link"', html))
    expected = {lang: f"../../{lang_root(lang)}funn/" for lang in LANGUAGES} | {NEW: "./"}
    assert {lang: href for href, lang in switcher.items()} == expected, switcher


@pytest.mark.build
def test_the_new_language_searches_its_own_pages(another_language):
    project, _ = another_language
    index = json.loads((project / "site" / NEW / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == [lunr_language(NEW)]
    folders = tuple(f"{lang}/" for lang in (*LANGUAGES, NEW) if lang != DEFAULT_LANGUAGE)
    assert index["docs"] and not any(doc["location"].startswith(folders) for doc in index["docs"])
    english = json.loads((project / "site" / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert len(index["docs"]) == len(english["docs"])


@pytest.mark.browser
@pytest.mark.build
def test_the_new_language_search_finds_a_page_in_chromium(another_language, page):
    from conftest import search_for

    project, _ = another_language
    with serve(project / "site") as url:
        page.goto(url + f"{NEW}/")
        results = search_for(page, "Klimasats")
        assert all(f"/{NEW}/" in link for link in results.locator("a").evaluate_all("els => els.map(e => e.href)"))


def _check(project):
    """`make check` on the project, as an editor runs it."""
    return subprocess.run([sys.executable, "-m", "reportsite.check"], cwd=project, capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(project / "hooks")), timeout=120)


@pytest.mark.build
def test_a_page_missing_in_the_new_language_is_refused(another_language, tmp_path):
    project, _ = another_language
    page = project / "content" / NEW / "ordliste.md"
    text = page.read_text(encoding="utf-8")
    page.unlink()
    try:
        check = _check(project)
    finally:
        page.write_text(text, encoding="utf-8")
    assert check.returncode == 1
    assert f"content/{DEFAULT_LANGUAGE}/ordliste.md: the page exists in '{DEFAULT_LANGUAGE}' but not in '{NEW}'" \
        in check.stdout, check.stdout


@pytest.mark.build
def test_a_text_missing_in_the_new_language_is_refused(another_language):
    project, _ = another_language
    path = project / "data" / "findings.yml"
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    del data["findings"][0]["title"][NEW]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        check = _check(project)
    finally:
        path.write_text(text, encoding="utf-8")
    assert check.returncode == 1
    assert re.search(rf"data/findings\.yml:\d+: findings\[0\]\.title: the key '{NEW}' is missing", check.stdout), \
        check.stdout
