"""A clean stop: `make site` (tools/build_site.py) stopped by SIGTERM or Ctrl-C leaves no staging
folder, no process and no traceback, says so in one line and exits 143 or 130; a staging folder
left by a build killed outright (SIGKILL) is removed by the next build.

Real signals, sent to a real build in a subprocess, while its mkdocs is running.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = [pytest.mark.build, pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")]


def _start(project: Path, out: Path) -> subprocess.Popen:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1764240000", NO_MKDOCS_2_WARNING="1")
    return subprocess.Popen([sys.executable, str(ROOT / "tools" / "build_site.py"), "--project", str(project),
                             "--site", str(out / "site"), "--dist", str(out / "dist")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)  # its own process group, as a terminal's job is


def _wait_for_mkdocs(out: Path, proc: subprocess.Popen, timeout: float = 120) -> Path:
    """The staging folder, once mkdocs has started writing the web site into it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        stages = [p for p in out.glob(".build-*") if (p / "site").is_dir()]
        if stages:
            return stages[0]
        time.sleep(0.05)
    pytest.fail("the build never started writing its staging folder")


def _group_gone(pgid: int, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("how, code, name", [("SIGTERM", 143, "SIGTERM"), ("Ctrl-C", 130, "Ctrl-C")])
def test_stopped_build_leaves_nothing_behind(project_copy, tmp_path, how, code, name):
    project = project_copy
    out = tmp_path / "out"
    out.mkdir()
    proc = _start(project, out)
    stage = _wait_for_mkdocs(out, proc)
    if how == "SIGTERM":
        proc.send_signal(signal.SIGTERM)           # a service manager or CI stopping the job: the parent only
    else:
        os.killpg(proc.pid, signal.SIGINT)         # Ctrl-C in a terminal: every process of the job
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code, stderr
    assert stderr.strip() == f"build_site: stopped by {name}; site/ and dist/ are unchanged.", stderr
    assert "Traceback" not in stdout + stderr
    assert not stage.exists() and not list(out.glob(".build-*"))
    assert not (out / "site").exists() and not (out / "dist").exists()
    assert _group_gone(proc.pid), "a process of the build is still running"


def test_a_killed_builds_staging_folder_is_cleared_by_the_next_build(project_copy, tmp_path):
    project = project_copy
    out = tmp_path / "out"
    out.mkdir()
    proc = _start(project, out)
    stage = _wait_for_mkdocs(out, proc)
    os.killpg(proc.pid, signal.SIGKILL)            # no chance to clean up
    proc.communicate(timeout=60)
    assert _group_gone(proc.pid)
    assert stage.is_dir(), "the killed build should have left its staging folder (the case this test is about)"

    again = _start(project, out)
    stdout, stderr = again.communicate(timeout=600)
    assert again.returncode == 0, stderr
    assert not stage.exists() and not list(out.glob(".build-*"))
    assert (out / "site" / "index.html").is_file() and list((out / "dist").glob("*.zip"))
