"""Build the web site into site/ and the offline bundle, one zip, into dist/: both or neither.

Both builds run `mkdocs build --strict`, side by side, into a staging folder beside site/ (the zip into one
beside dist/, which may be on another filesystem); only when the web build, the offline build and
the zip have all succeeded do they replace site/ and dist/, by renames, undone if any fails. A
failed build leaves the previous site/ and dist/ as they were, and no staging folder behind. So does a
build stopped by Ctrl-C or SIGTERM: it says so in one line and exits with 130 or 143. A staging
folder left by a build that was killed outright (SIGKILL, a power cut) is removed by the next build:
each staging folder is named after the process that made it, and one whose process is gone is stale.

The zip is reproducible: its files in a fixed order, each with the time of the last commit
(SOURCE_DATE_EPOCH, which MkDocs also uses for the sitemap's dates) and fixed permissions.

Usage: python tools/build_site.py [--project DIR] [--site DIR] [--dist DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "hooks"))
from reportsite.config_checks import site_url_from_environment  # noqa: E402
from tools.project import BUILD_INPUTS  # noqa: E402

WEB_CONFIG = "mkdocs.yml"
OFFLINE_CONFIG = "mkdocs.offline.yml"
BUNDLE_NAME = "distriktsinnovasjon"
ZIP_EPOCH_MIN = 315532800  # 1980-01-01, the earliest time a zip entry can hold


class BuildFailed(Exception):
    """A build step failed; the message says which, with the tool's output."""


class Stopped(BaseException):
    """The build was asked to stop (SIGTERM); like KeyboardInterrupt, it unwinds through every finally."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


STAGE_PREFIX = ".build-"
STAGE_NAME = re.compile(re.escape(STAGE_PREFIX) + r"(\d+)-")


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def clear_stale_stages(folder: Path) -> list[Path]:
    """Remove staging folders whose build process is gone (killed outright); return them."""
    removed = []
    for path in folder.glob(STAGE_PREFIX + "*"):
        match = STAGE_NAME.match(path.name)
        if path.is_dir() and not path.is_symlink() and match and not _process_alive(int(match.group(1))):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


@dataclass
class BuildResult:
    site: Path
    zip_path: Path
    epoch: int


def source_date_epoch(project: Path, environ: dict[str, str] | None = None) -> int:
    """The build's time: SOURCE_DATE_EPOCH if set, else the last commit's time, else the newest source file's."""
    environ = os.environ if environ is None else environ
    given = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if given:
        if not given.isdigit():
            raise BuildFailed(f"SOURCE_DATE_EPOCH is '{given}': expected whole seconds since 1970, e.g. 1764240000")
        return int(given)
    try:
        proc = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=project, capture_output=True,
                              text=True, timeout=30)
        if proc.returncode == 0 and proc.stdout.strip().isdigit():
            return int(proc.stdout.strip())
    except (OSError, subprocess.TimeoutExpired):
        pass  # no git, or not a checkout: fall back to the files themselves
    newest = 0
    for name in BUILD_INPUTS:
        path = project / name
        paths = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for file in paths:
            newest = max(newest, int(file.stat().st_mtime))
    if not newest:
        raise BuildFailed(f"{project}: no git history and no source files to date the build by")
    return newest


def bundle_stem(epoch: int) -> str:
    """The zip's name, and the folder it unpacks to: the site's name and the build date."""
    return f"{BUNDLE_NAME}-{time.strftime('%Y-%m-%d', time.gmtime(epoch))}"


def run_mkdocs(project: Path, builds: list[tuple[str, Path]], epoch: int) -> None:
    """`mkdocs build --strict` for each (config file, site folder), side by side: each build is a
    process of one core's work, and the web and offline builds need nothing from each other. The
    builds are waited for in the order given: the first that failed is named, and the ones still
    running are stopped (a later build's failure is found once the earlier ones have ended)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=str(epoch))
    with contextlib.ExitStack() as running:
        started = []
        for config_file, site_dir in builds:
            out, err = (running.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8")) for _ in range(2))
            proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", config_file,
                                     "--site-dir", str(site_dir)], cwd=project, env=env, stdout=out, stderr=err)
            running.callback(_end, proc)   # on a failure or a stop, the others are stopped too
            started.append((config_file, proc, out, err))
        for config_file, proc, out, err in started:
            if proc.wait() != 0:
                out.seek(0), err.seek(0)
                raise BuildFailed(f"`mkdocs build --strict --config-file {config_file}` failed:\n{out.read()}{err.read()}")


def _end(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait()


def bundle_files(folder: Path) -> list[str]:
    """The offline site's files a reader needs, in a fixed order: without source maps (for
    developers' tools only; the build already left out the search languages the site does not use)."""
    return sorted(name for path in folder.rglob("*")
                  if path.is_file() and not (name := path.relative_to(folder).as_posix()).endswith(".map"))


def write_zip(folder: Path, files: list[str], zip_path: Path, top: str, epoch: int) -> None:
    """Zip files of a folder under one top folder, reproducibly: given order, fixed times and modes."""
    stamp = time.gmtime(max(epoch, ZIP_EPOCH_MIN))[:6]
    with zipfile.ZipFile(zip_path, "w") as archive:
        for name in files:
            path = folder / name
            info = zipfile.ZipInfo(f"{top}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3          # Unix, whatever machine builds it
            info.external_attr = 0o100644 << 16
            archive.writestr(info, path.read_bytes(), compresslevel=9)


def _stage_beside(dest: Path) -> Path:
    """A staging folder in dest's parent, so that what is built moves into place by a rename (site/
    and dist/ may be on different filesystems); made before anything is built, it also shows that
    dest's place can be written."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    clear_stale_stages(dest.parent)
    return Path(tempfile.mkdtemp(prefix=f"{STAGE_PREFIX}{os.getpid()}-", dir=dest.parent))


def _swap_in(moves: list[tuple[Path, Path]]) -> None:
    """Each new folder in its dest's place, the old one kept beside it until all are in; if any rename
    fails, the ones made are undone, so that every dest is as it was."""
    done: list[tuple[Path, Path]] = []
    try:
        for new, dest in moves:
            if dest.exists() or dest.is_symlink():
                os.replace(dest, new.with_name(new.name + "-old"))
                done.append((dest, new.with_name(new.name + "-old")))
            os.replace(new, dest)
            done.append((new, dest))
    except OSError as exc:
        for before, after in reversed(done):
            os.replace(after, before)
        raise BuildFailed(f"the new build could not be put in place of {dest}: {exc.strerror or exc}") from None


def build(project: Path = ROOT, site_dir: Path | None = None, dist_dir: Path | None = None,
          epoch: int | None = None) -> BuildResult:
    """Build both, then swap them into site_dir and dist_dir; on any failure change neither."""
    site_dir = (site_dir or project / "site").resolve()
    dist_dir = (dist_dir or project / "dist").resolve()
    if problems := site_url_from_environment(project / WEB_CONFIG):
        raise BuildFailed(str(problems[0]))
    epoch = source_date_epoch(project) if epoch is None else epoch
    stem = bundle_stem(epoch)
    stages: list[Path] = []
    try:
        stages.append(_stage_beside(site_dir))
        stages.append(_stage_beside(dist_dir) if dist_dir.parent != site_dir.parent else stages[0])
        stage, new_dist = stages[0], stages[1] / "dist"
        run_mkdocs(project, [(WEB_CONFIG, stage / "site"), (OFFLINE_CONFIG, stage / "offline")], epoch)
        new_dist.mkdir()
        zip_path = new_dist / f"{stem}.zip"
        write_zip(stage / "offline", bundle_files(stage / "offline"), zip_path, stem, epoch)
        # Both or neither: a stop signal waits until both are in place, or both are back.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            _swap_in([(stage / "site", site_dir), (new_dist, dist_dir)])
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    except OSError as exc:   # a stage that cannot be made or written: nothing has been replaced
        raise BuildFailed(f"cannot write beside {site_dir} and {dist_dir}: {exc}") from None
    finally:
        for folder in stages:
            shutil.rmtree(folder, ignore_errors=True)
    return BuildResult(site_dir, dist_dir / f"{stem}.zip", epoch)


def _stop(signum, frame):
    # Later signals are ignored while the build unwinds and removes its staging folder.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise Stopped(signum)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--site", type=Path, help="where the web site goes (default: PROJECT/site)")
    parser.add_argument("--dist", type=Path, help="where the offline zip goes (default: PROJECT/dist)")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _stop)
    try:
        result = build(args.project.resolve(), args.site, args.dist)
    except BuildFailed as exc:
        print(f"build_site: {exc}\nsite/ and dist/ are unchanged.", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, Stopped) as exc:
        # The staging folder is gone (build's finally) and the mkdocs being run was stopped with it.
        signum = exc.signum if isinstance(exc, Stopped) else signal.SIGINT
        name = "Ctrl-C" if signum == signal.SIGINT else signal.Signals(signum).name
        print(f"build_site: stopped by {name}; site/ and dist/ are unchanged.", file=sys.stderr)
        return 128 + signum
    with zipfile.ZipFile(result.zip_path) as archive:
        count = len(archive.infolist())
    size = result.zip_path.stat().st_size
    print(f"Web site: {result.site}\nOffline bundle: {result.zip_path} ({size / 1e6:.1f} MB, {count} files)")
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGINT, _stop)
    sys.exit(main())
