"""Cross-app reactions, in one dispatch table instead of signals.

The table starts empty: an app that must react to another's change registers its handler by
dotted path from its own `AppConfig.ready()`, so that core never names an app above it; the
service that makes the change calls `dispatch(...)` inside its transaction. Handlers are
imported lazily, so the apps stay decoupled at import time, and called in the order they
were registered (the order of INSTALLED_APPS).

Event names used today:
- "person.merged" (survivor=Person, merged=Person, moves=dict): each app with rows about a
  person moves them to the survivor (the app that defines persons documents the contract)
- "person.unmerged" (survivor=Person, merged=Person, moves=dict): each app moves them back
- "person.panels" (request=HttpRequest, person=Person): apps above people return an HTML
  panel for the person's page (or "" when the user may not see it), so people never
  imports them
- "person.retention_holds" (person_ids=set[int], today=date): apps return the ids of those
  persons they still need (a live permit, an open referral), whom retention then spares
- "person.anonymised" (person=Person): each app erases what its own rows repeat of who the
  person is (a complainant's name and phone, the values of a correction request)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.utils.module_loading import import_string

HANDLERS: dict[str, list[str]] = {}
# Handler path -> label of the app it belongs to; a name that outlives a module's move.
OWNERS: dict[str, str] = {}


def register(event: str, dotted_path: str) -> None:
    """Subscribe the function at `dotted_path` to `event` (once, however often called)."""
    HANDLERS.setdefault(event, [])
    if dotted_path not in HANDLERS[event]:
        HANDLERS[event].append(dotted_path)
    app = apps.get_containing_app_config(dotted_path)
    if app is not None:
        OWNERS[dotted_path] = app.label


def owner(dotted_path: str) -> str:
    """The label of the app that registered the handler, else the handler's path."""
    return OWNERS.get(dotted_path, dotted_path)


def dispatch(event: str, **kwargs: Any) -> dict[str, Any]:
    """Call every handler of `event`; return their results keyed by handler path."""
    results = {}
    for path in HANDLERS.get(event, []):
        handler: Callable[..., Any] = import_string(path)
        results[path] = handler(**kwargs)
    return results
