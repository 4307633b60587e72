"""Reads of reference places (not owned by any organisation, so not scoped)."""

from django.db.models import QuerySet
from django.utils.translation import get_language

from .countries import PRIORITY, country_name
from .models import District, Governorate

Choices = list[tuple[int | str, str]]


def _name_field() -> str:
    return "name_ar" if get_language() == "ar" else "name_en"


def governorates(country: str | None = None) -> QuerySet[Governorate]:
    qs = Governorate.objects.all()
    return qs.filter(country=country.upper()) if country else qs


def districts_of(governorate_id: object) -> QuerySet[District]:
    """Districts of one governorate in the reader's alphabet; none for a malformed id."""
    try:
        qs = District.objects.filter(governorate_id=int(governorate_id))
    except (TypeError, ValueError):
        return District.objects.none()
    return qs.order_by(_name_field())


def governorate_choices(country: str | None = None) -> list[tuple[str, Choices]]:
    """Governorates grouped under their country's name, for a grouped <select>.

    The programme's countries come first, in `countries.PRIORITY` order.
    """
    rows = list(governorates(country).order_by(_name_field()))
    codes = sorted(
        {g.country for g in rows},
        key=lambda c: (PRIORITY.index(c) if c in PRIORITY else len(PRIORITY), c),
    )
    return [
        (country_name(code), [(g.pk, g.display_name) for g in rows if g.country == code])
        for code in codes
    ]
