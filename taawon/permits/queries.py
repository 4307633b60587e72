"""Scoped reads of work permits, for the pages, the API, the reports and the reminders.

Permits are read in the "permits" domain (accounts.scoping): a cooperative and its units see
their own, the country office and the Ministry of Labour's officers the whole country. What a
permit shows of its holder is read through the permit (name, sex, nationality, the kinds of
identifier), never through the registry, whose pages a ministry officer cannot open.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from taawon.accounts import scoping
from taawon.accounts.models import Membership, Organisation, User
from taawon.cooperatives.models import Cooperative
from taawon.core.queries import history_for_object
from taawon.people import queries as people_queries
from taawon.people.models import Person

from .models import LIVE_STATUSES, Permit, PermitImport, PermitStatus

EXPIRED = "expired"


def permits_for(user: User, action: str = scoping.READ) -> QuerySet[Permit]:
    return scoping.scope(Permit.objects.all(), user, action)


def live_renewal() -> Exists:
    """Whether a permit has a renewal under way or issued (no reminder is due then)."""
    return Exists(Permit.objects.filter(previous=OuterRef("pk"), status__in=LIVE_STATUSES))


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
    return qs.select_related("person", "cooperative", "owner").order_by("-id")


def normalise_permit_number(value: object) -> str:
    """How permit numbers are stored and compared: no spaces, upper case ("wp 001" = "WP001")."""
    return "".join(str(value or "").split()).upper()


def get_permit_for_user(user: User, pk, action: str = scoping.READ) -> Permit:
    """One permit `user` may `action`, or Http404."""
    queryset = Permit.objects.select_related(
        "person",
        "person__governorate",
        "cooperative",
        "cooperative__governorate",
        "owner",
        "previous",
        "decided_by",
        "created_by",
    ).prefetch_related("person__identifiers")
    return scoping.get_scoped_or_404(queryset, user, pk, action)


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


def may_open_person(user: User, permit: Permit) -> bool:
    """Whether the holder's registry page is open to `user` (never to a ministry officer)."""
    return scoping.can(user, scoping.READ, permit.person)


def may_change(user: User, permit: Permit) -> bool:
    return scoping.can(user, scoping.CHANGE, permit)


def _ministry_countries(user: User) -> frozenset[str]:
    cache = user.__dict__.setdefault("_taawon_ministry_countries", None)
    if cache is None:
        cache = frozenset(
            Membership.objects.filter(
                user=user,
                role=Membership.Role.MINISTRY_OFFICER,
                organisation__kind=Organisation.Kind.MINISTRY,
                organisation__is_active=True,
            ).values_list("organisation__country", flat=True)
        )
        user.__dict__["_taawon_ministry_countries"] = cache
    return cache


def may_decide(user: User | None, owner: Organisation) -> bool:
    """Only a ministry officer of the permit's country, or a system administrator, records the
    ministry's decisions (issue, rejection, cancellation of an issued permit, imports)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    user = getattr(user, "_wrapped", user)
    return owner.country in _ministry_countries(user) and owner.pk in scoping.reach(
        user, scoping.CHANGE, domain="permits"
    )


def may_apply(user: User) -> bool:
    """Whether `user` may start applications: they change permits and read the registry."""
    return not scoping.reach(user, scoping.CHANGE, domain="permits").empty and not (
        scoping.reach(user, scoping.READ, domain="people").empty
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


def owner_choices(user: User, cooperative: Cooperative) -> list[Organisation]:
    reach = scoping.reach(user, scoping.CHANGE, domain="permits")
    return [org for org in permit_owners(cooperative) if org.pk in reach]


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


def overlapping_permit(
    *,
    person_id: int,
    issued_on: datetime.date,
    expires_on: datetime.date,
    exclude: tuple[int | None, ...] = (),
) -> Permit | None:
    """An issued permit of the person whose dates overlap [issued_on, expires_on]."""
    return (
        Permit.objects.filter(
            person_id=person_id,
            status=PermitStatus.ISSUED,
            issued_on__lte=expires_on,
            expires_on__gte=issued_on,
        )
        .exclude(pk__in=[pk for pk in exclude if pk is not None])
        .order_by("issued_on")
        .first()
    )


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
        .exclude(live_renewal())
        .select_related("person", "cooperative", "cooperative__governorate")
        .order_by("cooperative__name_en", "cooperative_id", "expires_on", "pk")
    )


# ---- Imports --------------------------------------------------------------------------------


# Who imports the ministry's lists: a cooperative's administrators and managers (for that
# cooperative), the country office's (for the country) and the ministry's officers (likewise).
IMPORTING_ROLES = {
    Organisation.Kind.COOPERATIVE: (Membership.Role.ADMINISTRATOR, Membership.Role.MANAGER),
    Organisation.Kind.COUNTRY_OFFICE: (Membership.Role.ADMINISTRATOR, Membership.Role.MANAGER),
    Organisation.Kind.MINISTRY: (Membership.Role.MINISTRY_OFFICER,),
}


def import_owners(user: User | None) -> list[Organisation]:
    """The organisations on whose behalf `user` imports permits (an import's owner)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    qs = Organisation.objects.filter(is_active=True, kind__in=list(IMPORTING_ROLES))
    if not user.is_superuser:
        granted = Q(pk__in=[])
        for kind, roles in IMPORTING_ROLES.items():
            granted |= Q(kind=kind, memberships__user=user, memberships__role__in=roles)
        qs = qs.filter(granted)
    return list(qs.distinct().order_by("country", "kind", "name_en", "pk"))


def may_import(user: User | None) -> bool:
    return bool(import_owners(user))


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
