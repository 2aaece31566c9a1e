"""Load and validate everything under data/ before anything is rendered."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import schema, statement
from .chart_kinds import KINDS, BarKind
from .errors import Problem, SiteDataError
from .prose import SHORTCODE, typed_number
from .schema import (Checker, Choice, FigureValue, IsoDate, ListOf, Localized, Nested, PageNumber, Record, Registered,
                     Slug, Text, TimePoint, Url, bind, declared)
from .yamlsource import YamlDocument, dotted, load_yaml

DATA_FILES = {"report": "report.yml", "findings": "findings.yml", "ui": "ui.yml", "accessibility": "accessibility.yml"}

# A chart's bars at most: 40 already make it taller than two phone screens; more is a table's job.
MAX_BARS = 40



# The report's data, declared once: each field read from data/ says what it accepts (schema.py's
# kit), which gives the loader's checks and messages, the JSON Schema in schema/ and these types.
# Fields without `declared` are derived by the loader.
data_model = functools.partial(dataclass, frozen=True, kw_only=True)


@data_model
class OriginalTitle:
    """A source's title as published, where the site names the source in other words than its own."""

    text: str = declared(Text("The title as published, written exactly as it stands in the source's title in every "
                              "language (inside its quotation marks).", 300))
    language: str = declared(Slug("The language it is published in, as a language code (nb): pages in other languages "
                                  "mark it, so that a screen reader reads it out in its own language."))


@data_model
class Source:
    """A document the site cites."""

    id: str = declared(Slug("Stable id that findings and the {{ source ID }} shortcode use to cite this source. "
                            "Lower-case letters, digits and hyphens."))
    kind: str = declared(Choice("What sort of document it is: report, article (a news article) or web (a web page).",
                                schema.SOURCE_KINDS))
    publisher: str = declared(Text("Who published it, as shown before the title in source lists.", 200))
    title: dict[str, str] = declared(Localized("The document's title as shown to readers.", 300))
    original: OriginalTitle | None = declared(Nested(OriginalTitle), optional=True)
    url: str = declared(Url("The document's full web address, starting with https://."))
    date: str | None = declared(IsoDate("Publication date, when known (YYYY-MM-DD). Leave out when not known."),
                                optional=True)
    line: int | None = None   # where its id stands in data/report.yml, for problems found later


@data_model
class Report:
    """The report's metadata."""

    title: dict[str, str] = declared(Localized("The report's title.", 300))
    original_title: str = declared(Text("The report's title as published, in the language it was published in.", 300))
    original_language: str = declared(Slug("The language the report was published in, as a language code (nb), so "
                                           "that its title is read out in that language."))
    publisher: str = declared(Text("The research institute that wrote the report.", 200))
    project_leader: str = declared(Text("The report's project leader.", 200))
    commissioned_by: dict[str, str] = declared(Localized("Who commissioned the report.", 300))
    presented: str = declared(IsoDate("The date the report was presented (YYYY-MM-DD)."))
    report_number: str | None = declared(Text("The report's number in its series, when known (shown in citations "
                                              "and the page's metadata). Leave out when not known.", 100), optional=True)
    pdf_url: str | None = declared(Url("The full address of the report's PDF file, when known. Leave out when not "
                                       "known."), optional=True)
    report_source: str = declared(Slug("Id of the source that holds the report itself."))
    article_source: str = declared(Slug("Id of the source that holds the news article about the report "
                                        "(the same id as report_source when there is no such article)."))


@data_model
class Contact:
    """Where readers reach the site's publisher: feedback, and an accessible alternative."""

    email: str | None = declared(Text("An e-mail address.", 200), optional=True)
    url: str | None = declared(Url("A contact page, starting with https://."), optional=True)


@data_model
class SitePublisher:
    """Who publishes this site and answers for it (not the report's publisher); shown in the footer, the
    accessibility statement and the site's citations."""

    name: dict[str, str] = declared(Localized("The publishing body's name.", 200))
    contact: Contact | None = declared(Nested(Contact), optional=True)
    uustatus_url: str | None = declared(Url("The publisher's official accessibility statement on uustatus.no, "
                                            "linked from the footer. Leave out while there is none."), optional=True)


@data_model
class Computed:
    """How a computed figure is derived from sourced figures."""

    method: str = declared(Choice("complement: 100 % minus another percent figure.", schema.COMPUTE_METHODS))
    of: str = declared(Slug("Id of the figure it is computed from."))


@data_model
class Figure:
    """One number from a source (or computed from sourced numbers)."""

    id: str = declared(Slug("Stable id used by the {{ figure ID }} shortcode."))
    # Decimal for numbers, ISO text for dates; a computed figure's value is computed by the loader.
    value: Decimal | str = declared(FigureValue("The number exactly as the source gives it, never rounded "
                                                "differently (a date figure: YYYY-MM-DD). Leave out for a computed "
                                                "figure."), optional=True)
    unit: str = declared(Choice("What the number counts, which decides how it is written: count (a whole number, "
                                "10 000), percent (28 %), percentage_points (the difference of two percentages), "
                                "year (2020) or date (YYYY-MM-DD).", schema.UNITS))
    computed: Computed | None = declared(Nested(Computed), optional=True)
    noun: dict[str, str] | None = declared(Localized(
        "What a count counts (municipalities), shown after the number where it stands alone, as in the key-figure "
        "cards. Leave out for other units.", 60), optional=True)
    caveat: dict[str, str] | None = declared(Localized(
        "What a reader must know to read this figure right (what it does not show, how it reached us). Shown "
        "wherever the figure is shown: in its finding, under a chart and in a key-figure card. Figures only through "
        "{{ figure ID }}. Leave out when there is nothing to add.", 600), optional=True)
    caveat_short: dict[str, str] | None = declared(Localized(
        "The caveat in a few words, for key-figure cards, which link to the full one. Leave out to show the full "
        "caveat there.", 160), optional=True)
    finding: str   # the id of the finding that states it


@data_model
class ChartBar:
    """One bar or segment of a chart, or a point of a line chart. Which keys a kind needs, its checks say."""

    figure: str | None = declared(Slug("Id of the figure the bar shows (a figure under 'findings'). A line chart's "
                                       "point leaves it out where the source gives no value: a gap in the line."),
                                  optional=True)
    label: dict[str, str] | None = declared(Localized("The bar's label (in a grouped chart: its category's, the same "
                                                      "in each bar of the category). Not in a line chart.", 120),
                                            optional=True)
    series: str | None = declared(Slug("In a chart with series (grouped, dot, line, stacked): id of the bar's series, under the chart's "
                                       "'series'."), optional=True)
    at: int | str | None = declared(TimePoint("In a line chart only: the point's year (2020) or date (YYYY-MM-DD)."),
                                    optional=True)


@data_model
class ChartSeries:
    """One series of a chart with several per category (kinds grouped, dot and stacked)."""

    id: str = declared(Slug("Stable id that the chart's bars name in 'series'."))
    label: dict[str, str] = declared(Localized("The series' name, written with each of its values.", 80))


@data_model
class Chart:
    """A chart built from figures."""

    id: str = declared(Slug("Stable id used by the {{ chart ID }} shortcode and in embed addresses."))
    # Named in data, the kind's entry in chart_kinds.KINDS here: it decides how the chart is drawn,
    # tabled and checked.
    kind: BarKind = declared(Registered(KINDS))
    title: dict[str, str] = declared(Localized("The chart's title.", 160))
    takeaway: dict[str, str] = declared(Localized("One sentence that says what the chart shows.", 300))
    axis_title: dict[str, str] = declared(Localized("Title of the value axis.", 80))
    bars: tuple[ChartBar, ...] = declared(ListOf(Nested(ChartBar), "The bars, in the order shown.", max_items=MAX_BARS))
    series: tuple[ChartSeries, ...] = declared(ListOf(Nested(ChartSeries), "A grouped or dot chart's two series, in "
                                                      "the order shown in each category; a line chart's one or two; "
                                                      "a stacked chart's parts (two, or three with the rest). Leave "
                                                      "out for other kinds."),
                                               optional=True, default=())
    total: str | None = declared(Slug("A stacked chart whose parts are not percentages: id of the figure that each "
                                      "category's parts add up to (a figure under 'findings'). Leave out for other "
                                      "kinds."), optional=True)


@data_model
class Finding:
    """A finding of the report, with its figures and sources."""

    id: str = declared(Slug("Stable id: the finding's permanent anchor. Never change it once published."))
    section: str = declared(Choice("Where the finding belongs: participation and conclusions are listed on the "
                                   "findings page by {{ findings SECTION }}; background holds context used by "
                                   "other pages.", schema.SECTIONS))
    title: dict[str, str] = declared(Localized("The finding's headline.", 160))
    text: dict[str, str] = declared(Localized("The finding in one or two sentences. Figures only through "
                                              "{{ figure ID }}.", 1200))
    figures: tuple[Figure, ...] = declared(ListOf(Nested(Figure), "The figures this finding states. Leave out "
                                                  "when it states no number.", min_items=0), optional=True,
                                           default=())
    sources: tuple[str, ...] = declared(ListOf(Slug("Id of a source in data/report.yml."),
                                               "The sources that state this finding."))
    chart: str | None = declared(Slug("Id of a chart under 'charts' in this file, shown with the finding. Leave "
                                      "out for no chart."), optional=True)
    page: int | None = declared(PageNumber("The page of the report that states the finding, shown in the finding's "
                                           "citation. Leave out when not known."), optional=True)


REPORT_FILE = Record("The report this site summarizes, the sources it cites, and who publishes the site.", {
    "report": Nested(Report),
    "site_publisher": Nested(SitePublisher),
    "sources": ListOf(Nested(Source), "Every document the site cites."),
}, frozenset({"site_publisher"}))
FINDINGS_FILE = Record("The report's findings and charts.", {
    "findings": ListOf(Nested(Finding), "The findings, in the order they are shown.", min_items=0),
    "charts": ListOf(Nested(Chart), "The charts, each built from figures under 'findings'. A finding shows one "
                                         "with 'chart'; a page shows one with {{ chart ID }}.", min_items=0),
})


@dataclass(frozen=True)
class SiteData:
    report: Report
    sources: dict[str, Source]
    findings: dict[str, Finding]
    figures: dict[str, Figure]
    charts: dict[str, Chart]
    ui: dict[str, dict[str, Any]]
    languages: tuple[str, ...]   # the site's languages, the default first
    accessibility: dict[str, Any] | None = None   # data/accessibility.yml: the statement and its evidence (statement.py)
    site_publisher: SitePublisher | None = None   # who publishes the site, when data names them

    def sources_of_figure(self, figure_id: str) -> tuple[Source, ...]:
        finding = self.findings[self.figures[figure_id].finding]
        return tuple(self.sources[s] for s in finding.sources)

    def sources_of_chart(self, chart_id: str) -> tuple[Source, ...]:
        seen: dict[str, Source] = {}
        for bar in self.charts[chart_id].bars:
            for source in self.sources_of_figure(bar.figure) if bar.figure else ():
                seen.setdefault(source.id, source)
        return tuple(seen.values())

    def findings_in(self, section: str) -> list[Finding]:
        return [f for f in self.findings.values() if f.section == section]


class _Semantics:
    """Checks that span fields: ids, references, ranges, and figures kept out of prose."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, doc: YamlDocument, path: tuple, message: str, hint: str) -> None:
        self.problems.append(Problem(doc.file, doc.line(path), dotted(path), message, hint))

    def unique(self, doc: YamlDocument, items: list[tuple[tuple, str]], what: str) -> None:
        first: dict[str, tuple] = {}
        for path, ident in items:
            if ident in first:
                self.fail(doc, path, f"the {what} id '{ident}' is used twice",
                          f"give each {what} its own id (the first is on line {doc.line(first[ident])})")
            else:
                first[ident] = path

    def prose(self, doc: YamlDocument, path: tuple, text: str, figure_ids: set[str]) -> None:
        """Prose may name figures only through {{ figure ID }}: a digit typed by hand is an error."""
        for match in SHORTCODE.finditer(text):
            name, args = match.group(1), match.group(2).split()
            if name != "figure":
                self.fail(doc, path, f"the shortcode '{{{{ {name} }}}}' cannot be used in data text",
                          "use only {{ figure ID }} in data text")
            elif len(args) != 1 or args[0] not in figure_ids:
                self.fail(doc, path, f"{{{{ figure {' '.join(args)} }}}} names no known figure",
                          "use the id of a figure in data/findings.yml")
        if typed_number(text):
            self.fail(doc, path, "a number is typed into the text",
                      "put the number in 'figures' with its source and write {{ figure ID }} instead")
        stripped = SHORTCODE.sub("", text)
        if "{{" in stripped or "}}" in stripped:
            self.fail(doc, path, "a shortcode is not closed or not well formed",
                      "write shortcodes as {{ figure ID }}")


def _figure_value_problem(unit: str, value: Any) -> str | None:
    if unit == "date":
        return None if isinstance(value, str) else "a date figure's value must be a date (YYYY-MM-DD)"
    if isinstance(value, str):
        return f"a {unit} figure's value must be a number"
    if unit == "percent" and not 0 <= value <= 100:
        return f"{value} is not a percentage between 0 and 100"
    if unit == "percentage_points" and not -100 <= value <= 100:
        return f"{value} percentage points is outside -100 to 100"
    if unit == "count" and (value < 0 or value != int(value)):
        return f"{value} is not a count (a whole number, 0 or more)"
    if unit == "year" and (value != int(value) or not schema.YEARS[0] <= value <= schema.YEARS[1]):
        return f"{value} is not a year"
    return None


@functools.lru_cache(maxsize=4)
def data_files(languages: tuple[tuple[str, str], ...]) -> dict[str, Record]:
    """The checker of each data file, for the site's languages ((code, name) pairs from mkdocs.yml):
    every text is required in every language."""
    languages = tuple(languages)
    return {"report": bind(REPORT_FILE, languages), "findings": bind(FINDINGS_FILE, languages),
            "ui": schema.ui_declaration(languages), "accessibility": statement.declaration(languages)}


def load_site_data(data_dir: Path, languages: tuple[tuple[str, str], ...], display_root: Path | None = None) -> SiteData:
    """Read data/*.yml, validate all of it, and return the model, or raise SiteDataError listing every problem.

    languages: the site's (code, name) pairs, from mkdocs.yml; every text must be given in each.

    Each stage checks as much as it can: a file with a YAML error does not stop the other files
    from being checked, and a finding with a wrong field does not stop the cross-checks of the
    others (references to ids in a broken part are not reported again).
    """
    root = display_root or data_dir.parent
    docs: dict[str, YamlDocument] = {}
    problems: list[Problem] = []
    for key, filename in DATA_FILES.items():
        path = data_dir / filename
        try:
            docs[key] = load_yaml(path, _display(path, root))
        except SiteDataError as exc:
            problems.extend(exc.problems)

    declarations = data_files(languages)
    checked: dict[str, tuple[Any, Checker]] = {}
    for key, doc in docs.items():
        checker = Checker(doc)
        checked[key] = (declarations[key].check(doc.data, (), checker), checker)
        problems.extend(checker.problems)

    if "accessibility" in checked and not checked["accessibility"][1].problems:
        statement.check_statement(docs["accessibility"], checked["accessibility"][0], problems)
    data, semantic_problems = _build(docs, checked, tuple(code for code, _ in languages))
    problems.extend(semantic_problems)
    if problems or data is None:
        raise SiteDataError(problems)
    return data


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _valid_items(checked: tuple[Any, Checker] | None, key: str) -> list[tuple[int, dict]]:
    """The items of a top-level list that passed the schema, with their index in the file."""
    if checked is None:
        return []
    value, checker = checked
    items = value.get(key) if isinstance(value, dict) else None
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if checker.valid((key, i))]


def _raw_ids(items: Any) -> set[str]:
    """Ids written in a raw list, valid or not: a reference to one of them is not reported as unknown."""
    if not isinstance(items, list):
        return set()
    return {item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)}


def _raw(doc: YamlDocument | None, key: str) -> Any:
    return doc.data.get(key) if doc is not None and isinstance(doc.data, dict) else None


def _build(docs: dict[str, YamlDocument], checked: dict[str, tuple[Any, Checker]],
           languages: tuple[str, ...]) -> tuple[SiteData | None, list[Problem]]:
    """Cross-field checks on every part that passed the schema; the model only when all of it is sound."""
    sem = _Semantics()
    rdoc, fdoc = docs.get("report"), docs.get("findings")

    source_items = _valid_items(checked.get("report"), "sources")
    sem.unique(rdoc, [(("sources", i, "id"), s["id"]) for i, s in source_items], "source")
    sources = {s["id"]: Source(**{**s, "original": s.get("original") and OriginalTitle(**s["original"])},
                               line=rdoc.line(("sources", i, "id"))) for i, s in source_items}
    for i, s in source_items:
        for lang, title in s["title"].items() if s.get("original") else ():
            if s["original"]["text"] not in title:
                sem.fail(rdoc, ("sources", i, "title", lang), f"the title does not hold the original title "
                         f"'{s['original']['text']}' as written", "write it exactly as under 'original' (text), "
                         "inside the title's quotation marks")
    # None when report.yml could not be read: then no reference to a source can be judged.
    known_sources = _raw_ids(_raw(rdoc, "sources")) if rdoc is not None else None
    report = None
    if "report" in checked and checked["report"][1].valid(("report",)) and isinstance(checked["report"][0], dict):
        r = checked["report"][0]["report"]
        for key in ("report_source", "article_source"):
            if r[key] not in known_sources:
                sem.fail(rdoc, ("report", key), f"no source has the id '{r[key]}'", "use an id from 'sources' below")
        report = Report(**r)
    publisher = checked["report"][0].get("site_publisher") if report is not None else None
    if publisher:
        publisher = SitePublisher(**{**publisher, "contact": Contact(**publisher["contact"])
                                     if publisher.get("contact") else None})

    finding_items = _valid_items(checked.get("findings"), "findings")
    chart_items = _valid_items(checked.get("findings"), "charts")
    raw_findings = _raw(fdoc, "findings")
    known_charts = _raw_ids(_raw(fdoc, "charts"))
    known_figures = set().union(*(_raw_ids(f.get("figures")) for f in raw_findings if isinstance(f, dict))) \
        if isinstance(raw_findings, list) else set()
    sem.unique(fdoc, [(("findings", i, "id"), f["id"]) for i, f in finding_items], "finding")
    sem.unique(fdoc, [(("charts", i, "id"), c["id"]) for i, c in chart_items], "chart")
    sem.unique(fdoc, [(("findings", i, "figures", j, "id"), g["id"])
                      for i, f in finding_items for j, g in enumerate(f.get("figures", []))], "figure")

    raw_figures: dict[str, tuple[tuple, dict, str]] = {}
    for i, f in finding_items:
        for j, g in enumerate(f.get("figures", [])):
            raw_figures.setdefault(g["id"], (("findings", i, "figures", j), g, f["id"]))

    figures: dict[str, Figure] = {}
    # Figures already reported as wrong: what depends on them is not reported again, so that one
    # mistake gives one message.
    broken: set[str] = set()
    for fid, (path, g, finding_id) in raw_figures.items():
        has_value, has_computed = "value" in g, "computed" in g
        if has_value == has_computed:
            sem.fail(fdoc, path, "a figure needs either 'value' or 'computed', not both and not neither",
                     "give the sourced number as 'value', or describe how it is derived under 'computed'")
            broken.add(fid)
            continue
        if has_value:
            problem = _figure_value_problem(g["unit"], g["value"])
            if problem:
                sem.fail(fdoc, path + ("value",), problem, f"check the number against the source ({g['unit']})")
                broken.add(fid)
                continue
            value = g["value"] if g["unit"] == "date" else Decimal(str(g["value"]))
            figures[fid] = Figure(**{**g, "value": value}, finding=finding_id)
    for fid, (path, g, finding_id) in raw_figures.items():
        if "computed" not in g or "value" in g:
            continue
        of = g["computed"]["of"]
        base = figures.get(of)
        if base is None and of in known_figures and of not in raw_figures:
            continue  # the base figure sits in a finding with its own problem, reported above
        if of in broken:
            broken.add(fid)
        elif base is None or base.computed is not None:
            sem.fail(fdoc, path + ("computed", "of"), f"'{of}' is not a sourced figure",
                     "name a figure that has a 'value' from a source")
            broken.add(fid)
        elif base.unit != "percent" or g["unit"] != "percent":
            sem.fail(fdoc, path + ("computed",), "a complement is computed from a percent figure",
                     "use unit: percent here and name a percent figure in 'of'")
            broken.add(fid)
        else:
            figures[fid] = Figure(**{**g, "value": Decimal(100) - base.value, "computed": Computed(**g["computed"])},
                                  finding=finding_id)

    charts: dict[str, Chart] = {}
    for i, c in chart_items:
        named = [(("bars", j, "figure"), bar["figure"]) for j, bar in enumerate(c["bars"]) if "figure" in bar]
        for path, figure_id in named + ([(("total",), c["total"])] if "total" in c else []):
            if figure_id not in known_figures:
                sem.fail(fdoc, ("charts", i, *path), f"no figure has the id '{figure_id}'", "use the id of a figure in 'findings'")
        kind = KINDS[c["kind"]]
        # The kind sees the chart as data gives it, its total the figure it names.
        given = {**c, "total": figures.get(c["total"])} if "total" in c else c
        for path, message, hint in kind.problems(given, [figures.get(b.get("figure")) for b in c["bars"]]):
            sem.fail(fdoc, ("charts", i, *path), message, hint)
        for lang in languages:
            for key in ("title", "takeaway", "axis_title"):
                sem.prose(fdoc, ("charts", i, key, lang), c[key][lang], set())
            for key in ("bars", "series"):
                for j, item in enumerate(c.get(key, [])):
                    if "label" in item:   # a line chart's points have none
                        sem.prose(fdoc, ("charts", i, key, j, "label", lang), item["label"][lang], set())
        charts[c["id"]] = Chart(**{**c, "kind": kind, "bars": tuple(ChartBar(**b) for b in c["bars"]),
                                   "series": tuple(ChartSeries(**s) for s in c.get("series", []))})

    findings: dict[str, Finding] = {}
    for i, f in finding_items:
        for j, sid in enumerate(f["sources"]):
            if known_sources is not None and sid not in known_sources:
                sem.fail(fdoc, ("findings", i, "sources", j), f"no source has the id '{sid}'",
                         "add the source to data/report.yml or use an id listed there")
        if f.get("chart") and f["chart"] not in known_charts:
            sem.fail(fdoc, ("findings", i, "chart"), f"no chart has the id '{f['chart']}'", "use an id from 'charts'")
        for j, g in enumerate(f.get("figures", [])):
            if "caveat_short" in g and "caveat" not in g:
                sem.fail(fdoc, ("findings", i, "figures", j, "caveat_short"), "a short caveat without the full one",
                         "give the full caveat under 'caveat': the key-figure card links to it")
            for key in ("noun", "caveat", "caveat_short"):
                for lang in languages if key in g else ():
                    sem.prose(fdoc, ("findings", i, "figures", j, key, lang), g[key][lang],
                              known_figures if key != "noun" else set())
        for lang in languages:
            sem.prose(fdoc, ("findings", i, "title", lang), f["title"][lang], set())
            sem.prose(fdoc, ("findings", i, "text", lang), f["text"][lang], known_figures)
        findings.setdefault(f["id"], Finding(**{**f, "sources": tuple(f["sources"]), "figures": tuple(
            figures[g["id"]] for g in f.get("figures", []) if g["id"] in figures)}))

    if sem.problems or report is None or set(checked) != set(DATA_FILES):
        return None, sem.problems
    return SiteData(report, sources, findings, figures, charts, checked["ui"][0], languages,
                    checked["accessibility"][0], publisher or None), sem.problems

