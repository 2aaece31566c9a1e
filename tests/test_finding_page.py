"""A finding's page in the report (optional in data) is shown in its citation, as text and BibTeX."""

from __future__ import annotations

import html
import shutil

import pytest

from conftest import LANGUAGES, ROOT, language_pairs, render_page
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


def test_a_finding_is_cited_at_the_page_that_shows_it():
    """Its address is where it is shown: a background finding on the glossary is cited there, in the
    text citation and in BibTeX, not at the findings page, which does not show it."""
    from conftest import SITE

    cited = html.unescape(render_page("{{ finding klimasats-gap }}", "en", url="ordliste/").html)
    assert cited.count(f"{SITE.site_url}en/ordliste/#klimasats-gap") >= 2 and "funn/#klimasats-gap" not in cited


def test_key_figures_and_embed_pages_lead_to_the_page_that_shows_the_finding(project_copy):
    from reportsite.check import check_project

    glossary = project_copy / "content"
    for lang in LANGUAGES:
        funn = glossary / lang / "funn.md"
        funn.write_text(funn.read_text(encoding="utf-8").replace("{{ findings conclusions }}\n", "\n"), encoding="utf-8")
        page = glossary / lang / "ordliste.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n{{ findings conclusions }}\n", encoding="utf-8")
    problems, validation = check_project(project_copy)
    assert problems == [] and validation.finding_pages["lup-contact"] == "funn.md"
    conclusions = [f.id for f in validation.data.findings.values() if f.section == "conclusions"]
    assert conclusions and all(validation.finding_pages[f] == "ordliste.md" for f in conclusions)


def test_a_value_is_shown_with_the_decimals_typed(tmp_path):
    """28.50 in the data is 28,50 on the page: read as a decimal, not the binary float 28.5."""
    from decimal import Decimal

    shutil.copytree(ROOT / "data", tmp_path / "data")
    findings = tmp_path / "data" / "findings.yml"
    findings.write_text(findings.read_text(encoding="utf-8").replace("        value: 28\n", "        value: 28.50\n", 1),
                        encoding="utf-8")
    data = load_site_data(tmp_path / "data", language_pairs(), tmp_path)
    figure = next(f for f in data.figures.values() if f.value == Decimal("28.50"))
    shown = render_page(f"Tallet er {{{{ figure {figure.id} }}}}.", "nb", data=data).html
    assert "28,50" in shown and "28,5\u00a0" not in shown
