"""Shared fixtures: real builds of the real site (and of edited copies), a loopback server, Chromium."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from reportsite import siteconfig
from reportsite.model import SiteData, load_site_data
from tools import project as _project
from tools.project import MAKE_PARTS, PROJECT_PARTS  # noqa: F401  (tests import them from here)

ROOT = Path(__file__).resolve().parent.parent
# The project's configuration as the build reads it (mkdocs.yml, with SITE_URL from the environment).
SITE = siteconfig.load(ROOT)
LANGUAGES = SITE.codes
DEFAULT_LANGUAGE = SITE.default_language


def lang_root(lang: str) -> str:
    """The folder of a language's pages in the built site: '' for the default language, 'en/'."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def language_pairs(site=SITE) -> tuple[tuple[str, str], ...]:
    return tuple((lang.code, lang.name) for lang in site.languages)


def load_data(project: Path = ROOT) -> SiteData:
    """The project's data, loaded and validated as the build does."""
    site = SITE if project == ROOT else siteconfig.load(project)
    return load_site_data(project / "data", language_pairs(site), project)
MKDOCS = [sys.executable, "-m", "mkdocs"]
CHROMIUM = "/usr/bin/chromium"


@dataclass
class BuildResult:
    project: Path
    site: Path
    returncode: int
    output: str


def build(project: Path, site: Path, env: dict[str, str] | None = None) -> BuildResult:
    """Run the real `mkdocs build --strict` on a project folder (env: extra environment variables)."""
    _only_in_build_tests("mkdocs build")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    proc = subprocess.run([*MKDOCS, "build", "--strict", "--site-dir", str(site)], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)
    return BuildResult(project, site, proc.returncode, proc.stdout + proc.stderr)


def copy_project(dest: Path, root: Path = ROOT, parts=PROJECT_PARTS) -> Path:
    """A copy of the project's sources at dest, to edit and build (tools/project.py)."""
    _project.copy_project(dest, root, parts)
    return dest


# -- made once per test run, shared by pytest-xdist's workers ------------------------------------

def _run_folder(config) -> Path:
    """A folder of this test run that every xdist worker sees: the workers' base folders' parent."""
    base = config._tmp_path_factory.getbasetemp()
    return base.parent if hasattr(config, "workerinput") else base


def once_per_run(config, name: str, make) -> Path:
    """The folder `name`, made by make(folder) once per test run: the first worker to get here makes
    it while holding a lock, the others wait and use it (a failed attempt is made again)."""
    run = _run_folder(config)
    folder, done = run / name, run / f"{name}.done"
    with open(run / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


def configured_site_url() -> str:
    """The site_url the build uses: mkdocs.yml's, or the SITE_URL environment variable's (as in CI)."""
    return SITE.site_url


def site_pages(site: Path) -> list[str]:
    """The URL path of every page of a built site, relative to its root: "", "funn/", "en/funn/", ..."""
    return sorted("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
                  for p in site.rglob("index.html"))


def _bundle(config, name: str = "build", assemble=None) -> Path:
    """The folder of what `make site` builds (site/, dist/), once per test run: from the project, or
    from the project assemble(folder) puts together (an example report's)."""
    def make(out: Path) -> None:
        project = assemble(out / "project") if assemble else ROOT
        result = _build_site_unguarded(project, out / "site", out / "dist")
        (out / "result.json").write_text(json.dumps({"zip": result.zip_path.name, "epoch": result.epoch}))
    return once_per_run(config, name, make)


def _example_bundle(config) -> Path:
    """The example report (examples/charts/) built as `make example` builds it, once per test run."""
    return _bundle(config, "example", _project.assemble_example)


def _bundle_result(out: Path):
    from tools import build_site

    result = json.loads((out / "result.json").read_text())
    return build_site.BuildResult(out / "site", out / "dist" / result["zip"], result["epoch"])


@pytest.fixture(scope="session")
def built_bundle(request):
    """What `make site` builds (tools/build_site.py): the web site and the offline zip; built once per
    test run (every xdist worker reads the same one)."""
    return _bundle_result(_bundle(request.config))


@pytest.fixture(scope="session")
def example_bundle(request):
    """The example report's web site and offline zip, with its project (made-up figures, never in
    data/); built once per test run, like built_bundle."""
    return _bundle_result(_example_bundle(request.config))


@pytest.fixture(scope="session")
def built_site(built_bundle) -> Path:
    return built_bundle.site


VARIANT_SITE_EPOCH = "1583971200"   # 2020-03-12
# The site's publisher, which the real data leaves out (its sources name none), given with markup to escape.
VARIANT_PUBLISHER = {"nb": "Departement & <b>Co</b>", "nn": "Departementet & <b>Co</b>", "en": "Ministry & <b>Co</b>"}


@pytest.fixture(scope="session")
def variant_site_folder(request) -> Path:
    """The real site with what its data leaves out: the share of small municipalities given a decimal
    (27.8 for 28), so pages and tooltips show whether a number's format is the page's, and a site
    publisher (VARIANT_PUBLISHER, with contact and statement); built once per test run, as of another day
    than the commit's (VARIANT_SITE_EPOCH: tests/test_determinism.py reads its dates). Its project is
    beside it (project/)."""
    def make(folder: Path) -> None:
        project = copy_project(folder / "project")
        findings = project / "data" / "findings.yml"
        text = findings.read_text(encoding="utf-8")
        assert text.count("value: 28\n") == 1
        findings.write_text(text.replace("value: 28\n", "value: 27.8\n"), encoding="utf-8")
        report = project / "data" / "report.yml"
        text = report.read_text(encoding="utf-8")
        assert text.count("\nsources:\n") == 1 and "\nsite_publisher:" not in text
        name = ", ".join(f"{lang}: '{VARIANT_PUBLISHER[lang]}'" for lang in LANGUAGES)
        report.write_text(text.replace("\nsources:\n", (
            f"\nsite_publisher:\n  name: {{{name}}}\n"
            "  contact: {email: post@example.invalid, url: 'https://example.invalid/kontakt'}\n"
            "  uustatus_url: https://uustatus.no/nb/erklaringer/publisert/example\n"
            "sources:\n")), encoding="utf-8")
        result = build(project, folder / "site", env={"SOURCE_DATE_EPOCH": VARIANT_SITE_EPOCH})
        assert result.returncode == 0, result.output

    return once_per_run(request.config, "variant-site", make) / "site"


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A copy of the project to edit (and, in a `build` test, to build)."""
    return copy_project(tmp_path / "project")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}
    headers_for = None  # optional: path -> headers, for headers that differ by address

    def end_headers(self):
        headers = self.headers_for(self.path.lstrip("/")) if self.headers_for else self.extra_headers
        for name, value in headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that moves on abandons what it was still fetching (a PDF, say): no fault of the site,
        # and no traceback in the test run's output. Anything else is printed as the server would.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: Path, headers=None, handler=None, prefix: str = "/"):
    """Serve a folder on a loopback port for the duration of the block; yields the base URL.

    headers: sent with every response, as a host would (a Content-Security-Policy, say); or a
    function from the request's path to the headers for it. handler: a request handler class of
    one's own (a host's quirks); prefix: the path the site is served under, for the URL yielded.
    """
    attrs = {"headers_for": staticmethod(headers)} if callable(headers) else {"extra_headers": dict(headers or {})}
    handler_class = type("_Handler", (handler or _QuietHandler,), attrs)
    handler = functools.partial(handler_class, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium package")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    yield page
    context.close()


def search_for(page, query: str, timeout: float = 20000):
    """Search the way a reader does: type into Material's search box, then wait for results.

    Typing key by key (not fill()) matters: Material can miss a value set before it has wired up
    the box; the retry re-types once for the same reason.
    """
    box = page.locator("input.md-search__input")
    results = page.locator(".md-search-result__item")
    for attempt in range(2):
        box.click()
        box.press("Control+a")
        box.press("Backspace")
        box.press_sequentially(query, delay=30)
        try:
            results.first.wait_for(state="visible", timeout=timeout / 2)
            return results
        except Exception:
            if attempt:
                raise
    return results



def render_page(markdown: str, lang: str = DEFAULT_LANGUAGE, url: str = "test/", data: SiteData | None = None,
                site=SITE):
    """A page's Markdown through the build's own steps (reportsite.pipeline, which the build's hooks
    run), in-process: placed, resolved, expanded, converted, HTML inserted, after-search parts back.
    Returns pipeline.Rendered (markdown, searched, html, chart_ids); raises SiteDataError with the
    problems the build would report."""
    from reportsite import pipeline, validate
    from reportsite.paths import SitePaths
    from reportsite.render import PageContext

    paths = SitePaths(site.codes, site.directory_urls)
    root = paths.root(lang)
    ctx = PageContext(lang=lang, src=f"content/{lang}/test.md", url=root + url, findings_url=root + "funn/",
                      paths=paths, site_url=site.site_url, site_name=site.language(lang).site_name)
    return pipeline.render(markdown, data or load_data(), ctx, site.templates_dir, validate._markdown(site))


# The fixtures every build of the project (or of the example report) in the tests goes through (the
# others use them), each with what builds it once per run.
BUNDLES = {"built_bundle": _bundle, "example_bundle": _example_bundle}
BUILD_FIXTURES = set(BUNDLES)
_current_test: pytest.Item | None = None
_build_site_unguarded = None   # tools/build_site.py's build, for the run's own build (pytest_configure)


def _builds(item) -> bool:
    return bool(BUILD_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config, items):
    """Every test that opens Chromium carries the `browser` marker, and every test that builds a site
    the `build` marker, so `-m "not browser and not build"` (make test-fast) runs neither. The tests
    that need neither run first, while the site is built (pytest_collection_finish)."""
    problems = []
    for marker, uses in (("browser", lambda item: "browser" in getattr(item, "fixturenames", ())), ("build", _builds)):
        unmarked = [item.nodeid for item in items if uses(item) and item.get_closest_marker(marker) is None]
        if unmarked:
            problems.append(f"tests that use a {marker} fixture without @pytest.mark.{marker}: " + ", ".join(unmarked))
    if problems:
        raise pytest.UsageError("\n".join(problems))
    items.sort(key=lambda item: bool(item.get_closest_marker("build") or item.get_closest_marker("browser")))


def pytest_collection_finish(session):
    """When tests that read the built site (or the example's) will run, start building it at once, in
    the background (the first xdist worker to get here builds it, the other waits), while the other
    tests run. A run that only collects (`--collect-only`, as tests/test_statement.py runs one) builds
    nothing: its builds would outlive it, two processes using both cores while the tests go on."""
    if session.config.option.collectonly:
        return
    wanted = [make for fixture, make in BUNDLES.items()
              if any(fixture in getattr(item, "fixturenames", ()) for item in session.items)]
    if wanted:
        def build_in_background() -> None:
            for make in wanted:
                try:
                    make(session.config)
                except Exception:   # noqa: BLE001  the fixtures build it again, and show why it fails
                    pass
        threading.Thread(target=build_in_background, daemon=True).start()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    global _current_test
    _current_test = item   # before its fixtures are set up: a module fixture's build counts as the test's


def _only_in_build_tests(what: str) -> None:
    """A build started by a test (or its fixtures) without the `build` marker fails that test."""
    if _current_test is not None and _current_test.get_closest_marker("build") is None:
        pytest.fail(f"{_current_test.nodeid} runs {what}: mark it @pytest.mark.build", pytrace=False)


def pytest_configure(config):
    global _build_site_unguarded
    from tools import build_site

    _build_site_unguarded = original = build_site.build

    @functools.wraps(original)
    def guarded(*args, **kwargs):
        _only_in_build_tests("tools/build_site.py's build")
        return original(*args, **kwargs)
    build_site.build = guarded


# Functions, not expressions: Playwright evaluates an expression with eval, which the site's
# Content Security Policy refuses.

# Conditions to wait for instead of a fixed time: the next frame drawn (what a key or pointer
# changed is on screen), the main thread idle, every CSS transition ended.
NEXT_FRAME = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done())))"
IDLE = "() => new Promise(done => requestIdleCallback(() => done(), {timeout: 5000}))"
TRANSITIONS_ENDED = """() => document.getAnimations()
    .every(a => !(a instanceof CSSTransition) || a.playState !== 'running')"""

CHARTS_SETTLED = """() => Array.from(document.querySelectorAll('figure.report-chart'))
    .every(f => f.dataset.chartState === 'interactive' || f.dataset.chartState === 'static')"""


def reach_for_charts(page, timeout: float = 20000) -> None:
    """Do what a reader does to get a page's interactive charts: point at each one (the chart runtime
    loads on the first). Waits until every chart is drawn, or has stayed static because its view
    could not start (a strict Content Security Policy, the runtime blocked)."""
    page.wait_for_function("() => document.documentElement.dataset.chartsReady !== undefined "
                           "|| !document.querySelector('figure.report-chart')", timeout=timeout)
    for view in page.locator("figure.report-chart .report-chart__view").all():
        view.hover()
    page.wait_for_function(CHARTS_SETTLED, timeout=timeout)
