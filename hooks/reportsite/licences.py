"""The third-party components a reader receives and their licence texts, as licences/components.yml
declares them: the texts come from the installed packages where they ship one, else from the file
beside the declaration (which names where it was copied from)."""

from __future__ import annotations

from functools import cache
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from .errors import Problem, SiteDataError
from .yamlsource import load_yaml

DECLARATION = "licences/components.yml"
FIELDS = ("name", "url", "licence", "package", "files", "texts")


@cache
def _package_text(dist: str, ending: str) -> str:
    """A file of an installed package, read once per process: listing a package's files takes a
    tenth of a second (Material's), and every language's build of every preview rebuild asks."""
    found = [f for f in distribution(dist).files or () if f"/{f.as_posix()}".endswith(f"/{ending}")]
    if len(found) != 1:
        raise ValueError(f"the package {dist} has {len(found)} files ending in {ending}, not one")
    return found[0].read_text(encoding="utf-8")


def _text(folder: Path, ref: str) -> str:
    """A licence text: `<distribution>:<path ending>` in an installed package, or a file in folder."""
    if ":" in ref:
        return _package_text(*ref.split(":", 1))
    if "/" in ref or ref.startswith("."):
        raise ValueError(f"'{ref}' is not a file name in {folder.name}/")
    return (folder / ref).read_text(encoding="utf-8")


def components(project: Path) -> list[dict]:
    """Each declared component with its licence texts read and its package's version; a clear error
    naming the file, line and field for anything missing or unreadable."""
    doc = load_yaml(project / DECLARATION, DECLARATION)
    entries = doc.data if isinstance(doc.data, list) else [doc.data]
    result = []
    for i, entry in enumerate(entries):
        def fail(field: str, message: str):
            raise SiteDataError([Problem(DECLARATION, doc.line((i, field)), f"[{i}].{field}", message,
                                         f"a component has exactly {', '.join(FIELDS)}: see the top of the file for what each holds")])
        if not isinstance(entry, dict) or set(entry) != set(FIELDS):
            fail("", f"has {sorted(entry) if isinstance(entry, dict) else entry!r}")
        if not all(isinstance(entry[k], str) for k in ("name", "licence")) or not str(entry["url"]).startswith("https://"):
            fail("url", "needs a name, a licence and an address starting with https://")
        if not isinstance(entry["package"], (str, type(None))):
            fail("package", "is not a package's name")
        for field in ("files", "texts"):
            if not isinstance(entry[field], list) or not entry[field] or not all(isinstance(s, str) and s for s in entry[field]):
                fail(field, "is not a list of names")
        try:
            version = distribution(entry["package"]).version if entry["package"] else ""
            texts = [_text(project / DECLARATION.split("/")[0], ref) for ref in entry["texts"]]
        except (OSError, ValueError, PackageNotFoundError) as exc:
            fail("texts", f"cannot be read: {exc}")
        result.append({**entry, "version": version, "texts": texts})
    return result
