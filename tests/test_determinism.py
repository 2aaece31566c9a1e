"""Two clean builds of the same commit give byte-identical site/ trees and offline zips."""

from __future__ import annotations

import datetime
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import LANGUAGES, ROOT, copy_project
from test_fonts import SYSTEM_FONTS, fonts_env, impostor_fonts


def commit_epoch() -> str:
    """SOURCE_DATE_EPOCH as the Makefile sets it: the time of the last commit."""
    return subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.strip()


def tree_digests(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def tree_hash(digests: dict[str, str]) -> str:
    return hashlib.sha256("".join(f"{path}\0{digest}\n" for path, digest in sorted(digests.items())).encode()).hexdigest()


@pytest.mark.build
def test_two_clean_builds_are_byte_identical(built_bundle, tmp_path):
    """`make site` twice, site/ and the zip: the test run's own build, and one in a copy of the project."""
    epoch = commit_epoch()
    # Different folders, hash seeds and machines' fonts: this build runs in a copy of the project,
    # with another hash seed, and sees the system's fonts and an impostor of the site's family; the
    # test run's own build (`make site`'s) runs in the project with the machine as it is. Neither a
    # path, set ordering nor a font may leak in.
    many_fonts = [SYSTEM_FONTS, impostor_fonts(tmp_path / "impostor")] if SYSTEM_FONTS.is_dir() else []
    elsewhere = copy_project(tmp_path / "elsewhere")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=epoch, PYTHONHASHSEED="1",
               **fonts_env(tmp_path / "many-fonts", many_fonts))
    first = subprocess.run([sys.executable, "tools/build_site.py", "--project", str(elsewhere), "--site",
                            str(tmp_path / "first"), "--dist", str(tmp_path / "dist")], cwd=elsewhere, env=env,
                           capture_output=True, text=True, timeout=900)
    assert first.returncode == 0, first.stdout + first.stderr

    a, b = tree_digests(tmp_path / "first"), tree_digests(built_bundle.site)
    assert len(a) > 50
    # The PDFs too (hooks/pdf.py): no clock, no random ids.
    assert len([path for path in a if re.fullmatch(r"downloads/[a-z0-9-]+-[a-z]{2,3}\.pdf", path)]) == len(LANGUAGES)
    assert sorted(a) == sorted(b)
    assert [path for path in a if a[path] != b[path]] == []
    assert tree_hash(a) == tree_hash(b)
    # The offline zip: the same name and bytes (order, times and modes fixed by tools/build_site.py).
    (zip_path,) = (tmp_path / "dist").iterdir()
    assert zip_path.name == built_bundle.zip_path.name and zip_path.read_bytes() == built_bundle.zip_path.read_bytes()

    # Dates come from the commit, not from the clock.
    commit_day = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date().isoformat()
    sitemap = (tmp_path / "first" / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {commit_day}


@pytest.mark.build
def test_dates_follow_the_commit_not_the_clock(variant_site_folder):
    """A build as of another day (the variant site, conftest.VARIANT_SITE_EPOCH) writes that day: the date
    is an input, so equal inputs give equal trees."""
    sitemap = (variant_site_folder / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {"2020-03-12"}
