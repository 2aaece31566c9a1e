"""The site's one typeface, used everywhere: page text, static SVG charts, interactive charts and
link-preview images, so that no output depends on the fonts a machine happens to have.

Open Sans (the typeface of the Norwegian government's design programme) comes from the PyPI
package `fontpkg-open-sans`, which redistributes Google Fonts' variable font unmodified. At build
time, with fontTools:

- the variable font is cut into static instances of the weights the site uses (400 and 700;
  vl-convert draws a variable font at its default weight only), renamed to FAMILY so that an
  "Open Sans" installed on a machine can never be picked in its place, and registered with
  vl-convert before any chart or preview is drawn (`register_with_vl_convert`);
- the instances are subset to Latin with the Norwegian letters and written as WOFF2 for the
  pages (`web_fonts`, `stylesheet`), with a metric-adjusted local fallback face so that the text
  does not move when the web font arrives;
- each static chart SVG carries the glyphs it uses (in blocks, see _SVG_BLOCKS) as a data: URL
  (`embed_in_svg`): an SVG shown through <img> cannot use the page's fonts.

All of it is made once per process (about a second) and kept in memory, never in the project.
"""

from __future__ import annotations

import base64
import io
import re
import tempfile
from functools import cache
from importlib.metadata import version
from pathlib import Path

FAMILY = "Report Open Sans"            # the family's name everywhere: CSS, Vega config, the font files
FALLBACK_FAMILY = "Report Open Sans Fallback"
SOURCE_PACKAGE = "fontpkg-open-sans"
SOURCE_MODULE = "fontpkg_open_sans"
SOURCE_FILE = "files/OpenSans[wdth,wght].ttf"
ITALIC_FILE = "files/OpenSans-Italic[wdth,wght].ttf"   # for the PDFs' emphasis only (italic_fonts)
WEIGHTS = {400: "Regular", 700: "Bold"}
# CSS (the whole stack, for Material's --md-text-font and the embed pages).
CSS_STACK = f'"{FAMILY}", "{FALLBACK_FAMILY}", sans-serif'

# Latin with the Norwegian letters: Basic Latin, Latin-1 (æ ø å, é, « », no-break space), the
# typographic punctuation the pages use (dashes, quotes, ellipsis, bullet, thin and narrow no-break
# spaces), per mille, euro, minus and the arrows Material and the site use.
WEB_UNICODES = [
    *range(0x20, 0x7F), *range(0xA0, 0x100), 0x131, 0x152, 0x153, 0x2C6, 0x2DA, 0x2DC,
    *range(0x2009, 0x200B), *range(0x2010, 0x2028), 0x202F, 0x2030, 0x2039, 0x203A, 0x20AC, 0x2122,
    0x2190, 0x2191, 0x2192, 0x2193, 0x2212,
]
# The pages' text is nearly all in a small part of that: Basic Latin, the Norwegian letters and the
# punctuation Norwegian typography uses (Språkrådet: « », –, no-break and thin spaces, the minus
# sign), and the pilcrow of the headings' permalinks. Those glyphs are one file per weight, which
# every page preloads; the rest of WEB_UNICODES is a second file per weight, which a browser fetches
# only for a page that shows one of its characters (unicode-range in the @font-face rules).
CORE_UNICODES = sorted({*range(0x20, 0x7F), *map(ord, "\u00a0«»¶·éÉæøåÆØÅ–—‘’“”…•\u2009\u202f\u2212")})
WEB_PARTS = {"": CORE_UNICODES, "-more": sorted(set(WEB_UNICODES) - set(CORE_UNICODES))}
WEB_FOLDER = "assets/fonts"
STYLESHEET = "assets/stylesheets/fonts.css"

# The fallback face shown until the web font has loaded: a font every reader has, scaled to Open
# Sans's width and given its vertical metrics, so that lines break and stand where Open Sans will
# put them. SIZE_ADJUST is the width of the site's own text (content/, letters weighted by how often
# they occur) in Open Sans over its width in Arial, measured with fontTools against Liberation Sans,
# which has Arial's metrics: 1.055 at 400, 1.052 at 700.
FALLBACK_LOCAL = ("Arial", "ArialMT", "Liberation Sans", "LiberationSans", "Helvetica", "Arimo")
SIZE_ADJUST = 1.055


class FontError(RuntimeError):
    pass


def source_path(name: str = SOURCE_FILE) -> Path:
    """The variable font (or its italic) as the package ships it."""
    from importlib.resources import files

    try:
        path = Path(str(files(SOURCE_MODULE) / name))
    except ModuleNotFoundError:
        path = None
    if path is None or not path.is_file():
        raise FontError(f"the site's font is missing: install the package {SOURCE_PACKAGE} "
                        f"(it is in pyproject.toml; run `make site`), which ships {name}")
    return path


@cache
def _folder() -> tempfile.TemporaryDirectory:
    """The static instances' folder (vl-convert reads fonts from a folder), this process's own and
    removed when it ends: fonts kept in the project could be replaced by a commit."""
    return tempfile.TemporaryDirectory(prefix="report-fonts-")


def _rename(font, style: str) -> None:
    """Give an instance the site's own family name (OFL: Open Sans has no reserved font name)."""
    name = font["name"]
    postscript = FAMILY.replace(" ", "") + "-" + style.replace(" ", "")
    for record in list(name.names):
        if record.nameID in (16, 17, 21, 22, 25):
            name.removeNames(nameID=record.nameID)
    for name_id, text in ((1, FAMILY), (2, style), (3, f"{postscript};{version(SOURCE_PACKAGE)}"), (4, f"{FAMILY} {style}"),
                          (6, postscript)):
        name.setName(text, name_id, 3, 1, 0x409)
        name.setName(text, name_id, 1, 0, 0)


@cache
def _instances(italic: bool = False) -> dict[int, Path]:
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    source = TTFont(source_path(ITALIC_FILE if italic else SOURCE_FILE))
    if italic:   # for the PDFs' text only: cut to the site's characters first, which makes instancing far quicker
        from fontTools import subset

        options = subset.Options(layout_features=["*"], name_IDs=["*"], name_languages=["*"], notdef_outline=True)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=WEB_UNICODES)
        subsetter.subset(source)
    paths = {}
    for weight, style in WEIGHTS.items():
        style = (style.replace("Regular", "") + " Italic").strip() if italic else style
        font = instancer.instantiateVariableFont(source, {"wght": weight, "wdth": 100}, updateFontNames=True)
        font["OS/2"].usWeightClass = weight
        _rename(font, style)
        font.recalcTimestamp = False   # the source's dates stay: the same input gives the same bytes
        paths[weight] = Path(_folder().name) / f"{FAMILY.replace(' ', '')}-{style.replace(' ', '')}.ttf"
        font.save(paths[weight], reorderTables=True)
    return paths


def static_fonts() -> dict[int, Path]:
    """The static TTF instances (weight -> file), made once per process."""
    return _instances()


def italic_fonts() -> dict[int, Path]:
    """Static italic instances (weight -> file), made on first use: only the PDFs show italics."""
    return _instances(italic=True)


_registered: set[str] = set()


def font_folder() -> str:
    """The folder of the static instances: it holds the site's fonts and nothing else."""
    return str(next(iter(static_fonts().values())).parent)


def register_with_vl_convert() -> None:
    """Make vl-convert draw with the site's font files. Idempotent within a process; call it before
    every render."""
    folder = font_folder()
    if folder in _registered:
        return
    import vl_convert

    vl_convert.register_font_directory(folder)
    _registered.add(folder)


def _subset(weight: int, unicodes, flavor: str | None, source: io.BytesIO | None = None, lean: bool = False) -> bytes:
    """The font cut down to `unicodes`. `lean`: only what drawing needs (a face inside an SVG, named
    by its @font-face rule): the family's name alone, no style table."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = flavor
    options.layout_features = ["kern", "liga", "calt", "ccmp", "locl", "mark", "mkmk", "tnum", "lnum"]
    # 0, 13, 14: the copyright, the licence and its address (OFL: they travel with every copy).
    options.name_IDs = [0, 1, 13, 14] if lean else [0, 1, 2, 3, 4, 5, 6, 13, 14]
    if lean:
        options.drop_tables = [*options.drop_tables, "STAT"]
    options.hinting = False
    options.desubroutinize = True
    font = TTFont(source or static_fonts()[weight])
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    font.flavor = flavor
    font.recalcTimestamp = False
    out = io.BytesIO()
    font.save(out, reorderTables=False)
    return out.getvalue()


def web_file_name(weight: int, part: str = "") -> str:
    return f"{FAMILY.lower().replace(' ', '-')}-{weight}{part}.woff2"


@cache
def _latin(weight: int) -> bytes:
    """The instance cut down to the web subset, as TTF: the quick source of each SVG's glyphs."""
    return _subset(weight, WEB_UNICODES, None)


def web_files() -> list[tuple[int, str]]:
    """Each web font file as (weight, part of WEB_PARTS)."""
    return [(weight, part) for weight in WEIGHTS for part in WEB_PARTS]


@cache
def web_fonts() -> dict[str, bytes]:
    """The pages' fonts: path in the site -> WOFF2 bytes (each weight, each part of WEB_PARTS)."""
    return {f"{WEB_FOLDER}/{web_file_name(weight, part)}": _subset(weight, WEB_PARTS[part], "woff2")
            for weight, part in web_files()}


@cache
def part_unicodes(weight: int, part: str) -> list[int]:
    """The characters of a part of WEB_PARTS that the font has: a page never fetches a file for a
    character it would not find there (Open Sans has no U+202F or arrows, say)."""
    from fontTools.ttLib import TTFont

    return sorted(set(WEB_PARTS[part]) & set(TTFont(static_fonts()[weight]).getBestCmap()))


def unicode_range(codepoints) -> str:
    """The CSS unicode-range of code points, runs of consecutive ones as one range: U+20-7E, U+A0."""
    runs: list[list[int]] = []
    for point in sorted(codepoints):
        if runs and point == runs[-1][1] + 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return ", ".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in runs)


def _vertical_overrides() -> str:
    """ascent-, descent- and line-gap-override for the fallback face: Open Sans's own metrics
    (as a share of the em, divided by the size adjustment that the fallback's glyphs get)."""
    from fontTools.ttLib import TTFont

    font = TTFont(static_fonts()[400])
    em = font["head"].unitsPerEm
    hhea = font["hhea"]
    ascent, descent, gap = hhea.ascent / em, -hhea.descent / em, hhea.lineGap / em
    return (f"  ascent-override: {ascent / SIZE_ADJUST:.2%};\n  descent-override: {descent / SIZE_ADJUST:.2%};\n"
            f"  line-gap-override: {gap / SIZE_ADJUST:.2%};\n")


def stylesheet(css_path: str = STYLESHEET, inline: bool = False) -> str:
    """The @font-face rules of the site, with URLs relative to the stylesheet at css_path, or with
    the fonts inside as data: URLs (inline: for pages opened from file://, where a browser refuses
    font files, which it fetches with CORS, from the file system)."""
    depth = css_path.count("/")
    lines = [f"/* {FAMILY}: Open Sans from the PyPI package {SOURCE_PACKAGE}, subset at build time"
             " (hooks/reportsite/fonts.py). */"]
    for weight, part in web_files():
        path = f"{WEB_FOLDER}/{web_file_name(weight, part)}"
        url = ("data:font/woff2;base64," + base64.b64encode(web_fonts()[path]).decode("ascii") if inline
               else "../" * depth + path)
        lines.append(f'@font-face {{\n  font-family: "{FAMILY}";\n  font-style: normal;\n  font-weight: {weight};\n'
                     f'  font-display: swap;\n  src: url("{url}") format("woff2");\n'
                     f'  unicode-range: {unicode_range(part_unicodes(weight, part))};\n}}')
    local = ", ".join(f'local("{name}")' for name in FALLBACK_LOCAL)
    lines.append(f'@font-face {{\n  font-family: "{FALLBACK_FAMILY}";\n  src: {local};\n'
                 f"  size-adjust: {SIZE_ADJUST:.2%};\n{_vertical_overrides()}}}")
    lines.append(f":root {{\n  --md-text-font: \"{FAMILY}\", \"{FALLBACK_FAMILY}\";\n  --report-font: {CSS_STACK};\n}}")
    return "\n".join(lines) + "\n"


def preloads() -> list[str]:
    """Site paths of the font files every page preloads: each weight's first part, which holds the
    characters of nearly every page."""
    return [f"{WEB_FOLDER}/{web_file_name(weight)}" for weight in WEIGHTS]


# -- fonts inside the static chart SVGs ------------------------------------------------------------

_TEXT = re.compile(r"<text\b([^>]*)>(.*?)</text>", re.S)
_BOLD = re.compile(r'font-weight="(bold|[6-9]00)"')


def _unescape(text: str) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", text))


# The glyphs an SVG carries come in blocks: a block is in whole when the SVG shows any character of
# it. A subset per chart's exact characters would cost about 0.1 s of fontTools for each of
# hundreds of charts; in blocks, a build makes a handful (cached across builds) of 2 to 6 KB each.
# The blocks follow what chart text uses: digits and number signs, the letters (capitals in two
# halves: a label uses few), the punctuation labels use, the rest of ASCII, æøå, the rest.
_NUMERIC = frozenset(map(ord, "0123456789 %+,.-\u00a0\u2009\u202f\u2212\u2013\u2030"))
_NORWEGIAN = frozenset(map(ord, "æøåÆØÅ"))
_LABEL_PUNCTUATION = frozenset(map(ord, "()/:;'\"")) - _NUMERIC
_SVG_BLOCKS = (
    _NUMERIC,
    frozenset(map(ord, "ABCDEFGHIJKLM")),
    frozenset(map(ord, "NOPQRSTUVWXYZ")),
    frozenset(range(ord("a"), ord("z") + 1)),
    _LABEL_PUNCTUATION,
    frozenset(range(0x21, 0x7F)) - _NUMERIC - _LABEL_PUNCTUATION - frozenset(range(ord("A"), ord("Z") + 1))
    - frozenset(range(ord("a"), ord("z") + 1)),
    _NORWEGIAN,
)
_SVG_REST = frozenset(WEB_UNICODES) - frozenset().union(*_SVG_BLOCKS)


def _svg_blocks(used: set[int]) -> frozenset[int]:
    chosen = [block for block in (*_SVG_BLOCKS, _SVG_REST) if block & used]
    return frozenset().union(*chosen) if chosen else frozenset({0x20})


@cache
def _svg_face(weight: int, unicodes: frozenset[int]) -> str:
    """An @font-face rule with the glyphs of `unicodes` (in the web subset) inside it."""
    data = _subset(weight, sorted(unicodes), "woff2", io.BytesIO(_latin(weight)), lean=True)
    return (f'@font-face{{font-family:"{FAMILY}";font-weight:{weight};'
            f'src:url(data:font/woff2;base64,{base64.b64encode(data).decode("ascii")}) format("woff2")}}')


def embed_in_svg(svg: str) -> str:
    """The SVG with the glyphs its text uses, as WOFF2 data: URLs in a <style>, so that it shows
    in the site's font wherever it is shown (an <img> cannot use the page's fonts)."""
    used: dict[int, set[int]] = {}
    for attrs, body in _TEXT.findall(svg):
        weight = 700 if _BOLD.search(attrs) else 400
        used.setdefault(weight, set()).update(ord(c) for c in _unescape(body))
    faces = [_svg_face(weight, _svg_blocks(used[weight])) for weight in sorted(used)]
    if not faces:
        return svg
    style = "<defs><style>" + "".join(faces) + "</style></defs>"
    match = re.search(r"<svg\b[^>]*>", svg)
    if match is None:
        raise ValueError("the rendered chart is not an SVG")
    return svg[:match.end()] + style + svg[match.end():]
