"""The theme files copied from Material into site_src/partials/ differ from the installed Material's
only by the changes declared here: when an upgrade changes one of Material's files, the copy would
silently keep the old one, so this fails instead and names the file to copy again."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT

MATERIAL = Path(__import__("material").__file__).parent / "templates" / "partials"
OURS = ROOT / "site_src" / "partials"
# A Jinja comment at the top of a file: Material's says the file is generated, ours why we changed it.
HEADER = re.compile(r"\A\s*\{#-.*?-#\}\s*", re.S)

# Each copy, with each of our changes as (Material's text, ours).
CHANGES: dict[str, list[tuple[str, str]]] = {
    # The dialog gets an accessible name (axe: aria-dialog-name).
    "search.html": [('role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">')],
    # The site's own footer lines (the accessibility statement, the publisher, the licences) after
    # the copyright line.
    "copyright.html": [("  {% if not config.extra.generator",
                        '  {% include "partials/report/footer_links.html" %}\n  {% if not config.extra.generator')],
    # Inline scripts moved into files for the Content Security Policy (tests/test_csp.py compares the code).
    "javascripts/base.html": [(re.compile(r"<script>__md_scope=.*?</script>", re.S),
                               "<script src=\"{{ 'assets/javascripts/md-scope.js' | url }}\" "
                               "data-md-scope=\"{{ config.extra.scope | d(site_root_url | d(base_url)) }}\"></script>")],
    "javascripts/palette.html": [(re.compile(r"<script>var palette=.*?</script>", re.S),
                                  "<script src=\"{{ 'assets/javascripts/md-palette.js' | url }}\"></script>")],
    "javascripts/content.html": [(re.compile(r"\{% if \"content.tabs.link\" in features %\}.*?\{% endif %\}\s*"
                                             r"<script>var target=.*?</script>", re.S),
                                  "<script src=\"{{ 'assets/javascripts/md-content.js' | url }}\"></script>")],
}


# Material's templates that site_src/ replaces with files of its own rather than copies, each with a
# hash of Material's text (its generated-file header left out) when ours was written: when an upgrade
# changes one, compare it with ours, carry over what matters, and update the hash.
REPLACED = {
    "main.html": "fd79a1343e8ee1d5",   # Material's extends base.html and nothing more; ours too, with blocks
    "404.html": "53240fa987ff46a8",    # ours speaks every language (hooks/not_found_page.py)
}


def test_every_file_that_shadows_one_of_materials_is_declared():
    """Any file in site_src/ at the path of a file of Material's templates is a declared copy or replacement."""
    site_src = ROOT / "site_src"
    shadowing = {p.relative_to(site_src).as_posix() for p in site_src.rglob("*")
                 if p.is_file() and (MATERIAL.parent / p.relative_to(site_src)).exists()}
    assert shadowing == {f"partials/{name}" for name in CHANGES} | set(REPLACED)


@pytest.mark.parametrize("name", sorted(REPLACED))
def test_materials_files_we_replace_are_as_they_were(name):
    import hashlib

    theirs = HEADER.sub("", (MATERIAL.parent / name).read_text(encoding="utf-8"))
    digest = hashlib.sha256(theirs.encode("utf-8")).hexdigest()[:16]
    assert digest == REPLACED[name], f"Material's {name} changed: compare it with site_src/{name}"


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_copied_partial_is_materials_with_our_changes_only(name):
    theirs = HEADER.sub("", (MATERIAL / name).read_text(encoding="utf-8"))
    for old, new in CHANGES[name]:
        count = len(old.findall(theirs)) if isinstance(old, re.Pattern) else theirs.count(old)
        assert count == 1, f"Material's partials/{name} changed: copy it again into site_src/partials/ and redo our change"
        theirs = old.sub(lambda _m: new, theirs) if isinstance(old, re.Pattern) else theirs.replace(old, new)
    ours = HEADER.sub("", (OURS / name).read_text(encoding="utf-8"))
    assert ours.strip() == theirs.strip(), f"site_src/partials/{name} differs from Material's beyond our declared change"


# Blocks of Material's base.html that site_src/main.html replaces whole (without super()): what
# they held when the replacement was written, as a hash of their text (Material's version number
# left out). When Material changes one, compare it with ours, carry over what matters, and update
# the hash.
REPLACED_BLOCKS = {"site_meta": "2606eb0daf0931c7"}


def _block(template: str, name: str) -> str:
    match = re.search(r"\{% block " + name + r" %\}(.*?)\{% endblock %\}", template, re.S)
    assert match, f"Material's base.html has no block {name}"
    return re.sub(r"mkdocs-material-[\d.]+", "mkdocs-material-VERSION", match.group(1))


@pytest.mark.parametrize("name", sorted(REPLACED_BLOCKS))
def test_blocks_our_main_template_replaces_are_as_they_were(name):
    import hashlib

    base = (MATERIAL.parent / "base.html").read_text(encoding="utf-8")
    ours = (ROOT / "site_src" / "main.html").read_text(encoding="utf-8")
    assert "{% block " + name + " %}" in ours and "super()" not in _block(ours, name)
    digest = hashlib.sha256(_block(base, name).encode("utf-8")).hexdigest()[:16]
    assert digest == REPLACED_BLOCKS[name], f"Material's block {name} changed: compare it with site_src/main.html's"
