"""The site's own scripts and stylesheets are published minified (hooks/reportsite/minify.py), in
every language's build and in the offline bundle, with their licence comments kept."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from reportsite import minify

ROOT = Path(__file__).resolve().parents[1]
OWN = ROOT / "site_src"


@pytest.mark.build
def test_every_own_script_and_stylesheet_is_published_minified(built_site):
    sources = sorted((OWN / minify.SCRIPTS).glob("*.js")) + sorted((OWN / minify.STYLESHEETS).glob("*.css"))
    assert len(sources) >= 10
    for source in sources:
        path = source.relative_to(OWN).as_posix()
        text = source.read_text(encoding="utf-8")
        published = (built_site / path).read_text(encoding="utf-8")
        expected = minify.minify_script(text) if path.endswith(".js") else minify.minify_stylesheet(text)
        assert published == expected, path
        assert len(gzip.compress(published.encode())) < len(gzip.compress(text.encode())), path
    # A licence stays with the code it covers.
    shim = (built_site / minify.SCRIPTS / "iframe-worker-shim.js").read_text(encoding="utf-8")
    assert shim.startswith("/*! iframe-worker") and "Permission is hereby granted" in shim


@pytest.mark.build
def test_the_offline_bundle_has_the_same_minified_files(built_bundle):
    import zipfile

    with zipfile.ZipFile(built_bundle.zip_path) as archive:
        names = {Path(n).relative_to(Path(n).parts[0]).as_posix(): n for n in archive.namelist() if not n.endswith("/")}
        for source in sorted((OWN / minify.SCRIPTS).glob("*.js")):
            path = source.relative_to(OWN).as_posix()
            assert archive.read(names[path]).decode("utf-8") == (built_bundle.site / path).read_text(encoding="utf-8"), path


def test_minifying_keeps_the_code():
    assert minify.minify_script("// why\nvar a = 1; /* how */ var b = 'x // y';\n") == "var a=1;var b='x // y';"
    assert minify.minify_stylesheet("/* why */\n.a  {\n  color: red;\n}\n/*! licence */") == ".a{color:red}/*! licence */"
