"""One search index per language: the split of the merged index, and the built site's indexes."""

from __future__ import annotations

import json

import pytest

from conftest import SITE, load_data
from reportsite.paths import SitePaths
from reportsite.search_index import split_index


def test_split_gives_each_language_its_pages_relative_to_its_folder():
    merged = {"config": {"lang": ["no", "en"], "separator": "x"},
              "docs": [{"location": "", "title": "Forside"}, {"location": "funn/#a", "title": "Funn"},
                       {"location": "en/", "title": "Home"}, {"location": "en/funn/#a", "title": "Findings"},
                       {"location": "english-page/", "title": "A Norwegian page whose name starts with en"}]}
    split = split_index(merged, SitePaths(SITE.codes))
    assert [d["location"] for d in split["nb"]["docs"]] == ["", "funn/#a", "english-page/"]
    assert [d["location"] for d in split["en"]["docs"]] == ["", "funn/#a"]
    assert split["nb"]["config"] == {"lang": ["no"], "separator": "x"}
    assert split["en"]["config"]["lang"] == ["en"]


@pytest.mark.build
def test_built_site_has_an_index_per_language_without_tool_text(built_site):
    nb = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    nn = json.loads((built_site / "nn" / "search" / "search_index.json").read_text(encoding="utf-8"))
    en = json.loads((built_site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert {d["title"] for d in nb["docs"] if d["location"] == "funn/"} == {"Funn"}
    assert {d["title"] for d in nn["docs"] if d["location"] == "funn/"} == {"Funn"}
    assert {d["title"] for d in en["docs"] if d["location"] == "funn/"} == {"Findings"}
    assert nn["config"]["lang"] == nb["config"]["lang"] == ["no"]
    assert not any(d["location"].startswith(("en/", "nn/")) for d in nb["docs"] + nn["docs"] + en["docs"])
    # Copy buttons, citations in BibTeX and embed code are tools, kept out of the index.
    text = "".join(json.dumps(index, ensure_ascii=False) for index in (nb, nn, en))
    assert "@misc{" not in text and "Kopier lenke" not in text and "&lt;iframe" not in text
    # Nor any other text of a finding's tools or a chart's list of values, in either language (the
    # embed help text leaked through Material's data-search-exclude before the tools went in after search).
    ui = load_data().ui
    for lang in SITE.codes:
        for key in ("embed_chart", "embed_help", "cite_finding", "copy_link", "permalink"):
            assert ui[lang][key] not in text, (lang, key)


@pytest.mark.build
def test_parts_kept_from_search_are_in_every_page_and_no_mark_is_left(built_site):
    from conftest import site_pages
    from reportsite.render import AFTER_SEARCH, SLOT

    shown = {"finding": 0, "chart": 0}
    for page in site_pages(built_site):
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        assert "after-search-->" not in html and not SLOT.search(html) and not AFTER_SEARCH.search(html), page
        # Every finding has its tools, every chart its list of values, in place.
        assert html.count('<div class="finding" ') == html.count('class="finding__tools"'), page
        assert html.count('<figure class="report-chart"') == html.count('class="report-chart__values"'), page
        shown["finding"] += html.count('<div class="finding" ')
        shown["chart"] += html.count('<figure class="report-chart"')
    assert shown["finding"] >= 10 and shown["chart"] >= 4, shown   # not vacuous
    statement = (built_site / "tilgjengelighet" / "index.html").read_text(encoding="utf-8")
    assert 'class="report-statement__criteria"' in statement


def test_the_partials_mark_what_search_leaves_out():
    """Each part of the report partials that search leaves out (data-search-exclude) goes in after
    search, except the small code block, which stands inside a finding's tools."""
    import re

    from reportsite.render import AFTER_SEARCH

    folder = SITE.templates_dir / "partials" / "report"
    for partial in sorted(folder.glob("*.html")):
        text = partial.read_text(encoding="utf-8")
        marked = "".join(AFTER_SEARCH.findall(text))
        for element in re.findall(r"<[a-z]+ [^>]*data-search-exclude[^>]*>", text):
            assert element in marked or partial.name == "code.html", (partial.name, element)
