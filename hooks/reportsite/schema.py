"""The kit the data files' shape is declared with, and the declaration of data/ui.yml.

Each kind of value (Text, Slug, Url, ...) checks what an editor wrote, with a message that says
what to do, and gives its part of the JSON Schema that editors' tools use. The model classes
(model.py) declare the report's data with them, field by field (`declared`); `bind` turns a
declaration into the checker of a file for the site's languages. One declaration gives the
validation, the JSON Schema, the typed model and the editor's messages, so they cannot drift apart.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import math
from decimal import Decimal
import re
import string
import dataclasses
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .errors import Problem
from .yamlsource import YamlDocument, dotted

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
YEARS = (1000, 2999)   # the years a figure or a chart's point in time may be (first, last)
MAX_TEXT = 2000
# Ids name files and folders (embed pages, downloads, anchors): kept well inside any file system's limit.
MAX_ID = 64
MAX_DIGITS = 15


class Checker:
    """Collects problems while walking one document."""

    def __init__(self, doc: YamlDocument):
        self.doc = doc
        self.problems: list[Problem] = []
        self.failed_paths: list[tuple] = []

    def fail(self, path: tuple, message: str, hint: str) -> None:
        self.problems.append(Problem(self.doc.file, self.doc.line(path), dotted(path), message, hint))
        self.failed_paths.append(path)

    def valid(self, path: tuple) -> bool:
        """True if nothing at or under path failed, so later checks can still use that part."""
        return not any(failed[: len(path)] == path for failed in self.failed_paths)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"yes/no ({str(value).lower()})"
    if isinstance(value, float) and not math.isfinite(value):
        return f"'{value}', which is not a number one can write down"
    if isinstance(value, (int, float, Decimal)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{shown}'"
    if isinstance(value, list):
        return "a list"
    return "a group of keys"


@dataclass(frozen=True)
class Text:
    doc: str
    max_length: int = MAX_TEXT

    def check(self, value: Any, path: tuple, checker: Checker) -> Any:
        if isinstance(value, str) and not value.strip():
            checker.fail(path, "the text is empty", "write the text between the quotes")
            return None
        if not isinstance(value, str):
            checker.fail(path, f"expected text, found {_describe(value)}", "write the text, in quotes if it contains ': '")
            return None
        if len(value) > self.max_length:
            checker.fail(path, f"the text is {len(value)} characters long", f"keep it to {self.max_length} characters or fewer")
            return None
        return value.strip()

    def json_schema(self) -> dict:
        return {"type": "string", "minLength": 1, "maxLength": self.max_length, "description": self.doc}


@dataclass(frozen=True)
class Template:
    """Interface text with {name} placeholders that the site fills in; any other name is a mistake."""

    doc: str
    placeholders: tuple[str, ...]

    def check(self, value: Any, path: tuple, checker: Checker) -> Any:
        text = Text(self.doc).check(value, path, checker)
        if text is None:
            return None
        expected = "use only " + ", ".join("{" + p + "}" for p in self.placeholders) + " in braces"
        try:
            fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(text)
                      if name is not None]
        except ValueError:
            checker.fail(path, "a brace { or } is not paired", expected)
            return None
        # A format spec or conversion ({title:>99999}, {title!r}) would let interface text fail the
        # build or make a page of any size: a placeholder is its name alone.
        shaped = next((f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}"
                       for name, spec, conversion in fields if spec or conversion), None)
        if shaped:
            checker.fail(path, f"the placeholder {shaped} has a format", expected + ", each with its name alone")
            return None
        unknown = [name for name, _, _ in fields if name not in self.placeholders]
        if unknown:
            checker.fail(path, f"unknown placeholder {{{unknown[0]}}}", expected)
            return None
        return text

    def json_schema(self) -> dict:
        return {"type": "string", "minLength": 1, "description": self.doc}


@dataclass(frozen=True)
class Slug:
    doc: str

    def check(self, value: Any, path: tuple, checker: Checker) -> Any:
        if not isinstance(value, str) or not SLUG.match(value):
            checker.fail(path, f"expected an id, found {_describe(value)}",
                         "use lower-case letters a-z, digits and single hyphens, like 'klimasats-gap'")
            return None
        if len(value) > MAX_ID:
            checker.fail(path, f"the id is {len(value)} characters long",
                         f"keep ids to {MAX_ID} characters or fewer: they become file names and addresses")
            return None
        return value

    def json_schema(self) -> dict:
        return {"type": "string", "pattern": SLUG.pattern, "maxLength": MAX_ID, "description": self.doc}


@dataclass(frozen=True)
class Url:
    doc: str

    def check(self, value: Any, path: tuple, checker: Checker) -> Any:
        parts = urlsplit(value) if isinstance(value, str) else None
        if parts is None or parts.scheme != "https" or not parts.netloc or " " in value:
            checker.fail(path, f"expected a web address, found {_describe(value)}",
                         "write the full address starting with https://")
            return None
        return value

    def json_schema(self) -> dict:
        return {"type": "string", "pattern": "^https://[^\\s]+$", "description": self.doc}


@dataclass(frozen=True)
class IsoDate:
    doc: str

    def check(self, value: Any, path: tuple, checker: Checker) -> Any:
        if not isinstance(value, str) or not ISO_DATE.match(value):
            checker.fail(path, f"expected a date, found {_describe(value)}", "write the date as YYYY-MM-DD, like 2020-03-12")
            return None
        return _calendar_date(value, path, checker)

    def json_schema(self) -> dict:
        return {"type": "string", "pattern": ISO_DATE.pattern, "description": self.doc}


def _calendar_date(value: str, path: tuple, checker: Checker) -> str | None:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        checker.fail(path, f"{value} is not a date in the calendar", "check the month (01-12) and the day of the month")
        return None
    return value


@dataclass(frozen=True)
class Number:
    doc: str

    def check(self, value: Any, path: tuple, checker: Checker) -> Any:
        digits = len(value.as_tuple().digits) if isinstance(value, Decimal) else len(str(abs(value))) \
            if isinstance(value, int) and not isinstance(value, bool) else 0
        if digits > MAX_DIGITS:   # shown and charted exactly only up to here (JavaScript's numbers)
            checker.fail(path, f"the number has {digits} digits", f"a value has at most {MAX_DIGITS} digits; "
                         "check it against the source")
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)) or not math.isfinite(value):
            checker.fail(path, f"expected a number, found {_describe(value)}",
                         "write the number as digits with a decimal point, without quotes or units, like 27.8")
            return None
        return value

    def json_schema(self) -> dict:
        return {"type": "number", "description": self.doc}


@dataclass(frozen=True)
class PageNumber:
    doc: str

    def check(self, value: Any, path: tuple, checker: Checker) -> Any:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            checker.fail(path, f"expected a page number, found {_describe(value)}",
                         "write the page as a whole number without quotes, like 12")
            return None
        return value

    def json_schema(self) -> dict:
        return {"type": "integer", "minimum": 1, "description": self.doc}


@dataclass(frozen=True)
class FigureValue:
    """A figure's value: a number, or for date figures an ISO date."""

    doc: str

    def check(self, value: Any, path: tuple, checker: Checker) -> Any:
        if isinstance(value, str) and ISO_DATE.match(value):
            return _calendar_date(value, path, checker)
        return Number(self.doc).check(value, path, checker)

    def json_schema(self) -> dict:
        return {"anyOf": [{"type": "number"}, {"type": "string", "pattern": ISO_DATE.pattern}], "description": self.doc}


@dataclass(frozen=True)
class TimePoint:
    """A point in time: a year (2020) or a date (YYYY-MM-DD)."""

    doc: str

    def check(self, value: Any, path: tuple, checker: Checker) -> Any:
        if isinstance(value, str) and ISO_DATE.match(value):
            return _calendar_date(value, path, checker)
        if isinstance(value, bool) or not isinstance(value, int) or not YEARS[0] <= value <= YEARS[1]:
            checker.fail(path, f"expected a year or a date, found {_describe(value)}",
                         "write a year without quotes, like 2020, or a date as YYYY-MM-DD, like 2020-03-12")
            return None
        return value

    def json_schema(self) -> dict:
        return {"anyOf": [{"type": "integer", "minimum": YEARS[0], "maximum": YEARS[1]},
                          {"type": "string", "pattern": ISO_DATE.pattern}], "description": self.doc}


@dataclass(frozen=True)
class Choice:
    doc: str
    options: tuple[str, ...]

    def check(self, value: Any, path: tuple, checker: Checker) -> Any:
        if value not in self.options:
            found = f"'{value}' is not a known value" if isinstance(value, str) else f"expected a value, found {_describe(value)}"
            checker.fail(path, found, "use one of: " + ", ".join(self.options))
            return None
        return value

    def json_schema(self) -> dict:
        return {"enum": list(self.options), "description": self.doc}


@dataclass(frozen=True)
class ListOf:
    item: Any
    doc: str
    min_items: int = 1
    max_items: int | None = None

    def check(self, value: Any, path: tuple, checker: Checker) -> Any:
        if not isinstance(value, list):
            checker.fail(path, f"expected a list, found {_describe(value)}", "write one item per line, each starting with '- '")
            return None
        if len(value) < self.min_items or (self.max_items is not None and len(value) > self.max_items):
            wanted = (f"at least {self.min_items}" if self.max_items is None
                      else f"exactly {self.max_items}" if self.min_items == self.max_items
                      else f"from {self.min_items} to {self.max_items}")
            count = self.min_items if self.max_items is None else self.max_items
            checker.fail(path, f"the list has {len(value)} items" if value else "the list is empty",
                         f"give {wanted} item" + ("" if count == 1 else "s"))
            return None
        return [self.item.check(v, path + (i,), checker) for i, v in enumerate(value)]

    def json_schema(self) -> dict:
        schema = {"type": "array", "items": self.item.json_schema(), "minItems": self.min_items, "description": self.doc}
        if self.max_items is not None:
            schema["maxItems"] = self.max_items
        return schema


@dataclass(frozen=True)
class Record:
    """A group of named keys. Unknown keys are errors: a typo must never be silently ignored."""

    doc: str
    fields: dict[str, Any]
    optional: frozenset[str] = field(default_factory=frozenset)

    def check(self, value: Any, path: tuple, checker: Checker) -> Any:
        if not isinstance(value, dict):
            checker.fail(path, f"expected a group of keys, found {_describe(value)}",
                         "give the keys " + ", ".join(self.fields) + ", each on its own line")
            return None
        out: dict[str, Any] = {}
        absent = [key for key in self.fields if key not in value]
        for key in value:
            if key not in self.fields:
                # A misspelt key is one mistake: name it once, not also as a missing key.
                guess = difflib.get_close_matches(key, absent, n=1, cutoff=0.6)
                if guess:
                    absent.remove(guess[0])
                hint = f"did you mean '{guess[0]}'?" if guess else "allowed keys here: " + ", ".join(self.fields)
                checker.fail(path + (key,), f"unknown key '{key}'", hint)
        for key, kind in self.fields.items():
            if key in value:
                out[key] = kind.check(value[key], path + (key,), checker)
            elif key not in self.optional and key in absent:
                checker.fail(path, f"the key '{key}' is missing", f"add '{key}': {kind.doc}")
        return out

    def json_schema(self) -> dict:
        return {
            "type": "object",
            "description": self.doc,
            "properties": {k: v.json_schema() for k, v in self.fields.items()},
            "required": [k for k in self.fields if k not in self.optional],
            "additionalProperties": False,
        }


SECTIONS = ("participation", "conclusions", "background")
UNITS = ("count", "percent", "percentage_points", "year", "date")
COMPUTE_METHODS = ("complement",)
SOURCE_KINDS = ("report", "article", "web")

REPORT_FACT_ROWS = {
    "title": "the report's title", "publisher": "who wrote the report", "project_leader": "the project leader",
    "commissioned_by": "who commissioned the report", "presented": "the date the report was presented",
    "report": "the link to the report", "article": "the link to the news article",
}


def localized_for(languages: tuple[tuple[str, str], ...]):
    """The declaration of a text given in every language of the site: a missing language is an error,
    never a fallback."""
    listed = ", ".join(code for code, _ in languages)

    def localized(kind_doc: str, max_length: int = MAX_TEXT) -> Record:
        return Record(f"{kind_doc} One entry per language of the site ({listed}); all are required.",
                      {lang: Text(f"{kind_doc} In {name}.", max_length) for lang, name in languages})
    return localized


@dataclass(frozen=True)
class Localized:
    """A text given in every language of the site (bound to the languages by `bind`)."""

    doc: str
    max_length: int = MAX_TEXT


@dataclass(frozen=True)
class Nested:
    """A group of keys declared by a model class, one `declared` field per key (bound by `bind`);
    its doc is the class's docstring."""

    cls: type


@dataclass(frozen=True)
class Registered:
    """The name of an entry in a registry (name -> entry with a `doc`), as the registry stands when
    bound: an entry added there is accepted, documented and listed in messages with no other edit.
    (Bound once per process and set of languages: model.data_files keeps the checkers.)"""

    registry: dict


def declared(spec: Any, *, optional: bool = False, default: Any = None) -> Any:
    """A model field read from data/: what it accepts (and its doc for editors); an optional one is
    `default` when left out. A field without this is derived by the loader."""
    if optional:
        return field(default=default, metadata={"spec": spec, "optional": True})
    return field(metadata={"spec": spec})


def bind(spec: Any, languages: tuple[tuple[str, str], ...]) -> Any:
    """The checker of a declaration for the site's languages ((code, name) pairs from mkdocs.yml)."""
    if isinstance(spec, Localized):
        return localized_for(languages)(spec.doc, spec.max_length)
    if isinstance(spec, Nested):
        fields = [f for f in dataclasses.fields(spec.cls) if "spec" in f.metadata]
        # (python -OO, or PYTHONOPTIMIZE=2, drops docstrings: the class's name stands in.)
        return Record(" ".join((spec.cls.__doc__ or spec.cls.__name__).split("\n\n")[0].split()),
                      {f.name: bind(f.metadata["spec"], languages) for f in fields},
                      frozenset(f.name for f in fields if f.metadata.get("optional")))
    if isinstance(spec, Registered):
        return Choice(" ".join(f"{name}: {entry.doc}" for name, entry in spec.registry.items()), tuple(spec.registry))
    if isinstance(spec, ListOf):
        return dataclasses.replace(spec, item=bind(spec.item, languages))
    if isinstance(spec, Record):
        return dataclasses.replace(spec, fields={key: bind(value, languages) for key, value in spec.fields.items()})
    return spec


@functools.lru_cache(maxsize=4)
def ui_declaration(languages: tuple[tuple[str, str], ...]) -> Record:
    """The declaration of data/ui.yml for the site's languages: every text in every language."""
    return Record("Interface text of the generated parts of pages, per language.", {
        lang: Record(f"Interface text in {dict(languages)[lang]} ({lang}).", {
            "source": Text("Label before one source."),
            "sources": Text("Label before several sources."),
            "computed": Template("Note for a computed figure; {formula} is replaced.", ("formula",)),
            "complement_formula": Template("Formula of a complement; {whole} is replaced by 100 %, {of} by the other figure.", ("whole", "of")),
            "computed_label": Text("Marker after a computed bar's label."),
            "caveat": Text("Label before a figure's caveat (Note:)."),
            "caveat_sources": Text("Link after a figure's caveats to the note on the sources and their limits."),
            "caveat_full": Text("Link after a key-figure card's short caveat to the full caveat."),
            "percentage_points": Text("The unit word for percentage points."),
            "months": ListOf(Text("Month name."), "Month names, January first.", min_items=12, max_items=12),
            "show_data": Text("Label of the disclosure that shows a chart's numbers."),
            "table_category": Text("Header of a data table's first column."),
            "table_value": Text("Header of a data table's value column."),
            "table_series": Text("Header of the series column in the CSV of a chart with several series."),
            "chart_gap": Text("A dot chart's name for the gap between its two values (Difference)."),
            "table_time": Text("Header of a line chart's first column: its years or dates (Time)."),
            "chart_missing": Text("A line chart's word for a value the source does not give (missing)."),
            "table_total": Text("A stacked chart's name for the total its parts add up to, when it names one (Total)."),
            "chart_values": Template("Screen-reader name of a chart's list of values, read one at a time with the "
                                     "arrow keys; {title} is replaced.", ("title",)),
            "chart_description": Template("Screen-reader text of a chart; {title} and {values} are replaced.", ("title", "values")),
            "date_format": Template("How a date is written; {day}, {month} and {year} are replaced.", ("day", "month", "year")),
            "citation": Template("The report's citation; {publisher}, {year}, {title}, {commissioned_by} and {url} are replaced.", ("publisher", "year", "title", "commissioned_by", "url")),
            "og_locale": Text("The language's Open Graph locale, like nb_NO."),
            "card_footer": Template("Bottom line of a page's link-preview image; {publisher} is replaced.", ("publisher",)),
            "permalink": Text("Text of a finding's permanent link."),
            "copy_link": Text("Label of the button that copies a finding's link."),
            "copy_link_label": Template("Screen-reader label of that button; {title} is replaced.", ("title",)),
            "finding_tools_label": Template("Screen-reader name of a finding's row of tools (link, copy, cite, embed); "
                                            "{title} is replaced.", ("title",)),
            "copied": Text("Announced when a link or snippet has been copied."),
            "copy_code": Text("Label of the button that copies a citation or embed code."),
            "cite_finding": Text("Label of the disclosure with a finding's citation."),
            "cite_site": Template("How to cite a page of the site; {title}, {site} and {url} are replaced.", ("title", "site", "url")),
            "bibtex": Text("Label before BibTeX code."),
            "csl_json": Text("Link to the report's citation as a CSL-JSON file, beside its BibTeX."),
            "footer_publisher": Template("The footer's line naming the site's publisher (site_publisher in "
                                         "data/report.yml, when given); {name} is replaced.", ("name",)),
            "footer_contact": Text("Label before the publisher's contact in the footer."),
            "footer_uustatus": Text("Link in the footer to the publisher's accessibility statement on uustatus.no."),
            "report_page": Template("Where in the report a finding stands, after its citation; {page} is replaced.",
                                    ("page",)),
            "bibtex_report_note": Template("The report's BibTeX note; {commissioned_by} is replaced.", ("commissioned_by",)),
            "cite_report": Text("Heading of the report's citation."),
            "cite_this_site": Text("Heading of the site's citation."),
            "embed_chart": Text("Label of the disclosure with a chart's embed code."),
            "embed_help": Text("Sentence that explains the embed code."),
            "see_finding": Text("Link from an embedded chart back to its finding."),
            "page_sources": Text("Heading of the list of sources of the figures on a page."),
            "download_chart": Text("Text of the link that downloads a chart's data as CSV."),
            "download_findings_csv": Text("Text of the link that downloads every finding as CSV in this language."),
            "download_findings_json": Text("Text of the link that downloads every finding as JSON (both languages)."),
            "numbers": Record("How the language writes numbers (Språkrådet's rules for Bokmål).", {
                "decimal": Choice("The decimal sign.", (",", ".")),
                "thousands": Choice("What separates groups of three digits: nbsp (a space that never breaks a line), "
                                    "',' or '.'.", ("nbsp", ",", ".")),
                "group_from": Choice("The smallest number written with groups: 10000 (Bokmål writes 1000 "
                                     "ungrouped) or 1000.", (1000, 10000)),
                "percent_space": Choice("What stands between a number and %: nbsp (28 %) or none (28%).",
                                        ("nbsp", "none")),
                "minus": Choice("The minus sign: − (the typographic minus) or - (a hyphen).", ("\u2212", "-")),
                "csv_delimiter": Choice("The column separator of CSV downloads: ';' where the decimal sign is a comma.",
                                        (";", ",")),
            }),
            "readability": Record("Plain-language limits that `make check` applies (LIX: words per sentence plus the "
                                  "percentage of words of more than six letters).", {
                "texts": Number("Highest LIX of the finding texts of this language, taken together."),
                "pages": Number("Highest LIX of one page's text."),
            }),
            "sections": Record("Names of the sections of findings in downloaded data.", {
                section: Text(f"Name of the section '{section}'.") for section in SECTIONS}),
            "units": Record("Names of the units in downloaded data.", {
                unit: Text(f"Name of the unit '{unit}'.") for unit in UNITS}),
            "csv_columns": Record("Column headers of the downloaded CSV files.", {
                key: Text(f"Header of the '{key}' column.") for key in
                ("finding", "section", "title", "text", "figure", "value", "unit", "computed", "sources", "source_urls")}),
            "not_found": Record("The page shown for an address that does not exist (404.html). It speaks every "
                                "language of the site, the default one first.", {
                "title": Text("Its heading, also in the window's title.", 80),
                "text": Text("What happened, and what the reader can do.", 300),
                "home": Text("Text of the link to the front page in this language.", 80),
            }),
            "licences": Record("The licences page (licences.html, linked from every page's footer), with each "
                               "third-party component of licences/components.yml.", {
                "title": Text("Its heading, also the footer link's text.", 80),
                "intro": Text("What the page lists.", 300),
                **{key: Text(f"The label of a component's {key}.", 80) for key in ("licence", "package", "files", "text")},
            }),
            "preview_error": Record("The banner the live preview (make serve) shows in place of a page while the "
                                    "data or the pages have problems.", {
                "title": Text("Its heading.", 80),
                "advice": Text("What the editor does next.", 200),
            }),
            "pdf": Record("The PDF of the summary (hooks/pdf.py).", {
                "contents": Text("Heading of its table of contents.", 80),
                "download": Text("Text of the link to it on the front page and with the downloads.", 120),
                "finding_page": Template("Text of the link in a finding's tools to the finding's page in it; "
                                         "{page} is replaced by the page number.", ("page",)),
                "cite": Text("Heading of its citation, and the title it is cited by, under the site's ({{ cite }}).", 120),
            }),
            "report_facts": Record("Row labels of the table of facts about the report ({{ report-facts }}).", {
                key: Text(f"Label of the row that shows {shows}.") for key, shows in REPORT_FACT_ROWS.items()}),
            "terms": ListOf(Record("A key term: the form pages use, and forms `make check` refuses on this "
                                   "language's pages (whole words, any case; a trailing * also matches words "
                                   "that start so; quotes marked { lang=... } are not checked).", {
                "use": Text("The chosen form, as the message names it."),
                "not": ListOf(Text("A refused form."), "The refused forms."),
            }), "The term list of this language (the editor's guide shows it).", min_items=1),
        }, optional=frozenset({"terms"})) for lang, _name in languages
    })
