"""Citations of the report, of the site's pages and of single findings: plain text and BibTeX, from data."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from .model import Finding, SiteData

_BIBTEX_SPECIAL = re.compile(r"([\\{}&%$#_^~@])")
# BibTeX counts every brace, a backslash before it or not: a brace from data must not be one.
_BIBTEX_REPLACEMENTS = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}", "{": r"\textbraceleft{}",
                        "}": r"\textbraceright{}", "@": r"{@}"}


def bibtex_text(text: str) -> str:
    """A value safe inside BibTeX braces: special characters escaped, so data cannot break out, and
    line breaks as spaces (a field is one line)."""
    text = " ".join(text.split()) if "\n" in text or "\r" in text else text
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_REPLACEMENTS.get(m.group(1), "\\" + m.group(1)), text)


def _bibtex(kind: str, key: str, fields: list[tuple[str, str, bool]], url: str) -> str:
    """fields: (name, value, whole); a 'whole' value is braced twice so BibTeX keeps it as one name.

    The url field is not escaped as text (the url package reads it verbatim); only braces, which
    would end the field, are percent-encoded.
    """
    lines = []
    for name, value, whole in fields:
        inner = bibtex_text(value)
        lines.append(f"  {name} = {{{{{inner}}}}}" if whole else f"  {name} = {{{inner}}}")
    lines.append("  url = {" + url.replace("{", "%7B").replace("}", "%7D") + "}")
    return f"@{kind}{{{key},\n" + ",\n".join(lines) + "\n}"


def report_text(data: SiteData, lang: str) -> Markup:
    """The report's citation as HTML: its title, as published, marked with its language where that is not the page's."""
    r = data.report
    title = r.original_title if r.original_language == lang else Markup('<span lang="{}">{}</span>').format(
        r.original_language, r.original_title)
    return escape(data.ui[lang]["citation"]).format(
        publisher=r.publisher, year=r.presented[:4], title=title,
        commissioned_by=r.commissioned_by[lang], url=data.sources[r.report_source].url)


def report_bibtex(data: SiteData, lang: str) -> str:
    r = data.report
    key = re.sub(r"[^a-z0-9]", "", r.publisher.lower()) + r.presented[:4]
    return _bibtex("techreport", key, [
        # The report's full author list is not known: the institute stands as author.
        ("author", r.publisher, True),
        ("title", r.original_title, False),
        ("institution", r.publisher, False),
        ("year", r.presented[:4], False),
        ("note", data.ui[lang]["bibtex_report_note"].format(commissioned_by=r.commissioned_by[lang]), False),
    ], data.sources[r.report_source].url)


def page_text(data: SiteData, lang: str, title: str, site_name: str, url: str) -> str:
    """A page's citation; the site's publisher, when data names one, stands first as its author."""
    text = data.ui[lang]["cite_site"].format(title=title, site=site_name, url=url)
    return f"{data.site_publisher.name[lang]}. {text}" if data.site_publisher else text


def _publisher_field(data: SiteData, lang: str) -> list[tuple[str, str, bool]]:
    return [("author", data.site_publisher.name[lang], True)] if data.site_publisher else []


def page_bibtex(data: SiteData, lang: str, key: str, title: str, site_name: str, url: str) -> str:
    return _bibtex("misc", key, [*_publisher_field(data, lang), ("title", title, False),
                                 ("howpublished", site_name, False)], url)


def finding_text(data: SiteData, finding: Finding, lang: str, site_name: str, url: str) -> str:
    text = page_text(data, lang, finding.title[lang], site_name, url)
    return text + (" " + data.ui[lang]["report_page"].format(page=finding.page) if finding.page else "")


def finding_bibtex(data: SiteData, finding: Finding, lang: str, site_name: str, url: str) -> str:
    fields = [*_publisher_field(data, lang), ("title", finding.title[lang], False), ("howpublished", site_name, False)]
    if finding.page:
        fields.append(("note", data.ui[lang]["report_page"].format(page=finding.page), False))
    return _bibtex("misc", f"{finding.id}-{lang}", fields, url)


def report_csl(data: SiteData, lang: str) -> list[dict]:
    """The report as CSL-JSON (what Zotero, Pandoc and citeproc read): a list of one item."""
    r = data.report
    item = {"id": re.sub(r"[^a-z0-9]", "", r.publisher.lower()) + r.presented[:4], "type": "report",
            "title": r.original_title, "author": [{"literal": r.publisher}], "publisher": r.publisher,
            "issued": {"date-parts": [[int(part) for part in r.presented.split("-")]]}, "language": r.original_language,
            "URL": data.sources[r.report_source].url,
            "note": data.ui[lang]["bibtex_report_note"].format(commissioned_by=r.commissioned_by[lang])}
    return [item | ({"number": r.report_number} if r.report_number else {})]

