"""The PDF of the summary in each language (hooks/pdf.py), opened with pypdf from the test run's
build: linked from the front page, tagged (a structure tree with headings, paragraphs, lists,
tables and figures with alt text), its language and title set, the site's fonts embedded, PDF/UA-1
declared, every figure of the findings as the findings page shows it, links only to the web, bookmarks
for the pages' headings; and WeasyPrint reads nothing but the build's own files."""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from pathlib import Path

import pytest

from conftest import LANGUAGES, SITE, lang_root, load_data

DATA = load_data()
LINK = re.compile(r'<p class="report-pdf"><a class="download-link" href="([^"]+)" type="application/pdf" download>')


def _words(text: str) -> str:
    """Text with every run of white space (line breaks, no-break spaces) as one space."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def _pdf_path(site: Path, lang: str) -> str:
    """The PDF's site path, as the language's front page links it."""
    front = (site / lang_root(lang) / "index.html").read_text(encoding="utf-8")
    (href,) = LINK.findall(front)
    return posixpath.normpath(posixpath.join(lang_root(lang) or ".", html.unescape(href)))


def _open(site: Path, lang: str):
    from pypdf import PdfReader

    return PdfReader(site / _pdf_path(site, lang))


def _elements(node, found: list) -> list:
    """The structure tree's elements in reading order: (type, element)."""
    node = node.get_object()
    if "/S" in node:
        found.append((str(node["/S"]), node))
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, dict) and "/S" in kid:
            _elements(kid, found)
    return found


def _outline_titles(outline) -> list[str]:
    return [title for item in outline for title in
            (_outline_titles(item) if isinstance(item, list) else [_words(item.title)])]


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_front_page_links_the_pdf_of_its_language(built_site, lang):
    path = _pdf_path(built_site, lang)
    assert re.fullmatch(rf"downloads/[a-z0-9-]+-{lang}\.pdf", path)
    assert (built_site / path).read_bytes().startswith(b"%PDF-1.7")
    assert f"/{path}</loc>" in (built_site / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_is_tagged_pdf_ua_with_language_title_and_fonts(built_site, lang):
    reader = _open(built_site, lang)
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value is True
    assert root["/Lang"] == lang
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata.title == SITE.language(lang).site_name
    xmp = reader.xmp_metadata.stream.get_data().decode("utf-8")
    assert re.search(r'pdfuaid:part="1"|<pdfuaid:part>1</pdfuaid:part>', xmp), xmp

    elements = _elements(root["/StructTreeRoot"], [])
    kinds = [kind for kind, _ in elements]
    assert {"/H1", "/H2", "/H3", "/P", "/L", "/LI", "/Table", "/TH", "/TD", "/Figure"} <= set(kinds)
    # Reading order: the title page's heading first, then the contents, the pages and the sources.
    assert [kind for kind in kinds if kind in ("/H1", "/H2")][:2] == ["/H1", "/H2"]
    figures = [element for kind, element in elements if kind == "/Figure"]
    assert len(figures) == len(DATA.charts)   # each chart once, as its light image
    for figure in figures:
        alt = str(figure.get("/Alt", ""))
        assert any(chart.title[lang] in alt for chart in DATA.charts.values()), alt

    fonts = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            fonts[str(font["/BaseFont"])] = descendant["/FontDescriptor"].get_object()
    # The site's family (its bold, and the slanted forms WeasyPrint draws for emphasis), nothing else.
    assert fonts and all("ReportOpenSans" in name.replace("-", "") for name in fonts), sorted(fonts)
    assert all({"/FontFile", "/FontFile2", "/FontFile3"} & set(d) for d in fonts.values())


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_shows_every_finding_and_figure_as_the_findings_page_does(built_site, lang):
    reader = _open(built_site, lang)
    text = _words(" ".join(page.extract_text() for page in reader.pages))
    findings_page = (built_site / lang_root(lang) / SITE.findings_page.removesuffix(".md") / "index.html").read_text(
        encoding="utf-8")
    shown = {_words(html.unescape(value)) for value in re.findall(r'<span class="figure" data-figure="[^"]+">([^<]+)</span>',
                                                                  findings_page)}
    assert len(shown) >= 5
    assert [value for value in shown if value not in text] == []
    titles = [_words(finding.title[lang]) for finding in DATA.findings.values() if finding.section != "background"]
    assert titles and [title for title in titles if title not in text] == []
    for source in DATA.sources.values():
        assert _words(source.title[lang]) in text
    assert _words(DATA.report.commissioned_by[lang]) in text and DATA.report.project_leader in text

    # Bookmarks: the headings, among them every finding's title; at the top, the contents, the pages
    # and the sources, each once (the title page's heading repeats the front page's and has none).
    bookmarks = _outline_titles(reader.outline)
    assert [a for a, b in zip(bookmarks, bookmarks[1:]) if a == b] == []
    top = [_words(item.title) for item in reader.outline if not isinstance(item, list)]
    assert top[0] == _words(DATA.ui[lang]["pdf"]["contents"]) and top[-1] == _words(DATA.ui[lang]["sources"])
    assert top[1] == _words(SITE.language(lang).site_name) and len(set(top)) == len(top) == len(SITE.pdf_pages) + 2
    assert [title for title in titles if title not in bookmarks] == []



@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_of_the_pdf_starts_with_a_note(built_site, lang):
    """A note (caveat) stays with the figures it qualifies: none stands at the top of a page, cut off
    from them (the English glossary's last notes once stood alone on a page of their own)."""
    label = DATA.ui[lang]["caveat"]
    pages = _open(built_site, lang).pages
    assert [number for number, page in enumerate(pages, 1) if page.extract_text().lstrip().startswith(label)] == []

# What a reader sees in a finding's tools: the PDF's page of the finding, in the page's language.
PAGE_LINK_TEXT = {"nb": "PDF, side {}", "nn": "PDF, side {}", "en": "PDF, page {}"}
PAGE_LINK = re.compile(r'<a class="finding__pdf" href="([^"#]+)#page=(\d+)" type="application/pdf">([^<]*)</a>')


def _page_folder(page: str, lang: str) -> str:
    """The site folder of a page of the language's folder: 'funn.md' -> 'funn/', 'en/funn/'."""
    return lang_root(lang) + ("" if page == "index.md" else page.removesuffix(".md") + "/")


def _page_links(shown: str) -> dict[str, list[tuple[str, str, str]]]:
    """Each finding on a page, by id: the links to the PDF in its part of the page (href, page, text)."""
    return {chunk.partition('"')[0]: PAGE_LINK.findall(chunk) for chunk in shown.split('<div class="finding" data-finding="')[1:]}


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_finding_links_the_page_of_its_heading_in_the_pdf(built_site, lang):
    """Against the PDF itself: the page is the first, from the page's own start in the PDF (its
    bookmark), whose text holds the finding's title (the front page's key figures name some too)."""
    reader = _open(built_site, lang)
    texts = [_words(page.extract_text()) for page in reader.pages]
    starts = {_words(item.title): reader.get_destination_page_number(item) + 1
              for item in reader.outline if not isinstance(item, list)}
    pdf_path, checked = _pdf_path(built_site, lang), []
    for page in SITE.pdf_pages:
        folder = _page_folder(page, lang)
        shown = (built_site / folder / "index.html").read_text(encoding="utf-8")
        heading = re.search(r"<h1 [^>]*>(.*?)<a class=\"headerlink\"", shown).group(1)
        start = starts[_words(html.unescape(re.sub(r"<[^>]+>", "", heading)))]
        for finding, links in _page_links(shown).items():
            ((href, number, text),) = links
            assert posixpath.normpath(posixpath.join(folder, html.unescape(href))) == pdf_path
            assert text == PAGE_LINK_TEXT[lang].format(number)
            title = _words(DATA.findings[finding].title[lang])
            found = next(n for n in range(start, len(texts) + 1) if title in texts[n - 1])
            assert int(number) == found, f"{finding}: linked page {number}, its heading is on page {found}"
            checked.append(finding)
    shown_on_findings_page = [f.id for f in DATA.findings.values() if f.section != "background"]
    assert set(shown_on_findings_page) <= set(checked)
    # A page no PDF holds links no page of one.
    printed = {_page_folder(page, code) + "index.html" for page in SITE.pdf_pages for code in LANGUAGES}
    elsewhere = [path for path in built_site.rglob("*.html")
                 if path.relative_to(built_site).as_posix() not in printed and "finding__pdf" in path.read_text(encoding="utf-8")]
    assert elsewhere == []


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_links_lead_to_the_web_or_inside_it(built_site, lang):
    reader = _open(built_site, lang)
    uris, internal = [], 0
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            assert annotation["/Subtype"] == "/Link"
            action = annotation.get("/A")
            if action is not None and action.get("/S") == "/URI":
                uris.append(str(action["/URI"]))
            else:
                internal += 1
    assert uris and internal   # the contents link inside the PDF
    assert [uri for uri in uris if not uri.startswith("https://")] == []
    assert "/JavaScript" not in reader.trailer["/Root"].get("/Names", {})


TEXT_FILES = (".html", ".xml", ".json", ".js", ".txt", ".css")


def _texts(zip_path: Path):
    with zipfile.ZipFile(zip_path) as archive:
        for name in archive.namelist():
            if Path(name).suffix in TEXT_FILES:
                yield name, archive.read(name).decode("utf-8")


@pytest.mark.build
def test_offline_bundle_ships_the_same_pdfs(built_bundle):
    with zipfile.ZipFile(built_bundle.zip_path) as archive:
        files = {name.split("/", 1)[1]: archive.read(name) for name in archive.namelist() if name.endswith(".pdf")}
    paths = [_pdf_path(built_bundle.site, lang) for lang in LANGUAGES]
    assert sorted(files) == sorted(paths)
    # Its links lead to the published pages too (funn/, not the bundle's funn.html): the same bytes.
    assert all(files[path] == (built_bundle.site / path).read_bytes() for path in paths)
    # The findings' tools link the same pages of them, and no marker of a page is left anywhere.
    from reportsite import placeholders

    pages = {name.split("/", 1)[1]: text for name, text in _texts(built_bundle.zip_path)}
    for lang in LANGUAGES:
        web = _page_links((built_bundle.site / _page_folder("funn.md", lang) / "index.html").read_text(encoding="utf-8"))
        offline = _page_links(pages[lang_root(lang) + "funn.html"])
        assert web and offline.keys() == web.keys()
        for finding, ((href, number, text),) in offline.items():
            assert posixpath.normpath(posixpath.join(lang_root(lang) or ".", html.unescape(href))) == paths[LANGUAGES.index(lang)]
            assert [(number, text)] == [link[1:] for link in web[finding]]
    site_texts = [(path.as_posix(), path.read_text(encoding="utf-8")) for path in built_bundle.site.rglob("*")
                  if path.suffix in TEXT_FILES]
    assert [name for name, text in [*pages.items(), *site_texts] if placeholders.ANY.search(text)] == []


def test_pdf_reads_only_the_builds_own_files(tmp_path):
    from reportsite import fonts, pdf

    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "chart.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("no", encoding="utf-8")
    only = pdf.BuildFilesOnly("https://example.org/report/", site)
    assert only.file("https://example.org/report/assets/chart.svg") == (site / "assets" / "chart.svg").resolve()
    font = next(iter(fonts.static_fonts().values()))
    assert only.file(font.as_uri()) == font
    for refused in ("https://example.org/report/../secret.txt", "https://example.org/report/assets/%2e%2e/missing",
                    "https://example.org/other.svg", "http://example.org/report/assets/chart.svg",
                    (tmp_path / "secret.txt").as_uri(), "data:image/svg+xml,<svg/>", "ftp://example.org/x"):
        with pytest.raises(ValueError, match="only the build's own files"):
            only.file(refused)


def test_print_html_links_to_the_web_or_inside_the_pdf():
    from reportsite import pdf

    site = "https://example.org/r/"
    anchors = {site + "funn/": "funn", site: "forside"}
    page = ('<a href="funn.html#lup">a</a> <a href="index.html">b</a> <a href="arsaker.html">c</a> '
            '<a href="https://elsewhere.example/x.html">d</a> <img src="assets/charts/x.nb.svg" alt="">')
    assert pdf.print_html(page, site + "index.html", anchors, site) == (
        '<a href="#lup">a</a> <a href="#forside">b</a> <a href="https://example.org/r/arsaker/">c</a> '
        '<a href="https://elsewhere.example/x.html">d</a> <img src="https://example.org/r/assets/charts/x.nb.svg" alt="">')
    chart = ('<div class="report-chart__view" role="img" aria-label="Diagram: &quot;x&quot; 28 %">'
             '<img class="report-chart__static report-chart__static--light" src="a.svg" alt="" width="4">'
             '<img class="report-chart__static report-chart__static--dark" src="a.dark.svg" alt=""></div>')
    assert pdf.print_html(chart, site + "funn/", anchors, site) == (
        '<img class="report-chart__static report-chart__static--light" src="https://example.org/r/funn/a.svg" '
        'alt="Diagram: &quot;x&quot; 28 %" width="4">')


def test_an_image_from_elsewhere_stops_the_pdf_with_a_clear_message(tmp_path):
    from reportsite import pdf

    page = '<html lang="nb"><title>T</title><p>Tekst</p><img src="https://elsewhere.example/x.png" alt="x"></html>'
    with pytest.raises(pdf.Refused, match=r"not https://elsewhere\.example/x\.png — show only images from the site's own"):
        pdf.write_pdf(page, "https://example.org/r/", tmp_path)



def test_a_finding_linked_but_not_in_the_pdf_stops_the_build_naming_it():
    from reportsite import pdf

    with pytest.raises(ValueError, match="the finding lup-contact is not in it, yet its page links it"):
        pdf.fill_pages('<a href="x.pdf#page=M">M</a>', {"M": "lup-contact"}, {"funn": 4})

@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_pages_drawn_show_the_title_page_and_text_on_every_page(built_site, lang, tmp_path):
    """What a reader sees: each page drawn by Poppler (pdftoppm, as a PDF viewer draws it) has ink
    between its running header and its page number; the title page's heading stands in its upper half."""
    import subprocess

    from PIL import Image

    pdf = built_site / _pdf_path(built_site, lang)
    pages = len(_open(built_site, lang).pages)
    subprocess.run(["pdftoppm", "-r", "30", "-gray", "-png", str(pdf), str(tmp_path / "page")], check=True)
    drawn = sorted(tmp_path.glob("page-*.png"))
    assert len(drawn) == pages > 3
    for number, png in enumerate(drawn, 1):
        image = Image.open(png).convert("L")
        width, height = image.size
        body = [y for y in range(height // 10, height - height // 10) for x in range(width) if image.getpixel((x, y)) < 128]
        assert len(body) > 20, f"page {number} of {pdf.name} shows nothing but its header and number"
        if number == 1:
            assert min(body) < height / 2, "the title page's heading is not in its upper half"


@pytest.mark.build
def test_the_citation_block_cites_the_pdf_at_its_published_address(built_site):
    """{{ cite }} cites the summary's PDF too: its title, the site, and the address the PDF is published at
    (a file of the build), as text and as BibTeX."""
    for lang in LANGUAGES:
        page = html.unescape((built_site / lang_root(lang) / "om-rapporten" / "index.html").read_text(encoding="utf-8"))
        url = SITE.site_url + _pdf_path(built_site, lang)
        assert (built_site / _pdf_path(built_site, lang)).is_file()
        title = DATA.ui[lang]["pdf"]["cite"]
        assert f'<p class="report-citation__heading">{title}</p>' in page, lang
        assert DATA.ui[lang]["cite_site"].format(title=title, site=SITE.language(lang).site_name, url=url) in page, lang
        assert f"@misc{{summary-{lang},\n  title = {{{title}}}," in page and f"url = {{{url}}}" in page, lang
