"""Numbers as each language writes them (Språkrådet for Bokmål; plain English for en).

How a language writes numbers is data (`numbers` in data/ui.yml), so a language is added without
Python; the same table feeds the text, the charts' d3-format locale and the CSV downloads.
"""

from __future__ import annotations

from decimal import Decimal

NBSP = "\u00a0"
# The names data/ui.yml uses for characters an editor cannot see or tell apart.
SPACE_NAMES = {"nbsp": NBSP, "none": ""}


def _char(name: str) -> str:
    return SPACE_NAMES.get(name, name)


def number_format(ui: dict) -> dict:
    """A language's number format (ui['numbers']) with its named characters resolved."""
    spec = ui["numbers"]
    return {"decimal": spec["decimal"], "thousands": _char(spec["thousands"]), "minus": spec["minus"],
            "group_from": int(spec["group_from"]), "percent": _char(spec["percent_space"]) + "%"}


def format_number(value: Decimal, ui: dict) -> str:
    """Write a number with exactly the decimals it was given: never rounded, never padded."""
    fmt = number_format(ui)
    sign = fmt["minus"] if value < 0 else ""
    digits = format(abs(value), "f")
    whole, _, fraction = digits.partition(".")
    if abs(value) >= fmt["group_from"]:
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        groups.insert(0, whole)
        whole = fmt["thousands"].join(groups)
    return sign + whole + (fmt["decimal"] + fraction if fraction else "")


def format_date(iso: str, ui: dict) -> str:
    year, month, day = (int(part) for part in iso.split("-"))
    return ui["date_format"].format(day=day, month=ui["months"][month - 1], year=year)


def format_value(value: Decimal | str, unit: str, ui: dict) -> str:
    """A figure's value with its unit, as running text in the language of `ui`."""
    if unit == "date":
        return format_date(str(value), ui)
    if unit == "year":
        return str(int(value))
    number = format_number(value, ui)
    if unit == "percent":
        return number + number_format(ui)["percent"]
    if unit == "percentage_points":
        return number + NBSP + ui["percentage_points"]
    return number


def complement_formula(of: Decimal, unit: str, ui: dict) -> str:
    """How a complement is computed, as a reader reads it ('100 % minus 28 %'): both parts formatted
    like every figure, so the whole gets the language's percent sign and space too."""
    return ui["complement_formula"].format(whole=format_value(Decimal(100), "percent", ui), of=format_value(of, unit, ui))


def d3_locale(ui: dict) -> dict:
    """The d3-format locale for charts, so axes and tooltips match the text."""
    fmt = number_format(ui)
    return {"decimal": fmt["decimal"], "thousands": fmt["thousands"], "grouping": [3], "currency": ["", ""],
            "minus": fmt["minus"], "percent": fmt["percent"]}
