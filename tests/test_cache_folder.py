"""A cache folder that cannot be written (read-only, or not a folder) slows the build down and says
so in one line; it never stops the build with a traceback."""

from __future__ import annotations

from conftest import build
from reportsite.cache import ContentCache


def test_unwritable_cache_folder_is_given_up_with_one_message(tmp_path, caplog):
    folder = tmp_path / ".cache" / "rendered"
    folder.parent.mkdir()
    folder.write_text("not a folder")  # as root, a read-only folder is still writable: a file stands in
    cache = ContentCache()
    cache.use_folder(folder)
    with caplog.at_level("INFO", logger="mkdocs.reportsite.cache"):
        assert cache.put("k", "value") == "value"
        assert cache.get("k") == "value"
        cache.put("k2", "v2")
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 1 and "cannot be used" in messages[0] and "building without it" in messages[0]


def test_build_with_a_cache_that_is_not_a_folder(project_copy, tmp_path):
    (project_copy / ".cache").write_text("not a folder")
    result = build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert "Traceback" not in result.output
    assert "cannot be used (Not a directory): building without it" in result.output
