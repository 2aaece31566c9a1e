"""WCAG 2.2 success criteria that axe-core cannot see, measured in real Chromium:
target size (2.5.8), focus not obscured by the sticky header (2.4.11) and visible focus (2.4.7).
The axe run with the 2.2 tags is in test_accessibility.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TRANSITIONS_ENDED
from test_accessibility import CONTENT_PAGES, EMBED_PAGES, PAGE_SOURCES, _open

pytestmark = [pytest.mark.browser, pytest.mark.build]

TARGET_SIZE_JS = (Path(__file__).parent / "js" / "target_size.js").read_text(encoding="utf-8")
VIEWPORTS = {"desktop": (1280, 900), "phone": (375, 800)}
LONG_PAGES = ["funn/", "en/funn/"]  # the findings page: the longest, with the most to tab through


@pytest.fixture(params=list(VIEWPORTS))
def sized_page(browser, request):
    width, height = VIEWPORTS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    yield page
    context.close()


def _target_sizes(page) -> dict:
    return page.evaluate(TARGET_SIZE_JS)


@pytest.mark.parametrize("path", CONTENT_PAGES + EMBED_PAGES,
                         ids=[PAGE_SOURCES.get(p, p) for p in CONTENT_PAGES + EMBED_PAGES])
def test_every_target_is_big_enough_or_spaced(sized_page, site_url, path):
    """2.5.8 with the criterion's exceptions for inline links and for spacing (see js/target_size.js)."""
    sized_page.goto(site_url + path)
    sized_page.eval_on_selector_all("details", "ds => ds.forEach(d => { d.open = true; })")
    result = _target_sizes(sized_page)
    assert result["checked"] >= 3, "no targets found: is the page empty?"
    assert not result["failures"], "\n".join(result["failures"])


def test_target_size_check_catches_a_small_crowded_target(page, site_url):
    """The measurement itself: a 16 px button beside a link fails; the same button spaced apart passes."""
    page.goto(site_url + "om-rapporten/")
    # Styles set through the DOM: the page's Content Security Policy refuses style attributes in markup.
    page.evaluate("""() => {
        const box = document.createElement('p');
        const link = Object.assign(document.createElement('a'), {href: '#x', textContent: 'x'});
        Object.assign(link.style, {display: 'inline-block', width: '40px', height: '30px'});
        const button = Object.assign(document.createElement('button'), {type: 'button'});
        Object.assign(button.style, {width: '16px', height: '16px', padding: '0', marginLeft: '2px'});
        box.append(link, button);
        document.querySelector('.md-content article').prepend(box);
    }""")
    failures = _target_sizes(page)["failures"]
    assert len(failures) == 1 and failures[0].startswith("button") and "too close to a" in failures[0], failures
    page.evaluate("() => { document.querySelector('article > p > button').style.marginLeft = '20px'; }")
    assert _target_sizes(page)["failures"] == []


def _focused_box(page) -> dict | None:
    """The focused element and whatever lies on top of it, sampled at points across its box."""
    return page.evaluate("""() => {
        const e = document.activeElement;
        if (!e || e === document.body) return null;
        const r = e.getBoundingClientRect();
        const name = e.tagName.toLowerCase() + ' "' + (e.textContent || e.getAttribute('aria-label') || e.value || '').trim().slice(0, 40) + '"';
        // The header's own controls sit in the sticky header; they are what the others must not go under.
        if (r.width < 1 || r.height < 1 || e.closest('.md-header')) return {name, covers: []};
        const covers = new Set();
        // Sample each line box of the element (a wrapped link has two), not the box around them.
        for (const box of e.getClientRects()) {
            for (const [fx, fy] of [[0.1, 0.2], [0.5, 0.2], [0.9, 0.2], [0.1, 0.8], [0.5, 0.8], [0.9, 0.8]]) {
                const x = box.left + box.width * fx, y = box.top + box.height * fy;
                if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) { covers.add('outside the viewport'); continue; }
                const hit = document.elementFromPoint(x, y);
                if (hit && !(hit === e || e.contains(hit) || hit.contains(e))) {
                    covers.add(hit.closest('.md-search__overlay') ? 'the search overlay'
                               : hit.closest('.md-header') ? 'the sticky header' : hit.tagName.toLowerCase() + '.' + String(hit.className));
                }
            }
        }
        return {name, covers: [...covers]};
    }""")


def _obscured(box: dict) -> str | None:
    """Anything on top of any part of the focused element (stricter than 2.4.11, which asks for not entirely hidden)."""
    if box is None or not box["covers"]:
        return None
    return f"{box['name']}: covered by {', '.join(box['covers'])}"


@pytest.mark.parametrize("viewport, key", [("desktop", "Tab"), ("desktop", "Shift+Tab"),
                                           ("phone", "Tab"), ("phone", "Shift+Tab")],
                         ids=["desktop-forward", "desktop-backward", "phone-forward", "phone-backward"])
@pytest.mark.parametrize("path", LONG_PAGES)
def test_focus_is_not_hidden_under_the_sticky_header(browser, site_url, path, key, viewport):
    """2.4.11: tab through the whole findings page, forward and backward; no focused element hides
    behind Material's sticky header (checked more strictly than the criterion: not even in part)."""
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height})
    sized_page = context.new_page()
    _open(sized_page, site_url + path)
    if key == "Shift+Tab":
        sized_page.locator(".md-footer a").last.focus()
    problems, seen = [], 0
    for _ in range(400):
        sized_page.keyboard.press(key)
        box = _focused_box(sized_page)
        if box is None:
            break
        if box["covers"]:
            # Judged once transitions end: the search closes when focus leaves it (search-focus.js)
            # and its layer fades or slides out in 0.25 s.
            sized_page.wait_for_function(TRANSITIONS_ENDED)
            box = _focused_box(sized_page)
        seen += 1
        problem = _obscured(box)
        if problem:
            problems.append(problem)
    context.close()
    assert seen >= 40, f"only {seen} elements were focused: did tabbing stop early?"
    assert not problems, "\n".join(problems)


# The focused element's name, its outline and shadow, and the same element's without focus (blurred,
# then focused again as by the keyboard), in one round trip per element reached by Tab.
FOCUS_STYLES = """() => {
    const f = document.activeElement;
    if (f === document.body) return null;
    const name = f.tagName.toLowerCase() + ' ' + (f.className || '') + ' "'
        + (f.textContent || f.getAttribute('aria-label') || '').trim().slice(0, 40) + '"';
    // Material's palette toggle is a 0-size radio button; the label after it shows its focus.
    const shown = f.matches('input.md-option') && f.nextElementSibling ? f.nextElementSibling : f;
    let s = getComputedStyle(shown);
    // 'auto' is the browser's own focus ring, drawn at least 2 px whatever the computed width.
    const ring = s.outlineStyle === 'auto' || (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2);
    const focused = {outline: ring ? s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor : '',
                     shadow: s.boxShadow === 'none' ? '' : s.boxShadow};
    f.blur();
    s = getComputedStyle(shown);
    const unfocused = {outline: s.outlineStyle + ' ' + s.outlineWidth, shadow: s.boxShadow};
    f.focus({focusVisible: true});
    return {name, focused, unfocused};
}"""


@pytest.mark.parametrize("path", LONG_PAGES + ["", "en/tilgjengelighet/"])
def test_every_focused_element_shows_a_focus_ring(page, site_url, path):
    """2.4.7: each element reached by Tab draws an outline of at least 2 px (or a box shadow) that it
    does not draw when not focused."""
    _open(page, site_url + path)
    problems, seen = [], 0
    for _ in range(400):
        page.keyboard.press("Tab")
        styles = page.evaluate(FOCUS_STYLES)
        if styles is None:
            break
        seen += 1
        # The same element unfocused: its outline and shadow must not already be there.
        name, focused, unfocused = styles["name"], styles["focused"], styles["unfocused"]
        if not (focused["outline"] or focused["shadow"]):
            problems.append(f"{name}: no outline or shadow when focused")
        elif focused["outline"] and unfocused["outline"].split()[0] != "none" and not focused["shadow"]:
            problems.append(f"{name}: the outline is there without focus too")
    assert seen >= 15, f"only {seen} elements were focused"
    assert not problems, "\n".join(problems)
