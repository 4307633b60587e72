"""Scoped reads of the cooperative registry, for views, the API and other apps.

The registry is readable country-wide (accounts.scoping.COUNTRY_READABLE_DOMAINS): any member
with read rights looks up any cooperative of their country, but changes only those in reach.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf

from taawon.accounts import scoping
from taawon.accounts.models import Organisation, User
from taawon.geo.countries import country_name

from .models import Cooperative, MemberCount, Sex, ValueChain


def cooperatives_for(user: User, action: str = scoping.READ) -> QuerySet[Cooperative]:
    return scoping.scope(Cooperative.objects.all(), user, action)


def cooperative_list(
    user: User,
    *,
    q: str = "",
    governorate: int | None = None,
    type: str = "",
    status: str = "",
    value_chain: str = "",
    archived: bool = False,
) -> QuerySet[Cooperative]:
    """Cooperatives `user` may read, filtered, with what a list shows already fetched.

    `q` matches either name (Arabic or English) or the registration number; `value_chain`
    is a value chain code.
    """
    qs = cooperatives_for(user).filter(is_archived=archived)
    q = " ".join((q or "").split())
    if q:
        qs = qs.filter(
            Q(name_ar__icontains=q) | Q(name_en__icontains=q) | Q(registration_number__icontains=q)
        )
    if governorate:
        qs = qs.filter(governorate_id=governorate)
    if type:
        qs = qs.filter(type=type)
    if status:
        qs = qs.filter(status=status)
    if value_chain:
        qs = qs.filter(value_chains__code=value_chain)
    return (
        qs.select_related("governorate", "district", "owner")
        .prefetch_related(
            Prefetch("value_chains", queryset=ValueChain.objects.order_by("position"))
        )
        # A cooperative registered with an Arabic name only still sorts by its name.
        .order_by(Coalesce(NullIf("name_en", Value("")), "name_ar"), "pk")
    )


def get_cooperative_for_user(user: User, pk, action: str = scoping.READ) -> Cooperative:
    """One cooperative `user` may `action`, or Http404."""
    queryset = Cooperative.objects.select_related(
        "governorate", "district", "owner", "organisation", "created_by", "updated_by"
    ).prefetch_related("value_chains")
    return scoping.get_scoped_or_404(queryset, user, pk, action)


def registry_countries(user: User) -> list[str]:
    """Countries whose registry `user` reads (for narrowing place pickers)."""
    organisations = scoping.organisations(user, scoping.READ, domain="cooperatives")
    return sorted(set(organisations.values_list("country", flat=True)))


def value_chains() -> QuerySet[ValueChain]:
    return ValueChain.objects.all()


@dataclass
class NationalityTotal:
    code: str
    name: str
    women: int = 0
    men: int = 0

    @property
    def total(self) -> int:
        return self.women + self.men


@dataclass
class MemberTotals:
    as_of: datetime.date
    total: int = 0
    women: int = 0
    men: int = 0
    by_nationality: list[NationalityTotal] = field(default_factory=list)


def member_totals(cooperative: Cooperative) -> MemberTotals | None:
    """Members on the latest date counted: total, women, men and by nationality (largest first);
    None when members were never counted."""
    latest = (
        MemberCount.objects.filter(cooperative=cooperative)
        .order_by("-as_of")
        .values_list("as_of", flat=True)
        .first()
    )
    if latest is None:
        return None
    totals = MemberTotals(as_of=latest)
    by_code: dict[str, NationalityTotal] = defaultdict(lambda: NationalityTotal("", ""))
    for sex, nationality, count in MemberCount.objects.filter(
        cooperative=cooperative, as_of=latest
    ).values_list("sex", "nationality", "count"):
        row = by_code[nationality]
        row.code, row.name = nationality, country_name(nationality)
        if sex == Sex.FEMALE:
            row.women += count
            totals.women += count
        else:
            row.men += count
            totals.men += count
        totals.total += count
    totals.by_nationality = sorted(by_code.values(), key=lambda r: (-r.total, r.name))
    return totals


def member_counts_on(cooperative: Cooperative, as_of: datetime.date) -> dict[tuple[str, str], int]:
    """The counts recorded for `as_of`, keyed as set_member_counts takes them."""
    return {
        (sex, nationality): count
        for sex, nationality, count in MemberCount.objects.filter(
            cooperative=cooperative, as_of=as_of
        ).values_list("sex", "nationality", "count")
    }


def employment_units(cooperative: Cooperative) -> QuerySet[Organisation]:
    """The employment units of `cooperative`: children of its organisation in Taawon."""
    if cooperative.organisation_id is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        parent_id=cooperative.organisation_id,
        kind=Organisation.Kind.EMPLOYMENT_UNIT,
        is_active=True,
    ).order_by("name_en")
