"""The employment unit's REST resources, mounted at /api/v1/employment: one router, to which
each concern adds its routes in its own api.py."""

from .awareness import api as _awareness  # noqa: F401 - each adds its routes
from .campaigns import api as _campaigns  # noqa: F401
from .employers import api as _employers  # noqa: F401
from .matching import api as _matching  # noqa: F401
from .placements import api as _placements  # noqa: F401
from .seasons import api as _seasons  # noqa: F401
from .seekers import api as _seekers  # noqa: F401
from .unit.api import router
from .vacancies import api as _vacancies  # noqa: F401

__all__ = ["router"]
