"""Pages: which language a page is in, and that every page exists in every language."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

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


def markdown_first_line(source: str, markdown: str) -> int:
    """The line of the page's file on which the Markdown MkDocs hands to hooks starts.

    MkDocs strips the front matter (and blank lines after it) before on_page_markdown, so line
    numbers counted in the Markdown must be shifted to match what the editor sees in the file.
    """
    body, source = markdown.rstrip(), source.rstrip()  # MkDocs may drop the final newline
    if body and source.endswith(body):
        return source.count("\n", 0, len(source) - len(body)) + 1
    return 1


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
