"""The one validation of the project's data and pages.

The build (hooks/validation.py, before any page is built), `make check` and the live preview
all call validate(), so they cannot disagree: the same problems, in the same order, with the same
words. It draws nothing and builds nothing: chart sizes come from the data, and a page goes
through Markdown only to see where its shortcodes stand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import config_checks, page_files, readability, shortcodes
from .errors import Problem, SiteDataError
from .front_matter import front_matter_problems, with_source_lines
from .model import SiteData, load_site_data
from .prose import typed_number
from .siteconfig import SiteConfig


@dataclass
class PageSource:
    """A page as read from content/<lang>/, with its shortcodes placed and resolved."""
    src_uri: str            # as MkDocs names it: "en/funn.md"
    lang: str
    rel: str                # inside the language folder: "funn.md"
    shown: str              # as problems show it: "content/en/funn.md"
    markdown: str           # without front matter, padded so that line numbers are the file's
    meta: dict
    placed: list[shortcodes.Use] = field(default_factory=list)   # outside code and comments
    usable: list[shortcodes.Use] = field(default_factory=list)   # of those, the ones that can work where they stand
    failed: list[shortcodes.Use] = field(default_factory=list)   # with a problem of their own (reported once)


@dataclass
class Validation:
    site: SiteConfig
    data: SiteData | None
    pages: dict[str, PageSource]
    problems: list[Problem]
    data_loaded: bool = False   # data/ loaded without problems (pages' ids could be checked)


def validate(site: SiteConfig) -> Validation:
    problems = (page_files.check_page_files(site.docs_dir, site.project, site.codes)
                + config_checks.site_url_problems(site.site_url, site.config_file))
    if problems:  # nothing else is read until the files are the project's own and the address is sound
        return Validation(site, None, {}, problems)
    problems += page_parity(site)
    problems += findings_page(site)
    data = None
    try:
        data = load_site_data(site.project / "data", tuple((lang.code, lang.name) for lang in site.languages),
                              site.project)
    except SiteDataError as exc:
        problems += exc.problems
    pages, read_problems = read_pages(site)
    problems += read_problems
    to_html = _markdown(site)
    for page in pages.values():
        problems += page_problems(page, data, to_html)
    problems += translation_problems(site, pages)
    if data is not None:
        problems += source_problems(data, pages)
    if data is not None and not problems:  # plain language (LIX), limits in data/ui.yml 'readability'
        problems += readability.check_texts(data, pages)[0]
    return Validation(site, data if not problems else None, pages, problems, data is not None)


# -- page files ------------------------------------------------------------------------------------

def pages_by_language(site: SiteConfig) -> dict[str, list[Path]]:
    """Each language's page files, sorted."""
    return {lang: sorted((site.docs_dir / lang).rglob("*.md")) for lang in site.codes}


def page_parity(site: SiteConfig) -> list[Problem]:
    """A page in one language only is refused: a reader must never fall back to another language."""
    files = pages_by_language(site)
    pages = {lang: {p.relative_to(site.docs_dir / lang).as_posix() for p in found} for lang, found in files.items()}
    problems, told = [], set()   # a missing page is told once, from the first language that has it
    for lang in site.codes:
        folder = site.shown(site.docs_dir / lang)
        if not pages[lang]:
            problems.append(Problem(folder, None, "", "the language has no pages", f"add the site's pages under {folder}/"))
        for other in site.codes:
            for missing in sorted(pages[lang] - pages[other] - {page for code, page in told if code == other}):
                told.add((other, missing))
                problems.append(Problem(
                    site.shown(site.docs_dir / lang / missing), None, "", f"the page exists in '{lang}' but not in '{other}'",
                    f"add {site.shown(site.docs_dir / other / missing)} with the same content in that language"))
    return problems


def findings_page(site: SiteConfig) -> list[Problem]:
    """extra.findings_page in mkdocs.yml must name a page: key figures and permalinks lead there."""
    missing = [lang for lang in site.codes if not (site.docs_dir / lang / site.findings_page).is_file()
               or not site.findings_page.endswith(".md")]
    if not missing:
        return []
    lines = site.config_file.read_text(encoding="utf-8").splitlines()
    line = next((i for i, text in enumerate(lines, 1) if text.strip().startswith("findings_page:")), None)
    return [Problem(site.shown(site.config_file), line, "extra.findings_page",
                    f"'{site.findings_page}' is not a page in " + " or ".join(f"content/{lang}/" for lang in missing),
                    "give the file name of the page that shows the findings, like funn.md")]


def read_pages(site: SiteConfig) -> tuple[dict[str, PageSource], list[Problem]]:
    from mkdocs.utils.meta import get_data

    pages: dict[str, PageSource] = {}
    problems: list[Problem] = []
    for lang, files in pages_by_language(site).items():
        for path in files:
            shown = site.shown(path)
            raw = path.read_bytes()
            try:
                source = raw.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                problems.append(Problem(shown, raw[: exc.start].count(b"\n") + 1, "", "the page is not UTF-8 text",
                                        "save the file with UTF-8 encoding"))
                continue
            body, meta = get_data(source)
            rel = path.relative_to(site.docs_dir / lang).as_posix()
            src_uri = f"{lang}/{rel}"
            front_matter = front_matter_problems(source, body, shown)
            problems += front_matter
            if not front_matter:  # else MkDocs would show the front matter as the page's text
                pages[src_uri] = PageSource(src_uri, lang, rel, shown, with_source_lines(source, body), meta)
    return pages, problems


def _markdown(site: SiteConfig):
    """Markdown with the site's extensions, as MkDocs converts pages (for seeing where shortcodes land)."""
    import markdown

    md = markdown.Markdown(extensions=list(site.markdown_extensions), extension_configs=dict(site.mdx_configs))

    def to_html(text: str) -> str:
        md.reset()
        return md.convert(text)
    return to_html


# -- inside a page ---------------------------------------------------------------------------------

def page_problems(page: PageSource, data: SiteData | None, to_html) -> list[Problem]:
    """What the build would refuse in the page: shortcodes where they cannot work, unknown names and ids,
    the same finding or chart twice, and numbers typed into the text."""
    if not page.markdown.strip():
        return [Problem(page.shown, None, "", "the page is empty",
                        "write its heading and text (or remove the page in every language)")]
    placement = shortcodes.place(page.markdown, page.shown, to_html)
    problems = list(placement.problems)
    page.placed, page.usable = placement.shown, placement.usable
    if data is not None:
        seen: dict[str, int] = {}
        for use in placement.usable:
            problem = shortcodes.resolve(use, data, page.shown)
            if problem:
                problems.append(problem)
                page.failed.append(use)
                continue
            for anchor in shortcodes.anchors(use):
                if anchor in seen:
                    problems.append(Problem(page.shown, use.line, "", f"{use.text}: shows '{anchor}' a second time "
                                            f"(first on line {seen[anchor]})",
                                            "show each finding and chart once per page; link to it elsewhere"))
                    page.failed.append(use)
                    break
                seen.setdefault(anchor, use.line)
    problems += typed_numbers(page)
    return problems


def typed_numbers(page: PageSource) -> list[Problem]:
    """A number typed into a page is not backed by data: it must come through {{ figure ID }}."""
    problems = []
    for number, line in enumerate(page.markdown.splitlines(), 1):
        if typed_number(line):
            problems.append(Problem(page.shown, number, "", "a number is typed into the page",
                                    "put the number in data/findings.yml with its source and write {{ figure ID }}"))
    return problems


def translation_problems(site: SiteConfig, pages: dict[str, PageSource]) -> list[Problem]:
    """Every language's page shows the same things as the default language's: the same shortcodes, in order."""
    problems = []
    for base in [p for p in pages.values() if p.lang == site.default_language]:
        base_codes = _shown_codes(base)
        for lang in site.codes[1:]:
            other = pages.get(f"{lang}/{base.rel}")
            if other is None or not other.markdown.strip() or not base.markdown.strip():
                continue  # a missing or empty page is reported on its own
            codes = _shown_codes(other)
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


def _shown_codes(page: PageSource) -> list[tuple[int, str]]:
    # A shortcode with a problem of its own is reported once, not again as a difference.
    return [(use.line, "{{ " + " ".join([use.name, *use.args]) + " }}") for use in page.placed
            if use in page.usable and use not in page.failed]


def source_problems(data: SiteData, pages: dict[str, PageSource]) -> list[Problem]:
    """Every source listed must back something: a finding, the report's facts, or a {{ source ID }} on a page."""
    cited = {data.report.report_source, data.report.article_source}
    for finding in data.findings.values():
        cited.update(finding.sources)
    for page in pages.values():
        cited.update(arg for use in page.usable if use.name == "source" for arg in use.args)
    problems = []
    for source in data.sources.values():
        if source.id not in cited:
            problems.append(Problem("data/report.yml", source.line, "", f"the source '{source.id}' backs nothing on the site",
                                    f"cite it in a finding's sources or with {{{{ source {source.id} }}}} on a page, "
                                    "or remove it"))
    return problems
