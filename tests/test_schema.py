"""The JSON Schema files that editors' tools read: generated from the declarations, committed, and in step with the loader."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys

import jsonschema
import pytest

from conftest import ROOT, language_pairs

from reportsite.model import DATA_FILES
from reportsite.schemafiles import generated_files, schema_comment, schema_filename, stale_files
from reportsite.yamlsource import load_yaml


def _schema(key: str) -> dict:
    return json.loads((ROOT / "schema" / schema_filename(key)).read_text(encoding="utf-8"))


def _data(key: str):
    return load_yaml(ROOT / "data" / DATA_FILES[key]).data


def test_committed_schema_files_equal_the_generated_ones():
    assert stale_files(ROOT) == [], "run `make schema` and commit schema/"
    assert sorted(p.name for p in (ROOT / "schema").glob("*.json")) == sorted(
        path.split("/")[-1] for path in generated_files(language_pairs()))


@pytest.mark.parametrize("key", list(DATA_FILES))
def test_each_data_file_points_editors_to_its_schema(key):
    first_line = (ROOT / "data" / DATA_FILES[key]).read_text(encoding="utf-8").splitlines()[0]
    assert first_line == schema_comment(key)
    target = (ROOT / "data" / first_line.split("$schema=", 1)[1]).resolve()
    assert target == (ROOT / "schema" / schema_filename(key)).resolve() and target.is_file()


@pytest.mark.parametrize("key", list(DATA_FILES))
def test_the_real_data_is_valid_against_its_schema(key):
    schema = _schema(key)
    jsonschema.Draft7Validator.check_schema(schema)
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(_data(key)))
    assert errors == []


def _walk(node, path="$"):
    if isinstance(node, dict):
        if "type" in node or "enum" in node or "anyOf" in node:
            yield path, node
        for key, value in node.get("properties", {}).items():
            yield from _walk(value, f"{path}.{key}")
        if "items" in node:
            yield from _walk(node["items"], f"{path}[]")


@pytest.mark.parametrize("key", list(DATA_FILES))
def test_every_field_is_described_in_plain_words(key):
    fields = list(_walk(_schema(key)))
    assert len(fields) > 10
    undescribed = [path for path, node in fields if len(node.get("description", "").split()) < 2]
    assert undescribed == []


# A small findings file of its own, so that this test holds for any report made from this skeleton.
SAMPLE_FINDINGS = {
    "findings": [{
        "id": "sample-finding", "section": "participation",
        "title": {"nb": "Tittel", "nn": "Tittel", "en": "Title"},
        "text": {"nb": "Andelen er {{ figure sample-share }}.", "nn": "Delen er {{ figure sample-share }}.", "en": "The share is {{ figure sample-share }}."},
        "figures": [{"id": "sample-share", "value": 28, "unit": "percent"}],
        "sources": ["sample-source"], "chart": "sample-chart",
    }],
    "charts": [{
        "id": "sample-chart", "kind": "share",
        "title": {"nb": "Tittel", "nn": "Tittel", "en": "Title"},
        "takeaway": {"nb": "Setning.", "nn": "Setning.", "en": "Sentence."},
        "axis_title": {"nb": "Andel", "nn": "Del", "en": "Share"},
        "bars": [{"figure": "sample-share", "label": {"nb": "Del", "nn": "Del", "en": "Part"}}],
    }],
}


def test_the_schema_flags_the_mistakes_the_loader_flags():
    """What an editor's tool underlines while typing is what the build would refuse."""
    validator = jsonschema.Draft7Validator(_schema("findings"))
    good = SAMPLE_FINDINGS
    assert list(validator.iter_errors(good)) == []

    def errors_after(change):
        data = copy.deepcopy(good)
        change(data)
        return [e.message for e in validator.iter_errors(data)]

    assert any("sectoin" in m for m in errors_after(lambda d: d["findings"][0].update(sectoin="participation")))
    assert any("'en' is a required property" in m for m in errors_after(lambda d: d["findings"][0]["title"].pop("en")))
    assert any("'pie' is not one of" in m for m in errors_after(lambda d: d["charts"][0].update(kind="pie")))
    assert any("'28' is not valid" in m or "is not valid under any" in m
               for m in errors_after(lambda d: d["findings"][0]["figures"][0].update(value="28")))
    assert any("does not match" in m for m in errors_after(lambda d: d["findings"][0].update(id="Bad Id")))


def test_the_schema_command_reports_a_stale_file(project_copy):
    tmp_path = project_copy
    (tmp_path / "schema").mkdir()
    for path, text in generated_files(language_pairs()).items():
        (tmp_path / path).write_text(text, encoding="utf-8")
    (tmp_path / "schema" / schema_filename("ui")).write_text("{}\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "reportsite.schemafiles", "--check"], cwd=tmp_path,
                          env={"PYTHONPATH": str(ROOT / "hooks"), "PATH": os.environ.get("PATH", "")}, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stdout.strip() == ("schema/ui.schema.json: out of date with the declarations in hooks/reportsite/ — "
                                   "run `make schema` and commit the result")
