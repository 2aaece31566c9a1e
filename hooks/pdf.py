"""Hook: the PDF of the summary in each language (reportsite/pdf.py, site_src/print.html), as
mkdocs.yml's `extra.pdf` names it: its file's name and the pages it holds. Each language's build
keeps those pages as the site shows them, links the PDF from its front page, and writes the PDF at
its end, when the pages and chart images are in the site folder; then the tools of each finding on
those pages get the finding's page in the PDF, from the one layout that wrote it. The live preview
(`make serve`) leaves the PDFs and every link to them out: making them takes seconds per language on
every rebuild, and an editor checks them in what `make site` builds."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_build_datetime

from reportsite import engine, live_preview, pdf, render, state
from reportsite.paths import absolute_url, relative_url

FRONT_PAGE = "index.md"


def on_env(env, *, config, files):
    build = state.for_config(config)
    # The sitemap lists the PDFs where they are made (not in the live preview).
    env.globals["pdf_files"] = {} if live_preview.serving() else {
        lang: pdf.file_name(build.site.pdf_name, lang) for lang in build.paths.languages}
    return env


# After hooks/shortcodes.py has put in the parts search leaves out: the page as the site shows it.
@event_priority(engine.AFTER_SEARCH_READS - 10)
def on_page_context(context, *, page, config, nav):
    build = state.for_config(config)
    if build.error is not None or live_preview.serving():
        return context
    src, site = page.file.src_uri, build.site
    lang, inner = build.paths.language_of(src), build.paths.inner(src)
    if build.pdf_of(src):
        if not page.toc.items:
            raise PluginError(f"content/{src}: the PDF (mkdocs.yml, extra.pdf.pages) needs the page to start "
                              "with a heading (# Title): it is the page's entry in the PDF's contents")
        heading = page.toc.items[0]
        build.printed.setdefault(lang, {})[inner] = pdf.PrintedPage(
            absolute_url(site.site_url, page.url), absolute_url(site.site_url, build.paths.web_path(src)),
            heading.id, heading.title, page.toc.items, page.content, page.file.abs_dest_path,
            build.pages[src].fragments.pdf_pages)
    if inner == FRONT_PAGE:
        link = render.templates(str(site.templates_dir)).get_template("partials/report/pdf_link.html").render(
            href=relative_url(pdf.file_name(site.pdf_name, lang), page.url), text=build.data.ui[lang]["pdf"]["download"])
        page.content = page.content.replace("</h1>", "</h1>\n" + link, 1)
    return context


def on_post_build(*, config):
    build = state.for_config(config)
    if build.error is not None:
        return
    site, site_dir = build.site, Path(config.site_dir)
    for lang, printed in build.printed.items():
        if lang in build.pdfs_written:
            continue
        html = render.templates(str(site.templates_dir)).get_template(pdf.TEMPLATE).render(pdf.context(
            build.data, lang, site.language(lang).site_name, site.site_url, absolute_url(site.site_url, build.paths.root(lang)),
            [printed[p] for p in site.pdf_pages], get_build_datetime().strftime("%Y-%m-%d")))
        target = site_dir / pdf.file_name(site.pdf_name, lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            document, pages = pdf.write_pdf(html, site.site_url, site_dir)
            # The pages are written: their findings' tools get their pages in this PDF (all, or none).
            filled = {Path(page.file): pdf.fill_pages(Path(page.file).read_text(encoding="utf-8"), page.markers, pages)
                      for page in printed.values()}
        except ValueError as exc:   # pdf.Refused among them
            raise PluginError(f"The PDF of the summary ({lang}): {exc}") from None
        target.write_bytes(document)
        for written, text in filled.items():
            written.write_text(text, encoding="utf-8")
        build.pdfs_written.add(lang)
