"""Pages: which language a page is in, and that every page exists in every language."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup
from mkdocs.utils.meta import get_data

from .errors import Problem, SiteDataError
from .render import esc
from .schema import LANGUAGES

DEFAULT_LANGUAGE = LANGUAGES[0]


def page_language(src_uri: str) -> str:
    first = src_uri.split("/", 1)[0]
    return first if first in LANGUAGES else DEFAULT_LANGUAGE


def check_page_parity(docs_dir: Path, project: Path) -> None:
    """Raise if a page exists in one language only: a reader must never fall back to the other language."""
    pages = {lang: {p.relative_to(docs_dir / lang).as_posix() for p in (docs_dir / lang).rglob("*.md")}
             for lang in LANGUAGES}
    problems = []
    for lang in LANGUAGES:
        if not pages[lang]:
            problems.append(Problem(_shown(docs_dir / lang, project), None, "", "the language has no pages",
                                    f"add the site's pages under {_shown(docs_dir / lang, project)}/"))
        for other in LANGUAGES:
            for missing in sorted(pages[lang] - pages[other]):
                problems.append(Problem(
                    _shown(docs_dir / lang / missing, project), None, "",
                    f"the page exists in '{lang}' but not in '{other}'",
                    f"add {_shown(docs_dir / other / missing, project)} with the same content in that language"))
    if problems:
        raise SiteDataError(problems)


def check_page_encoding(docs_dir: Path, project: Path) -> None:
    """Raise if a page is not UTF-8 text: MkDocs itself would stop with a Python traceback."""
    problems = []
    for path in sorted(docs_dir.rglob("*.md")):
        raw = path.read_bytes()
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(Problem(_shown(path, project), raw[: exc.start].count(b"\n") + 1, "",
                                    "the page is not UTF-8 text", "save the file with UTF-8 encoding"))
    if problems:
        raise SiteDataError(problems)


# Front-matter keys that Material's templates print into HTML (meta tags, the title) unescaped:
# MkDocs renders themes without autoescaping.
FRONT_MATTER_IN_HTML = ("title", "description", "author")


def escape_front_matter(meta: dict) -> dict:
    """The page's front matter with the values templates print made safe for HTML text and attributes.

    Markup marks them as escaped, so a template that escapes them itself does not do it twice.
    """
    return {key: Markup(esc(value)) if key in FRONT_MATTER_IN_HTML and isinstance(value, str)
            and not isinstance(value, Markup) else value for key, value in meta.items()}


def _shown(path: Path, project: Path) -> str:
    try:
        return path.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return str(path)


def with_source_lines(source: str, markdown: str) -> str:
    """The page's Markdown (front matter removed by MkDocs) padded so that its line numbers are the file's."""
    body, _meta = get_data(source)
    skipped = len(source) - len(body)
    if skipped <= 0 or not source.endswith(body):
        return markdown
    return "\n" * source[:skipped].count("\n") + markdown


def check_findings_page(docs_dir: Path, findings_page: str, config_file: Path, project: Path) -> None:
    """Raise if extra.findings_page in mkdocs.yml names no page: key figures and permalinks lead there."""
    missing = [lang for lang in LANGUAGES if not (docs_dir / lang / findings_page).is_file()]
    if not missing:
        return
    lines = config_file.read_text(encoding="utf-8").splitlines()
    line = next((i for i, text in enumerate(lines, 1) if text.strip().startswith("findings_page:")), None)
    raise SiteDataError([Problem(
        _shown(config_file, project), line, "extra.findings_page",
        f"'{findings_page}' is not a page in " + " or ".join(f"content/{lang}/" for lang in missing),
        "give the file name of the page that shows the findings, like funn.md")])
