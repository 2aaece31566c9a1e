"""Pages: which language a page is in, and that every page exists in every language."""

from __future__ import annotations

from pathlib import Path

from mkdocs.utils.meta import get_data

from .errors import Problem, SiteDataError
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
