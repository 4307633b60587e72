"""Panels of the home page: an empty registry that each app fills from its
`AppConfig.ready()`, like the navigation (taawon.core.navigation).

A panel is a function `panel(*, request) -> str` named by dotted path and imported lazily; it
returns its HTML, or "" when the user has nothing to see there. Panels are shown by `order`.

A panel is the day's work of a role (the counsellor's follow-ups due, the ministry's
applications waiting): `role_reach` gives the organisations the user reaches through
memberships of those roles only, so that a country office's manager, who reads every unit,
is not shown every counsellor's to-do list. Panels render `includes/home_panel.html`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.module_loading import import_string

# Rows a panel lists at most; its link leads to the full list.
SHOWN = 5


@dataclass(frozen=True)
class Panel:
    order: int
    dotted_path: str


HOME_PANELS: dict[str, Panel] = {}


def register_home_panel(*, order: int, dotted_path: str) -> None:
    HOME_PANELS[dotted_path] = Panel(order=order, dotted_path=dotted_path)


def home_panels(request: HttpRequest) -> list[str]:
    """The HTML of each home-page panel the user has something to see in, in order."""
    shown = []
    for panel in sorted(HOME_PANELS.values(), key=lambda p: (p.order, p.dotted_path)):
        render: Callable[..., str] = import_string(panel.dotted_path)
        html = render(request=request)
        if html:
            shown.append(html)
    return shown


def role_reach(
    user,
    action: str = "read",
    *,
    domain: str,
    roles: frozenset[str],
    kinds: frozenset[str] | None = None,
):
    """The organisations (a `scoping.Reach`) `user` reaches in `domain` through memberships
    of `roles` (in organisations of `kinds`); nothing without such a membership, a
    superuser's included."""
    # Imported here: apps import this module from their AppConfig, before models load.
    from taawon.accounts import scoping

    held = [
        m
        for m in scoping.memberships(user)
        if m.role in roles and (kinds is None or m.organisation.kind in kinds)
    ]
    if not held:
        return scoping.NOTHING
    return scoping.reach(user, action, domain=domain, roles=roles, kinds=kinds)


def owned_within(queryset, reach, *, owner_field: str = "owner"):
    """`queryset` narrowed to the rows owned within `reach` (already a scoped read)."""
    if reach.everything:
        return queryset
    return queryset.filter(**{f"{owner_field}_id__in": sorted(reach.organisation_ids)})
