"""Scoped reads of work permits, for the pages, the API, the reports and the reminders.

Permits are read in the "permits" domain (accounts.scoping): a cooperative and its units see
their own, the country office the whole country, the Ministry of Labour's officers the whole
country's permits once sent to the ministry (`rules`, who may do what). What a
permit shows of its holder is read through the permit (name, sex, nationality, the kinds of
identifier), never through the registry, whose pages a ministry officer cannot open.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from taawon.accounts import scoping
from taawon.accounts.models import Organisation, User
from taawon.cooperatives.models import Cooperative
from taawon.core.queries import history_for_object
from taawon.people import queries as people_queries
from taawon.people.models import Person

from . import rules
from .importing.chunked import chunks
from .invariants import Term, normalise_permit_number
from .models import LIVE_STATUSES, Permit, PermitImport, PermitStatus

EXPIRED = "expired"

__all__ = ["normalise_permit_number"]


def permits_for(user: User, action: str = scoping.READ) -> QuerySet[Permit]:
    """Permits `user` may `action`: those its reach covers, and of what a ministry officer's
    reach covers, only what was sent to the ministry (rules)."""
    permits = Permit.objects.all()
    whole = scoping.scope(permits, user, action, roles=rules.WHOLE_READING_ROLES)
    sent = scoping.scope(
        permits.filter(rules.sent_to_ministry()), user, action, roles=rules.DECIDING_ROLES
    )
    return whole | sent


def live_renewals() -> QuerySet[Permit]:
    """Renewals that count, under way or issued: a permit has at most one (the database's
    permit_one_live_renewal holds it too)."""
    return Permit.objects.filter(previous__isnull=False, status__in=LIVE_STATUSES)


def live_renewal() -> Exists:
    """Whether a permit has a renewal under way or issued (no reminder is due then)."""
    return Exists(live_renewals().filter(previous=OuterRef("pk")))


def has_live_renewal(permit: Permit) -> bool:
    return live_renewals().filter(previous=permit).exists()


def permit_list(
    user: User,
    *,
    q: str = "",
    status: str = "",
    sector: str = "",
    kind: str = "",
    cooperative: int | None = None,
    today: datetime.date | None = None,
) -> QuerySet[Permit]:
    """Permits `user` may read, newest first, with holder and cooperative joined.

    `q` is a permit number (exact, spaces and case aside) or words of the holder's name;
    `status` may also be "expired" (issued, past its expiry date).
    """
    today = today or timezone.localdate()
    qs = permits_for(user)
    if status == EXPIRED:
        qs = qs.filter(status=PermitStatus.ISSUED, expires_on__lt=today)
    elif status == PermitStatus.ISSUED:
        qs = qs.filter(status=status, expires_on__gte=today)
    elif status:
        qs = qs.filter(status=status)
    if sector:
        qs = qs.filter(sector=sector)
    if kind:
        qs = qs.filter(kind=kind)
    if cooperative:
        qs = qs.filter(cooperative_id=cooperative)
    q = " ".join((q or "").split())
    if q:
        number = normalise_permit_number(q)
        holders = people_queries.search(Person.objects.all(), q).values("pk")
        qs = qs.filter(Q(permit_number=number) | Q(person__in=holders))
    return (
        qs.select_related("person", "cooperative", "owner")
        .annotate(**{rules.LIVE_RENEWAL: live_renewal()})
        .order_by("-id")
    )


def get_permit_for_user(user: User, pk, action: str = scoping.READ) -> Permit:
    """One permit `user` may `action`, or Http404 (out of reach is not found, as in
    `scoping.get_scoped_or_404`)."""
    queryset = (
        permits_for(user, action)
        .select_related(
            "person",
            "person__governorate",
            "cooperative",
            "cooperative__governorate",
            "owner",
            "previous",
            "decided_by",
            "created_by",
        )
        .prefetch_related("person__identifiers")
    )
    try:
        permit = queryset.annotate(**{rules.LIVE_RENEWAL: live_renewal()}).filter(pk=pk).first()
    except (ValueError, TypeError):
        permit = None
    if permit is None:
        raise Http404
    return permit


def state_of(permit: Permit, today: datetime.date | None = None) -> str:
    """The permit's status, with "expired" for an issued permit past its expiry date."""
    today = today or timezone.localdate()
    if permit.status == PermitStatus.ISSUED and permit.expires_on and permit.expires_on < today:
        return EXPIRED
    return permit.status


@dataclass(frozen=True)
class Holder:
    """What a permit shows of its holder: what the ministry needs, no phone, no other record."""

    person_id: int
    name_ar: str
    name_en: str
    sex: str
    nationality: str
    identifier_kinds: tuple[str, ...]


def holder_of(permit: Permit) -> Holder:
    person = permit.person
    return Holder(
        person_id=person.pk,
        name_ar=person.name_ar,
        name_en=person.name_en,
        sex=person.sex,
        nationality=person.nationality,
        identifier_kinds=tuple(sorted(i.kind for i in person.identifiers.all())),
    )


def permit_owners(cooperative: Cooperative) -> list[Organisation]:
    """Who may own a permit under `cooperative`: its organisation in Taawon and that one's
    employment units; for a cooperative not in Taawon, the organisation keeping its entry."""
    if cooperative.organisation_id is None:
        return [cooperative.owner]
    return [
        cooperative.organisation,
        *Organisation.objects.filter(
            parent_id=cooperative.organisation_id,
            kind=Organisation.Kind.EMPLOYMENT_UNIT,
            is_active=True,
        ).order_by("name_en"),
    ]


def default_owner(cooperative: Cooperative) -> Organisation:
    """The owner of permits the ministry records for `cooperative` (imports)."""
    return cooperative.organisation if cooperative.organisation_id else cooperative.owner


def cooperatives_for_permits(user: User) -> QuerySet[Cooperative]:
    """Cooperatives whose permits `user` may handle: those whose organisation (or registry
    keeper) is in the user's reach for permits."""
    reach = scoping.reach(user, scoping.READ, domain="permits")
    qs = Cooperative.objects.filter(is_archived=False)
    if not reach.everything:
        ids = sorted(reach.organisation_ids)
        units = Organisation.objects.filter(pk__in=ids, kind=Organisation.Kind.EMPLOYMENT_UNIT)
        qs = qs.filter(
            Q(organisation_id__in=ids)
            | Q(organisation__isnull=True, owner_id__in=ids)
            | Q(organisation_id__in=units.values("parent_id"))
        )
    return qs.select_related("governorate").order_by("name_en", "name_ar", "pk")


def open_application(person: Person, *, exclude: Permit | None = None) -> Permit | None:
    qs = Permit.objects.filter(
        person=person, status__in=(PermitStatus.DRAFT, PermitStatus.SUBMITTED)
    )
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.first()


def issued_terms(
    person_ids: Iterable[int], *, leave_out: Iterable[str] = ()
) -> dict[int, list[Term]]:
    """person id -> the terms of their issued permits (invariants.overlap checks against
    them), but for permits numbered in `leave_out`; one query a chunk of persons."""
    left_out = set(leave_out)
    terms: dict[int, list[Term]] = defaultdict(list)
    for batch in chunks(sorted(set(person_ids))):
        for person_id, number, start, end, renews in Permit.objects.filter(
            person_id__in=batch, status=PermitStatus.ISSUED
        ).values_list(
            "person_id", "permit_number", "issued_on", "expires_on", "previous__permit_number"
        ):
            if number not in left_out:
                terms[person_id].append(Term(number, start, end, renews))
    return terms


def permit_history(permit: Permit) -> QuerySet:
    return history_for_object(permit)


def renewals_of(permit: Permit) -> QuerySet[Permit]:
    return permit.renewals.order_by("-id")


# ---- Expiry ---------------------------------------------------------------------------------


def expiring(
    user: User | None, *, within_days: int, today: datetime.date | None = None
) -> QuerySet[Permit]:
    """Issued permits expiring from `today` to `within_days` days later, with no renewal under
    way, soonest first by cooperative; all of them when `user` is None (the reminder task)."""
    today = today or timezone.localdate()
    qs = Permit.objects.all() if user is None else permits_for(user)
    return (
        qs.filter(
            status=PermitStatus.ISSUED,
            expires_on__gte=today,
            expires_on__lte=today + datetime.timedelta(days=within_days),
        )
        .annotate(**{rules.LIVE_RENEWAL: live_renewal()})
        .filter(**{rules.LIVE_RENEWAL: False})
        .select_related("person", "cooperative", "cooperative__governorate")
        .order_by("cooperative__name_en", "cooperative_id", "expires_on", "pk")
    )


# ---- Imports --------------------------------------------------------------------------------


def importable_cooperatives(owner: Organisation) -> QuerySet[Cooperative]:
    """Cooperatives whose permits an import owned by `owner` may name: the country's for the
    country office or the ministry, the cooperative's own entry for a cooperative."""
    qs = Cooperative.objects.all()
    if owner.kind == Organisation.Kind.COOPERATIVE:
        return qs.filter(organisation=owner)
    return qs.filter(country=owner.country)


def imports_for(user: User) -> QuerySet[PermitImport]:
    return (
        scoping.scope(PermitImport.objects.all(), user)
        .defer("content", "errors")
        .select_related("created_by")
    )


def get_import_for_user(user: User, pk, action: str = scoping.READ) -> PermitImport:
    """One import `user` may `action` (its file and errors included), or Http404."""
    return scoping.get_scoped_or_404(
        PermitImport.objects.select_related("created_by", "owner"), user, pk, action
    )
