"""Check a built site's links from its HTML files, as a reader's browser would follow them.

For every page of both languages: every internal link (a, link, script, img) leads to a file of
the site, every #anchor to an element with that id, the language switcher to the same page in the
other language; and every page can be reached from the front page through the navigation. Links
to other hosts are not followed; links to the site's own site_url are, in the web build.

Usage: python tools/linkcheck.py SITE_DIR SITE_URL [--no-directory-urls]
"""

from __future__ import annotations

import argparse
import posixpath
import sys
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "hooks"))
from reportsite.paths import SitePaths  # noqa: E402  (the site's own code, beside the hooks)


def project_paths(project: Path = PROJECT) -> SitePaths:
    """The site's languages, as mkdocs.yml declares them."""
    from reportsite import siteconfig

    return SitePaths(siteconfig.load(project).codes)

NOT_FOUND_PAGE = "404.html"   # reached by no link: the server shows it for a missing address
LICENCES_PAGE = "licences.html"  # one page in every language (hooks/licences.py): no counterparts to switch to
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")
LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}


@dataclass
class Link:
    tag: str
    url: str
    in_nav: bool
    hreflang: str | None = None
    switcher: bool = False


@dataclass
class ParsedPage:
    lang: str | None = None
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self.nav_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.page.lang = attrs.get("lang")
        if tag in ("nav", "footer"):   # the footer links every page to the statement and the licences
            self.nav_depth += 1
        for name in ("id", "name" if tag == "a" else None):
            if name and attrs.get(name):
                self.page.ids.add(attrs[name])
        attr = LINK_ATTRIBUTES.get(tag)
        if attr and attrs.get(attr) is not None:
            classes = (attrs.get("class") or "").split()
            self.page.links.append(Link(tag, attrs[attr], in_nav=self.nav_depth > 0,
                                        hreflang=attrs.get("hreflang"), switcher="md-select__link" in classes))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in ("nav", "footer"):
            self.nav_depth -= 1

    def handle_endtag(self, tag):
        if tag in ("nav", "footer"):
            self.nav_depth = max(0, self.nav_depth - 1)


def parse_page(html: str) -> ParsedPage:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser.page


def is_embed(path: str) -> bool:
    """A chart's embed page: made for an iframe elsewhere, so it has no navigation or switcher."""
    parts = path.split("/")
    return "embed" in parts[:2]


def counterpart(path: str, lang: str, paths: SitePaths) -> str:
    """The same page in another language: 'en/funn/index.html' -> 'funn/index.html' for 'nb'."""
    own = paths.language_of(path) if "/" in path else paths.default_language
    inner = path[len(paths.root(own)):]
    return paths.root(lang) + inner


class SiteChecker:
    def __init__(self, site_dir: Path, site_url: str, directory_urls: bool = True, paths: SitePaths | None = None):
        self.site = site_dir
        self.paths = paths or project_paths()
        self.site_url = site_url.rstrip("/") + "/"
        self.base_path = urlsplit(self.site_url).path
        self.directory_urls = directory_urls
        self.pages = {p.relative_to(site_dir).as_posix(): parse_page(p.read_text(encoding="utf-8"))
                      for p in sorted(site_dir.rglob("*.html"))}
        self.problems: list[str] = []

    def resolve(self, url: str, page: str) -> tuple[str | None, str]:
        """The site file a link leads to, relative to the site folder, and its fragment.

        None for links that leave the site. A path ending in '/' stands for its index.html.
        """
        if url.startswith(SKIPPED_SCHEMES):
            return None, ""
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            if not (self.directory_urls and url.startswith(self.site_url)):
                return None, ""   # another host; or, offline, the published site named on purpose
            path = parts.path[len(self.base_path):]
        elif parts.path.startswith("/"):
            if not parts.path.startswith(self.base_path):
                return "/" + parts.path.lstrip("/"), parts.fragment   # outside the site: reported missing
            path = parts.path[len(self.base_path):]
        elif parts.path:
            path = posixpath.join(posixpath.dirname(page), parts.path)
        else:
            return page, parts.fragment   # "#anchor" or "?query" on the page itself
        path = unquote(path)
        folder = path == "" or path.endswith(("/", "/.", "/..")) or path in (".", "..")
        path = posixpath.normpath(path) if path else "."
        path = "" if path == "." else path + ("/" if folder else "")
        if folder:
            path += "index.html"
        return path, parts.fragment

    def check_links(self) -> None:
        for page, parsed in self.pages.items():
            for link in parsed.links:
                target, fragment = self.resolve(link.url, page)
                if target is None:
                    continue
                where = f"{page}: <{link.tag}> {link.url}"
                if target.startswith("../") or target.startswith("/") or not (self.site / target).is_file():
                    self.problems.append(f"{where}: leads to {target}, which is not in the site")
                    continue
                if not self.directory_urls and urlsplit(link.url).path.endswith("/"):
                    self.problems.append(f"{where}: a folder link, which a file:// reader cannot open")
                if fragment and target.endswith(".html") and fragment not in self.pages[target].ids:
                    self.problems.append(f"{where}: no element on {target} has the id '{fragment}'")

    def check_switcher(self) -> None:
        for page, parsed in self.pages.items():
            if page in (NOT_FOUND_PAGE, LICENCES_PAGE) or is_embed(page):
                continue
            switcher = {link.hreflang: link for link in parsed.links if link.switcher}
            for lang in self.paths.languages:
                expected = counterpart(page, lang, self.paths)
                link = switcher.get(lang)
                if link is None:
                    self.problems.append(f"{page}: the language switcher has no link to '{lang}'")
                    continue
                target, _ = self.resolve(link.url, page)
                if target != expected:
                    self.problems.append(f"{page}: the switcher's '{lang}' link {link.url} leads to {target}, "
                                         f"not to the page's counterpart {expected}")
            expected_lang = self.paths.language_of(page) if "/" in page else self.paths.default_language
            if parsed.lang != expected_lang:
                self.problems.append(f"{page}: <html lang=\"{parsed.lang}\">, expected \"{expected_lang}\"")

    def check_reachable(self) -> None:
        """Every page is reached from the front page through navigation and the language switcher."""
        start = "index.html"
        seen, queue = {start}, deque([start])
        while queue:
            page = queue.popleft()
            for link in self.pages[page].links:
                if link.tag != "a" or not (link.in_nav or link.switcher):
                    continue
                target, _ = self.resolve(link.url, page)
                if target in self.pages and target not in seen:
                    seen.add(target)
                    queue.append(target)
        for page in sorted(p for p in set(self.pages) - seen - {NOT_FOUND_PAGE} if not is_embed(p)):
            self.problems.append(f"{page}: no navigation link leads to this page")

    def check(self) -> list[str]:
        if "index.html" not in self.pages:
            return [f"{self.site}: no index.html; is this a built site?"]
        self.check_links()
        self.check_switcher()
        self.check_reachable()
        return self.problems


def check_site(site_dir: Path, site_url: str, directory_urls: bool = True, paths: SitePaths | None = None) -> list[str]:
    """Every problem with the site's links, one line each; an empty list if there are none."""
    return SiteChecker(site_dir, site_url, directory_urls, paths).check()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("site_url")
    parser.add_argument("--no-directory-urls", action="store_true", help="the offline bundle: links are to files")
    args = parser.parse_args(argv)
    problems = check_site(args.site_dir, args.site_url, not args.no_directory_urls)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
