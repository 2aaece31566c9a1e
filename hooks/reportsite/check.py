"""`make check`: the build's own validation (validate.py), without building: every problem at once,
as `file:line: what is wrong — what to do`, in about a second.

Run from the project folder: `PYTHONPATH=hooks python -m reportsite.check`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from typing import TYPE_CHECKING

from .errors import Problem, SiteDataError

if TYPE_CHECKING:
    from .validate import Validation


def check_project(project: Path) -> tuple[list[Problem], Validation | None]:
    """Every problem in the project, as the build would report them; and the validation, when mkdocs.yml could be read."""
    from . import siteconfig, validate

    try:
        result = validate.validate(siteconfig.load(project))
    except SiteDataError as exc:
        return exc.problems, None
    return result.problems, result


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    project = Path(args[0] if args else ".").resolve()
    started = time.perf_counter()
    problems, result = check_project(project)
    elapsed = time.perf_counter() - started
    for problem in problems:
        print(problem)
    if problems:
        count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
        print(f"\n{count} found in {elapsed:.1f} s. Fix them and run `make check` again.", file=sys.stderr)
        if result is None or not result.data_loaded:
            print("The ids that pages name (findings, figures, charts, sources) are checked once data/ loads.",
                  file=sys.stderr)
        return 1
    data = result.data
    print(f"No problems: {len(result.pages)} pages in {len(result.site.codes)} languages, {len(data.findings)} findings, "
          f"{len(data.sources)} sources checked in {elapsed:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
