"""Numbers as each language writes them (Språkrådet for Bokmål; plain English for en)."""

from __future__ import annotations

from decimal import Decimal

NBSP = "\u00a0"

# One table of separators per language; the same table feeds the charts' d3-format locale.
SEPARATORS = {
    "nb": {"decimal": ",", "thousands": NBSP, "minus": "\u2212", "group_from": 10_000, "percent": NBSP + "%"},
    "en": {"decimal": ".", "thousands": ",", "minus": "-", "group_from": 1_000, "percent": "%"},
}


def format_number(value: Decimal, lang: str) -> str:
    """Write a number with exactly the decimals it was given: never rounded, never padded."""
    sep = SEPARATORS[lang]
    sign = sep["minus"] if value < 0 else ""
    digits = format(abs(value), "f")
    whole, _, fraction = digits.partition(".")
    if abs(value) >= sep["group_from"]:
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        groups.insert(0, whole)
        whole = sep["thousands"].join(groups)
    return sign + whole + (sep["decimal"] + fraction if fraction else "")


def format_date(iso: str, lang: str, ui: dict) -> str:
    year, month, day = (int(part) for part in iso.split("-"))
    return ui["date_format"].format(day=day, month=ui["months"][month - 1], year=year)


def format_value(value: Decimal | str, unit: str, lang: str, ui: dict) -> str:
    """A figure's value with its unit, as running text in the given language."""
    if unit == "date":
        return format_date(str(value), lang, ui)
    if unit == "year":
        return str(int(value))
    number = format_number(value, lang)
    if unit == "percent":
        return number + SEPARATORS[lang]["percent"]
    if unit == "percentage_points":
        return number + NBSP + ui["percentage_points"]
    return number


def d3_locale(lang: str) -> dict:
    """The d3-format locale for charts, so axes and tooltips match the text."""
    sep = SEPARATORS[lang]
    return {
        "decimal": sep["decimal"],
        "thousands": sep["thousands"],
        "grouping": [3],
        "currency": ["", ""],
        "minus": sep["minus"],
        "percent": sep["percent"],
    }
