"""Hook: tell the shared code whether this is the live preview (`mkdocs serve`), where errors are shown, not fatal."""

from __future__ import annotations

from reportsite import preview


def on_startup(command, dirty):
    preview.set_command(command)
