"""Plain-language measurement: LIX (läsbarhetsindex) of each page's text and each finding text, in
every language, and its longest sentences, checked against the limits in data/ui.yml ('readability').

LIX = words per sentence + 100 × share of long words (more than six letters). Under about 40 reads
as easy, 40–50 as ordinary factual prose, 50–60 as hard (typical of official documents).

Pure functions: text in, figures out. `problems` turns them into the project's Problems for
`make check`; `report` into lines for people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import Problem
from .prose import SHORTCODE

LONG_WORD = 7          # letters: a word of more than six letters counts as long
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+(?:[.,\s]\d+)*", re.UNICODE)
SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+(?=[«\"“(]?[A-ZÆØÅ0-9])|(?<=[.!?])\s*$")

ATTR_LIST = re.compile(r"\{\s*[:#.]?[\w-]+=?[^}]*\}")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass(frozen=True)
class Measure:
    """The readability of one text."""
    where: str            # file and field or page, as problems show it
    lix: float
    words: int
    sentences: int
    longest: tuple[str, ...]   # the longest sentences, longest first

    def line(self) -> str:
        return f"{self.where}: LIX {self.lix:.0f} ({self.words} words, {self.sentences} sentences)"


def words(text: str) -> list[str]:
    return WORD.findall(text)


def sentences(text: str) -> list[str]:
    """Sentences of plain text: each ends at . ! ? (or : ; before a capital); a line break between
    blocks (paragraphs, list items, headings) always ends one."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*] |\d+\. |:\s))", text):
        block = " ".join(block.split())
        if not block:
            continue
        out += [s.strip() for s in SENTENCE_END.split(block) if s and s.strip() and words(s)]
    return out


def lix(text: str) -> float:
    """LIX of a plain text; 0 for a text without words."""
    ws = words(text)
    if not ws:
        return 0.0
    long_words = sum(1 for w in ws if sum(c.isalpha() for c in w) >= LONG_WORD)
    return len(ws) / max(1, len(sentences(text))) + 100 * long_words / len(ws)


def measure(where: str, text: str, longest: int = 2) -> Measure:
    sents = sentences(text)
    ranked = sorted(sents, key=lambda s: len(words(s)), reverse=True)[:longest]
    return Measure(where, round(lix(text), 1), len(words(text)), len(sents), tuple(ranked))


def page_text(markdown: str) -> str:
    """The prose of a page's Markdown (its front matter already removed): without code, comments, headings, definition
    terms and shortcodes ({{ figure ID }} reads as a short number word; other shortcodes are blocks
    of generated text, measured with the data)."""
    text = FENCE.sub("", markdown)
    text = HTML_COMMENT.sub("", text)
    text = SHORTCODE.sub(lambda m: "N" if m.group(1) == "figure" else ("kilde" if m.group(1) == "source" else ""),
                         text)
    text = ATTR_LIST.sub("", text)
    text = LINK.sub(r"\1", text)
    lines = text.split("\n")
    kept = []
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if line.lstrip().startswith("#") or line.startswith("|"):
            continue  # headings and tables are labels, not sentences
        if line.strip() and nxt.startswith(":"):
            continue  # a definition list's term
        kept.append(re.sub(r"^\s*(?:[-*]|\d+\.|:)\s+", "", line).replace("*", "").replace("`", ""))
    return "\n".join(kept)


def data_text(text: str) -> str:
    """A data text ({{ figure ID }} as a short number word)."""
    return SHORTCODE.sub("N", text)


def problems(measures: list[Measure], limit: float, what: str) -> list[Problem]:
    """A Problem for each text above the limit, naming its longest sentence."""
    out = []
    for m in measures:
        if m.lix > limit:
            file, _, field = m.where.partition(" ")
            longest = f" Longest sentence: «{m.longest[0]}»" if m.longest else ""
            out.append(Problem(file, None, field, f"LIX {m.lix:.0f} is above the limit {limit:g} for {what}.{longest}",
                               "split long sentences and prefer short words (limit: data/ui.yml, readability)"))
    return out


# Not the page's own words: a quote marked with its language (*«...»*{ lang=nb }), a link's target.
QUOTED = re.compile(r"\*[^*\n]+\*\{\s*lang=[\w-]+\s*\}|\]\([^)\s]*\)")


def term_problems(page, terms: list[dict]) -> list[Problem]:
    """A Problem where a page uses a refused form of a key term (data/ui.yml 'terms' of its language)."""
    text = QUOTED.sub(lambda m: " " * len(m.group(0)), page.markdown)
    found = []
    for term in terms:
        forms = "|".join(re.escape(f.rstrip("*")).replace(r"\ ", r"\s+") + (r"\w*" if f.endswith("*") else r"(?!\w)")
                         for f in term["not"])
        for m in re.finditer(rf"(?<!\w)(?:{forms})", text, re.I):
            found.append(Problem(page.shown, text.count("\n", 0, m.start()) + 1, "",
                                 f"«{' '.join(m.group(0).split())}» is not this language's chosen term",
                                 f"write {term['use']} (data/ui.yml, terms; a source quoted in its own words: *«...»*{{ lang=CODE }})"))
    return found


def check(result) -> tuple[list[Problem], list[Measure]]:
    """check_texts() for a Validation (validate.validate()'s result); nothing before data has loaded."""
    if result is None or result.data is None:
        return [], []
    return check_texts(result.data, result.pages)


def check_texts(data, pages) -> tuple[list[Problem], list[Measure]]:
    """Every page's text, and the finding texts of each language taken together, against the limits
    in data/ui.yml ('readability'); each finding text is measured too, for the report. LIX needs a
    body of text: a single sentence's LIX is mostly the count of its long terms, so the limit for
    finding texts applies to all of a language's finding texts as one text."""
    found: list[Problem] = []
    measured: list[Measure] = []
    for page in pages.values():
        limits = data.ui[page.lang]["readability"]
        m = measure(page.shown, page_text(page.markdown))
        measured.append(m)
        found += problems([m], limits["pages"], "a page") + term_problems(page, data.ui[page.lang].get("terms", []))
    for lang in data.languages:
        texts = [data_text(f.text[lang]) for f in data.findings.values()]
        body = measure(f"data/findings.yml findings.*.text.{lang}", "\n\n".join(texts))
        measured.append(body)
        found += problems([body], data.ui[lang]["readability"]["texts"], "the finding texts")
        measured += [measure(f"data/findings.yml findings.{f.id}.text.{lang}", data_text(f.text[lang]))
                     for f in data.findings.values()]
    return found, measured


def main() -> int:
    """Print the readability of every page and finding text, with the longest sentence of each."""
    import sys
    from pathlib import Path

    from .check import check_project

    project = Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    _, result = check_project(project)
    found, measured = check(result)
    for m in measured:
        print(m.line() + (f"\n    longest: {m.longest[0]}" if m.longest else ""))
    for problem in found:
        print(problem)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
