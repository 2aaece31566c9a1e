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
    # A link to the accessibility statement, and the site's publisher when data names one, after the
    # copyright line.
    "copyright.html": [("  {% if not config.extra.generator", """\
  {% for statement in nav.pages if statement.file and statement.file.src_uri.split("/", 1)[-1] == config.extra.accessibility_page %}
    {% if loop.first %}
      <p class="report-footer-statement">
        <a href="{{ statement.url | url }}" data-accessibility-statement>{{ statement.title | e }}</a>
      </p>
    {% endif %}
  {% endfor %}
  {#- The site's publisher and how to reach them (site_publisher in data/report.yml; report_data: hooks/page_addresses.py),
      when data names them; MkDocs templates do not autoescape, so every value is escaped here. -#}
  {% set site_publisher = report_data.site_publisher if report_data else none %}
  {% if site_publisher %}
    {% set footer_ui = report_data.ui[config.theme.language] %}
    {% set contact = site_publisher.contact %}
    <p class="report-footer-publisher">{{ footer_ui.footer_publisher.replace("{name}", site_publisher.name[config.theme.language]) | e }}
      {%- if contact and (contact.email or contact.url) %} {{ footer_ui.footer_contact | e }}:
        {% if contact.email %}<a href="mailto:{{ contact.email | e }}">{{ contact.email | e }}</a>{% endif %}
        {%- if contact.email and contact.url %} / {% endif %}
        {%- if contact.url %}<a href="{{ contact.url | e }}">{{ contact.url | e }}</a>{% endif %}.
      {%- endif %}
      {%- if site_publisher.uustatus_url %} <a href="{{ site_publisher.uustatus_url | e }}">{{ footer_ui.footer_uustatus | e }}</a>{% endif %}
    </p>
  {% endif %}
  {% if not config.extra.generator""")],
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


def test_every_copied_partial_is_declared():
    copied = {p.relative_to(OURS).as_posix() for p in OURS.rglob("*.html") if (MATERIAL / p.relative_to(OURS)).exists()}
    assert copied == set(CHANGES)


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
