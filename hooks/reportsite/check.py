"""`make check`: everything the build would refuse, and a few things only a reader would notice,
found in about a second without building the site. Every problem is printed at once, as
`file:line: what is wrong — what to do`.

Run from the project folder: `PYTHONPATH=hooks python -m reportsite.check`.
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.utils.meta import get_data

from .errors import Problem, SiteDataError
from .model import SiteData, load_site_data
from .pages import DEFAULT_LANGUAGE, LANGUAGES, check_page_parity, with_source_lines
from .render import PageContext, Renderer, shortcode_matches, unknown_shortcode

# Digits a page may contain that are not figures: the names of the accessibility standard
# (WCAG 2.1, the requirement, and WCAG 2.2, the bar the site is built to).
NOT_FIGURES = re.compile(r"WCAG 2\.[12]\b")
DIGIT = re.compile(r"\d")


@dataclass
class Page:
    lang: str
    rel: str        # the page's path inside its language folder: "funn.md"
    shown: str      # the page's file as shown in problems: "content/nb/funn.md"
    markdown: str   # the Markdown MkDocs renders, padded to keep the file's line numbers


def _site_config(project: Path) -> dict:
    """mkdocs.yml, read as plain data (tags such as !ENV are read as nothing: the check needs no value of theirs)."""
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    with open(project / "mkdocs.yml", encoding="utf-8") as f:
        return yaml.load(f, Loader=Loader) or {}


def page_url(lang: str, rel: str) -> str:
    """The page's URL with directory URLs, as MkDocs and the i18n plugin give it: 'en/funn/'."""
    stem = rel[:-3]
    path = "" if stem == "index" else (stem[:-len("index")] if stem.endswith("/index") else stem + "/")
    return ("" if lang == DEFAULT_LANGUAGE else f"{lang}/") + path


def read_pages(docs_dir: Path, project: Path) -> list[Page]:
    pages = []
    for lang in LANGUAGES:
        for path in sorted((docs_dir / lang).rglob("*.md")):
            source = path.read_text(encoding="utf-8-sig")
            markdown, _meta = get_data(source)
            pages.append(Page(lang, path.relative_to(docs_dir / lang).as_posix(),
                              path.resolve().relative_to(project.resolve()).as_posix(),
                              with_source_lines(source, markdown)))
    return pages


def page_problems(page: Page, data: SiteData, findings_page: str) -> list[Problem]:
    """What the build would refuse in the page: unknown shortcodes, unknown ids, malformed shortcodes."""
    lang_root = "" if page.lang == DEFAULT_LANGUAGE else f"{page.lang}/"
    ctx = PageContext(lang=page.lang, src=page.shown, url=page_url(page.lang, page.rel),
                      findings_url=lang_root + findings_page, lang_root=lang_root)
    return Renderer(data, ctx).render(page.markdown).problems


def unknown_shortcodes(page: Page) -> list[Problem]:
    """Without sound data the ids in a page cannot be judged, but its shortcodes' names can."""
    return [unknown_shortcode(page.shown, page.markdown.count("\n", 0, m.start()) + 1, m.group(2))
            for m in shortcode_matches(page.markdown) if m.group(2) not in Renderer.SHORTCODES]


def typed_numbers(page: Page) -> list[Problem]:
    """A number typed into a page is not backed by data: it must come through {{ figure ID }}."""
    problems = []
    for number, line in enumerate(page.markdown.splitlines(), 1):
        text = NOT_FIGURES.sub("", line)
        for match in shortcode_matches(text):
            text = text.replace(match.group(0), "")
        if DIGIT.search(text):
            problems.append(Problem(page.shown, number, "", "a number is typed into the page",
                                    "put the number in data/findings.yml with its source and write {{ figure ID }}"))
    return problems


def translation_problems(pages: list[Page]) -> list[Problem]:
    """Both languages of a page must show the same things: the same shortcodes, in the same order."""
    by_rel: dict[str, dict[str, Page]] = {}
    for page in pages:
        by_rel.setdefault(page.rel, {})[page.lang] = page
    problems = []
    for versions in by_rel.values():
        if len(versions) != len(LANGUAGES):
            continue  # a missing page is reported by the parity check
        base = versions[DEFAULT_LANGUAGE]
        base_codes = _shortcodes(base)
        for lang in LANGUAGES[1:]:
            other = versions[lang]
            codes = _shortcodes(other)
            for i in range(max(len(base_codes), len(codes))):
                mine = codes[i] if i < len(codes) else None
                theirs = base_codes[i] if i < len(base_codes) else None
                if mine is None or theirs is None or mine[1] != theirs[1]:
                    line = mine[0] if mine else (codes[-1][0] if codes else None)
                    shown = mine[1] if mine else "nothing"
                    expected = f"{theirs[1]} (line {theirs[0]} of {base.shown})" if theirs else "nothing more"
                    problems.append(Problem(other.shown, line, "",
                                            f"the translation shows {shown} where {base.shown} shows {expected}",
                                            "show the same figures, findings, charts and sources in the same order "
                                            "in every language"))
                    break
    return problems


def _shortcodes(page: Page) -> list[tuple[int, str]]:
    return [(page.markdown.count("\n", 0, m.start()) + 1, "{{ " + " ".join([m.group(2), *m.group(3).split()]) + " }}")
            for m in shortcode_matches(page.markdown)]


def source_problems(data: SiteData, pages: list[Page], project: Path) -> list[Problem]:
    """Every source listed must back something: a finding, the report's facts, or a {{ source ID }} on a page."""
    cited = {data.report.report_source, data.report.article_source}
    for finding in data.findings.values():
        cited.update(finding.source_ids)
    for page in pages:
        for match in shortcode_matches(page.markdown):
            if match.group(2) == "source":
                cited.update(match.group(3).split())
    report_yml = project / "data" / "report.yml"
    lines = report_yml.read_text(encoding="utf-8").splitlines() if report_yml.is_file() else []
    problems = []
    for source_id in data.sources:
        if source_id not in cited:
            line = next((n for n, text in enumerate(lines, 1) if re.fullmatch(rf"\s*-\s*id:\s*{re.escape(source_id)}\s*", text)), None)
            problems.append(Problem("data/report.yml", line, "", f"the source '{source_id}' backs nothing on the site",
                                    f"cite it in a finding's sources or with {{{{ source {source_id} }}}} on a page, "
                                    "or remove it"))
    return problems


def check_project(project: Path) -> tuple[list[Problem], dict]:
    """Every problem in the project's data and pages, and what was checked (for the summary line)."""
    config = _site_config(project)
    docs_dir = project / config.get("docs_dir", "docs")
    findings_page = (config.get("extra") or {}).get("findings_page", "")
    problems: list[Problem] = []
    try:
        check_page_parity(docs_dir, project)
    except SiteDataError as exc:
        problems.extend(exc.problems)
    data = None
    try:
        data = load_site_data(project / "data", project)
    except SiteDataError as exc:
        problems.extend(exc.problems)
    pages = read_pages(docs_dir, project)
    for page in pages:
        if data is not None:
            problems.extend(page_problems(page, data, findings_page))
        else:
            problems.extend(unknown_shortcodes(page))
        problems.extend(typed_numbers(page))
    problems.extend(translation_problems(pages))
    if data is not None:
        problems.extend(source_problems(data, pages, project))
    summary = {"pages": len(pages), "data_loaded": data is not None, "findings": len(data.findings) if data else None,
               "sources": len(data.sources) if data else None}
    return problems, summary


def main(argv: list[str] | None = None) -> int:
    project = Path(argv[0] if argv else (sys.argv[1] if len(sys.argv) > 1 else ".")).resolve()
    started = time.perf_counter()
    problems, summary = check_project(project)
    elapsed = time.perf_counter() - started
    for problem in problems:
        print(problem)
    if problems:
        count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
        print(f"\n{count} found in {elapsed:.1f} s. Fix them and run `make check` again.", file=sys.stderr)
        if not summary["data_loaded"]:
            print("The ids that pages name (findings, figures, charts, sources) are checked once data/ loads.",
                  file=sys.stderr)
        return 1
    print(f"No problems: {summary['pages']} pages in {len(LANGUAGES)} languages, {summary['findings']} findings, "
          f"{summary['sources']} sources checked in {elapsed:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
