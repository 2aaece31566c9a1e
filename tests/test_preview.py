"""The live preview: `make serve` on loopback, a data file broken and fixed while Chromium watches the page."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import MAKE_PARTS, ROOT, copy_project
from reportsite import placeholders

pytestmark = [pytest.mark.browser, pytest.mark.build]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_served(proc: subprocess.Popen, log: Path, timeout: float = 180) -> str:
    """Wait for the preview to say where it serves (the site's path comes from site_url); return that URL."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"make serve stopped (exit {proc.returncode}):\n{log.read_text(encoding='utf-8')}")
        match = re.search(r"Serving on (http://127\.0\.0\.1:\d+/\S*)", log.read_text(encoding="utf-8"))
        if match:
            try:
                with urllib.request.urlopen(match.group(1), timeout=5) as response:
                    if response.status == 200:
                        return match.group(1)
            except OSError:
                pass
        time.sleep(0.5)
    pytest.fail(f"make serve did not start:\n{log.read_text(encoding='utf-8')}")


def _stop(proc: subprocess.Popen) -> None:
    """Stop make and the mkdocs it started (their own process group), politely first so mkdocs cleans up."""
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGINT, 15), (signal.SIGKILL, 10)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def test_preview_shows_a_data_error_in_the_page_and_recovers(tmp_path, page):
    project = copy_project(tmp_path / "project", parts=MAKE_PARTS)  # `make serve` as an editor runs it, with this checkout's venv
    port = _free_port()
    log = tmp_path / "serve.log"
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    findings = project / "data" / "findings.yml"
    good = findings.read_text(encoding="utf-8")
    assert "        value: 43\n" in good

    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(["make", "--no-print-directory", "serve", f"VENV={ROOT / '.venv'}",
                                 f"DEV_ADDR=127.0.0.1:{port}"],
                                cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url = _wait_until_served(proc, log)
        assert url.startswith(f"http://127.0.0.1:{port}/")
        page.goto(url + "funn/")
        page.wait_for_selector("#klimasats-gap", timeout=30000)
        assert page.locator(".preview-error").count() == 0
        # The PDFs take seconds per language: the preview leaves them and their links out (hooks/pdf.py).
        with urllib.request.urlopen(url, timeout=10) as response:
            assert 'class="report-pdf"' not in response.read().decode("utf-8")
        # Nor does a finding's tools show a page of it, or a marker waiting for one.
        with urllib.request.urlopen(url + "funn/", timeout=10) as response:
            findings_page = response.read().decode("utf-8")
        assert 'class="finding__tools"' in findings_page and "finding__pdf" not in findings_page
        assert not placeholders.ANY.search(findings_page)

        # Break the data while the page is open: the preview rebuilds and the page reloads by itself.
        findings.write_text(good.replace("        value: 43\n", "        value: 143\n"), encoding="utf-8")
        page.wait_for_selector(".preview-error", timeout=90000)
        banner = page.inner_text(".preview-error")
        assert "Forhåndsvisningen kan ikke vise denne siden" in banner
        assert "data/findings.yml:" in banner and "143 percentage points is outside -100 to 100" in banner
        assert page.locator("#klimasats-gap").count() == 0
        assert proc.poll() is None, "the preview server died on a data error"
        assert "PREVIEW ERROR" in log.read_text(encoding="utf-8")
        # Every page shows it, in its own language.
        with urllib.request.urlopen(url + "en/", timeout=10) as response:
            english = response.read().decode("utf-8")
        assert "The preview cannot show this page" in english and "143 percentage points" in english

        # Fix it: the finding comes back, with its figure, and the error is gone.
        findings.write_text(good, encoding="utf-8")
        page.wait_for_selector("#klimasats-gap", timeout=90000)
        assert page.locator(".preview-error").count() == 0
        assert "43\u00a0prosentpoeng" in page.inner_text("[data-finding='klimasats-gap']")

        # A mistake in a page: that page shows it, with the page's file and line, until it is fixed.
        causes = project / "content" / "nb" / "arsaker.md"
        causes_text = causes.read_text(encoding="utf-8")
        page.goto(url + "arsaker/")
        causes.write_text(causes_text + "\n{{ finding no-such-id }}\n", encoding="utf-8")
        page.wait_for_selector(".preview-error", timeout=90000)
        line = causes_text.count("\n") + 2
        banner = page.inner_text(".preview-error")
        assert (f"content/nb/arsaker.md:{line}: {{{{ finding no-such-id }}}}: no finding has the id 'no-such-id'"
                in banner), banner[:400]
        # An edit to the shared code in hooks/reportsite/ is picked up without restarting the preview.
        shared = project / "hooks" / "reportsite" / "live_preview.py"
        shared.write_text(shared.read_text(encoding="utf-8").replace(
            '<ul class="preview-error__problems">', '<ul class="preview-error__problems" data-edited>'), encoding="utf-8")
        page.wait_for_selector(".preview-error [data-edited]", timeout=90000)
        assert proc.poll() is None
        causes.write_text(causes_text, encoding="utf-8")
        page.wait_for_selector("h1", timeout=90000)
        page.wait_for_function("() => !document.querySelector('.preview-error')", timeout=90000)
        assert page.inner_text("h1").strip() != ""
        assert proc.poll() is None
    finally:
        _stop(proc)
    assert proc.poll() is not None
