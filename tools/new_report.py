"""Start a new report site from this one's skeleton: `make new-report DEST=../next-report`.

The new folder gets the same machinery (hooks, theme overrides, schema, tools, Makefile, the
editor's guide and the site-independent tests), data that is empty but valid, and template pages
in both languages. It builds with `mkdocs build --strict` and passes `make check` as it is; the
editors then fill in data/report.yml, the site's name in mkdocs.yml and the pages.

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

FINDINGS_YML = """\
# yaml-language-server: $schema=../schema/findings.schema.json
# The report's findings and charts. Every number lives under 'figures' with the finding's sources;
# text refers to numbers only through {{ figure ID }}. How to add one: docs/guide.nb.md (or .en.md).

findings: []

charts: []
"""

# Placeholders in brackets: every one of them must be replaced before the site is published.
REPORT_YML = """\
# yaml-language-server: $schema=../schema/report.schema.json
# The report this site summarizes, and every source the site cites.
# TEMPLATE: replace every value in [brackets] and the date with the report's own, from its sources.

report:
  title:
    nb: "[Rapportens tittel]"
    en: "[The report's title]"
  original_title: "[Rapportens tittel]"
  original_language: nb
  publisher: "[Utgiver]"
  project_leader: "[Prosjektleder]"
  commissioned_by:
    nb: "[Oppdragsgiver]"
    en: "[Commissioned by]"
  presented: 2000-01-01  # TEMPLATE: the date the report was presented
  report_source: report
  article_source: report

sources:
  - id: report
    kind: report
    publisher: "[Utgiver]"
    title:
      nb: "[Rapportens tittel]"
      en: "[The report's title]"
    url: https://example.invalid/report
"""

PAGES = {
    "nb": {
        "index.md": """\
---
description: "[Én setning om hva rapporten viser.]"
---

# [Rapportens tittel]

[Skriv en kort innledning: hva rapporten handler om, hvem som har skrevet den, og for hvem.]

Se [funnene](funn.md) og [om rapporten](om-rapporten.md).
""",
        "funn.md": """\
---
description: "[Hovedfunnene i rapporten.]"
---

# Funn

[Funnene legges inn i data/findings.yml, som beskrevet i redaktørveiledningen (docs/guide.nb.md).
Når det finnes funn i seksjonen participation, setter du inn kortkoden findings for den seksjonen
her; veiledningen viser hvordan.]
""",
        "om-rapporten.md": """\
---
description: "[Om rapporten og nettstedet.]"
---

# Om rapporten

{{ report-facts }}

## Slik siterer du rapporten

{{ cite }}

## Alle kilder

{{ sources }}
""",
    },
    "en": {
        "index.md": """\
---
description: "[One sentence on what the report shows.]"
---

# [The report's title]

[Write a short introduction: what the report is about, who wrote it, and for whom.]

See the [findings](funn.md) and [about the report](om-rapporten.md).
""",
        "funn.md": """\
---
description: "[The report's main findings.]"
---

# Findings

[Findings are added in data/findings.yml, as the editor's guide describes (docs/guide.en.md).
When there are findings in the participation section, put the findings shortcode for that section
here; the guide shows how.]
""",
        "om-rapporten.md": """\
---
description: "[About the report and this site.]"
---

# About the report

{{ report-facts }}

## How to cite the report

{{ cite }}

## All sources

{{ sources }}
""",
    },
}

README = """\
# [Rapportens tittel]

A bilingual (Norwegian Bokmål and English) report site, started with `make new-report` from the
report site generator. Editors: read `docs/guide.nb.md` (Norsk) or `docs/guide.en.md` (English).

```sh
make check  # data, translations, shortcodes and sources, in about a second
make serve  # live preview
make site   # the site, in site/
make test   # every test, in headless Chromium too
```

Still to do: replace every value in [brackets] in `data/report.yml`, `mkdocs.yml` and `content/`.
"""


class NewReportError(Exception):
    pass


def _replace(text: str, pattern: str, new: str, what: str) -> str:
    result, count = re.subn(pattern, lambda _m: new, text, count=1, flags=re.M)
    if count != 1:
        raise NewReportError(f"mkdocs.yml: cannot find {what} to replace — update tools/new_report.py "
                             "to the skeleton's mkdocs.yml")
    return result


def site_config(skeleton_config: str) -> str:
    """The skeleton's mkdocs.yml with this report's name, address and pages replaced by placeholders."""
    text = _replace(skeleton_config, r"^site_name: .*?$", "site_name: \"[Nettstedets navn]\"", "site_name")
    text = _replace(text, r"^site_description: .*?$", "site_description: \"[Én setning om nettstedet.]\"",
                    "site_description")
    text = _replace(text, r'^site_url: !ENV \[SITE_URL, "[^"]*"\]$',
                    'site_url: !ENV [SITE_URL, "https://example.invalid/"]', "site_url")
    text = _replace(text, r"^nav:\n(?:  (?:- |# ).*\n)+", "nav:\n  - Forside: index.md\n  - funn.md\n  - om-rapporten.md\n", "nav")
    text = _replace(text, r"^(          )site_name: .*?$", "          site_name: \"[The site's name]\"",
                    "the English site_name")
    text = _replace(text, r"^(          )site_description: .*?$",
                    "          site_description: \"[One sentence about the site.]\"", "the English site_description")
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
        (staging / "data" / "findings.yml").write_text(FINDINGS_YML, encoding="utf-8")
        (staging / "data" / "report.yml").write_text(REPORT_YML, encoding="utf-8")
        for lang, pages in PAGES.items():
            for name, text in pages.items():
                path = staging / "content" / lang / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        (staging / "mkdocs.yml").write_text(site_config((skeleton / "mkdocs.yml").read_text(encoding="utf-8")),
                                            encoding="utf-8")
        (staging / "README.md").write_text(README, encoding="utf-8")
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
