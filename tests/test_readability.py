"""readability.py: LIX and the longest sentences, and `make check` failing above the limit in data."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT, copy_project
from reportsite import readability as r


def test_lix_is_words_per_sentence_plus_the_share_of_long_words():
    # 7 words, 2 sentences, 3 long words (more than six letters: Kommunene, samarbeider, innkjøp).
    assert r.lix("Katten sover. Kommunene samarbeider om innkjøp nå.") == pytest.approx(7 / 2 + 100 * 3 / 7)
    assert r.lix("") == 0


def test_a_long_sentence_raises_lix_and_is_named_longest():
    short = "Kommunen kjøper. Det går bra. Det går fint."
    long = "Kommunen kjøper, og det går bra, og det går fint, og det går bra igjen."
    assert r.lix(long) > r.lix(short)
    m = r.measure("x", short + "\n\n" + long)
    assert m.longest[0] == long
    assert m.sentences == 4


def test_sentences_end_at_punctuation_and_at_block_breaks():
    assert r.sentences("En overskrift uten punktum\n\nFørste setning. Andre setning!") == [
        "En overskrift uten punktum", "Første setning.", "Andre setning!"]
    # An abbreviation before a lower-case word does not end a sentence.
    assert len(r.sentences("Det gjelder bl.a. helse og omsorg.")) == 1


def test_page_text_keeps_prose_and_drops_markup():
    md = ("\n\n\n\n# Overskrift\n\nTekst med [lenke](a.md) og {{ figure x }} "
          "kommuner. Kilde: {{ source y }}.\n\nBegrep\n:   Forklaring her.\n\n- Punkt en\n\n```\nkode\n```\n")
    text = r.page_text(md)
    assert "Overskrift" not in text and "kode" not in text and "Begrep" not in text
    assert "lenke" in text and "a.md" not in text and "Forklaring her." in text and "Punkt en" in text
    assert "{{" not in text


def test_a_text_above_the_limit_is_a_problem_naming_its_longest_sentence():
    m = r.measure("content/nb/x.md", "Leverandørutviklingsprogrammet distriktskommunene anskaffelsesprosessen.")
    (problem,) = r.problems([m], 45, "a page")
    assert problem.file == "content/nb/x.md" and "above the limit 45" in problem.message
    assert "Leverandørutviklingsprogrammet" in problem.message
    assert r.problems([m], 1000, "a page") == []


def test_make_check_fails_when_a_page_is_above_the_limit_in_data(tmp_path):
    project = copy_project(tmp_path / "project")
    ui = project / "data" / "ui.yml"
    text = ui.read_text(encoding="utf-8")
    assert "  readability:\n    texts: " in text
    ui.write_text(text.replace("    pages: ", "    pages: 1 #", 1), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "reportsite.check"], cwd=project,
                          env=dict(os.environ, PYTHONPATH=str(ROOT / "hooks")), capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 1
    assert "is above the limit 1 for a page" in proc.stdout


def test_a_refused_term_is_found_across_lines_and_in_compounds_but_not_in_a_marked_quote():
    from types import SimpleNamespace

    terms = [{"use": "innovative anskaffingar", "not": ["anskaffelse*", "innovative innkjøp*"]}]
    page = SimpleNamespace(shown="content/nn/x.md", markdown=(
        "Ei anskaffing.\nDei innovative\ninnkjøpa og anskaffelsesregelverket.\n"
        "Rapporten seier *«innovative innkjøp»*{ lang=nb }, sjå [sida](innovative-innkjop.md)."))
    found = [(p.line, p.message.split("»")[0]) for p in r.term_problems(page, terms)]
    assert sorted(found) == [(2, "«innovative innkjøpa"), (3, "«anskaffelsesregelverket")]
