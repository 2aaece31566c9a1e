"""Only the project's own files, in the places and under the names that make clean pages.

Checked before anything else is read, by the one validation (reportsite.validate) that the build,
`make check` and the live preview share:
- nothing in the project's inputs (content/, data/, site_src/, hooks/, mkdocs*.yml) is a symbolic
  link: a link can publish any file on the machine that builds the site (the system's password
  file was tried, from content/ and from site_src/, whose files the theme copies), or read data or
  code from outside the project;
- every file in content/ is inside a language folder (content/<code>/): anything else
  would be published without a translation, or not at all;
- every file in a language folder is a page (.md) or an image the site allows (ALLOWED_ASSETS);
- page and folder names are lower-case a-z, digits and single hyphens, which make clean addresses
  (a space or 'ø' would end up encoded, or not, in canonical URLs, hreflang and the sitemap);
- each address has one source: two pages at one address, or a page or folder where the build puts
  its own files (embed/, downloads/, assets/, search/, a language's root), would silently replace
  one another (paths.GENERATED_NAMES);
- no page holds an invisible control or format character (a bidirectional override, a zero-width
  space, ...), front matter included: the same rule as for data (reportsite.yamlsource).

Names that start with '.' are left alone, as MkDocs leaves them out of the site.
Each check is a pure function of the folders, returning the problems found (empty if none).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import Problem
from .paths import GENERATED_NAMES, SitePaths
from .yamlsource import INVISIBLE_HINT, describe_character, invisible_character

# Images a page may show from its own folder. Not SVG: an SVG opened by itself runs its scripts
# under the site's address.
ALLOWED_ASSETS = (".png", ".jpg", ".jpeg", ".webp")
# What each kind of image starts with: a file is published as what its name says only if it is that.
IMAGE_SIGNATURES = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
                    ".webp": (b"RIFF", b"WEBP")}
MAX_IMAGE_BYTES = 2_000_000   # a photo or figure for the web; more is a mistake or not an image
# Where a page names a file: a Markdown link or image target, or an HTML src/href.
LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)|\b(?:src|href)\s*=\s*[\"']([^\"']+)")
CLEAN_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
NAME_HINT = ("name pages and folders with lower-case letters a-z, digits and hyphens only, like "
             "'om-rapporten.md': the name becomes the page's address")


def _shown(path: Path, project: Path) -> str:
    """The path as an editor finds it in the project (links not followed)."""
    try:
        return path.relative_to(project).as_posix()
    except ValueError:
        return str(path)


def _walk(folder: Path):
    """Every entry under folder, links not followed, without names that start with '.'."""
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(dirs + [f for f in files if not f.startswith(".")]):
            yield Path(root) / name


# The inputs besides content/ (the docs_dir mkdocs.yml names), whose links are refused.
INPUTS = ("data", "site_src", "hooks", "mkdocs.yml", "mkdocs.offline.yml")


def symbolic_links(folder: Path, project: Path) -> list[Problem]:
    """Every symbolic link in folder, or folder itself: the site is built from the project's own files."""
    if folder.is_symlink():
        return [_link_problem(folder, project)]
    if not folder.is_dir():
        return []
    return [_link_problem(path, project) for path in _walk(folder) if path.is_symlink()]


def _link_problem(path: Path, project: Path) -> Problem:
    kind = "folder" if path.is_dir() else "file"
    return Problem(_shown(path, project), None, "", f"the {kind} is a symbolic link (to {os.readlink(path)})",
                   "the site is built only from the project's own files: put the file itself here, or remove the link")


def files_outside_languages(docs_dir: Path, project: Path, languages: tuple[str, ...]) -> list[Problem]:
    """Files in content/ that are not inside a language folder."""
    if not docs_dir.is_dir() or docs_dir.is_symlink():
        return []
    problems = []
    for entry in sorted(docs_dir.iterdir()):
        if entry.name.startswith(".") or entry.is_symlink() or (entry.is_dir() and entry.name in languages):
            continue
        folders = " or ".join(f"{_shown(docs_dir / lang, project)}/" for lang in languages)
        problems.append(Problem(_shown(entry, project), None, "", "the file is outside the language folders",
                                f"put each page in {folders}, once in each language, or remove it"))
    return problems


def _in_language_folders(docs_dir: Path, languages: tuple[str, ...]):
    """Every entry in the language folders, links left out (symbolic_links reports them)."""
    for lang in languages:
        folder = docs_dir / lang
        if folder.is_dir() and not folder.is_symlink():
            yield from (path for path in _walk(folder) if not path.is_symlink())


def page_names(docs_dir: Path, project: Path, languages: tuple[str, ...]) -> list[Problem]:
    """Files in the language folders that are neither pages nor allowed images, and names that make no clean address."""
    problems = []
    for path in _in_language_folders(docs_dir, languages):
        shown = _shown(path, project)
        stem, suffix = (path.name, "") if path.is_dir() else os.path.splitext(path.name)
        if path.is_file() and suffix != ".md" and suffix not in ALLOWED_ASSETS:
            allowed = ", ".join(ALLOWED_ASSETS)
            problems.append(Problem(shown, None, "", f"the file is neither a page (.md) nor an image the site allows ({allowed})",
                                    "save pages as .md files; remove other files from content/"))
        elif not CLEAN_NAME.fullmatch(stem) or suffix != suffix.lower():
            problems.append(Problem(shown, None, "", f"the name '{path.name}' does not make a clean address", NAME_HINT))
    return problems


def _image_problem(path: Path, shown: str) -> Problem | None:
    """An image that is not what its name says, or too big to publish."""
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return Problem(shown, None, "", f"the image is {size:,} bytes (at most {MAX_IMAGE_BYTES:,})".replace(",", " "),
                       "save it smaller (at most 1600 pixels wide is plenty for a page)")
    with path.open("rb") as file:
        head = file.read(12)
    start, *more = IMAGE_SIGNATURES[path.suffix.lower()]
    if not head.startswith(start) or any(mark not in head for mark in more):
        return Problem(shown, None, "", f"the file is not a {path.suffix.lower()[1:].upper()} image, though its name says so",
                       "save the image again in the format its name ends with, or name it after its format")
    return None


def images(docs_dir: Path, project: Path, languages: tuple[str, ...]) -> list[Problem]:
    """Images must be what their names say, of a sane size, and used by a page of their language: a file
    no page shows is not published."""
    found = [p for p in _in_language_folders(docs_dir, languages) if p.is_file() and p.suffix.lower() in ALLOWED_ASSETS]
    if not found:
        return []
    used = set()
    for page in _in_language_folders(docs_dir, languages):
        if page.suffix == ".md" and page.is_file():
            text = page.read_text(encoding="utf-8", errors="replace")
            used |= {os.path.normpath(page.parent / target.split("#")[0].split("?")[0])
                     for match in LINK_TARGET.finditer(text) for target in match.groups() if target}
    problems = []
    for path in found:
        shown = _shown(path, project)
        if problem := _image_problem(path, shown):
            problems.append(problem)
        elif os.path.normpath(path) not in used:
            problems.append(Problem(shown, None, "", "no page shows the image", "show it on a page (![what it shows](name.png)) "
                                    "or remove it: the site publishes only what its pages use"))
    return problems


def addresses(docs_dir: Path, project: Path, languages: tuple[str, ...]) -> list[Problem]:
    """Each address has one source: no two pages at one address (funn.md and funn/index.md), and no
    page or folder at an address the build fills (embed/, downloads/, a language's root)."""
    site_paths, owners, problems = SitePaths(languages), {}, []
    taken = ", ".join(GENERATED_NAMES + languages[:-1]) + f" and {languages[-1]}"
    for path in _in_language_folders(docs_dir, languages):
        src_uri = path.relative_to(docs_dir).as_posix()
        lang, inner = src_uri.split("/", 1)
        stem = os.path.splitext(inner)[0] if path.is_file() else inner
        if stem in GENERATED_NAMES + languages:
            problems.append(Problem(_shown(path, project), None, "", f"the address /{site_paths.root(lang)}{stem}/ belongs to "
                                    f"the build (it uses the names {taken})", "give the page or folder another name"))
        elif path.suffix == ".md" and path.is_file():
            address = site_paths.web_path(src_uri)
            if address in owners:
                problems.append(Problem(_shown(path, project), None, "", f"the page's address /{address} is also "
                                        f"{owners[address]}'s", "give one of them another name: an address has one page"))
            owners.setdefault(address, _shown(path, project))
    return problems


def invisible_characters_in_pages(docs_dir: Path, project: Path, languages: tuple[str, ...]) -> list[Problem]:
    """The first invisible character in each page (pages that are links or not UTF-8 are reported elsewhere)."""
    problems = []
    for path in _in_language_folders(docs_dir, languages):
        if path.suffix != ".md" or not path.is_file():
            continue
        try:
            text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.split("\n"), 1):
            if (char := invisible_character(line)) is not None:
                problems.append(Problem(_shown(path, project), number, "",
                                        f"the page holds the invisible character {describe_character(char)}",
                                        INVISIBLE_HINT))
                break
    return problems


def check_page_files(docs_dir: Path, project: Path, languages: tuple[str, ...]) -> list[Problem]:
    """Every problem with the project's input files, before any of them is read."""
    return ([link for folder in (docs_dir, *(project / name for name in INPUTS)) for link in symbolic_links(folder, project)]
            + files_outside_languages(docs_dir, project, languages) + page_names(docs_dir, project, languages)
            + images(docs_dir, project, languages) + addresses(docs_dir, project, languages)
            + invisible_characters_in_pages(docs_dir, project, languages))
