"""The benchmark: build speed, scaling, preview rebuilds, page weight and chart drawing time.

Run with `make bench`. Everything is measured in one run on this machine, on copies of the project
in a temporary folder, and written to bench/results/latest.json and bench/results/latest.md with a
pass/fail mark beside each budget. It is not part of `make test`: timings are not pass/fail tests.
"""

from __future__ import annotations

import gzip
import http.server
import functools
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

RESULTS = ROOT / "bench" / "results"
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
MKDOCS = [sys.executable, "-m", "mkdocs"]
CHROMIUM = "/usr/bin/chromium"
REPEATS = 5

BUDGETS = {
    "build_ratio": 1.3,            # real build / plain Material build of the same pages
    "ms_per_chart": 25.0,          # warm cost per additional chart (100 -> 1000 findings)
    "growth": 1.25,                # close to linear (or better) from 100 to 1000 findings
    "n1000_seconds": 60.0,
    "n1000_rss_mb": 1536.0,
    "serve_rebuild_s": 1.5,
    "findings_gzip_kb": 450.0,
    "first_chart_ms": 300.0,
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
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss_kb(proc.pid))
        time.sleep(0.02)
    elapsed = time.perf_counter() - start
    output = proc.stdout.read()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed in {cwd}:\n{output[-3000:]}")
    return elapsed, peak / 1024


def copy_real_project(dest: Path) -> Path:
    return make_project(dest, 0)


def build_cmd(config: str = "mkdocs.yml", site: str = "site") -> list[str]:
    return [*MKDOCS, "build", "--strict", "-q", "-f", config, "-d", site]


# -- measurements ------------------------------------------------------------------------------

def measure_builds(work: Path) -> dict:
    project = copy_real_project(work / "real")
    # The same pages, languages and plugins with Material as it comes: no hooks, no theme overrides
    # (an empty custom_dir), so the difference is what this project adds.
    (project / "plain-theme").mkdir()
    (project / "plain.yml").write_text("INHERIT: mkdocs.yml\nhooks: []\ntheme:\n  custom_dir: plain-theme\n",
                                       encoding="utf-8")
    cold, _ = run_measured(build_cmd(), project)          # fills the rendered-output cache
    real, plain = [], []
    for _ in range(REPEATS):                               # interleaved, so load affects both alike
        real.append(run_measured(build_cmd(), project)[0])
        plain.append(run_measured(build_cmd("plain.yml", "plain-site"), project)[0])
    shutil.rmtree(project / ".cache")
    cold_again = [run_measured(build_cmd(), project)[0]]
    return {
        "real_build_s": statistics.median(real),
        "plain_build_s": statistics.median(plain),
        "build_ratio": statistics.median(real) / statistics.median(plain),
        "real_build_cold_s": min(cold, *cold_again),
        "real_runs_s": real,
        "plain_runs_s": plain,
        "project": project,
    }


def measure_scaling(work: Path) -> dict:
    rows = {}
    for n, repeats in ((10, 3), (100, 3), (1000, 1)):
        project = make_project(work / f"synthetic-{n}", n)
        times, peaks = [], []
        for _ in range(repeats):
            shutil.rmtree(project / ".cache", ignore_errors=True)   # cold: every chart drawn
            seconds, peak = run_measured(build_cmd(), project)
            times.append(seconds)
            peaks.append(peak)
        rows[n] = {"build_s": statistics.median(times), "peak_rss_mb": max(peaks), "charts": n}
        shutil.rmtree(project)
    per_chart_100 = (rows[100]["build_s"] - rows[10]["build_s"]) / 90 * 1000
    per_chart_1000 = (rows[1000]["build_s"] - rows[100]["build_s"]) / 900 * 1000
    return {"rows": rows, "ms_per_chart_10_100": per_chart_100, "ms_per_chart_100_1000": per_chart_1000}


def growth(builds: dict, scaling: dict) -> float:
    """How the time per chart at N = 1000 compares with N = 100, over the real report's own cold
    build (N = 0): 1 is linear, above 1 worse than linear, below 1 cheaper per chart at scale."""
    base, rows = builds["real_build_cold_s"], scaling["rows"]
    return ((rows[1000]["build_s"] - base) / 1000) / ((rows[100]["build_s"] - base) / 100)


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


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


KINDS = {"document": "html", "stylesheet": "css", "script": "js", "image": "images"}


def measure_pages(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    server, base = _serve(site)
    results: dict = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu",
                                        "--disable-background-networking", "--disable-component-update"])
            for name, path in (("front", ""), ("findings", "funn/")):
                page = browser.new_page()
                responses = []
                page.on("requestfinished", lambda r: responses.append(r))
                page.goto(base + path, wait_until="networkidle")
                weights = {k: [0, 0] for k in ("html", "css", "js", "images", "other")}
                urls = []
                for request in responses:
                    response = request.response()
                    if response is None or not request.url.startswith(base):
                        continue
                    body = response.body()
                    kind = KINDS.get(request.resource_type, "other")
                    weights[kind][0] += len(body)
                    weights[kind][1] += len(gzip.compress(body, 6, mtime=0))
                    urls.append(request.url[len(base):])
                weights["total"] = [sum(v[0] for v in weights.values()), sum(v[1] for v in weights.values())]
                results[name] = {"weights": weights, "loads_chart_js": any("vega-bundle" in u for u in urls)}
                page.close()
            for scheme, url in (("http", base + "funn/"), ("file", (site / "funn" / "index.html").as_uri())):
                samples = []
                for _ in range(REPEATS):
                    page = browser.new_page()
                    page.goto(url)
                    page.wait_for_function("document.documentElement.dataset.chartsDrawn !== undefined", timeout=20000)
                    samples.append(page.evaluate("""() => {
                        const nav = performance.getEntriesByType('navigation')[0];
                        const first = performance.getEntriesByName('report-chart-drawn')[0];
                        return {fromStart: first.startTime, fromDcl: first.startTime - nav.domContentLoadedEventStart};
                    }"""))
                    page.close()
                results[f"first_chart_{scheme}"] = {
                    "from_navigation_ms": statistics.median(s["fromStart"] for s in samples),
                    "from_dcl_ms": statistics.median(s["fromDcl"] for s in samples),
                }
            browser.close()
    finally:
        server.shutdown()
    return results


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
             "Norwegian letters at build time; `hooks/reportsite/fonts.py`). Each page preloads both files.", "",
             "| File | Size |", "| --- | --- |"]
    lines += [f"| `{name}` | {size / 1024:.1f} KB ({size} bytes) |" for name, size in f["files"].items()]
    lines.append(f"| Both files | {sum(f['files'].values()) / 1024:.1f} KB |")
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
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


# -- report ------------------------------------------------------------------------------------

def _mark(ok: bool) -> str:
    return "pass" if ok else "FAIL"


def report(r: dict) -> str:
    b, s, sv, pg = r["builds"], r["scaling"], r["serve"], r["pages"]
    m = r["machine"]
    rows = s["rows"]
    lines = [
        "# Benchmark results", "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; Python {m['python']}; "
        f"commit {m['commit']}; {m['date']}.", "",
        "Medians of repeated runs, all measured in this one run. Budgets from the speed issue.", "",
        "| Measure | Value | Budget | Result |", "| --- | --- | --- | --- |",
        f"| Real site build (median of {REPEATS}, rendered-output cache warm) | {b['real_build_s']:.2f} s | | |",
        f"| Plain Material build of the same pages, hooks off (median of {REPEATS}) | {b['plain_build_s']:.2f} s | | |",
        f"| Ratio real / plain | {b['build_ratio']:.2f} | ≤ {BUDGETS['build_ratio']} | {_mark(b['build_ratio'] <= BUDGETS['build_ratio'])} |",
        f"| Real site build, cold cache (every chart drawn) | {b['real_build_cold_s']:.2f} s | | |",
    ]
    for n in (10, 100, 1000):
        lines.append(f"| Synthetic report, N = {n} findings with a chart each (cold) | {rows[n]['build_s']:.2f} s, "
                     f"peak RSS {rows[n]['peak_rss_mb']:.0f} MB | | |")
    lines += [
        f"| Cost per additional chart, N 100 → 1000 (both languages) | {s['ms_per_chart_100_1000']:.1f} ms | "
        f"≤ {BUDGETS['ms_per_chart']:.0f} ms | {_mark(s['ms_per_chart_100_1000'] <= BUDGETS['ms_per_chart'])} |",
        f"| Cost per additional chart, N 10 → 100 | {s['ms_per_chart_10_100']:.1f} ms | | |",
        f"| Growth, N 100 → 1000: time per chart at 1000 / at 100, over the real report's cold build "
        f"(1 = linear, below 1 = cheaper per chart at scale) | {r['growth']:.2f} | ≤ {BUDGETS['growth']} | "
        f"{_mark(r['growth'] <= BUDGETS['growth'])} |",
        f"| N = 1000 build time | {rows[1000]['build_s']:.1f} s | < {BUDGETS['n1000_seconds']:.0f} s | "
        f"{_mark(rows[1000]['build_s'] < BUDGETS['n1000_seconds'])} |",
        f"| N = 1000 peak RSS (process tree) | {rows[1000]['peak_rss_mb']:.0f} MB | < {BUDGETS['n1000_rss_mb']:.0f} MB | "
        f"{_mark(rows[1000]['peak_rss_mb'] < BUDGETS['n1000_rss_mb'])} |",
        f"| `mkdocs serve` rebuild after a finding's text changes (edit → reload) | {sv['serve_rebuild_s']:.2f} s | "
        f"< {BUDGETS['serve_rebuild_s']} s | {_mark(sv['serve_rebuild_s'] < BUDGETS['serve_rebuild_s'])} |",
        f"| … of which after the change was detected | {sv['serve_rebuild_after_detect_s']:.2f} s | | |",
    ]
    for name, label in (("front", "Front page"), ("findings", "Findings page")):
        w = pg[name]["weights"]
        parts = ", ".join(f"{k} {w[k][0] / 1024:.0f}/{w[k][1] / 1024:.0f}" for k in ("html", "css", "js", "images", "other"))
        lines.append(f"| {label} weight, KB raw/gzipped: {parts} | total {w['total'][0] / 1024:.0f} KB raw, "
                     f"{w['total'][1] / 1024:.0f} KB gzipped | | |")
    front_js = pg["front"]["loads_chart_js"]
    total_gz = pg["findings"]["weights"]["total"][1] / 1024
    lines += [
        f"| Page without charts loads chart JavaScript | {'yes' if front_js else 'no'} | no | {_mark(not front_js)} |",
        f"| Findings page total transfer, gzipped, chart runtime included | {total_gz:.0f} KB | "
        f"< {BUDGETS['findings_gzip_kb']:.0f} KB | {_mark(total_gz < BUDGETS['findings_gzip_kb'])} |",
    ]
    for scheme in ("http", "file"):
        fc = pg[f"first_chart_{scheme}"]
        ok = fc["from_dcl_ms"] <= BUDGETS["first_chart_ms"]
        budget = f"≤ {BUDGETS['first_chart_ms']:.0f} ms after DOMContentLoaded" if scheme == "http" else ""
        # Deferred scripts run before DOMContentLoaded, so the chart can be drawn before the event.
        after = (f"{fc['from_dcl_ms']:.0f} ms after DOMContentLoaded" if fc["from_dcl_ms"] >= 0.5
                 else "drawn before DOMContentLoaded fires")
        lines.append(f"| First chart drawn, {scheme} (findings page) | {fc['from_navigation_ms']:.0f} ms from navigation; "
                     f"{after} | {budget} | {_mark(ok) if scheme == 'http' else ''} |")
    z = r["zip"]
    lines.append(f"| Offline zip | {z['zip']}: {z['zip_kb']:.0f} KB | | |" if z["zip"]
                 else "| Offline zip | not found in dist/ (run `make site` first) | | |")
    return "\n".join(lines) + "\n" + (fonts_report(r["fonts"]) if "fonts" in r else "")


def main() -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="report-bench-") as tmp:
        work = Path(tmp)
        print("measuring builds ...", flush=True)
        builds = measure_builds(work)
        project = builds.pop("project")
        print("measuring pages ...", flush=True)
        pages = measure_pages(project / "site")
        fonts = measure_fonts(project / "site")
        print("measuring mkdocs serve ...", flush=True)
        serve = measure_serve_rebuild(project)
        print("measuring synthetic reports (N = 10, 100, 1000) ...", flush=True)
        scaling = measure_scaling(work)
    results = {"machine": machine(), "builds": builds, "scaling": scaling, "growth": growth(builds, scaling),
               "serve": serve, "pages": pages, "fonts": fonts, "zip": offline_zip(), "budgets": BUDGETS}
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    table = report(results)
    (RESULTS / "latest.md").write_text(table, encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
