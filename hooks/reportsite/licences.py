"""The third-party components a reader receives and their licence texts, as licences/components.yml
declares them: the texts come from the installed packages where they ship one, else from the file
beside the declaration (which names where it was copied from)."""

from __future__ import annotations

from functools import cache
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from .errors import Problem, SiteDataError
from .model import data_model
from .schema import Checker, ListOf, Nested, Text, Url, bind, declared
from .yamlsource import load_yaml

DECLARATION = "licences/components.yml"


@data_model
class Component:
    """A third-party component a reader receives."""
    name: str = declared(Text("Its name, as the licences page heads it.", 400))
    url: str = declared(Url("Its home, starting with https://."))
    licence: str = declared(Text("Its licence, as an SPDX identifier.", 100))
    package: str | None = declared(Text("The Python package it reaches the site through, whose version the page "
                                        "shows; leave out when none.", 100), optional=True)
    files: tuple = declared(ListOf(Text("A pattern of paths in the built site ('*' also crosses folders).", 200),
                                   "The shipped files it is in."))
    texts: tuple = declared(ListOf(Text("'<distribution>:<path ending>' in an installed package, or a file "
                                        "name in licences/.", 200), "Its licence texts."))


COMPONENTS = ListOf(Nested(Component), "Every third-party component a reader receives.")


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
    checker = Checker(doc)
    entries = bind(COMPONENTS, ()).check(doc.data, (), checker)
    if checker.problems:
        raise SiteDataError(checker.problems)
    result = []
    for i, entry in enumerate(entries):
        try:
            version = distribution(entry["package"]).version if entry.get("package") else ""
            texts = [_text(project / DECLARATION.split("/")[0], ref) for ref in entry["texts"]]
        except (OSError, ValueError, PackageNotFoundError) as exc:
            raise SiteDataError([Problem(DECLARATION, doc.line((i, "texts")), f"[{i}].texts", f"cannot be read: {exc}",
                                         "name a file in licences/ or '<distribution>:<path ending>' of an installed package")]) from None
        result.append({**entry, "package": entry.get("package"), "version": version, "texts": texts})
    return result
