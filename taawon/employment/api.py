"""The employment unit's REST resources, mounted at /api/v1/employment: one router, to which
each concern adds its routes in its own api.py. Every schema, enums included, has a name of its
own in the OpenAPI document, so the order below is only the document's reading order: each
resource's own paths before the matches listed under them."""

from importlib import import_module

from .unit.api import router

CONCERNS = (
    "employers",
    "vacancies",
    "placements",
    "awareness",
    "seekers",
    "matching",
    "campaigns",
    "seasons",
)
for concern in CONCERNS:
    import_module(f"{__package__}.{concern}.api")

__all__ = ["router"]
