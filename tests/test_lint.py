"""Static checks of the project's own Python: undefined names, unused imports, syntax errors.

A name lost in a merge (an exception class used but not imported, say) only fails when that
branch runs; pyflakes' rules, through ruff, find it at once.
"""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_python_has_no_undefined_names_or_unused_imports():
    proc = subprocess.run([sys.executable, "-m", "ruff", "check", "--select", "F,E9", "--output-format", "concise",
                           "hooks", "tools", "tests", "bench"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_stylesheets_close_every_block():
    """A block left open (a merge that dropped a '}') silently swallows every rule after it."""
    import re
    from pathlib import Path

    for sheet in sorted((Path(__file__).resolve().parent.parent / "site_src").rglob("*.css")):
        depth = 0
        for number, line in enumerate(re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"),
                                             sheet.read_text(encoding="utf-8"), flags=re.S).splitlines(), 1):
            depth += line.count("{") - line.count("}")
            assert depth >= 0, f"{sheet.name}:{number}: a '}}' closes nothing"
        assert depth == 0, f"{sheet.name}: {depth} block(s) left open"
