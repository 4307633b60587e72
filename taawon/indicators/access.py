"""Who may see indicators, over which rows, and how finely.

Staff count the rows of their own reach (`accounts.scoping`, through each indicator's scope):
a counsellor of unit A never counts unit B's rows. An aggregate viewer (a donor) reads no row:
it counts every organisation of its country, but sees small cells suppressed, whole months,
quarters or years only, and nothing finer than a governorate (two narrower queries could
otherwise be subtracted to reveal a person).
"""

from __future__ import annotations

from django.db.models import QuerySet

from taawon.accounts import scoping
from taawon.accounts.models import Membership, Organisation

from .dimensions import Viewer
from .registry import Indicator

AGGREGATE_ROLES = frozenset({Membership.Role.AGGREGATE_VIEWER})


def aggregate_countries(user) -> list[str]:
    """The countries whose aggregates `user` reads as an aggregate viewer (a donor)."""
    countries: list[str] = []
    for membership in scoping.memberships(user):
        if membership.role in AGGREGATE_ROLES and membership.organisation.country not in countries:
            countries.append(membership.organisation.country)
    return countries


def may_see_indicators(user) -> bool:
    """Whether the indicators (page and API) are open to `user` at all."""
    return not scoping.reach(user, scoping.READ, domain="indicators").empty


def aggregate_only(user) -> bool:
    """Whether `user` sees aggregates and never a row: the donor's view."""
    if getattr(user, "is_superuser", False):
        return False
    memberships = scoping.memberships(user)
    return bool(memberships) and all(m.role in AGGREGATE_ROLES for m in memberships)


def may_see_records(user, indicator: Indicator) -> bool:
    """Whether `user` may open the rows behind the figures (provenance links)."""
    if aggregate_only(user):
        return False
    domain = indicator.rows().model._meta.app_label
    return not scoping.reach(user, scoping.READ, domain=domain).empty


def rows_for(user, indicator: Indicator) -> QuerySet:
    """The rows of `indicator` that count for `user`."""
    if aggregate_only(user):
        countries = aggregate_countries(user)
        return indicator.rows().filter(**{f"{indicator.owner}__country__in": countries})
    return indicator.scoped_rows(user)


def _countries(user) -> tuple[str, ...]:
    countries: list[str] = []
    for membership in scoping.memberships(user):
        if membership.organisation.country not in countries:
            countries.append(membership.organisation.country)
    if not countries:
        # A system administrator with no membership: every country with an organisation.
        countries = sorted(set(Organisation.objects.values_list("country", flat=True)))
    return tuple(countries)


def viewer(user, indicator: Indicator) -> Viewer:
    countries = _countries(user)
    if aggregate_only(user):
        return Viewer(countries, None)
    domain = indicator.rows().model._meta.app_label
    reach = scoping.reach(user, scoping.READ, domain=domain)
    return Viewer(countries, None if reach.everything else reach.organisation_ids)
