"""The accessibility statement, in the form the Norwegian regulator's service (uustatus.no) asks
for: overall status, the criteria not met with the reason and who is affected, how to give
feedback and ask for an accessible alternative, how to complain, the date last checked, and the
evidence: every WCAG 2.1 A/AA success criterion and the WCAG 2.2 additions, how each is checked
and its result. All of it is kept in data/accessibility.yml (declared and checked here) and shown
on the page with {{ accessibility PART }}.
"""

from __future__ import annotations

import datetime
import functools
import os
import subprocess
from pathlib import Path
from typing import Any

from .errors import Problem
from .schema import Choice, ListOf, Record, Text, localized_for
from .yamlsource import YamlDocument, dotted

# Every success criterion at levels A and AA of WCAG 2.1, and those WCAG 2.2 adds (4.1.1 Parsing
# is obsolete in 2.2 but part of 2.1, which is the requirement).
WCAG21 = {
    "1.1.1": "A", "1.2.1": "A", "1.2.2": "A", "1.2.3": "A", "1.2.4": "AA", "1.2.5": "AA",
    "1.3.1": "A", "1.3.2": "A", "1.3.3": "A", "1.3.4": "AA", "1.3.5": "AA",
    "1.4.1": "A", "1.4.2": "A", "1.4.3": "AA", "1.4.4": "AA", "1.4.5": "AA", "1.4.10": "AA", "1.4.11": "AA",
    "1.4.12": "AA", "1.4.13": "AA",
    "2.1.1": "A", "2.1.2": "A", "2.1.4": "A", "2.2.1": "A", "2.2.2": "A", "2.3.1": "A",
    "2.4.1": "A", "2.4.2": "A", "2.4.3": "A", "2.4.4": "A", "2.4.5": "AA", "2.4.6": "AA", "2.4.7": "AA",
    "2.5.1": "A", "2.5.2": "A", "2.5.3": "A", "2.5.4": "A",
    "3.1.1": "A", "3.1.2": "AA", "3.2.1": "A", "3.2.2": "A", "3.2.3": "AA", "3.2.4": "AA",
    "3.3.1": "A", "3.3.2": "A", "3.3.3": "AA", "3.3.4": "AA",
    "4.1.1": "A", "4.1.2": "A", "4.1.3": "AA",
}
WCAG22_ADDED = {"2.4.11": "AA", "2.5.7": "AA", "2.5.8": "AA", "3.2.6": "A", "3.3.7": "A", "3.3.8": "AA"}
CRITERIA = {**WCAG21, **WCAG22_ADDED}
RESULTS = ("met", "not-met", "not-applicable", "not-tested")

# The statement's own words, in data/accessibility.yml under text.<lang>.
STATEMENT_TEXT = {
    "status_met": "Overall status when every criterion checked is met.",
    "status_partial": "Overall status when some criteria are not met.",
    "none_not_met": "Said when no criterion is known not to be met.",
    "not_met_intro": "Before the list of criteria not met.",
    "reason": "Label before the reason a criterion is not met.",
    "affected": "Label before the user groups affected.",
    "not_tested_intro": "Before the list of criteria not yet checked.",
    "contact_intro": "Before the contact address.",
    "no_contact": "Said when data gives no publisher and no contact address.",
    "publisher": "Label before the publisher's name.",
    "checked": "The sentence with the date last checked; {date} is replaced.",
    "col_criterion": "Table header: the criterion.",
    "col_level": "Table header: its level.",
    "col_how": "Table header: how it is checked.",
    "col_result": "Table header: the result.",
    "automatic": "Label before the automatic tests of a criterion.",
    "by_hand": "Label before what is checked by hand.",
    "added_in_22": "Marker of a criterion WCAG 2.2 adds.",
    **{f"result_{r.replace('-', '_')}": f"The result '{r}' as shown." for r in RESULTS},
}

@functools.lru_cache(maxsize=4)
def declaration(languages: tuple[tuple[str, str], ...]) -> Record:
    """The declaration of data/accessibility.yml for the site's languages ((code, name) pairs)."""
    localized = localized_for(languages)
    CRITERION = Record("One WCAG success criterion: how it is checked and the result.", {
        "id": Choice("The criterion's number, like 1.4.3.", tuple(CRITERIA)),
        "name": localized("The criterion's name.", 120),
        "result": Choice("met, not-met, not-applicable (the site has no such content) or not-tested.", RESULTS),
        "tests": ListOf(Text("A pytest node id without parameters: tests/test_x.py::test_name.", 200),
                        "The automatic tests that check it.", min_items=0),
        "by_hand": localized("What is checked by hand, and how; or why it does not apply.", 600),
        "reason": localized("For a criterion not met: what fails and why.", 600),
        "affected": localized("For a criterion not met: the user groups it affects.", 300),
    }, frozenset({"tests", "by_hand", "reason", "affected"}))

    return Record("The accessibility statement and the evidence for each success criterion (who publishes the "
                  "site, and how to reach them, is 'site_publisher' in data/report.yml).", {
        "text": Record("The statement's own words, per language.", {
            lang: Record(f"Text in {name}.", {key: Text(doc, 600) for key, doc in STATEMENT_TEXT.items()})
            for lang, name in languages}),
        "criteria": ListOf(CRITERION, "Every success criterion of WCAG 2.1 A and AA and the WCAG 2.2 additions."),
    })


def check_statement(doc: YamlDocument, value: Any, problems: list[Problem]) -> None:
    """What the shape alone does not say: every criterion once, a reason and the groups affected for
    each not met, and some way each criterion is checked."""
    items = value.get("criteria") if isinstance(value, dict) else None
    if not isinstance(items, list):
        return
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if not isinstance(item, dict) or item.get("id") not in CRITERIA:
            continue
        path = ("criteria", i)
        if item["id"] in seen:
            problems.append(Problem(doc.file, doc.line(path + ("id",)), dotted(path + ("id",)),
                                    f"the criterion {item['id']} is listed twice",
                                    f"keep one (the first is item {seen[item['id']]})"))
        seen.setdefault(item["id"], i)
        if item.get("result") == "not-met":
            missing_keys = [key for key in ("reason", "affected") if not item.get(key)]
            if missing_keys:
                problems.append(Problem(doc.file, doc.line(path), dotted(path),
                                        f"the criterion {item['id']} is not met but has no "
                                        + " and no ".join(f"'{k}'" for k in missing_keys),
                                        "say under 'reason' what fails and why, and under 'affected' which "
                                        "user groups it affects, in every language"))
        if item.get("result") in ("met", "not-met") and not item.get("tests") and not item.get("by_hand"):
            problems.append(Problem(doc.file, doc.line(path), dotted(path),
                                    f"the criterion {item['id']} has a result but no test and nothing checked by hand",
                                    "name its tests under 'tests' or say how it is checked under 'by_hand'"))
    missing = [c for c in CRITERIA if c not in seen]
    if missing:
        problems.append(Problem(doc.file, doc.line(("criteria",)), "criteria",
                                "missing success criteria: " + ", ".join(missing),
                                "list every criterion of WCAG 2.1 A and AA and the WCAG 2.2 additions"))


# -- on the page --------------------------------------------------------------------------------

PARTS = ("status", "contact", "checked", "criteria")


def checked_date(project: Path | None = None) -> str | None:
    """The date of the last change: SOURCE_DATE_EPOCH, as the build sets it, else the last commit's."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit() and project is not None:
        try:
            proc = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=project, capture_output=True,
                                  text=True, timeout=30)
            epoch = proc.stdout.strip() if proc.returncode == 0 else ""
        except (OSError, subprocess.TimeoutExpired):
            epoch = ""
    if not epoch.isdigit():
        return None
    return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date().isoformat()


def part_values(part: str, statement: dict, project: Path | None = None, publisher=None) -> dict:
    """What the statement's partial (site_src/partials/report/statement.html) shows of a part
    (publisher: model.SitePublisher or None)."""
    criteria = statement["criteria"]
    if part == "status":
        return {"not_met": [c for c in criteria if c["result"] == "not-met"],
                "not_tested": [c for c in criteria if c["result"] == "not-tested"]}
    if part == "contact":
        return {"publisher": publisher}
    if part == "checked":
        return {"date": checked_date(project)}
    if part == "criteria":
        return {"criteria": criteria, "levels": CRITERIA, "added_in_22": WCAG22_ADDED}
    raise KeyError(part)
