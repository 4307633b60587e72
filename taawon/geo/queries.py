"""Reads of reference places (not owned by any organisation, so not scoped).

Governorates are offered in the page's language, sorted by their name in it, and only those of
the user's own country (`countries_of`): a Jordanian unit picks among Jordan's governorates;
others show only to a user whose organisations span countries (grouped by country then, the
programme's countries first)."""

from collections.abc import Iterable

from django.db.models import QuerySet

from taawon.core.scripts import names_in_arabic_script
from taawon.lib.arabic import normalise_arabic

from .countries import PRIORITY, country_name
from .models import District, Governorate

Choices = list[tuple[int | str, str]]


def _name_field() -> str:
    return "name_ar" if names_in_arabic_script() else "name_en"


def country_rank(code: str) -> tuple[int, str]:
    """Where a country's places come in a list: the programme's countries first."""
    return (PRIORITY.index(code) if code in PRIORITY else len(PRIORITY), code)


def countries_of(user) -> list[str] | None:
    """The countries of `user`'s organisations, whose places `user` is offered; None (every
    country) for a system administrator."""
    from taawon.accounts import scoping  # accounts sits beside geo; read at call time only

    if getattr(user, "is_superuser", False):
        return None
    return sorted({m.organisation.country for m in scoping.memberships(user)}, key=country_rank)


def governorates(
    country: str | None = None, *, countries: Iterable[str] | None = None
) -> QuerySet[Governorate]:
    """Governorates of `country` (or of `countries`; None: all), by name in the reader's
    language."""
    qs = Governorate.objects.all()
    if country:
        qs = qs.filter(country=country.upper())
    if countries is not None:
        qs = qs.filter(country__in=sorted(c.upper() for c in countries))
    return qs.order_by(_name_field(), "pk")


def districts_of(governorate_id: object) -> QuerySet[District]:
    """Districts of one governorate in the reader's alphabet; none for a malformed id."""
    try:
        qs = District.objects.filter(governorate_id=int(governorate_id))
    except (TypeError, ValueError):
        return District.objects.none()
    return qs.order_by(_name_field())


def governorate_choices(
    country: str | None = None, *, countries: Iterable[str] | None = None
) -> list[tuple[str, Choices]]:
    """Governorates for a grouped <select>, by name in the reader's language, under their
    country's name, the programme's countries first (`countries.PRIORITY`)."""
    rows = list(governorates(country, countries=countries))
    codes = sorted({g.country for g in rows}, key=country_rank)
    return [
        (country_name(code), [(g.pk, g.display_name) for g in rows if g.country == code])
        for code in codes
    ]


def _folded(text: str) -> str:
    return normalise_arabic(text).casefold()


def _matching(rows, q: str, codes: tuple[str, ...]) -> list:
    """Rows whose code starts with `q` or whose English or Arabic name holds each of its words.
    Places are a few hundred short rows: matched in Python, after folding Arabic spellings
    (hamza seats, taa marbuta), which neither database does on its own."""
    words = _folded(q).split()
    if not words:
        return []
    found = []
    for row in rows:
        names = _folded(f"{row.name_en} {row.name_ar}")
        by_code = any(str(getattr(row, c)).casefold().startswith(q.casefold()) for c in codes)
        if by_code or all(word in names for word in words):
            found.append(row)
    return found


def search_governorates(q: str, *, country: str | None = None) -> list[Governorate]:
    """Governorates (of `country`, when given) found by name or by ISO or P-code."""
    rows = governorates(country or None).order_by(_name_field())
    return _matching(rows, q.strip(), ("iso_code", "pcode"))


def search_districts(q: str, *, governorate: object = None) -> list[District]:
    """Districts (of `governorate`, when given) found by name or P-code."""
    rows = District.objects.select_related("governorate").order_by(_name_field())
    if governorate is not None:
        rows = districts_of(governorate).select_related("governorate")
    return _matching(rows, q.strip(), ("pcode",))
