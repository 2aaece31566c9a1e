"""The favicon: the site's logo (theme.icon.logo, one of the icons Material ships) as an SVG of
about 200 bytes, in place of Material's 1.9 KB PNG, fetched by every first visit."""

from __future__ import annotations

from pathlib import Path

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
