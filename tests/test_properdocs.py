"""The way off MkDocs 1.6 (README, *The platform's future*): ProperDocs, the maintained fork of
MkDocs 1.6 that runs its plugins and hooks unchanged, builds the web site and the offline bundle
byte for byte as MkDocs does. When this fails after an upgrade, the two have parted: read the diff
before choosing which one builds the site."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT


def _files(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.build
@pytest.mark.parametrize("config", ["mkdocs.yml", "mkdocs.offline.yml"])
def test_properdocs_builds_what_mkdocs_builds(built_bundle, tmp_path, config):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=str(built_bundle.epoch))
    proc = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "--config-file", config,
                           "--site-dir", str(tmp_path / "site")], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    ours = _files(tmp_path / "site")
    if config == "mkdocs.yml":
        made_by_mkdocs = _files(built_bundle.site)
    else:   # the offline bundle as `make site` zips it: without source maps
        ours = {name: data for name, data in ours.items() if not name.endswith(".map")}
        with zipfile.ZipFile(built_bundle.zip_path) as archive:
            made_by_mkdocs = {n.split("/", 1)[1]: archive.read(n) for n in archive.namelist() if not n.endswith("/")}
    assert sorted(ours) == sorted(made_by_mkdocs)
    assert [name for name in ours if ours[name] != made_by_mkdocs[name]] == []
    assert len(ours) > 50
