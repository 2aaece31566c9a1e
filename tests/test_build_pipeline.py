"""`make site` (tools/build_site.py): both builds or neither, a reproducible zip, the build's date."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from tools import build_site


@pytest.mark.build
def test_make_site_builds_the_web_site_and_one_zip(built_bundle):
    assert (built_bundle.site / "index.html").is_file()
    assert (built_bundle.site / "en" / "funn" / "index.html").is_file()
    assert [p.name for p in built_bundle.zip_path.parent.iterdir()] == [built_bundle.zip_path.name]
    assert not list(built_bundle.site.parent.glob(".build-*")), "the staging folder is removed"


@pytest.mark.build
def test_zip_entries_carry_the_commit_time_and_fixed_modes(built_bundle):
    with zipfile.ZipFile(built_bundle.zip_path) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    # A zip holds times to two seconds.
    stamp = time.gmtime(built_bundle.epoch - built_bundle.epoch % 2)[:6]
    assert {i.date_time for i in infos} == {stamp}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}


def test_build_date_is_the_last_commit_time_in_git():
    expected = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
    assert build_site.source_date_epoch(ROOT, environ={}) == int(expected)
    assert build_site.source_date_epoch(ROOT, environ={"SOURCE_DATE_EPOCH": "1600000000"}) == 1600000000
    with pytest.raises(build_site.BuildFailed, match="SOURCE_DATE_EPOCH is 'i går'"):
        build_site.source_date_epoch(ROOT, environ={"SOURCE_DATE_EPOCH": "i går"})


def test_build_date_outside_git_is_the_newest_source_file(project_copy):
    page = project_copy / "content" / "nb" / "funn.md"
    os.utime(page, (1700000000, 1700000000))
    for path in project_copy.rglob("*"):
        if path != page:
            os.utime(path, (1600000000, 1600000000))
    assert build_site.source_date_epoch(project_copy, environ={}) == 1700000000
    assert build_site.bundle_stem(1700000000) == "distriktsinnovasjon-2023-11-14"


def _previous_build(project: Path) -> tuple[Path, Path]:
    """A site/ and dist/ as a previous `make site` left them."""
    site, dist = project / "site", project / "dist"
    (site / "en").mkdir(parents=True)
    (site / "index.html").write_text("previous site")
    dist.mkdir()
    (dist / "distriktsinnovasjon-2020-01-01.zip").write_bytes(b"previous zip")
    return site, dist


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of the project, but the rendered-chart cache, which a build may fill before it fails."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.relative_to(folder).parts[0] != ".cache"}


@pytest.mark.parametrize("breakage", ["bad data", "offline build only"])
@pytest.mark.build
def test_a_failed_build_leaves_site_and_dist_untouched(project_copy, breakage):
    if breakage == "bad data":
        findings = project_copy / "data" / "findings.yml"
        findings.write_text(findings.read_text(encoding="utf-8").replace("value: 43", "value: 143"), encoding="utf-8")
    else:
        # The web build succeeds and is written to staging; the offline one fails.
        offline = project_copy / "mkdocs.offline.yml"
        offline.write_text(offline.read_text(encoding="utf-8").replace("offline: {}", "no-such-plugin: {}"),
                           encoding="utf-8")
    site, dist = _previous_build(project_copy)
    before = _snapshot(project_copy)
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "build_site.py"), "--project", str(project_copy)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1
    assert "site/ and dist/ are unchanged" in proc.stderr and "Traceback (most recent call last)" not in proc.stderr
    if breakage == "bad data":
        assert "data/findings.yml:" in proc.stderr and "143 percentage points" in proc.stderr
    else:
        assert "mkdocs.offline.yml" in proc.stderr and "no-such-plugin" in proc.stderr
    assert _snapshot(project_copy) == before
    assert not list(project_copy.glob(".build-*"))


def _fake_mkdocs(project: Path, builds: list[tuple[str, Path]], epoch: int) -> None:
    """Builds in a blink: what happens after mkdocs is what these tests are about."""
    for config_file, site_dir in builds:
        site_dir.mkdir(parents=True)
        (site_dir / "index.html").write_text(config_file)


@pytest.mark.build
def test_dist_that_cannot_be_replaced_leaves_both_as_they_were(project_copy, monkeypatch, capsys):
    """Both or neither: site/ is in place already when dist/ refuses its rename (another filesystem,
    say); site/ is put back, and the one line says so."""
    real_replace = os.replace

    def refuse_new_dist(src, dst):
        if Path(src).name == "dist" and Path(src).parent.name.startswith(".build-"):
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))
        real_replace(src, dst)

    monkeypatch.setattr(build_site, "run_mkdocs", _fake_mkdocs)
    monkeypatch.setattr(os, "replace", refuse_new_dist)
    _previous_build(project_copy)
    before = _snapshot(project_copy)
    assert build_site.main(["--project", str(project_copy)]) == 1
    err = capsys.readouterr().err
    assert err.endswith("Invalid cross-device link\nsite/ and dist/ are unchanged.\n") and "Traceback" not in err, err
    assert _snapshot(project_copy) == before and not list(project_copy.glob(".build-*"))


@pytest.mark.build
def test_dist_on_another_filesystem_is_replaced_with_site(project_copy, monkeypatch):
    dist = Path(tempfile.mkdtemp(dir="/dev/shm")) / "dist"
    if os.stat(dist.parent).st_dev == os.stat(project_copy).st_dev:
        pytest.skip("/dev/shm is on the project's filesystem here")
    monkeypatch.setattr(build_site, "run_mkdocs", _fake_mkdocs)
    dist.mkdir()
    (dist / "old.zip").write_bytes(b"previous zip")
    try:
        built = build_site.build(project_copy, project_copy / "site", dist, epoch=1700000000)
        assert [p.name for p in dist.iterdir()] == [built.zip_path.name] and (project_copy / "site" / "index.html").is_file()
        assert not list(dist.parent.glob(".build-*")) and not list(project_copy.glob(".build-*"))
    finally:
        shutil.rmtree(dist.parent)


def test_offline_search_script_is_written_for_each_language(tmp_path):
    from conftest import SITE
    from reportsite.paths import SitePaths
    from reportsite.search_index import write_index_scripts

    with pytest.raises(FileNotFoundError, match="the search index is missing"):
        write_index_scripts(tmp_path, SitePaths(SITE.codes))
    for folder, index in (("search", '{"docs": [{"location": ""}]}'), ("en/search", '{"docs": [{"location": "funn/"}]}')):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "search_index.json").write_text(index, encoding="utf-8")
    scripts = write_index_scripts(tmp_path, SitePaths(SITE.codes))
    assert [s.relative_to(tmp_path).as_posix() for s in scripts] == ["search/search_index.js", "en/search/search_index.js"]
    assert scripts[0].read_text(encoding="utf-8") == 'var __index = {"docs": [{"location": ""}]}'
    assert scripts[1].read_text(encoding="utf-8") == 'var __index = {"docs": [{"location": "funn/"}]}'
