"""Hook: under `make serve`, pick up edits to the shared code in hooks/reportsite/ without a restart.

MkDocs loads each hook file once per process, and Python keeps the modules they import, so an
edit to hooks/reportsite/ would need a restart of the preview. Before each rebuild (and before
the other hooks, by its priority), this imports the shared code afresh when a file of it changed
since it was imported, and points the hooks at the new modules.
"""

from __future__ import annotations

import importlib
import sys
import types
from pathlib import Path

from mkdocs.plugins import event_priority

HOOKS = Path(__file__).resolve().parent
PACKAGE = "reportsite"


@event_priority(100)
def on_config(config):
    if sys.modules[PACKAGE].changed_since_import():
        reload_shared_code()
    return config


def reload_shared_code() -> None:
    old = {name: module for name, module in sys.modules.items() if name == PACKAGE or name.startswith(PACKAGE + ".")}
    for name in old:
        del sys.modules[name]
    fresh = {}
    # MkDocs puts the hooks' folder on the import path only while it loads a hook file.
    sys.path.insert(0, str(HOOKS))
    try:
        for name in sorted(old):
            try:
                fresh[name] = importlib.import_module(name)
            except ModuleNotFoundError:
                continue  # a module that was removed
    except BaseException:
        sys.modules.update(old)  # the new code does not import (a syntax error, say): keep the old
        raise
    finally:
        sys.path.remove(str(HOOKS))
    for module in list(sys.modules.values()):
        source = getattr(module, "__file__", None)
        if source and Path(source).resolve().parent == HOOKS:
            for attr, value in list(vars(module).items()):
                if isinstance(value, types.ModuleType) and value.__name__ in fresh:
                    setattr(module, attr, fresh[value.__name__])
