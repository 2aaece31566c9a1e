"""Files the hooks generate at build time (chart images, data downloads), added to MkDocs' file list."""

from __future__ import annotations


def add_generated(files, config, path: str, content: str | bytes) -> None:
    """Add a generated file at `path` in the site, replacing a file of the same path from content/."""
    from mkdocs.structure.files import File  # only the hooks call this; tests of the helpers need no MkDocs

    existing = files.get_file_from_path(path)
    if existing is not None:
        files.remove(existing)
    files.append(File.generated(config, path, content=content))
