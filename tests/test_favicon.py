"""The favicon is the site's logo icon as a small SVG made at build time (reportsite/favicon.py)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from conftest import SITE, site_pages
from reportsite import favicon
from reportsite.errors import SiteDataError


@pytest.mark.build
def test_every_page_links_the_logo_as_an_svg_favicon(built_site):
    assert SITE.favicon.endswith(".svg") and SITE.logo_icon
    path = built_site / SITE.favicon
    svg = path.read_text(encoding="utf-8")
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("fill") == favicon.COLOUR
    assert root.find("{http://www.w3.org/2000/svg}path") is not None
    assert path.stat().st_size < 500
    # The same logo as a PNG, for browsers without SVG favicons (in place of Material's own PNG).
    png = built_site / favicon.png_path(SITE.favicon)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(data[16:20], "big") == favicon.PNG_SIZE
    for page in site_pages(built_site):
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        svg_link = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html)
        png_link = re.search(r'<link rel="icon" href="([^"]+)" sizes="32x32">', html)
        assert svg_link and png_link, page
        assert (built_site / page / svg_link[1]).resolve() == path.resolve(), (page, svg_link[1])
        assert (built_site / page / png_link[1]).resolve() == png.resolve(), (page, png_link[1])


def test_an_unknown_logo_icon_is_a_clear_error():
    with pytest.raises(SiteDataError) as error:
        favicon.favicon_svg("material/no-such-icon")
    assert "theme.icon.logo" in str(error.value) and "material/no-such-icon" in str(error.value)
