"""Reads of reference places (not owned by any organisation, so not scoped)."""

from django.db.models import QuerySet

from .models import District, Governorate


def governorates(country: str | None = None) -> QuerySet[Governorate]:
    qs = Governorate.objects.all()
    return qs.filter(country=country) if country else qs


def districts_of(governorate_id) -> QuerySet[District]:
    try:
        return District.objects.filter(governorate_id=int(governorate_id))
    except (TypeError, ValueError):
        return District.objects.none()
