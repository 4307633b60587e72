"""Cross-app reactions, in one dispatch table instead of signals.

An app that must react to another's change registers a handler here by dotted path; the
service that makes the change calls `dispatch(...)` inside its transaction. Handlers are
imported lazily, so the apps stay decoupled at import time.

Event names used today:
- "person.merged" (survivor=Person, merged=Person, moves=dict): apps move their links
- "person.unmerged" (survivor=Person, merged=Person, moves=dict): apps move them back
- "person.panels" (request=HttpRequest, person=Person): apps above people return an HTML
  panel for the person's page (or "" when the user may not see it), so people never
  imports them
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.module_loading import import_string

HANDLERS: dict[str, list[str]] = {
    "person.merged": [],
    "person.unmerged": [],
    "person.panels": [
        "taawon.employment.panels.person_panel",
        "taawon.permits.panels.person_panel",
    ],
}


def register(event: str, dotted_path: str) -> None:
    HANDLERS.setdefault(event, [])
    if dotted_path not in HANDLERS[event]:
        HANDLERS[event].append(dotted_path)


def dispatch(event: str, **kwargs: Any) -> dict[str, Any]:
    """Call every handler of `event`; return their results keyed by handler path."""
    results = {}
    for path in HANDLERS.get(event, []):
        handler: Callable[..., Any] = import_string(path)
        results[path] = handler(**kwargs)
    return results
