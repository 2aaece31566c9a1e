"""The loader: the real data loads; each class of bad data gives a message naming file, line and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportsite.errors import SiteDataError
from reportsite.model import load_site_data
from conftest import language_pairs, load_data

ROOT = Path(__file__).resolve().parent.parent


def test_real_data_loads_completely():
    data = load_data()
    assert {"lup-contact", "lup-share-small", "klimasats-gap", "innovative-procurement-gap"} <= set(data.figures)
    assert str(data.figures["lup-contact"].value) == "187"
    assert str(data.figures["lup-share-small"].value) == "28"
    assert str(data.figures["klimasats-gap"].value) == "43"
    assert str(data.figures["innovative-procurement-gap"].value) == "31"
    # The only computed figure is labelled as such and derived, not typed.
    other = data.figures["lup-share-other"]
    assert other.computed.of == "lup-share-small" and str(other.value) == "72"
    for finding in data.findings.values():
        assert finding.sources, finding.id
        assert set(finding.title) == set(finding.text) == {"nb", "nn", "en"}
    assert set(data.charts) == {"lup-share", "participation-gaps"}


def _data_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "data"
    shutil.copytree(ROOT / "data", dest)
    return dest


def _edit(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace text in a data file; returns the 1-based line of the first replacement."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def _problems(data_dir: Path) -> list[str]:
    with pytest.raises(SiteDataError) as info:
        load_site_data(data_dir, language_pairs(), data_dir.parent)
    return [str(p) for p in info.value.problems]


def test_unknown_key(tmp_path):
    data = _data_copy(tmp_path)
    line = _edit(data / "findings.yml", "    section: participation\n", "    sectoin: participation\n")
    problems = _problems(data)
    # One mistake, one message: the misspelt key is named with its likely intended spelling,
    # and not reported a second time as a missing 'section'.
    assert problems == [f"data/findings.yml:{line}: findings[0].sectoin: unknown key 'sectoin' — did you mean 'section'?"]


def test_missing_language(tmp_path):
    data = _data_copy(tmp_path)
    line = _edit(data / "findings.yml",
                 "      en: Contact with, or assistance from, the supplier development programme\n", "")
    problems = _problems(data)
    assert problems == [f"data/findings.yml:{line - 3}: findings[0].title: the key 'en' is missing — "
                        "add 'en': The finding's headline. In English."]


def test_wrong_type(tmp_path):
    data = _data_copy(tmp_path)
    line = _edit(data / "findings.yml", "        value: 187\n", "        value: hundre\n")
    problems = _problems(data)
    assert len(problems) == 1
    assert problems[0].startswith(f"data/findings.yml:{line}: findings[0].figures[0].value: expected a number, "
                                  "found the text 'hundre'")


def test_duplicate_finding_id(tmp_path):
    data = _data_copy(tmp_path)
    line = _edit(data / "findings.yml", "  - id: klimasats-gap\n", "  - id: lup-contact\n")
    problems = _problems(data)
    assert any(p.startswith(f"data/findings.yml:{line}: findings[2].id: the finding id 'lup-contact' is used twice")
               and "the first is on line 8" in p for p in problems), problems


def test_percentage_out_of_range(tmp_path):
    data = _data_copy(tmp_path)
    line = _edit(data / "findings.yml", "        value: 28\n", "        value: 128\n")
    problems = _problems(data)
    assert any(p.startswith(f"data/findings.yml:{line}: findings[1].figures[0].value: 128 is not a percentage "
                            "between 0 and 100") for p in problems), problems


def test_negative_count(tmp_path):
    data = _data_copy(tmp_path)
    line = _edit(data / "findings.yml", "        value: 187\n", "        value: -187\n")
    assert any(p.startswith(f"data/findings.yml:{line}: findings[0].figures[0].value: -187 is not a count")
               for p in _problems(data))


def test_unknown_chart_kind(tmp_path):
    data = _data_copy(tmp_path)
    line = _edit(data / "findings.yml", "    kind: share\n", "    kind: pie\n")
    problems = _problems(data)
    assert problems == [f"data/findings.yml:{line}: charts[0].kind: 'pie' is not a known value — use one of: bar, share"]


def test_missing_source_reference(tmp_path):
    data = _data_copy(tmp_path)
    line = _edit(data / "findings.yml", "    sources: [anbud365-article]\n", "    sources: [anbud366-article]\n")
    problems = _problems(data)
    assert problems[0].startswith(f"data/findings.yml:{line}: findings[0].sources[0]: no source has the id 'anbud366-article'")


def test_finding_without_sources(tmp_path):
    data = _data_copy(tmp_path)
    _edit(data / "findings.yml", "    sources: [anbud365-article]\n", "")
    problems = _problems(data)
    assert any("findings[0]: the key 'sources' is missing" in p for p in problems), problems


def test_broken_source_address(tmp_path):
    data = _data_copy(tmp_path)
    line = _edit(data / "report.yml", "    url: https://www.anbud365.no/", "    url: www.anbud365.no/")
    problems = _problems(data)
    assert problems[0].startswith(f"data/report.yml:{line}: sources[0].url: expected a web address")


def test_duplicate_yaml_key(tmp_path):
    data = _data_copy(tmp_path)
    line = _edit(data / "findings.yml", "    section: participation\n",
                 "    section: participation\n    section: conclusions\n")
    problems = _problems(data)
    assert problems == [f"data/findings.yml:{line + 1}: findings[0].section: the key 'section' appears twice — "
                        f"keep one 'section' (the first is on line {line})"]


def test_tab_indentation(tmp_path):
    data = _data_copy(tmp_path)
    line = _edit(data / "findings.yml", "    section: participation\n", "\tsection: participation\n")
    problems = _problems(data)
    assert len(problems) == 1
    assert problems[0].startswith(f"data/findings.yml:{line}: YAML syntax error")
    assert "indented with spaces, not tabs" in problems[0]


def test_empty_file(tmp_path):
    data = _data_copy(tmp_path)
    (data / "ui.yml").write_text("# nothing here\n", encoding="utf-8")
    assert _problems(data) == ["data/ui.yml:1: the file is empty — add the data the file should hold, or remove the file"]


def test_not_utf8(tmp_path):
    data = _data_copy(tmp_path)
    path = data / "report.yml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    problems = _problems(data)
    assert len(problems) == 1 and problems[0].startswith("data/report.yml:7: the file is not UTF-8 text")


def test_number_typed_into_prose(tmp_path):
    data = _data_copy(tmp_path)
    line = _edit(data / "findings.yml", "      nb: Lavere deltakelse i Klimasats\n",
                 "      nb: Deltakelsen i Klimasats er 43 prosentpoeng lavere\n")
    problems = _problems(data)
    assert problems == [f"data/findings.yml:{line}: findings[2].title.nb: a number is typed into the text — "
                        "put the number in 'figures' with its source and write {{ figure ID }} instead"]


def test_unknown_figure_in_text(tmp_path):
    data = _data_copy(tmp_path)
    line = _edit(data / "findings.yml", "{{ figure klimasats-gap }} lavere", "{{ figure klimasats-gapp }} lavere")
    problems = _problems(data)
    assert problems[0].startswith(f"data/findings.yml:{line}: findings[2].text.nb: {{{{ figure klimasats-gapp }}}} names no known figure")


def test_share_chart_must_add_up(tmp_path):
    data = _data_copy(tmp_path)
    _edit(data / "findings.yml", "      - figure: lup-share-other\n", "      - figure: lup-contact\n")
    problems = _problems(data)
    assert any("charts[0].bars: the bars mix units" in p for p in problems), problems


def test_every_problem_is_reported_at_once(tmp_path):
    data = _data_copy(tmp_path)
    _edit(data / "findings.yml", "        value: 187\n", "        value: -187\n")
    _edit(data / "findings.yml", "    kind: share\n", "    kind: pie\n")
    _edit(data / "report.yml", "    publisher: Anbud365\n", "    publisher: ''\n")
    problems = _problems(data)
    assert len(problems) >= 2
    assert any("report.yml" in p for p in problems) and any("findings.yml" in p for p in problems)


def test_problems_of_every_stage_are_reported_together(tmp_path):
    """A YAML error in one file, a wrong field in one finding and a bad reference in another all show at once."""
    data = _data_copy(tmp_path)
    ui_line = _edit(data / "ui.yml", "  show_data: Vis tall\n", "  show_data: Vis tall\n\tbad: tab\n") + 1
    kind_line = _edit(data / "findings.yml", "    kind: share\n", "    kind: pie\n")
    source_line = _edit(data / "findings.yml", "    sources: [regjeringen-report, telemarksforsking-news]\n",
                        "    sources: [regjeringen-report, no-such-source]\n")
    problems = _problems(data)
    assert any(p.startswith(f"data/ui.yml:{ui_line}: YAML syntax error") for p in problems), problems
    assert any(p.startswith(f"data/findings.yml:{kind_line}: charts[0].kind: 'pie' is not a known value") for p in problems), problems
    assert any(p.startswith(f"data/findings.yml:{source_line}: findings[") and "no source has the id 'no-such-source'" in p
               for p in problems), problems
    # The broken chart is still known by its id, so the finding that shows it is not blamed too.
    assert not any("no chart has the id" in p for p in problems), problems


def test_an_empty_findings_list_is_valid(tmp_path):
    """A new report starts with no findings; the data still loads."""
    data = _data_copy(tmp_path)
    (data / "findings.yml").write_text("findings: []\ncharts: []\n", encoding="utf-8")
    loaded = load_site_data(data, language_pairs(), data.parent)
    assert loaded.findings == {} and loaded.charts == {} and loaded.figures == {}


# --- What PyYAML would do on its own, refused or read as typed (yamlsource) ---

from reportsite.yamlsource import MAX_DEPTH, load_yaml  # noqa: E402


def _load(tmp_path: Path, text: str):
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    return load_yaml(path, "data/x.yml")


def _load_problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(SiteDataError) as info:
        _load(tmp_path, text)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize("tag", ["!ENV [SITE_URL]", "!!python/name:os.system", "!!python/object/apply:os.system ['true']",
                                 "!!str 5", "!custom x"])
def test_yaml_tags_are_refused(tmp_path, tag):
    problems = _load_problems(tmp_path, f"a: 1\nb: {tag}\n")
    shown = tag.split()[0].replace("!!python/object/apply:os.system", "!!python/object/apply:os.system")
    assert problems == [f"data/x.yml:2: a YAML tag ('{shown}') — data files do not use YAML tags: remove it and "
                        "write the value itself (put text that starts with '!' in quotes)"]


def test_an_alias_to_itself_is_refused(tmp_path):
    assert _load_problems(tmp_path, "a: 1\nb: &b [*b]\n") == [
        "data/x.yml:2: a YAML anchor ('&b') — data files do not use YAML anchors and aliases: write the value out "
        "in full (put text that starts with '&' or '*' in quotes)"]


def test_nested_aliases_fail_fast_without_expanding(tmp_path):
    """A few kilobytes of nested aliases that would expand to 10**12 strings: refused without expanding them."""
    import tracemalloc

    text = 'l0: &l0 ["laugh", "laugh", "laugh", "laugh", "laugh", "laugh", "laugh", "laugh", "laugh", "laugh"]\n'
    text += "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]\n" for i in range(1, 12))
    tracemalloc.start()
    problems = _load_problems(tmp_path, text)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert problems[0].startswith("data/x.yml:1: a YAML anchor ('&l0')") and len(problems) == 1
    assert peak < 5_000_000, peak   # expanding them would take far more


@pytest.mark.parametrize("text", ["a: " + "[" * 500 + "]" * 500 + "\n",
                                  "".join("  " * i + "k:\n" for i in range(400)) + "  " * 400 + "k: 1\n"])
def test_deep_nesting_is_refused_without_recursion_error(tmp_path, text):
    problems = _load_problems(tmp_path, text)
    assert len(problems) == 1 and f"the data nests more than {MAX_DEPTH} levels deep — check the indentation" in problems[0]


def test_values_are_read_as_typed_not_by_yaml_1_1(tmp_path):
    doc = _load(tmp_path, "a: 043\nb: 3:07\nc: yes\nd: off\ne: 1e3\nf: .inf\ng: 0x1F\nh: 2020-03-12\ni: 1_000\n"
                          "j: 27.8\nk: -3\nl: 0\nm: ~\nn:\no: true\np: '12'\nq: no\n")
    assert doc.data == {"a": "043", "b": "3:07", "c": "yes", "d": "off", "e": "1e3", "f": ".inf", "g": "0x1F",
                        "h": "2020-03-12", "i": "1_000", "j": 27.8, "k": -3, "l": 0, "m": None, "n": None,
                        "o": True, "p": "12", "q": "no"}


@pytest.mark.parametrize("char", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202a", "\u202e", "\u2066",
                                  "\u2069", "\u0007", "\u00ad", "\u2028"])
def test_invisible_characters_are_refused(tmp_path, char):
    import unicodedata

    problems = _load_problems(tmp_path, f'sources:\n  - url: "https://www.telemarksforsking.no{char}.evil.example/"\n')
    name = unicodedata.name(char, "CONTROL CHARACTER")
    # YAML itself refuses to read most C0 control characters: then the line is known, not the field.
    field = "" if char == "\u0007" else " sources[0].url:"
    assert problems == [f"data/x.yml:2:{field} the text holds the invisible character U+{ord(char):04X} "
                        f"({name}) — delete it (move the cursor across the spot with the arrow keys to find it): "
                        "invisible characters can hide or reorder what a reader or a link really shows"]


def test_an_id_too_long_for_a_file_name(tmp_path):
    data = _data_copy(tmp_path)
    long_id = "a" + "-b" * 150
    line = _edit(data / "findings.yml", "  - id: lup-contact\n", f"  - id: {long_id}\n")
    problems = _problems(data)
    assert f"data/findings.yml:{line}: findings[0].id: the id is 301 characters long — keep ids to 64 " \
           "characters or fewer: they become file names and addresses" in problems


def test_the_quick_test_for_invisible_characters_agrees_with_their_categories_for_every_character():
    """invisible_character decides most texts with str.isprintable; for every code point, alone in
    text with the spaces and line breaks data has, it gives what the Unicode categories give."""
    import unicodedata

    from reportsite.yamlsource import invisible_character

    invisible = ("Cc", "Cf", "Zl", "Zp")
    before, after = "Små\u00a0", " kommuner\n\tog"
    # The text around each character has none by category, so what the categories give is the character or nothing.
    assert not any(c not in "\t\n\r" and unicodedata.category(c) in invisible for c in before + after)
    category = unicodedata.category
    for point in range(0x110000):
        if 0xD800 <= point <= 0xDFFF:
            continue   # surrogates: never in text read from UTF-8
        char = chr(point)
        expected = char if char not in "\t\n\r" and category(char) in invisible else None
        if invisible_character(before + char + after) != expected:
            raise AssertionError(f"U+{point:04X}: {invisible_character(before + char + after)!r}, not {expected!r}")
