"""Link-preview images (Open Graph, Twitter cards), drawn at build time with vl-convert: no network.

A page with charts is previewed by its first chart; any other page by a title card in its language.
"""

from __future__ import annotations

import struct
import textwrap
from dataclasses import dataclass

from . import charts, fonts, paths, seo
from .numbers import d3_locale

CARD_WIDTH, CARD_HEIGHT = 1200, 630
CARD_BACKGROUND = "#1a237e"   # white text on it: contrast 14:1
CHART_SCALE = 2


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header; raises ValueError if the bytes are not a PNG."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    return struct.unpack(">II", png[16:24])


def title_card_spec(site_name: str, title: str, footer: str) -> dict:
    lines = textwrap.wrap(title, 30)[:4]
    texts = [
        {"text": site_name, "x": 80, "y": 90, "size": 30, "weight": "normal"},
        *({"text": line, "x": 80, "y": 230 + i * 76, "size": 64, "weight": "bold"} for i, line in enumerate(lines)),
        {"text": footer, "x": 80, "y": 560, "size": 30, "weight": "normal"},
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "width": CARD_WIDTH, "height": CARD_HEIGHT, "padding": 0, "autosize": "none",
        "background": CARD_BACKGROUND, "view": {"stroke": None},
        "data": {"values": texts},
        "mark": {"type": "text", "align": "left", "baseline": "alphabetic", "color": "#ffffff", "font": fonts.FAMILY},
        "encoding": {
            "text": {"field": "text"},
            "x": {"field": "x", "type": "quantitative", "scale": None},
            "y": {"field": "y", "type": "quantitative", "scale": None},
            "size": {"field": "size", "type": "quantitative", "scale": None},
            "fontWeight": {"field": "weight", "type": "nominal", "scale": None},
        },
    }


def chart_card_spec(chart_spec: dict, title: str, natural_size: tuple[int, int | dict]) -> dict:
    spec = dict(chart_spec)
    # The card has room of its own: the chart at its natural size (not fitted to the page's box).
    spec.pop("autosize", None)
    spec["width"], spec["height"] = natural_size
    spec["title"] = {"text": textwrap.wrap(title, 60)[:2], "anchor": "start", "fontSize": 16, "offset": 12}
    spec["background"] = "#ffffff"
    spec["padding"] = 24
    return spec


def meta_tags(*, site_name: str, title: str, description: str, url: str, locale: str,
              alternate_locales: list[str], image_url: str, image_size: tuple[int, int], image_alt: str) -> list[dict]:
    """Open Graph and Twitter card tags; the template escapes every value."""
    tags = [
        ("property", "og:type", "website"),
        ("property", "og:site_name", site_name),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:url", url),
        ("property", "og:locale", locale),
        *(("property", "og:locale:alternate", other) for other in alternate_locales),
        ("property", "og:image", image_url),
        ("property", "og:image:type", "image/png"),
        ("property", "og:image:width", str(image_size[0])),
        ("property", "og:image:height", str(image_size[1])),
        ("property", "og:image:alt", image_alt),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", description),
        ("name", "twitter:image", image_url),
        ("name", "twitter:image:alt", image_alt),
    ]
    return [{"attr": attr, "name": name, "content": content} for attr, name, content in tags if content]


@dataclass(frozen=True)
class Card:
    png: bytes
    image_path: str       # where the image goes in the site
    tags: list[dict]      # meta tags for the page's head


def page_card(build, src_uri: str, page_title: str, is_homepage: bool, description: str, dest_uri: str) -> Card:
    """A page's link preview: its first chart, or a title card in its language (build: state.SiteBuild)."""
    data, site = build.data, build.site
    lang = build.paths.language_of(src_uri)
    ui = data.ui[lang]
    language = site.language(lang)
    title = language.site_name if is_homepage else page_title
    chart_ids = build.chart_ids(src_uri)
    if chart_ids:
        chart = data.charts[chart_ids[0]]
        spec = chart_card_spec(build.specs[(chart.id, lang, "light")], chart.title[lang], chart.kind.natural_size())
        png = charts.draw(spec, d3_locale(ui), "png", CHART_SCALE)
        image_alt = spec["description"]
    else:
        footer = ui["card_footer"].format(publisher=data.report.publisher)
        png = charts.draw(title_card_spec(language.site_name, title, footer), image="png")
        image_alt = title
    tags = meta_tags(
        site_name=language.site_name, title=title, description=description or language.site_description,
        url=seo.canonical_url(src_uri, site.site_url, build.paths), locale=ui["og_locale"],
        alternate_locales=[data.ui[other]["og_locale"] for other in site.codes if other != lang],
        image_url=paths.absolute_url(site.site_url, build.paths.web_path(src_uri) + paths.PREVIEW_NAME),
        image_size=png_size(png), image_alt=image_alt)
    return Card(png, paths.preview_image(dest_uri), tags)
