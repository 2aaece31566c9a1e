"""The favicon: the site's logo (theme.icon.logo, one of the icons Material ships) as an SVG of
about 130 bytes, in place of Material's 1.9 KB PNG, fetched by every first visit; and the same logo
as a 32-pixel PNG beside it, for browsers that show no SVG favicon (Safari before 26)."""

from __future__ import annotations

from pathlib import Path

from .cache import kept
from .errors import Problem, SiteDataError

# The palette's primary colour in mkdocs.yml (indigo), as Material's stylesheet defines it.
COLOUR = "#4051b5"


def favicon_svg(icon: str, config_file: str = "mkdocs.yml") -> str:
    import material

    path = Path(material.__file__).parent / "templates" / ".icons" / f"{icon}.svg"
    if not icon or not path.is_file():
        raise SiteDataError([Problem(config_file, None, "theme.icon.logo", f"'{icon}' is not one of Material's icons",
                                     "name an icon as Material's documentation does, like material/chart-bar")])
    svg = path.read_text(encoding="utf-8")
    if not svg.startswith("<svg "):
        raise ValueError(f"{path}: not an SVG icon")
    return svg.replace("<svg ", f'<svg fill="{COLOUR}" ', 1)


PNG_SIZE = 32


def png_path(svg_path: str) -> str:
    """Where the PNG stands beside the SVG: favicon.svg -> favicon.png."""
    return svg_path[: -len(".svg")] + ".png"


def links(favicon: str) -> list[dict[str, str]]:
    """The <link rel="icon"> elements of a page, by site path: for an SVG favicon, the PNG beside it
    (for browsers without SVG favicons) and the SVG, which a browser that can takes alone."""
    if not favicon:
        return []
    if not favicon.endswith(".svg"):
        return [{"href": favicon}]
    return [{"href": png_path(favicon), "sizes": f"{PNG_SIZE}x{PNG_SIZE}"}, {"href": favicon, "type": "image/svg+xml"}]


def favicon_png(svg: str) -> bytes:
    """The favicon SVG drawn at PNG_SIZE pixels (vl-convert's SVG renderer), once per process."""
    import re

    def draw() -> bytes:
        import vl_convert

        view = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
        return vl_convert.svg_to_png(svg, scale=PNG_SIZE / float(view.group(1)) if view else 1.0)

    return kept(draw, "favicon-png", svg)
