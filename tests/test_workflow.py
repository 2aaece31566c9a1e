"""The GitHub Pages workflow cannot run here; this checks that it runs the README's commands and deploys
with the official Pages actions."""

from __future__ import annotations

import re

import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```sh\n(.*?)```", setup, re.S)
    return [line.split("#", 1)[0].strip() for line in block.splitlines() if line.split("#", 1)[0].strip()]


def _steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def _uses(step: dict) -> str:
    return step.get("uses", "").split("@", 1)[0]


def test_readme_names_the_commands():
    assert _readme_commands() == ["make site", "make test"]


def test_workflow_runs_the_readme_commands_on_debian_with_python_3_11():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))   # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers
    build = workflow["jobs"]["build"]
    assert re.fullmatch(r"python:3\.11-(bookworm|trixie)", build["container"])
    runs = [step["run"].strip() for step in _steps(build) if "run" in step]
    assert runs == ["make test", "make site"], "the workflow runs exactly the README's commands: tests first"
    assert set(runs) == set(_readme_commands())
    for step in _steps(build):
        if "run" in step:
            assert step["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    (configure,) = [s for s in _steps(build) if _uses(s) == "actions/configure-pages"]
    assert configure["id"] == "pages"
    assert _steps(build)[0]["uses"].startswith("actions/checkout@")


def test_workflow_deploys_the_web_build_with_the_official_pages_actions():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    steps = _steps(build)
    upload = [i for i, s in enumerate(steps) if _uses(s) == "actions/upload-pages-artifact"]
    assert len(upload) == 1 and steps[upload[0]]["with"]["path"] == "site"
    assert upload[0] > max(i for i, s in enumerate(steps) if s.get("run") == "make site")
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [_uses(s) for s in _steps(deploy)] == ["actions/deploy-pages"]
    assert workflow["permissions"] == {"contents": "read"}
    # Every action is an official one, pinned by a commit (a tag can be moved), its release named beside it.
    for job in workflow["jobs"].values():
        for step in _steps(job):
            if "uses" in step:
                assert re.fullmatch(r"actions/[a-z-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    text = WORKFLOW.read_text(encoding="utf-8")
    assert len(re.findall(r"uses: actions/[a-z-]+@[0-9a-f]{40}  # v\d+\.\d+\.\d+\n", text)) == 5


def test_ci_runs_the_readme_commands_in_the_readmes_order():
    """.ci/run does what a newcomer does on a clean checkout: the README's commands, in order."""
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    lines = [line.split("#", 1)[0].strip() for line in script.splitlines()]
    make_lines = [line for line in lines if line.startswith("make ")]
    assert [line.split("||")[0].strip() for line in make_lines] == _readme_commands()
    assert "set -euo pipefail" in lines, "a failed `make site` must stop the run"
    # pytest's exit code 5 (no tests collected) fails the run on purpose; other codes pass through.
    assert 'if [ "$status" -eq 5 ]; then' in lines and "exit 1" in lines and 'exit "$status"' in lines
    assert make_lines[-1] == "make test || status=$?"
