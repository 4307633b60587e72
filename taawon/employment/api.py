"""The employment unit's REST resources, mounted at /api/v1/employment: one router, to which
each concern adds its routes in its own api.py (in any order: every schema, enums included,
has a name of its own in the OpenAPI document)."""

from importlib import import_module

from .unit.api import router

CONCERNS = (
    "awareness",
    "campaigns",
    "employers",
    "matching",
    "placements",
    "seasons",
    "seekers",
    "vacancies",
)
for concern in CONCERNS:
    import_module(f"{__package__}.{concern}.api")

__all__ = ["router"]
