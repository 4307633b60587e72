"""The employment unit's REST resources, mounted at /api/v1/employment: one router, its
routes grouped by module (records, what hangs off them, matching and campaigns, seasons and
indicators)."""

from . import campaigns, seasons, subrecords  # noqa: F401 - they add their routes
from .records import router

__all__ = ["router"]
