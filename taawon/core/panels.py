"""Panels of the home page: an empty registry that each app fills from its
`AppConfig.ready()`, like the navigation (taawon.core.navigation).

A panel is a function `panel(*, request) -> str` named by dotted path and imported lazily; it
returns its HTML, or "" when the user has nothing to see there. Panels are shown by `order`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.module_loading import import_string


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
