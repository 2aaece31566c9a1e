"""The benchmark: build speed, scaling, preview rebuilds, page weight and chart runtime.

Run with `make bench`. Everything is measured in one run on this machine, on copies of the project
in a temporary folder, and written to bench/results/latest.json and bench/results/latest.md with a
pass/fail mark beside each budget. It is not part of `make test`: timings are not pass/fail tests.

Every build is cold: a build keeps nothing between processes (hooks/reportsite/cache.py), so it draws
every chart. Only the live preview (`mkdocs serve`, one process) keeps what it drew. The synthetic
reports' charts are all different (bench/synthetic.py): no chart's drawing stands in for another's.

For development, `python bench/run.py --only pages` (or builds, serve, scaling; with --sizes 10,100)
measures a part and prints it; only a full run writes bench/results/.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from synthetic import make_project  # noqa: E402
# The tests' loopback server (quiet, and silent when a browser abandons a request it no longer needs),
# with the paths pytest gives the tests (pyproject.toml, pythonpath).
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "hooks"), str(ROOT)]
from conftest import serve  # noqa: E402

RESULTS = ROOT / "bench" / "results"
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
MKDOCS = [sys.executable, "-m", "mkdocs"]
CHROMIUM = "/usr/bin/chromium"
REPEATS = 5
SIZES = (10, 100, 1000)
RUNTIME = "vega-bundle.js"

# The speed issue's budgets.
BUDGETS = {
    # The ratio against plain Material is reported, no longer a budget ("Light to change").
    "real_cold_s": 6.0,                 # the real site's build (every build is cold)
    "n100_cold_s": 15.0,                # N = 100 distinct charts, cold
    "n1000_cold_s": 35.0,
    "n1000_rss_mb": 600.0,
    "findings_first_kb": 100.0,         # findings page, first transfer before interaction, gzipped
    "findings_runtime_kb": 300.0,       # ... with the chart runtime loaded
    "interactive_ms": 200.0,            # chart interactive after the first pointer on it, loopback
    "serve_rebuild_s": 0.5,
    "dcl_ratio": 1.2,                   # findings page DOMContentLoaded / plain Material's, same run, loopback
    "hooks_lines": 3800,                # Python under hooks/
    "test_s": 240.0,                    # make test's pytest run (two processes)
    "test_fast_s": 30.0,                # make test-fast
}


# -- process measurement ---------------------------------------------------------------------

def _tree_rss_kb(root_pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
        match = re.search(r"VmRSS:\s+(\d+)", status)
        rss[int(entry)] = int(match.group(1)) if match else 0
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def run_measured(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Run a command; return its wall time in seconds and the peak RSS of its process tree in MB."""
    # The output goes to a file: a pipe that nobody reads while polling fills up and stops the build.
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=log, stderr=subprocess.STDOUT)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.02)
        elapsed = time.perf_counter() - start
        log.seek(0)
        output = log.read()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed in {cwd}:\n{output[-3000:]}")
    return elapsed, peak / 1024


def copy_real_project(dest: Path) -> Path:
    return make_project(dest, 0)


def build_cmd(config: str = "mkdocs.yml", site: str = "site") -> list[str]:
    return [*MKDOCS, "build", "--strict", "-q", "-f", config, "-d", site]


def cold_build(project: Path) -> tuple[float, float]:
    return run_measured(build_cmd(), project)


def distinct_charts(site: Path) -> int:
    """Distinct light chart SVGs in a built site (the dark ones are derived from them, not drawn)."""
    return len({p.read_bytes() for p in (site / "assets" / "charts").glob("*.svg") if p.suffixes[-2] != ".dark"})


# -- measurements ------------------------------------------------------------------------------

def measure_builds(work: Path) -> dict:
    project = copy_real_project(work / "real")
    # The same pages, languages and plugins with Material as it comes: no hooks, no theme overrides
    # (an empty custom_dir), so the difference is what this project adds.
    (project / "plain-theme").mkdir()
    (project / "plain.yml").write_text("INHERIT: mkdocs.yml\nhooks: []\ntheme:\n  custom_dir: plain-theme\n",
                                       encoding="utf-8")
    # The same plain build with only the project's hook for the theme's Jinja environment added
    # (hooks/template_cache.py: templates compiled once, hidden folders not listed): how much of the
    # difference is that hook, which plain Material could have too.
    (project / "plain_template_cache.py").write_text(
        "import pathlib, sys\n\nsys.path.insert(0, str(pathlib.Path(__file__).parent / 'hooks'))\n"
        "from template_cache import on_config  # noqa: E402, F401\n", encoding="utf-8")
    (project / "plain-cached.yml").write_text("INHERIT: plain.yml\nhooks:\n  - plain_template_cache.py\n",
                                              encoding="utf-8")
    real, plain, plain_cached = [], [], []
    for _ in range(REPEATS):                               # alternating, so load affects them alike
        real.append(cold_build(project)[0])
        plain.append(run_measured(build_cmd("plain.yml", "plain-site"), project)[0])
        plain_cached.append(run_measured(build_cmd("plain-cached.yml", "plain-cached-site"), project)[0])
    # What an editor runs: `make site`'s tools/build_site.py, the web site and the offline bundle side
    # by side, and the zip.
    make_site = [run_measured([sys.executable, str(ROOT / "tools" / "build_site.py"), "--project", str(project),
                               "--site", str(work / "make-site" / "site"), "--dist", str(work / "make-site" / "dist")],
                              project)[0] for _ in range(3)]
    return {
        "make_site_s": statistics.median(make_site),
        "make_site_runs_s": make_site,
        "real_build_s": statistics.median(real),
        "plain_build_s": statistics.median(plain),
        "build_ratio": statistics.median(real) / statistics.median(plain),
        "plain_cached_build_s": statistics.median(plain_cached),
        "build_ratio_cached": statistics.median(real) / statistics.median(plain_cached),
        "plain_cached_runs_s": plain_cached,
        "real_runs_s": real,
        "plain_runs_s": plain,
        "project": project,
    }


def measure_scaling(work: Path, sizes=SIZES) -> dict:
    rows = {}
    for n in sizes:
        repeats = 1 if n >= 1000 else 3
        project = make_project(work / f"synthetic-{n}", n)
        cold, peaks = [], []
        for _ in range(repeats):
            seconds, peak = cold_build(project)
            cold.append(seconds)
            peaks.append(peak)
        drawn = distinct_charts(project / "site")
        if drawn < 2 * n:   # one per chart and language: else the benchmark's data is too easy
            raise RuntimeError(f"N = {n}: {drawn} distinct chart SVGs, fewer than 2 per chart")
        rows[n] = {"cold_s": statistics.median(cold), "cold_runs_s": cold, "svgs_drawn": drawn,
                   "peak_rss_mb": max(peaks), "charts": n}
        shutil.rmtree(project)
    result: dict = {"rows": rows}
    if 100 in rows and 1000 in rows:
        result["ms_per_chart_cold"] = (rows[1000]["cold_s"] - rows[100]["cold_s"]) / 900 * 1000
    return result


def measure_serve_rebuild(project: Path) -> dict:
    """Edit one finding's text while `mkdocs serve` runs; time until it has rebuilt and reloads browsers."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([*MKDOCS, "serve", "--strict", "-a", f"127.0.0.1:{port}", "--watch", "data"],
                            cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[tuple[float, str]] = []

    def read() -> None:
        for line in proc.stdout:
            lines.append((time.perf_counter(), line))

    threading.Thread(target=read, daemon=True).start()

    def wait_for(pattern: str, after: int, timeout: float = 120) -> tuple[float, int]:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            for i in range(after, len(lines)):
                if pattern in lines[i][1]:
                    return lines[i][0], i + 1
            time.sleep(0.01)
        raise RuntimeError(f"mkdocs serve did not print {pattern!r}:\n" + "".join(l for _, l in lines[-30:]))

    findings = project / "data" / "findings.yml"
    original = findings.read_text(encoding="utf-8")
    needle = "fått bistand fra leverandørutviklingsprogrammet."
    try:
        _, seen = wait_for("Serving on", 0)
        times, detect = [], []
        for i in range(3):
            edited = original.replace(needle, needle[:-1] + (" igjen." if i % 2 == 0 else "."), 1)
            start = time.perf_counter()
            findings.write_text(edited, encoding="utf-8")
            changed, seen = wait_for("Detected file changes", seen)
            done, seen = wait_for("Reloading browsers", seen)
            times.append(done - start)
            detect.append(done - changed)
            time.sleep(0.5)
    finally:
        findings.write_text(original, encoding="utf-8")
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    return {"serve_rebuild_s": statistics.median(times), "serve_rebuild_after_detect_s": statistics.median(detect),
            "serve_runs_s": times}


KINDS = {"document": "html", "stylesheet": "css", "script": "js", "image": "images"}
WEIGHT_KINDS = ("html", "css", "js", "images", "other")


def _weights(requests: list, base: str) -> dict:
    weights = {k: [0, 0] for k in WEIGHT_KINDS}
    for request in requests:
        response = request.response()
        if response is None or not request.url.startswith(base):
            continue
        body = response.body()
        kind = KINDS.get(request.resource_type, "other")
        weights[kind][0] += len(body)
        weights[kind][1] += len(gzip.compress(body, 6, mtime=0))
    weights["total"] = [sum(weights[k][0] for k in WEIGHT_KINDS), sum(weights[k][1] for k in WEIGHT_KINDS)]
    return weights


def _reach_first_chart(page) -> None:
    """A reader's first pointer on a chart; returns when the chart is interactive."""
    page.locator("figure.report-chart .report-chart__view").first.hover()
    page.wait_for_function("() => document.querySelector('figure.report-chart').dataset.chartState === 'interactive'",
                           timeout=20000)


# From the reader's first pointer on the chart (charts.js marks it) to the runtime loaded and run,
# and to the chart's interactive view in place.
INTERACTIVE_MS = """() => {
    const at = name => performance.getEntriesByName(name)[0].startTime;
    const reached = at('report-chart-reached');
    return {runtime: at('report-runtime-loaded') - reached, drawn: at('report-chart-drawn') - reached};
}"""


NAVIGATION_MS = """() => {
    const n = performance.getEntriesByType('navigation')[0];
    return {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd};
}"""


def measure_navigation(browser, urls: dict[str, str], runs: int = 2 * REPEATS + 1) -> dict:
    """DOMContentLoaded and the load event of each URL, alternating, each in a fresh context (no cache)."""
    samples: dict[str, list[dict]] = {name: [] for name in urls}
    for _ in range(runs):
        for name, url in urls.items():
            context = browser.new_context()
            page = context.new_page()
            page.goto(url, wait_until="load")
            page.wait_for_function("() => performance.getEntriesByType('navigation')[0].loadEventEnd > 0")
            samples[name].append(page.evaluate(NAVIGATION_MS))
            context.close()
    return {name: {"dcl_ms": statistics.median(x["dcl"] for x in rows),
                   "load_ms": statistics.median(x["load"] for x in rows),
                   "dcl_runs_ms": [round(x["dcl"]) for x in rows]} for name, rows in samples.items()}


def measure_pages(site: Path, plain_site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    results: dict = {}
    with serve(site) as base, serve(plain_site) as plain_base:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu",
                                        "--disable-background-networking", "--disable-component-update"])
            for name, path in (("front", ""), ("findings", "funn/")):
                context = browser.new_context()
                page = context.new_page()
                finished: list = []
                page.on("requestfinished", lambda r: finished.append(r))
                page.goto(base + path, wait_until="networkidle")
                first = list(finished)
                entry = {"first": _weights(first, base),
                         "first_loads_runtime": any(r.url.endswith("/" + RUNTIME) for r in first)}
                if page.locator("figure.report-chart").count():
                    _reach_first_chart(page)
                    page.wait_for_load_state("networkidle")
                    entry["with_runtime"] = _weights(finished, base)
                results[name] = entry
                context.close()
            for scheme, url in (("http", base + "funn/"), ("file", (site / "funn" / "index.html").as_uri())):
                samples = []
                for _ in range(REPEATS):
                    context = browser.new_context()  # its own HTTP cache: the runtime loads afresh
                    page = context.new_page()
                    page.goto(url, wait_until="networkidle")
                    _reach_first_chart(page)
                    samples.append(page.evaluate(INTERACTIVE_MS))
                    context.close()
                results[f"interactive_{scheme}"] = {
                    "median_ms": statistics.median(x["drawn"] for x in samples),
                    "runtime_median_ms": statistics.median(x["runtime"] for x in samples),
                    "runs_ms": [x["drawn"] for x in samples]}
            results["navigation"] = measure_navigation(browser, {"real": base + "funn/", "plain": plain_base + "funn/"})
            for name, folder in (("real", site), ("plain", plain_site)):
                results["navigation"][name]["html_bytes"] = (folder / "funn" / "index.html").stat().st_size
            browser.close()
    return results


def measure_code_and_tests() -> dict:
    """The Python under hooks/ (lines, as git tracks it), and the wall time of the test tiers as the
    Makefile runs them (make test's pytest command, make test-fast's)."""
    files = subprocess.run(["git", "ls-files", "hooks/*.py", "hooks/**/*.py"], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.split()
    lines = sum(len((ROOT / f).read_text(encoding="utf-8").splitlines()) for f in files)
    times = {}
    for name, marks in (("test_fast_s", ["-m", "not browser and not build"]), ("test_s", ["--dist", "loadgroup"])):
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "2", *marks, "-p", "no:cacheprovider"],
                              cwd=ROOT, capture_output=True, text=True)
        times[name] = time.perf_counter() - start
        times[name.replace("_s", "_summary")] = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    return {"hooks_lines": lines, **times}


def measure_fonts(site: Path) -> dict:
    """The site's font files (hooks/reportsite/fonts.py) and the glyphs each static chart SVG carries."""
    files = {p.relative_to(site).as_posix(): p.stat().st_size for p in sorted((site / "assets" / "fonts").glob("*.woff2"))}
    embedded = []
    for svg in sorted((site / "assets" / "charts").glob("*.svg")):
        text = svg.read_text(encoding="utf-8")
        embedded.append((len(text.encode()), sum(len(m) * 3 // 4 for m in re.findall(r"base64,([A-Za-z0-9+/=]+)", text))))
    return {"files": files, "svgs": len(embedded),
            "svg_font_bytes_mean": statistics.mean(f for _, f in embedded) if embedded else 0,
            "svg_bytes_mean": statistics.mean(t for t, _ in embedded) if embedded else 0}


def fonts_report(f: dict) -> str:
    lines = ["", "## Fonts", "",
             "The site's one typeface (Open Sans from the `fontpkg-open-sans` package, subset to Latin with the "
             "Norwegian letters at build time; `hooks/reportsite/fonts.py`). Each weight is two files: the first "
             "(Basic Latin, the Norwegian letters and punctuation) every page preloads; the second (the rest of "
             "Latin) a browser fetches only for a page that shows one of its characters.", "",
             "| File | Size |", "| --- | --- |"]
    lines += [f"| `{name}` | {size / 1024:.1f} KB ({size} bytes) |" for name, size in f["files"].items()]
    first = [size for name, size in f["files"].items() if "-more" not in name]
    lines.append(f"| The files every page loads (the first of each weight) | {sum(first) / 1024:.1f} KB |")
    lines.append(f"| Glyphs carried by each static chart SVG (mean of {f['svgs']}, decoded) | "
                 f"{f['svg_font_bytes_mean'] / 1024:.1f} KB of an SVG of {f['svg_bytes_mean'] / 1024:.1f} KB |")
    return "\n".join(lines) + "\n"


def offline_zip() -> dict:
    zips = sorted((ROOT / "dist").glob("*.zip"))
    if not zips:
        return {"zip": None}
    return {"zip": zips[-1].name, "zip_kb": zips[-1].stat().st_size / 1024}


def machine() -> dict:
    cpu = ""
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                   if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    return {"cpu": cpu or platform.processor(), "cores": os.cpu_count(),
            "memory_gb": round(int(mem.group(1)) / 1024 / 1024, 1) if mem else None,
            "python": platform.python_version(), "system": platform.platform(), "commit": commit,
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


# -- report ------------------------------------------------------------------------------------

def _mark(ok: bool) -> str:
    return "pass" if ok else "FAIL"


def _kb(value: int) -> str:
    return f"{value / 1024:.0f}"


def report(r: dict) -> str:
    m = r["machine"]
    lines = [
        "# Benchmark results", "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; {m['system']}; Python {m['python']}; "
        f"commit {m['commit']}; {m['date']}. Load average (1, 5, 15 min) when it started: "
        f"{', '.join(map(str, m['load_average']))}; at the end: {', '.join(map(str, r['load_average_end']))} "
        "(other work on the machine slows every figure below).", "",
        "All measured in this one run (`make bench`). Every build starts afresh (nothing is kept between builds "
        "but in the live preview), so every chart is drawn. Budgets from the speed issues; pass or FAIL beside each.", "",
        "| Measure | Value | Budget | Result |", "| --- | --- | --- | --- |",
    ]
    b = r["builds"]
    lines += [
        f"| Real site build (median of {REPEATS}, alternating with the plain build) | {b['real_build_s']:.2f} s | "
        f"≤ {BUDGETS['real_cold_s']:.0f} s | {_mark(b['real_build_s'] <= BUDGETS['real_cold_s'])} |",
        f"| Plain Material build of the same pages, hooks and overrides off (median of {REPEATS}) | "
        f"{b['plain_build_s']:.2f} s | | |",
        f"| Ratio real / plain | {b['build_ratio']:.2f} | | |",
        f"| … against the plain build with the same hook for the theme's templates (`hooks/template_cache.py`, which plain "
        f"Material lacks; median of {REPEATS}: {b['plain_cached_build_s']:.2f} s) | {b['build_ratio_cached']:.2f} | | |",
        f"| `make site`'s build (tools/build_site.py): the web site and the offline bundle side by side, and the zip "
        f"(median of 3) | {b['make_site_s']:.2f} s | | |",
    ]
    s = r["scaling"]
    rows = s["rows"]
    for n, row in rows.items():
        lines.append(f"| Synthetic report, N = {n} findings with a distinct chart each, both languages | "
                     f"{row['cold_s']:.2f} s (peak RSS {row['peak_rss_mb']:.0f} MB, {row['svgs_drawn']} distinct SVGs "
                     f"drawn) | | |")
    if 100 in rows:
        lines.append(f"| N = 100, cold | {rows[100]['cold_s']:.1f} s | ≤ {BUDGETS['n100_cold_s']:.0f} s | "
                     f"{_mark(rows[100]['cold_s'] <= BUDGETS['n100_cold_s'])} |")
    if 1000 in rows:
        big = rows[1000]
        peak = big["peak_rss_mb"]
        lines += [
            f"| N = 1000, cold | {big['cold_s']:.1f} s | ≤ {BUDGETS['n1000_cold_s']:.0f} s | "
            f"{_mark(big['cold_s'] <= BUDGETS['n1000_cold_s'])} |",
            f"| N = 1000, peak memory (RSS of the build's process tree) | {peak:.0f} MB | "
            f"≤ {BUDGETS['n1000_rss_mb']:.0f} MB | {_mark(peak <= BUDGETS['n1000_rss_mb'])} |",
        ]
    if "ms_per_chart_cold" in s:
        lines += [
            f"| What a chart costs, N 100 → 1000 (one finding with its chart, both languages, light and dark), "
            f"| {s['ms_per_chart_cold']:.1f} ms | | |",
        ]
    sv = r["serve"]
    rebuild = sv["serve_rebuild_after_detect_s"]
    lines += [
        f"| `mkdocs serve` rebuild after a finding's text changes (from MkDocs noticing the change to its "
        f"telling browsers to reload, median of {len(sv['serve_runs_s'])}) | {rebuild:.2f} s | "
        f"≤ {BUDGETS['serve_rebuild_s']} s | {_mark(rebuild <= BUDGETS['serve_rebuild_s'])} |",
        f"| … from the edit itself (MkDocs looks for changed files every 0.5 s, which `mkdocs serve` does not let "
        f"one change, and waits 0.1 s more for further edits) | {sv['serve_rebuild_s']:.2f} s | | |",
    ]
    pg = r["pages"]
    for name, label in (("front", "Front page"), ("findings", "Findings page")):
        w = pg[name]["first"]
        parts = ", ".join(f"{k} {_kb(w[k][0])}/{_kb(w[k][1])}" for k in WEIGHT_KINDS)
        lines.append(f"| {label}, first transfer before any interaction, KB raw/gzipped: {parts} | "
                     f"total {_kb(w['total'][0])} KB raw, {_kb(w['total'][1])} KB gzipped | | |")
    first = pg["findings"]["first"]["total"][1] / 1024
    loaded = pg["findings"]["with_runtime"]["total"][1] / 1024
    runtime_first = pg["findings"]["first_loads_runtime"] or pg["front"]["first_loads_runtime"]
    lines += [
        f"| Chart runtime ({RUNTIME}) in a first transfer | {'yes' if runtime_first else 'no'} | no | "
        f"{_mark(not runtime_first)} |",
        f"| Findings page, first transfer, gzipped | {first:.0f} KB | ≤ {BUDGETS['findings_first_kb']:.0f} KB | "
        f"{_mark(first <= BUDGETS['findings_first_kb'])} |",
        f"| Findings page with the chart runtime loaded (after a pointer on a chart), gzipped | {loaded:.0f} KB | "
        f"≤ {BUDGETS['findings_runtime_kb']:.0f} KB | {_mark(loaded <= BUDGETS['findings_runtime_kb'])} |",
    ]
    for scheme in ("http", "file"):
        it = pg[f"interactive_{scheme}"]
        where = "over loopback HTTP" if scheme == "http" else "from file://"
        budget = f"≤ {BUDGETS['interactive_ms']:.0f} ms" if scheme == "http" else ""
        result = _mark(it["median_ms"] <= BUDGETS["interactive_ms"]) if scheme == "http" else ""
        lines.append(f"| Chart interactive after the first pointer on it, {where} (runtime not cached, median of "
                     f"{len(it['runs_ms'])}) | {it['median_ms']:.0f} ms, of which {it['runtime_median_ms']:.0f} ms "
                     f"to load and run the runtime | {budget} | {result} |")
    nav = pg["navigation"]
    ratio = nav["real"]["dcl_ms"] / nav["plain"]["dcl_ms"]
    lines += [
        f"| Findings page over loopback, fresh cache (median of {len(nav['real']['dcl_runs_ms'])}, alternating): "
        f"DOMContentLoaded / load event | {nav['real']['dcl_ms']:.0f} / {nav['real']['load_ms']:.0f} ms | | |",
        f"| … plain Material's findings page (its shortcodes left unexpanded: {_kb(nav['plain']['html_bytes'])} KB of HTML "
        f"against {_kb(nav['real']['html_bytes'])} KB) | {nav['plain']['dcl_ms']:.0f} / {nav['plain']['load_ms']:.0f} ms | | |",
        f"| DOMContentLoaded, real / plain | {ratio:.2f} | ≤ {BUDGETS['dcl_ratio']} | {_mark(ratio <= BUDGETS['dcl_ratio'])} |",
    ]
    if "code" in r:
        c = r["code"]
        lines += [
            f"| Python under `hooks/` (lines) | {c['hooks_lines']} | ≤ {BUDGETS['hooks_lines']} | "
            f"{_mark(c['hooks_lines'] <= BUDGETS['hooks_lines'])} |",
            f"| `make test`'s pytest, two processes ({c['test_summary']}) | {c['test_s']:.0f} s | "
            f"≤ {BUDGETS['test_s']:.0f} s | {_mark(c['test_s'] <= BUDGETS['test_s'])} |",
            f"| `make test-fast` ({c['test_fast_summary']}) | {c['test_fast_s']:.1f} s | "
            f"≤ {BUDGETS['test_fast_s']:.0f} s | {_mark(c['test_fast_s'] <= BUDGETS['test_fast_s'])} |",
        ]
    z = r["zip"]
    lines.append(f"| Offline zip | {z['zip']}: {z['zip_kb']:.0f} KB | | |" if z["zip"]
                 else "| Offline zip | not found in dist/ (run `make site` first) | | |")
    return "\n".join(lines) + "\n" + (fonts_report(r["fonts"]) if "fonts" in r else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="measure only these parts (comma-separated: builds, pages, serve, scaling, "
                                       "tests); "
                                       "prints, writes nothing")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)),
                        help="synthetic report sizes; any but the default makes a partial run")
    args = parser.parse_args()
    parts = set(args.only.split(",")) if args.only else {"builds", "pages", "serve", "scaling", "tests"}
    sizes = tuple(int(n) for n in args.sizes.split(","))
    full = not args.only and sizes == SIZES
    results: dict = {"machine": machine(), "budgets": BUDGETS}
    with tempfile.TemporaryDirectory(prefix="report-bench-") as tmp:
        work = Path(tmp)
        project = None
        if parts & {"builds", "pages", "serve"}:
            print("measuring builds (real and plain) ...", flush=True)
            builds = measure_builds(work)
            project = builds.pop("project")
            results["builds"] = builds
        if "pages" in parts:
            print("measuring pages ...", flush=True)
            results["pages"] = measure_pages(project / "site", project / "plain-site")
            results["fonts"] = measure_fonts(project / "site")
        if "serve" in parts:
            print("measuring mkdocs serve ...", flush=True)
            results["serve"] = measure_serve_rebuild(project)
        if "scaling" in parts:
            print(f"measuring synthetic reports (N = {', '.join(map(str, sizes))}) ...", flush=True)
            results["scaling"] = measure_scaling(work, sizes)
    if "tests" in parts:
        print("measuring the code's size and the test tiers' time ...", flush=True)
        results["code"] = measure_code_and_tests()
    results["zip"] = offline_zip()
    results["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    if not full:
        print(json.dumps(results, indent=2, default=str))
        if parts >= {"builds", "pages", "serve", "scaling"}:
            print(report(results))
        print("A partial run: bench/results/ left as it was.")
        return
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    table = report(results)
    (RESULTS / "latest.md").write_text(table, encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
