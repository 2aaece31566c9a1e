"""Every third-party file the site ships is listed on the licences page with its licence text, in
the web site and in the offline zip; the fonts keep their licence records (name IDs 0, 13, 14)."""

from __future__ import annotations

import html
import io
import re
import shutil
import zipfile
from fnmatch import fnmatch
from importlib.metadata import distribution
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

DECLARED = yaml.safe_load((ROOT / "licences" / "components.yml").read_text(encoding="utf-8"))
# The site's own files: pages, search indexes, downloads, preview images, and its own scripts and
# stylesheets (site_src/assets/). A new file that matches neither these nor a component of
# licences/components.yml fails the test: declare it there (third-party) or here (ours).
OURS = ("*.html", "*.preview.png", "sitemap.xml", "sitemap.xml.gz", "*search/search_index.json",
        "*search/search_index.js", "downloads/*", "assets/charts/*.svg",
        "assets/stylesheets/site.css", "assets/stylesheets/embed.css", "assets/stylesheets/fonts.css",
        *(f"assets/javascripts/{name}.js" for name in
          ("charts", "chart-values", "share", "search-focus", "search-on-demand")))


def _shipped(built_bundle) -> dict[str, list[str]]:
    with zipfile.ZipFile(built_bundle.zip_path) as archive:
        zipped = [name.split("/", 1)[1] for name in archive.namelist() if not name.endswith("/")]
    site = [p.relative_to(built_bundle.site).as_posix() for p in built_bundle.site.rglob("*") if p.is_file()]
    return {"site/": site, "the zip": zipped}


def _listed(name: str) -> bool:
    return any(fnmatch(name, pattern) for component in DECLARED for pattern in component["files"])


@pytest.mark.build
def test_every_shipped_third_party_file_is_listed(built_bundle):
    for where, names in _shipped(built_bundle).items():
        unlisted = [n for n in names if not _listed(n) and not any(fnmatch(n, p) for p in OURS)]
        assert not unlisted, (f"{where} ships files that licences/components.yml does not list: {unlisted} — add each "
                              "to its component (or, if it is the site's own, to OURS in this test)")
    site = _shipped(built_bundle)["site/"]
    for component in DECLARED:
        for pattern in component["files"]:
            assert any(fnmatch(n, pattern) for n in site), f"{component['name']}: no shipped file matches {pattern}"
    # Only the search languages the site uses are shipped (hooks/search_index.py).
    assert sorted(n for n in site if n.startswith("assets/javascripts/lunr/")) == [
        "assets/javascripts/lunr/min/lunr.no.min.js", "assets/javascripts/lunr/min/lunr.stemmer.support.min.js"]


def _licence_texts() -> list[str]:
    """Each licence text as it should appear, read here from where it lives: the package's file, or licences/."""
    texts = []
    for component in DECLARED:
        for ref in component["texts"]:
            if ":" in ref:
                dist, ending = ref.split(":", 1)
                (path,) = [f for f in distribution(dist).files if f"/{f.as_posix()}".endswith("/" + ending)]
                texts.append(Path(path.locate()).read_text(encoding="utf-8"))
            else:
                texts.append((ROOT / "licences" / ref).read_text(encoding="utf-8"))
    return texts


@pytest.mark.build
def test_the_licences_page_in_site_and_zip_gives_every_component_and_its_texts(built_bundle):
    with zipfile.ZipFile(built_bundle.zip_path) as archive:
        (zipped,) = [n for n in archive.namelist() if n.endswith("/licences.html") and n.count("/") == 1]
        pages = {"site/": (built_bundle.site / "licences.html").read_text(encoding="utf-8"),
                 "the zip": archive.read(zipped).decode("utf-8")}
    texts = _licence_texts()
    used = {ref for component in DECLARED for ref in component["texts"]}
    assert {p.name for p in (ROOT / "licences").glob("*.txt")} <= used, "a text in licences/ that no component names"
    assert any("SIL OPEN FONT LICENSE Version 1.1" in t for t in texts) and any("Apache License" in t for t in texts)
    for where, page in pages.items():
        for component in DECLARED:
            assert html.escape(component["name"]) in page, f"{where}: {component['name']} is missing"
        shown = [html.unescape(t) for t in re.findall(r"<pre[^>]*><code>(.*?)</code></pre>", page, re.S)]
        for text in texts:
            assert text in shown, f"{where}: a licence text is missing: {text[:80]}"
        assert 'lang="nb">Lisens<' in page and 'lang="en">Licence<' in page


@pytest.mark.build
def test_every_page_links_the_licences_page_in_its_language(built_site):
    titles = {"nb": "Lisenser", "nn": "Lisensar", "en": "Licences"}
    for path in sorted(built_site.rglob("index.html")):
        name = path.relative_to(built_site).as_posix()
        if "embed" in name.split("/")[:2]:   # a chart alone, for an iframe: no footer
            continue
        lang = name.split("/")[0] if name.split("/")[0] in titles else "nb"
        link = re.search(r'class="report-footer-licences"><a href="([^"]+)">([^<]+)</a>', path.read_text(encoding="utf-8"))
        assert link, f"{name}: no link to the licences page in the footer"
        assert (path.parent / link.group(1)).resolve() == (built_site / "licences.html").resolve(), name
        assert link.group(2) == titles[lang], name


@pytest.mark.build
def test_shipped_fonts_keep_their_licence_records(built_bundle):
    from fontTools.ttLib import TTFont

    fonts = sorted((built_bundle.site / "assets" / "fonts").glob("*.woff2"))
    svg = next((built_bundle.site / "assets" / "charts").glob("*.svg")).read_text(encoding="utf-8")
    embedded = [__import__("base64").b64decode(data) for data in re.findall(r"data:font/woff2;base64,([^)]+)\)", svg)]
    assert len(fonts) == 4 and embedded
    for font in [f.read_bytes() for f in fonts] + embedded:
        names = {record.nameID: record.toUnicode() for record in TTFont(io.BytesIO(font))["name"].names}
        assert "Open Font License" in names[13] and names[14].startswith("http") and "Open Sans" in names[0]


def test_a_missing_licence_text_is_a_clear_error(tmp_path):
    from reportsite import licences
    from reportsite.errors import SiteDataError

    shutil.copytree(ROOT / "licences", tmp_path / "licences")
    (tmp_path / "licences" / "d3.txt").unlink()
    with pytest.raises(SiteDataError, match=r"licences/components.yml:\d+: \[3\]\.texts: cannot be read"):
        licences.components(tmp_path)
    declaration = tmp_path / "licences" / "components.yml"
    declaration.write_text(declaration.read_text(encoding="utf-8").replace("texts: [vega.txt]", "texts: [../x.txt]"))
    with pytest.raises(SiteDataError, match=r"\[0\]\.texts: cannot be read: '\.\./x\.txt' is not a file name"):
        licences.components(tmp_path)
    declaration.write_text(declaration.read_text(encoding="utf-8").replace("texts: [../x.txt]", "texts: vega.txt"))
    with pytest.raises(SiteDataError, match=r"components.yml:\d+: \[0\]\.texts: expected a list"):
        licences.components(tmp_path)
