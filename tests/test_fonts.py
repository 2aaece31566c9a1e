"""The site's one typeface (hooks/reportsite/fonts.py): charts and previews that do not depend on
the machine's fonts, and the font files in the built site."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from conftest import LANGUAGES, ROOT, load_data, reach_for_charts, site_pages
from reportsite import fonts

SYSTEM_FONTS = Path("/usr/share/fonts")

# Renders, in a process of its own, one chart's SVG (as vl-convert draws it and as the site ships
# it), the same chart's preview card and a title card as PNG, with the site's code; and, as a
# control, the title card in the generic "sans-serif", which can only be drawn with system fonts.
_RENDER = r"""
import hashlib, json, sys
from pathlib import Path
from reportsite import charts, fonts, link_cards, siteconfig
from reportsite.model import load_site_data
from reportsite.numbers import d3_locale
site = siteconfig.load(Path(sys.argv[1]))
data = load_site_data(Path(sys.argv[1]) / "data", tuple((l.code, l.name) for l in site.languages))
chart = next(iter(data.charts.values()))
spec = charts.chart_spec(data, chart, "nb")
svg = charts.draw(spec, d3_locale(data.ui["nb"]))
card = charts.draw(link_cards.chart_card_spec(spec, chart.title["nb"], chart.kind.natural_size()), image="png", scale=2)
title = link_cards.title_card_spec("Små distriktskommuner", "Årsaker og anbefalinger — ÆØÅ æøå", "Sammendrag")
title_png = charts.draw(title, image="png")
title["mark"]["font"] = "sans-serif"
control = charts.draw(title, image="png")
digest = lambda b: hashlib.sha256(b).hexdigest()
print(json.dumps({"svg": digest(svg.encode()), "site_svg": digest(fonts.embed_in_svg(svg).encode()),
                  "card": digest(card), "title": digest(title_png), "control": digest(control)}))
"""


def fonts_env(home: Path, font_dirs: list[Path]) -> dict[str, str]:
    """Environment variables for a process that sees as system fonts only those in font_dirs
    (fontconfig's and vl-convert's font lookup: a fontconfig file, and a HOME and XDG folders of
    its own, so no ~/.fonts either)."""
    home.mkdir(parents=True, exist_ok=True)
    return {"HOME": str(home), "XDG_DATA_HOME": str(home / "share"), "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_CACHE_HOME": str(home / "cache"), "FONTCONFIG_FILE": str(_fontconfig(home, font_dirs))}


def _fontconfig(folder: Path, font_dirs: list[Path]) -> Path:
    conf = folder / "fonts.conf"
    dirs = "".join(f"<dir>{d}</dir>" for d in font_dirs) or f"<dir>{folder / 'no-fonts'}</dir>"
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
                    f"<fontconfig>{dirs}<cachedir>{folder / 'fc-cache'}</cachedir></fontconfig>", encoding="utf-8")
    return conf


def impostor_fonts(folder: Path) -> Path:
    """A system font that claims to be the site's own family (DejaVu Sans, renamed) and the real
    Open Sans as the package ships it: a render that read system fonts would pick up one of them."""
    folder.mkdir(parents=True)
    for weight, style in fonts.WEIGHTS.items():
        source = SYSTEM_FONTS / "truetype" / "dejavu" / ("DejaVuSans.ttf" if weight == 400 else "DejaVuSans-Bold.ttf")
        font = TTFont(source)
        for name_id, text in ((1, fonts.FAMILY), (2, style), (4, f"{fonts.FAMILY} {style}"),
                              (6, fonts.FAMILY.replace(" ", "") + "-" + style)):
            font["name"].setName(text, name_id, 3, 1, 0x409)
            font["name"].setName(text, name_id, 1, 0, 0)
        font.save(folder / f"impostor-{weight}.ttf")
    (folder / "OpenSans.ttf").write_bytes(fonts.source_path().read_bytes())
    return folder


def _render(tmp: Path, name: str, font_dirs: list[Path]) -> dict:
    home = tmp / name
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "FONTCONFIG"))}
    env.update(fonts_env(home, font_dirs), PYTHONPATH=str(ROOT / "hooks"))
    proc = subprocess.run([sys.executable, "-c", _RENDER, str(ROOT)], env=env, cwd=home, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not (SYSTEM_FONTS / "truetype" / "dejavu").is_dir(), reason="needs DejaVu (fonts-dejavu-core)")
def test_charts_and_previews_are_the_same_bytes_whatever_fonts_the_machine_has(tmp_path):
    none = _render(tmp_path, "no-fonts", [])
    many = _render(tmp_path, "many-fonts", [SYSTEM_FONTS, impostor_fonts(tmp_path / "impostor")])
    # The control: the machine's fonts do reach vl-convert, so a render that used them would differ.
    assert none["control"] != many["control"], "the two set-ups do not differ: the test would prove nothing"
    for output in ("svg", "site_svg", "card", "title"):
        assert none[output] == many[output], f"{output} depends on the machine's fonts"


def _texts(svg: str) -> list[str]:
    return re.findall(r"<text\b[^>]*>", svg)


def test_every_chart_text_names_the_sites_family():
    from reportsite import charts
    from reportsite.numbers import d3_locale

    data = load_data()
    for chart in data.charts.values():
        for lang in LANGUAGES:
            svg = charts.draw(charts.chart_spec(data, chart, lang), d3_locale(data.ui[lang]))
            texts = _texts(svg)
            assert texts and all(f'font-family="{fonts.FAMILY}"' in t for t in texts), chart.id
            assert charts.chart_spec(data, chart, lang)["config"]["font"] == fonts.FAMILY


def test_the_fonts_are_open_sans_renamed_and_static():
    for weight, path in fonts.static_fonts().items():
        font = TTFont(path)
        assert font["name"].getDebugName(1) == fonts.FAMILY
        assert font["OS/2"].usWeightClass == weight
        assert "fvar" not in font, "vl-convert draws a variable font at its default weight only"
        assert "Open Sans" in font["name"].getDebugName(0)   # the copyright line names Open Sans


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.preloads: list[str] = []
        self.stylesheets: list[str] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "preload" and a.get("as") == "font":
            assert a.get("type") == "font/woff2" and "crossorigin" in a
            self.preloads.append(a["href"])
        if tag == "link" and a.get("rel") == "stylesheet":
            self.stylesheets.append(a["href"])
        if tag in ("script", "style", "code", "pre", "svg"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "code", "pre", "svg"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


@pytest.mark.build
def test_the_font_files_are_in_the_built_site_and_every_page_loads_them(built_site):
    woff2 = sorted((built_site / fonts.WEB_FOLDER).glob("*.woff2"))
    assert [p.name for p in woff2] == sorted(fonts.web_file_name(w, part) for w, part in fonts.web_files())
    by_weight: dict[int, set[int]] = {}
    in_font = set(TTFont(fonts.static_fonts()[400]).getBestCmap())   # Open Sans has no U+202F, say
    for weight, part in fonts.web_files():
        path = built_site / fonts.WEB_FOLDER / fonts.web_file_name(weight, part)
        assert path.read_bytes()[:4] == b"wOF2"
        font = TTFont(path)
        assert font["name"].getDebugName(1) == fonts.FAMILY
        cmap = set(font.getBestCmap())
        assert set(fonts.WEB_PARTS[part]) & in_font <= cmap, f"{path.name}: glyphs missing"
        assert 2_000 < path.stat().st_size < 40_000, "subset: Latin only"
        by_weight.setdefault(weight, set()).update(cmap)
    # The first part of each weight carries the Norwegian letters and punctuation; both parts, all of Latin.
    for weight in fonts.WEIGHTS:
        core = set(TTFont(built_site / fonts.WEB_FOLDER / fonts.web_file_name(weight)).getBestCmap())
        assert set(map(ord, "æøåÆØÅé«»–—’”…\u00a0\u2212")) <= core
        assert set(map(ord, "üÜ€ç")) <= by_weight[weight]
    covered = set.intersection(*by_weight.values())
    css = re.sub(r"\s", "", (built_site / fonts.STYLESHEET).read_text(encoding="utf-8"))   # published minified
    for weight, part in fonts.web_files():
        name = fonts.web_file_name(weight, part)
        assert (f'url("../../{fonts.WEB_FOLDER}/{name}")format("woff2");'
                f'unicode-range:{fonts.unicode_range(fonts.part_unicodes(weight, part))}'.replace(" ", "")) in css
        # A range names only characters the file has: no download for a glyph that is not there.
        cmap = set(TTFont(built_site / fonts.WEB_FOLDER / name).getBestCmap())
        assert set(fonts.part_unicodes(weight, part)) <= cmap and 0x202F not in fonts.part_unicodes(weight, part)
    assert "font-display:swap" in css and "size-adjust" in css and "ascent-override" in css
    preloaded = {(built_site / fonts.WEB_FOLDER / fonts.web_file_name(w)).resolve() for w in fonts.WEIGHTS}
    missing: dict[str, str] = {}
    for page in site_pages(built_site):
        html_file = built_site / page / "index.html"
        head = _Head()
        head.feed(html_file.read_text(encoding="utf-8"))
        depth_root = html_file.parent
        loaded = {(depth_root / href).resolve() for href in head.preloads}
        if "embed/" not in page:
            assert loaded == preloaded, f"{page}: preloads {head.preloads}"
            assert any(s.endswith("assets/stylesheets/fonts.css") for s in head.stylesheets), page
        # Every character of the page's text has a glyph in the subset (code blocks excepted).
        for char in "".join(head.text):
            if not char.isspace() and ord(char) not in covered:
                missing.setdefault(char, page)
    assert not missing, f"characters outside the font subset (add them to fonts.WEB_UNICODES): {missing}"
    # The embed pages take the same faces through their stylesheet.
    assert (built_site / "assets" / "stylesheets" / "embed.css").read_text(encoding="utf-8").startswith(
        '@import url("fonts.css");')


def test_unicode_ranges_join_consecutive_code_points():
    assert fonts.unicode_range([0x41, 0x20, 0x21, 0x22, 0xE9]) == "U+20-22, U+41, U+E9"
    assert set(fonts.CORE_UNICODES) < set(fonts.WEB_UNICODES)
    assert set(fonts.WEB_PARTS[""]) | set(fonts.WEB_PARTS["-more"]) == set(fonts.WEB_UNICODES)
    assert not set(fonts.WEB_PARTS[""]) & set(fonts.WEB_PARTS["-more"])


@pytest.mark.build
def test_static_chart_svgs_carry_their_glyphs(built_site):
    """An SVG shown through <img> cannot use the page's fonts: each carries the glyphs it shows."""
    import base64
    import html
    import io

    svgs = sorted((built_site / "assets" / "charts").glob("*.svg"))
    assert svgs
    for path in svgs:
        svg = path.read_text(encoding="utf-8")
        faces = re.findall(r'@font-face\{font-family:"([^"]+)";font-weight:(\d+);'
                           r'src:url\(data:font/woff2;base64,([A-Za-z0-9+/=]+)\)', svg)
        assert faces and {family for family, _, _ in faces} == {fonts.FAMILY}, path.name
        cmaps = {int(weight): set(TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap())
                 for _, weight, data in faces}
        for attrs, text in re.findall(r"<text\b([^>]*)>(.*?)</text>", svg, re.S):
            weight = 700 if 'font-weight="bold"' in attrs else 400
            shown = {ord(c) for c in html.unescape(re.sub(r"<[^>]+>", "", text))}
            assert shown <= cmaps[weight], f"{path.name}: {text!r} has no glyphs in the SVG"


# -- in Chromium ------------------------------------------------------------------------------------

# Problems with the labels of one chart's <svg>: a label that leaves the chart, one that overlaps
# a bar without lying inside it (a value label sticking out of its bar), two labels that overlap.
# Vega lays the chart out with the widths vl-convert (static) or the browser (interactive) measures:
# drawn in another font than measured, labels run out of their place.
_LABEL_PROBLEMS = """svg => {
  const eps = 0.5, box = svg.getBoundingClientRect(), problems = [];
  const bars = [...svg.querySelectorAll('.mark-rect path')].map(p => p.getBoundingClientRect());
  const labels = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
    .map(t => ({text: t.textContent, r: t.getBoundingClientRect()}));
  // Boxes are the font's line boxes (ascent to descent, taller than the ink): boxes that only
  // graze each other (less than 40 % of the lower one's height) are lines above one another.
  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > eps
    && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.4 * Math.min(a.height, b.height);
  labels.forEach(({text, r}, i) => {
    if (r.width <= 0) problems.push(`"${text}" is not drawn`);
    if (r.left < box.left - eps || r.right > box.right + eps || r.top < box.top - eps || r.bottom > box.bottom + eps)
      problems.push(`"${text}" leaves the chart (${r.left}-${r.right} of ${box.left}-${box.right})`);
    for (const b of bars)
      if (overlap(r, b) && (r.left < b.left - eps || r.right > b.right + eps))
        problems.push(`"${text}" sticks out of its bar (${r.left}-${r.right} of ${b.left}-${b.right})`);
    labels.slice(i + 1).forEach(other => overlap(r, other.r) && problems.push(`"${text}" overlaps "${other.text}"`));
  });
  return {labels: labels.length, problems};
}"""


def _platform_families(page, selector: str) -> set[str]:
    """The fonts Chromium actually drew a node's text with (DevTools protocol), not the CSS asked for."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, f"no {selector}"
    return {f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}


def _chart_pages(site: Path) -> list[str]:
    return [p for p in site_pages(site) if 'class="report-chart"' in (site / p / "index.html").read_text("utf-8")]


@pytest.mark.browser
@pytest.mark.build
def test_static_chart_labels_fit_in_chromium_in_the_sites_font(page, built_site, site_url):
    svgs = sorted(p.name for p in (built_site / "assets" / "charts").glob("*.svg"))
    assert svgs
    for name in svgs:
        page.goto(f"{site_url}assets/charts/{name}")
        page.evaluate("document.fonts.ready")
        faces = page.evaluate("[...document.fonts].map(f => [f.family.replace(/\"/g, ''), f.status])")
        assert faces and all(face == [fonts.FAMILY, "loaded"] for face in faces), (name, faces)
        result = page.evaluate(_LABEL_PROBLEMS, page.locator("svg").first.element_handle())
        assert result["labels"] >= 4 and not result["problems"], (name, result)
        assert _platform_families(page, "text") == {fonts.FAMILY}, name


@pytest.mark.browser
@pytest.mark.build
def test_interactive_chart_labels_fit_and_pages_use_the_sites_font(page, built_site, site_url):
    pages = _chart_pages(built_site)
    assert any(p.startswith("en/") for p in pages) and any(not p.startswith("en/") for p in pages)
    for path in pages:
        page.goto(site_url + path)
        reach_for_charts(page)  # the chart runtime loads when a reader reaches for a chart
        svgs = page.locator(".report-chart__interactive svg").element_handles()
        assert svgs and len(svgs) == page.locator("figure.report-chart").count(), path
        for svg in svgs:
            result = page.evaluate(_LABEL_PROBLEMS, svg)
            assert result["labels"] >= 4 and not result["problems"], (path, result)
        assert page.evaluate(f"document.fonts.check('700 14px \"{fonts.FAMILY}\"')"), path
        assert _platform_families(page, ".report-chart__interactive svg text") == {fonts.FAMILY}, path
        if "embed/" not in path:
            assert _platform_families(page, "article p") == {fonts.FAMILY}, path
            assert _platform_families(page, "article h1") == {fonts.FAMILY}, path
        assert not page.console_errors, (path, page.console_errors)


@pytest.mark.browser
@pytest.mark.build
def test_pages_fetch_the_second_font_part_only_for_a_character_in_it(page, built_site, site_url):
    fetched: list[str] = []
    page.on("requestfinished", lambda r: r.url.endswith(".woff2") and fetched.append(r.url.rsplit("/", 1)[1]))
    for path in ("", "funn/", "en/funn/"):
        page.goto(site_url + path, wait_until="networkidle")
        page.evaluate("document.fonts.ready")
    assert set(fetched) == {fonts.web_file_name(w) for w in fonts.WEIGHTS}, fetched
    # Text with a character of the second part (written into the page as an editor could): the
    # browser fetches that part and draws the character in the site's font, not the fallback.
    page.evaluate("""() => { const p = document.createElement('p'); p.id = 'more-glyphs';
                             p.textContent = 'Ærlig talt: 5 € for crème brûlée'; document.querySelector('article').append(p); }""")
    page.wait_for_function("() => document.fonts.status === 'loaded' && [...document.fonts].some("
                           "f => f.status === 'loaded' && f.unicodeRange.includes('U+20AC'))")
    assert _platform_families(page, "#more-glyphs") == {fonts.FAMILY}
    assert fonts.web_file_name(400, "-more") in fetched, fetched
