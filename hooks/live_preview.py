"""Hook: tell the shared code whether this is the live preview (`make serve`), where problems are shown, not fatal."""

from __future__ import annotations

from reportsite import live_preview


def on_startup(*, command: str, dirty: bool) -> None:
    live_preview.start(command)
