"""One search index per language: the split of the merged index, and the built site's indexes."""

from __future__ import annotations

import json

from conftest import SITE
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


def test_built_site_has_an_index_per_language_without_tool_text(built_site):
    nb = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    en = json.loads((built_site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert {d["title"] for d in nb["docs"] if d["location"] == "funn/"} == {"Funn"}
    assert {d["title"] for d in en["docs"] if d["location"] == "funn/"} == {"Findings"}
    assert not any(d["location"].startswith("en/") for d in nb["docs"] + en["docs"])
    # Copy buttons, citations in BibTeX and embed code are tools, kept out of the index.
    text = json.dumps(nb, ensure_ascii=False) + json.dumps(en, ensure_ascii=False)
    assert "@misc{" not in text and "Kopier lenke" not in text and "&lt;iframe" not in text
