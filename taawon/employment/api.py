"""The employment unit's REST resources, mounted at /api/v1/employment: one router, to which
each concern adds its routes in its own api.py."""

from importlib import import_module

from .unit.api import router

# OpenAPI names an enum by its class name, and some names are shared (`Status` of vacancies,
# referrals and campaigns; `Topic` of awareness and counselling sessions): the last route
# added names the shared component. This order keeps the published document as it was.
ROUTE_ORDER = (
    "employers",
    "vacancies",
    "placements",
    "awareness",
    "seekers",
    "matching",
    "campaigns",
    "seasons",
)
for concern in ROUTE_ORDER:
    import_module(f"{__package__}.{concern}.api")

__all__ = ["router"]
