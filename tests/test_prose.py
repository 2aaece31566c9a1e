"""One rule for numbers in prose, for pages and data texts alike (reportsite/prose.py)."""

from __future__ import annotations

import pytest

from reportsite.prose import typed_number


@pytest.mark.parametrize("text", ["Andelen er 28 %.", "{{ figure a }} mot 3", "i 2020", "tre av ti (½ 4)", "٣ kommuner",
                                  "Anbud365 om 28 kommuner", "i 2020kr", "i år 365"])
def test_a_digit_typed_into_prose_is_a_typed_number(text):
    assert typed_number(text)


@pytest.mark.parametrize("text", ["Andelen er {{ figure gap-2020 }}.", "Nettstedet følger WCAG 2.1 og WCAG 2.2.",
                                  "Ingen tall her.", "{{ source tf-2020 }}", "skriver Anbud365 om rapporten"])
def test_figures_through_shortcodes_and_the_standards_name_are_not(text):
    assert not typed_number(text)
