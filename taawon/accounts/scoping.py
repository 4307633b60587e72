"""The one place that decides which organisations' records a user may read or change.

Every scoped query, in the UI, the API and the indicators alike, goes through `scope()`;
single records go through `get_scoped_or_404()`. A record is visible when its owning
organisation is in the user's reach for the record's domain (its app label).

Reach of a membership:
- any in a country office, and a ministry officer's in a ministry: the whole country;
- anywhere else: the organisation and everything below it (a cooperative and its units).

What a role may do, per domain, is the `ROLE_GRANTS` table below.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from django.db import models
from django.db.models import QuerySet
from django.http import Http404
from django.utils.functional import LazyObject

from .models import Membership, Organisation

READ = "read"
CHANGE = "change"
MANAGE_USERS = "manage_users"
REVEAL = "reveal"

ALL = frozenset({"*"})
Role = Membership.Role

# role -> action -> domains (app labels) it applies to
ROLE_GRANTS: dict[str, dict[str, frozenset[str]]] = {
    Role.ADMINISTRATOR: {READ: ALL, CHANGE: ALL, REVEAL: ALL, MANAGE_USERS: ALL},
    Role.MANAGER: {READ: ALL, CHANGE: ALL, REVEAL: ALL},
    Role.COUNSELLOR: {READ: ALL, CHANGE: ALL, REVEAL: ALL},
    Role.DATA_CLERK: {READ: ALL, CHANGE: ALL},
    Role.VIEWER: {READ: ALL},
    # Ministry officers see permits and only what a permit needs of a person (permits app).
    Role.MINISTRY_OFFICER: {READ: frozenset({"permits"}), CHANGE: frozenset({"permits"})},
    # Aggregate viewers see indicators only, never a row.
    Role.AGGREGATE_VIEWER: {READ: frozenset({"indicators"})},
}

COUNTRY_WIDE_KINDS = {Organisation.Kind.COUNTRY_OFFICE, Organisation.Kind.MINISTRY}
# A ministry sees the country for its officers' work only: any other role there (an
# administrator adding a viewer, say) would otherwise read every person in the country.
COUNTRY_WIDE_ROLES_IN_MINISTRY = frozenset({Role.MINISTRY_OFFICER})

# Registries of organisations, not of people: anyone who may read some domain records in a
# country may read these for the whole country (a counsellor looks up any cooperative).
COUNTRY_READABLE_DOMAINS = frozenset({"cooperatives"})

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Reach:
    everything: bool
    organisation_ids: frozenset[int]

    def __contains__(self, organisation_id: int | None) -> bool:
        return self.everything or organisation_id in self.organisation_ids

    @property
    def empty(self) -> bool:
        return not self.everything and not self.organisation_ids


NOTHING = Reach(False, frozenset())
EVERYTHING = Reach(True, frozenset())


def _all_organisations() -> list[tuple[int, int | None, str]]:
    return list(
        Organisation.objects.filter(is_active=True).values_list("id", "parent_id", "country")
    )


def _organisation_tree(user) -> list[tuple[int, int | None, str]]:
    # Read once a request: a page asks reach() for several actions and domains.
    tree = user.__dict__.get("_taawon_tree")
    if tree is None:
        tree = user.__dict__["_taawon_tree"] = _all_organisations()
    return tree


def _country_wide(membership: Membership) -> bool:
    kind = membership.organisation.kind
    if kind == Organisation.Kind.MINISTRY:
        return membership.role in COUNTRY_WIDE_ROLES_IN_MINISTRY
    return kind in COUNTRY_WIDE_KINDS


def _expand(memberships: Iterable[Membership], tree: list[tuple[int, int | None, str]]) -> set[int]:
    children: dict[int, list[int]] = defaultdict(list)
    for org_id, parent_id, _country in tree:
        if parent_id is not None:
            children[parent_id].append(org_id)
    result: set[int] = set()
    for membership in memberships:
        org = membership.organisation
        if _country_wide(membership):
            result.update(org_id for org_id, _p, country in tree if country == org.country)
            continue
        stack = [org.pk]
        while stack:
            current = stack.pop()
            if current not in result:
                result.add(current)
                stack.extend(children[current])
    return result


def _memberships(user) -> list[Membership]:
    cached = getattr(user, "_taawon_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, organisation__is_active=True).select_related(
                "organisation"
            )
        )
        only = getattr(user, "_taawon_only_organisation", None)
        if only is not None:
            cached = [m for m in cached if m.organisation_id == only]
        user._taawon_memberships = cached
    return cached


def reach(
    user,
    action: str = READ,
    *,
    domain: str,
    roles: frozenset[str] | None = None,
    kinds: frozenset[str] | None = None,
) -> Reach:
    """The organisations whose `domain` records `user` may `action`.

    `roles` and `kinds` (None: any) keep only the reach that memberships of those roles, in
    organisations of those kinds, give: for an app whose rules depend on the role (permits:
    the cooperative prepares, the ministry decides).
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return NOTHING
    user = _unwrap(user)
    if user.is_superuser and getattr(user, "_taawon_only_organisation", None) is None:
        return EVERYTHING
    cache = user.__dict__.setdefault("_taawon_reach", {})
    key = (action, domain, roles, kinds)
    if key not in cache:
        granted = [
            m
            for m in _memberships(user)
            if (domains := ROLE_GRANTS.get(m.role, {}).get(action))
            and (domains is ALL or domain in domains)
            and (roles is None or m.role in roles)
            and (kinds is None or m.organisation.kind in kinds)
        ]
        tree = _organisation_tree(user) if granted else []
        if granted and action == READ and domain in COUNTRY_READABLE_DOMAINS:
            countries = {m.organisation.country for m in granted}
            ids = {org_id for org_id, _p, country in tree if country in countries}
        else:
            ids = _expand(granted, tree)
        cache[key] = Reach(False, frozenset(ids)) if ids else NOTHING
    return cache[key]


def _unwrap(user):
    # request.user is a SimpleLazyObject; the per-request cache lives on the wrapped user
    # (callers have already touched an attribute, so it is set up). django-otp's middleware
    # wraps it once more.
    while isinstance(user, LazyObject):
        user = user._wrapped
    return user


def narrow_to_organisation(user, organisation_id: int) -> None:
    """For the rest of this request `user` acts through their memberships of one organisation
    only (an API token issued for it): their other memberships, and a system administrator's
    reach of everything, do not count."""
    target = _unwrap(user)
    forget(target)
    target._taawon_only_organisation = organisation_id


def forget(user) -> None:
    """Drop the per-request cache, after memberships change."""
    target = _unwrap(user)
    target.__dict__.pop("_taawon_reach", None)
    target.__dict__.pop("_taawon_memberships", None)
    target.__dict__.pop("_taawon_tree", None)


def scope(
    queryset: QuerySet[M],
    user,
    action: str = READ,
    *,
    owner_field: str = "owner",
    roles: frozenset[str] | None = None,
) -> QuerySet[M]:
    """`queryset` narrowed to the rows `user` may `action`, by their owning organisation
    (through memberships of `roles` only, when given: see `reach`)."""
    r = reach(user, action, domain=queryset.model._meta.app_label, roles=roles)
    if r.everything:
        return queryset
    if r.empty:
        return queryset.none()
    return queryset.filter(**{f"{owner_field}_id__in": sorted(r.organisation_ids)})


def get_scoped_or_404(
    queryset: QuerySet[M], user, pk, action: str = READ, *, owner_field: str = "owner"
) -> M:
    """One row by primary key, or Http404 if it does not exist or is out of reach.

    Out of reach is a 404 rather than a 403 so that ids of other organisations leak nothing.
    """
    try:
        return scope(queryset, user, action, owner_field=owner_field).get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def can(user, action: str, obj: models.Model, *, owner_field: str = "owner") -> bool:
    owner_id = getattr(obj, f"{owner_field}_id")
    return owner_id in reach(user, action, domain=obj._meta.app_label)


def organisations(user, action: str = READ, *, domain: str) -> QuerySet[Organisation]:
    """The organisations `user` may `action` records of `domain` for (owner pickers, filters)."""
    r = reach(user, action, domain=domain)
    qs = Organisation.objects.filter(is_active=True)
    if r.everything:
        return qs
    return qs.filter(pk__in=sorted(r.organisation_ids))


def may_manage_users(user, organisation: Organisation) -> bool:
    return organisation.pk in reach(user, MANAGE_USERS, domain="accounts")


def memberships(user) -> list[Membership]:
    """`user`'s memberships of active organisations, organisation joined (read once a request)."""
    if user is None or not user.is_authenticated:
        return []
    return _memberships(_unwrap(user))
