"""A finding's page in the report (optional in data) is shown in its citation, as text and BibTeX."""

from __future__ import annotations

import html
import shutil

import pytest

from conftest import ROOT, language_pairs, render_page
from reportsite.errors import SiteDataError
from reportsite.model import load_site_data

FINDING = "  - id: klimasats-gap\n    section: participation\n"


def _data_with(tmp_path, page_line: str):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    findings = tmp_path / "data" / "findings.yml"
    text = findings.read_text(encoding="utf-8")
    assert text.count(FINDING) == 1
    findings.write_text(text.replace(FINDING, FINDING + page_line), encoding="utf-8")
    return tmp_path / "data"


@pytest.mark.parametrize("lang, note", [("nb", "(rapporten, s. 12)"), ("en", "(the report, p. 12)")])
def test_the_page_is_cited_with_the_finding(tmp_path, lang, note):
    data = load_site_data(_data_with(tmp_path, "    page: 12\n"), language_pairs(), tmp_path)
    cited = html.unescape(render_page("{{ finding klimasats-gap }}", lang, data=data).html)
    assert f"#klimasats-gap {note}" in cited
    assert f"note = {{{note}}}" in cited
    # A finding without a page is cited as before.
    other = html.unescape(render_page("{{ finding lup-share-small }}", lang, data=data).html)
    assert note not in other and "note = {" not in other.split("@misc", 1)[1]


@pytest.mark.parametrize("value, found", [("tolv", "the text 'tolv'"), ("0", "the number 0"), ("12.5", "the number 12.5")])
def test_a_page_that_is_no_page_number_is_refused(tmp_path, value, found):
    with pytest.raises(SiteDataError) as info:
        load_site_data(_data_with(tmp_path, f"    page: {value}\n"), language_pairs(), tmp_path)
    (problem,) = info.value.problems
    assert problem.file == "data/findings.yml" and problem.field.endswith(".page") and problem.line
    assert problem.message == f"expected a page number, found {found}"
