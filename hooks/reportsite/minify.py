"""The site's own scripts and stylesheets (site_src/assets/), published minified.

They are written to be read, with comments that say why; a reader's browser needs none of that.
Minified, they are about half their gzipped size (rjsmin and rcssmin). Comments that start with
`/*!` (licences) are kept. The files in site_src/ stay as written; only the published copies change.
"""

from __future__ import annotations

from pathlib import Path

SCRIPTS = "assets/javascripts"
STYLESHEETS = "assets/stylesheets"


def minify_script(text: str) -> str:
    import rjsmin

    return rjsmin.jsmin(text, keep_bang_comments=True)


def minify_stylesheet(text: str) -> str:
    import rcssmin

    return rcssmin.cssmin(text, keep_bang_comments=True)


def minified_assets(theme_dir: Path) -> dict[str, str]:
    """Site path -> minified text, for every script and stylesheet of the theme's overrides."""
    files = {}
    for folder, minify in ((SCRIPTS, minify_script), (STYLESHEETS, minify_stylesheet)):
        for path in sorted((theme_dir / folder).glob("*.js" if folder == SCRIPTS else "*.css")):
            files[f"{folder}/{path.name}"] = minify(path.read_text(encoding="utf-8"))
    return files
