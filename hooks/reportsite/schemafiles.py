"""The JSON Schema files that editors' tools read, generated from the declarations (model.py, schema.py).

`python -m reportsite.schemafiles` (run with PYTHONPATH=hooks, or `make schema`) writes them to
schema/; `--check` only reports whether the committed files are out of date. Each data file names
its schema in a `# yaml-language-server: $schema=...` comment, which VS Code (with the YAML
extension) and other editors use to complete keys and flag mistakes while the editor types.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .model import DATA_FILES, data_files

SCHEMA_DIR = "schema"
DRAFT = "http://json-schema.org/draft-07/schema#"
Languages = tuple[tuple[str, str], ...]   # the site's (code, name) pairs, from mkdocs.yml


def schema_filename(key: str) -> str:
    return f"{key}.schema.json"


def schema_comment(key: str) -> str:
    """The first line of data/<file>.yml: it points editors to the file's schema."""
    return f"# yaml-language-server: $schema=../{SCHEMA_DIR}/{schema_filename(key)}"


def project_languages(project: Path) -> Languages:
    from .siteconfig import load

    return tuple((lang.code, lang.name) for lang in load(project).languages)


def schema_document(key: str, languages: Languages) -> dict:
    return {"$schema": DRAFT, "title": f"data/{DATA_FILES[key]}", **data_files(languages)[key].json_schema()}


def schema_text(key: str, languages: Languages) -> str:
    return json.dumps(schema_document(key, languages), ensure_ascii=False, indent=2) + "\n"


def generated_files(languages: Languages) -> dict[str, str]:
    """Every schema file, by its path relative to the project: {'schema/findings.schema.json': text}."""
    return {f"{SCHEMA_DIR}/{schema_filename(key)}": schema_text(key, languages) for key in DATA_FILES}


def stale_files(project: Path) -> list[str]:
    """The schema files that are missing or differ from what the declarations say."""
    return [path for path, text in generated_files(project_languages(project)).items()
            if not (project / path).is_file() or (project / path).read_text(encoding="utf-8") != text]


def write(project: Path) -> list[str]:
    written = []
    for path, text in generated_files(project_languages(project)).items():
        target = project / path
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    project = Path.cwd()
    if "--check" in args:
        stale = stale_files(project)
        for path in stale:
            print(f"{path}: out of date with the declarations in hooks/reportsite/ — run `make schema` and commit the result")
        return 1 if stale else 0
    for path in write(project):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
