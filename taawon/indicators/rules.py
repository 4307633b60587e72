"""Who may change the logframe and lock reporting periods: the managers and administrators of
the organisation (a country office's programme officers hold the manager role there)."""

from __future__ import annotations

from django.db.models import QuerySet

from taawon.accounts import scoping
from taawon.accounts.models import Membership, Organisation

DOMAIN = "indicators"
PLANNING_ROLES = frozenset({Membership.Role.MANAGER, Membership.Role.ADMINISTRATOR})


def planning_reach(user) -> scoping.Reach:
    return scoping.reach(user, scoping.CHANGE, domain=DOMAIN, roles=PLANNING_ROLES)


def may_plan(user, organisation_id: int | None = None) -> bool:
    """Whether `user` may change the logframe or the locks (of `organisation_id`, if given)."""
    reach = planning_reach(user)
    if organisation_id is None:
        return not reach.empty
    return organisation_id in reach


def planning_organisations(user) -> QuerySet[Organisation]:
    reach = planning_reach(user)
    organisations = Organisation.objects.filter(is_active=True).exclude(
        kind__in=[Organisation.Kind.MINISTRY, Organisation.Kind.DONOR]
    )
    if reach.everything:
        return organisations
    return organisations.filter(pk__in=sorted(reach.organisation_ids))
