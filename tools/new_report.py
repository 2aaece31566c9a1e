"""Start a new report site from this one's skeleton: `make new-report DEST=../next-report`.

The new folder gets the same machinery (hooks, theme overrides, schema, tools, Makefile, the
editor's guide and the site-independent tests) and the files in tools/skeleton/: data that is
empty but valid, and template pages in every language of the site. It builds with
`mkdocs build --strict` and passes `make check` as it is; the editors then fill in
data/report.yml, the site's name in mkdocs.yml and the pages.

Nothing is written unless all of it can be: the site is assembled in a temporary folder beside
DEST and moved into place at the end.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

SKELETON = Path(__file__).resolve().parent.parent

sys.path.insert(0, str(SKELETON))
from tools.project import NEW_REPORT_PARTS  # noqa: E402

# The next report's own files, laid over the machinery: empty but valid data, template pages in
# every language of the site, and a README. Text and data only: a language is added there.
SKELETON_FILES = "tools/skeleton"


class NewReportError(Exception):
    pass


def _replace(text: str, pattern: str, new: str, what: str, count: int = 1) -> str:
    """The first match of pattern replaced (count=0: every match); at least one must be found."""
    result, found = re.subn(pattern, lambda _m: new, text, count=count, flags=re.M)
    if not found:
        raise NewReportError(f"mkdocs.yml: cannot find {what} to replace — update tools/new_report.py "
                             "to the skeleton's mkdocs.yml")
    return result


def site_config(skeleton_config: str) -> str:
    """The skeleton's mkdocs.yml with this report's name, address and pages replaced by placeholders."""
    text = _replace(skeleton_config, r"^site_name: .*?$", "site_name: \"[Nettstedets navn]\"", "site_name")
    text = _replace(text, r"^site_description: .*?$", "site_description: \"[Én setning om nettstedet.]\"",
                    "site_description")
    text = _replace(text, r'^site_url: "[^"]*"',
                    'site_url: "https://example.invalid/"', "site_url")
    text = _replace(text, r"^nav:\n(?:  (?:- |# ).*\n)+", "nav:\n  - Forside: index.md\n  - funn.md\n  - om-rapporten.md\n", "nav")
    # The PDF of the summary: the skeleton's pages, under a name to replace.
    text = _replace(text, r"^  pdf:\n    name: .*\n    pages: .*$", "  pdf:\n    name: rapport\n    pages: [index.md, funn.md]",
                    "extra.pdf")
    # Every other language's name and description, in i18n's languages.
    text = _replace(text, r"^(          )site_name: .*?$", "          site_name: \"[The site's name in this language]\"",
                    "the other languages' site_name", count=0)
    text = _replace(text, r"^(          )site_description: .*?$",
                    "          site_description: \"[One sentence about the site in this language.]\"",
                    "the other languages' site_description", count=0)
    return text


def create(dest: Path, skeleton: Path = SKELETON) -> Path:
    dest = dest.resolve()
    if dest.exists() and any(dest.iterdir()):
        raise NewReportError(f"{dest}: the folder exists and is not empty — choose a new folder for the new report")
    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}-", dir=dest.parent))
    try:
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
        for part in NEW_REPORT_PARTS:
            src, target = skeleton / part, staging / part
            target.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, target, ignore=ignore)
            else:
                shutil.copy2(src, target)
        shutil.copytree(skeleton / SKELETON_FILES, staging, dirs_exist_ok=True, ignore=ignore)
        (staging / "mkdocs.yml").write_text(site_config((skeleton / "mkdocs.yml").read_text(encoding="utf-8")),
                                            encoding="utf-8")
        if dest.exists():
            dest.rmdir()
        staging.rename(dest)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return dest


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not args[0].strip():
        print("usage: make new-report DEST=../next-report — DEST is the new site's folder", file=sys.stderr)
        return 2
    try:
        dest = create(Path(args[0]))
    except (NewReportError, OSError) as exc:
        print(f"new-report: {exc}", file=sys.stderr)
        return 1
    print(f"Created a new report site in {dest}.\n"
          f"Next: cd {dest}, replace every [placeholder] in data/report.yml, mkdocs.yml and content/, "
          "then `make check` and `make serve`. The editor's guide is in docs/.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
