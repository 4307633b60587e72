"""The protection reference data over the API, mounted at /api/v1/protection: what a client
needs to state a vacancy's tasks and to know the ages the services enforce."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja import Router

from . import reference, rules
from .schemas import HazardsOut

router = Router(tags=["protection"])


@router.get(
    "/hazards",
    response=HazardsOut,
    summary="Hazardous work and minimum ages",
    description=(
        "The hazardous occupations (ISCO-08 unit groups) and task codes a vacancy may state "
        "(`tasks`), with their labels in the request's language and their sources; the "
        "minimum working age per country; nobody under `adult_age` does hazardous work."
    ),
    operation_id="taawon_protection_api_hazards",
)
def hazards(request: HttpRequest):
    def entry(e: reference.Entry) -> dict:
        return {"code": e.code, "label": e.label, "sources": list(e.sources)}

    return {
        "adult_age": rules.ADULT_AGE,
        "minimum_working_age": dict(settings.MINIMUM_WORKING_AGE),
        "minimum_working_age_default": settings.MINIMUM_WORKING_AGE_DEFAULT,
        "occupations": [entry(e) for e in reference.occupations().values()],
        "tasks": [entry(e) for e in reference.tasks().values()],
        "sources": reference.sources(),
    }
