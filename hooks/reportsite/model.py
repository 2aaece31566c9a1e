"""Load and validate everything under data/ before anything is rendered."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import schema, statement
from .chart_kinds import KINDS, BarKind
from .errors import Problem, SiteDataError
from .schema import Checker
from .yamlsource import YamlDocument, dotted, load_yaml

DATA_FILES = {"report": "report.yml", "findings": "findings.yml", "ui": "ui.yml", "accessibility": "accessibility.yml"}

# A shortcode: {{ name arguments }}. The same syntax serves pages and data text.
SHORTCODE = re.compile(r"\{\{[ \t]*([a-z][a-z-]*)((?:[ \t]+[^\s{}]+)*)[ \t]*\}\}")
DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Source:
    id: str
    kind: str
    publisher: str
    title: dict[str, str]
    url: str
    date: str | None


@dataclass(frozen=True)
class Figure:
    id: str
    value: Decimal | str  # Decimal for numbers, ISO text for dates
    unit: str
    finding_id: str
    computed_from: str | None = None  # id of the figure a computed value derives from
    method: str | None = None
    noun: dict[str, str] | None = None    # what a count counts, by language (key-figure cards)
    caveat: dict[str, str] | None = None  # what a reader must know to read the figure, by language


@dataclass(frozen=True)
class ChartBar:
    figure: str
    label: dict[str, str]


@dataclass(frozen=True)
class Chart:
    id: str
    kind: BarKind   # its entry in chart_kinds.KINDS, which decides how it is drawn, tabled and checked
    title: dict[str, str]
    takeaway: dict[str, str]
    axis_title: dict[str, str]
    bars: tuple[ChartBar, ...]


@dataclass(frozen=True)
class Finding:
    id: str
    section: str
    title: dict[str, str]
    text: dict[str, str]
    figure_ids: tuple[str, ...]
    source_ids: tuple[str, ...]
    chart_id: str | None


@dataclass(frozen=True)
class Report:
    title: dict[str, str]
    original_title: str
    original_language: str
    publisher: str
    project_leader: str
    commissioned_by: dict[str, str]
    presented: str
    report_source: str
    article_source: str


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

    def sources_of_figure(self, figure_id: str) -> tuple[Source, ...]:
        finding = self.findings[self.figures[figure_id].finding_id]
        return tuple(self.sources[s] for s in finding.source_ids)

    def sources_of_chart(self, chart_id: str) -> tuple[Source, ...]:
        seen: dict[str, Source] = {}
        for bar in self.charts[chart_id].bars:
            for source in self.sources_of_figure(bar.figure):
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
        stripped = SHORTCODE.sub("", text)
        if DIGIT.search(stripped):
            self.fail(doc, path, "a number is typed into the text",
                      "put the number in 'figures' with its source and write {{ figure ID }} instead")
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
    if unit == "year" and (value != int(value) or not 1000 <= value <= 2999):
        return f"{value} is not a year"
    return None


def data_files(languages: tuple[tuple[str, str], ...]) -> dict:
    """The declaration of each data file, for the site's languages ((code, name) pairs from mkdocs.yml)."""
    return {**schema.data_files(languages), "accessibility": statement.declaration(tuple(languages))}


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
    sources = {s["id"]: Source(s["id"], s["kind"], s["publisher"], s["title"], s["url"], s.get("date"))
               for _, s in source_items}
    # None when report.yml could not be read: then no reference to a source can be judged.
    known_sources = _raw_ids(_raw(rdoc, "sources")) if rdoc is not None else None
    report = None
    if "report" in checked and checked["report"][1].valid(("report",)) and isinstance(checked["report"][0], dict):
        r = checked["report"][0]["report"]
        for key in ("report_source", "article_source"):
            if r[key] not in known_sources:
                sem.fail(rdoc, ("report", key), f"no source has the id '{r[key]}'", "use an id from 'sources' below")
        report = Report(**r)

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
            figures[fid] = Figure(fid, value, g["unit"], finding_id, noun=g.get("noun"), caveat=g.get("caveat"))
    for fid, (path, g, finding_id) in raw_figures.items():
        if "computed" not in g or "value" in g:
            continue
        of = g["computed"]["of"]
        base = figures.get(of)
        if base is None and of in known_figures and of not in raw_figures:
            continue  # the base figure sits in a finding with its own problem, reported above
        if of in broken:
            broken.add(fid)
        elif base is None or base.computed_from is not None:
            sem.fail(fdoc, path + ("computed", "of"), f"'{of}' is not a sourced figure",
                     "name a figure that has a 'value' from a source")
            broken.add(fid)
        elif base.unit != "percent" or g["unit"] != "percent":
            sem.fail(fdoc, path + ("computed",), "a complement is computed from a percent figure",
                     "use unit: percent here and name a percent figure in 'of'")
            broken.add(fid)
        else:
            figures[fid] = Figure(fid, Decimal(100) - base.value, "percent", finding_id, of, g["computed"]["method"],
                                  noun=g.get("noun"), caveat=g.get("caveat"))

    charts: dict[str, Chart] = {}
    for i, c in chart_items:
        for j, bar in enumerate(c["bars"]):
            if bar["figure"] not in known_figures:
                sem.fail(fdoc, ("charts", i, "bars", j, "figure"), f"no figure has the id '{bar['figure']}'",
                         "use the id of a figure in 'findings'")
        kind = KINDS[c["kind"]]
        for key, message, hint in kind.problems([figures.get(b["figure"]) for b in c["bars"]]):
            sem.fail(fdoc, ("charts", i, key), message, hint)
        for lang in languages:
            for key in ("title", "takeaway", "axis_title"):
                sem.prose(fdoc, ("charts", i, key, lang), c[key][lang], set())
            for j, bar in enumerate(c["bars"]):
                sem.prose(fdoc, ("charts", i, "bars", j, "label", lang), bar["label"][lang], set())
        charts[c["id"]] = Chart(c["id"], kind, c["title"], c["takeaway"], c["axis_title"],
                                tuple(ChartBar(b["figure"], b["label"]) for b in c["bars"]))

    findings: dict[str, Finding] = {}
    for i, f in finding_items:
        for j, sid in enumerate(f["sources"]):
            if known_sources is not None and sid not in known_sources:
                sem.fail(fdoc, ("findings", i, "sources", j), f"no source has the id '{sid}'",
                         "add the source to data/report.yml or use an id listed there")
        if f.get("chart") and f["chart"] not in known_charts:
            sem.fail(fdoc, ("findings", i, "chart"), f"no chart has the id '{f['chart']}'", "use an id from 'charts'")
        for j, g in enumerate(f.get("figures", [])):
            for key in ("noun", "caveat"):
                for lang in languages if key in g else ():
                    sem.prose(fdoc, ("findings", i, "figures", j, key, lang), g[key][lang],
                              known_figures if key == "caveat" else set())
        for lang in languages:
            sem.prose(fdoc, ("findings", i, "title", lang), f["title"][lang], set())
            sem.prose(fdoc, ("findings", i, "text", lang), f["text"][lang], known_figures)
        findings.setdefault(f["id"], Finding(
            f["id"], f["section"], f["title"], f["text"],
            tuple(g["id"] for g in f.get("figures", [])), tuple(f["sources"]), f.get("chart")))

    if sem.problems or report is None or set(checked) != set(DATA_FILES):
        return None, sem.problems
    return SiteData(report, sources, findings, figures, charts, checked["ui"][0], languages,
                    checked["accessibility"][0]), sem.problems

