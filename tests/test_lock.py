"""The lock files (requirements/*.txt, `make lock`) pin every dependency with its hashes, satisfy
pyproject.toml's requirements, and are what `make site`, `make test` and the Pages workflow install."""

from __future__ import annotations

import re
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# name==version followed by its --hash lines, up to the next requirement.
_PINNED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+) \\\n((?:\s+--hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", re.M)


def _lock(name: str) -> dict[str, str]:
    text = (ROOT / "requirements" / name).read_text(encoding="utf-8")
    pinned = {canonicalize_name(m.group(1)): m.group(2) for m in _PINNED.finditer(text)}
    requirements = [line for line in text.splitlines() if re.match(r"[A-Za-z0-9]", line)]
    assert len(requirements) == len(pinned) > 10, f"requirements/{name}: a requirement without an exact version and hashes"
    return pinned


def _satisfied(requirements: list[str], lock: dict[str, str], name: str) -> None:
    for text in requirements:
        requirement = Requirement(text)
        version = lock.get(canonicalize_name(requirement.name))
        assert version is not None, f"requirements/{name} lacks {requirement.name}: run `make lock`"
        assert requirement.specifier.contains(version, prereleases=True), \
            f"requirements/{name} has {requirement.name}=={version}, pyproject.toml asks {requirement}: run `make lock`"


@pytest.mark.parametrize("name, extras", [("site.txt", []), ("test.txt", ["test"])])
def test_lock_satisfies_pyproject(name, extras):
    lock = _lock(name)
    build = PROJECT["build-system"]["requires"]
    _satisfied(PROJECT["project"]["dependencies"] + build + [r for e in extras for r in PROJECT["project"]["optional-dependencies"][e]],
               lock, name)
    listed = [line for line in (ROOT / "requirements" / "build.in").read_text(encoding="utf-8").splitlines()
              if line and not line.startswith("#")]
    assert listed == build, "requirements/build.in and pyproject.toml's [build-system] requires differ"


def test_test_lock_keeps_the_site_locks_versions():
    site, test = _lock("site.txt"), _lock("test.txt")
    assert {name: test.get(name) for name in site} == site


def test_make_installs_from_the_locks_only():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line.strip() for line in makefile.splitlines() if re.search(r"pip install|\$\(PIP_INSTALL\)", line)]
    assert "PIP_INSTALL := $(PY) -m pip install --quiet --require-hashes --only-binary :all:" in installs
    assert "$(PIP_INSTALL) -r $(SITE_LOCK)" in installs and "$(PIP_INSTALL) -r $(TEST_LOCK)" in installs
    assert "$(PY) -m pip install --quiet --no-deps --no-build-isolation --no-index ." in installs
    # No other install into the project's venv, and pip is not upgraded (its version is the venv's own).
    assert not [line for line in installs if line.startswith("$(PY)") and " -r " not in line and "--no-deps" not in line]
    assert not re.search(r"install[^\n]*(--upgrade|-U)\b[^\n]*\bpip\b", makefile)
