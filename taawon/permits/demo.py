"""Demo data for work permits: ten years (2016 to today) of flexible permits issued through the
demo's cooperatives to their Syrian registered persons, about 95% of them to men as in the
Ministry of Labour's report (170,938 men, 8,507 women, January 2016 to January 2020).

Each holder has a chain of yearly permits, each renewing the one before, from a start year
(mostly the first years of the scheme) until they stop or today: older permits are expired,
the latest are in force (a few expiring within 30 days), some renewals are under way, a few
applications were rejected and a few permits cancelled. A couple of thousand rows at scale 1:
they go in with `bulk_create`, generation by generation (a renewal needs its previous permit's
id), each with the audit events the services would write ("applied", then "issued", "rejected"
or "cancelled"), so that a permit's page shows its history. Nothing here checks them: they are
valid as made (no two issued permits of a person overlap), and the constraints hold them to it.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from taawon.accounts.models import Organisation, User
from taawon.cooperatives.models import Cooperative
from taawon.core.models import AuditEvent
from taawon.people.models import Person, Sex

from .documents import REQUIRED
from .models import MessageLanguage, Permit, PermitKind, PermitStatus, Sector

FIRST_YEAR = 2016
WOMEN_SHARE = 0.05  # of permits, as in the ministry's report (4.8%)
STOP_EACH_YEAR = 0.03  # a holder leaves the scheme (or the country)
REJECTED = 0.03  # an application refused; the holder applies again a month later
CANCELLED = 0.01  # an issued permit cancelled before its end
RENEWAL_UNDER_WAY = 0.4  # of permits ending within 45 days
EXPIRING_AT_LEAST = 5  # permits in force that end within 30 days
MAX_HOLDERS = 5_000  # past this (large --scale) a sample of the Syrians hold permits
FEE = Decimal("10.000")
BATCH = 1000
SECTORS = [(Sector.AGRICULTURE, 85), (Sector.CONSTRUCTION, 10), (Sector.OTHER, 5)]
START_YEARS = [(2016, 40), (2017, 24), (2018, 12), (2019, 8), (2020, 5), (2021, 4), (2022, 3),
               (2023, 2), (2024, 1), (2025, 1)]  # fmt: skip
EMPLOYERS = ["Al-Mafraq Vegetable Farm", "Jordan Valley Greenhouses", "Al-Ramtha Olive Press"]
REJECTION_REASONS = [
    "The medical certificate is out of date.",
    "The identity document does not match the registration.",
]
CANCELLATION_REASONS = ["The holder left Jordan.", "The holder asked for it to be cancelled."]


@dataclass
class DemoSummary:
    permits: int = 0
    holders: int = 0
    by_status: Counter = field(default_factory=Counter)
    women: int = 0
    expiring_30_days: int = 0


@dataclass
class _Link:
    """One permit of a holder's chain, before it is written."""

    permit: Permit
    events: list[tuple[str, str, datetime.date]]  # (action, note, day it happened)
    previous_link: _Link | None = None


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _year_later(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1) - datetime.timedelta(days=1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _units(cooperatives: Sequence[Cooperative]) -> dict[int, Cooperative]:
    """Each employment unit's id to its cooperative (the permit's cooperative and owner)."""
    by_organisation = {c.organisation_id: c for c in cooperatives if c.organisation_id}
    units = Organisation.objects.filter(
        parent_id__in=list(by_organisation), kind=Organisation.Kind.EMPLOYMENT_UNIT
    ).values_list("pk", "parent_id")
    return {unit: by_organisation[parent] for unit, parent in units}


def _holders(rng: random.Random, units: dict[int, Cooperative]) -> tuple[list, list]:
    rows = list(
        Person.objects.filter(
            owner_id__in=list(units), nationality="SY", status=Person.Status.ACTIVE
        )
        .order_by("pk")
        .values_list("pk", "owner_id", "sex", "phone")
    )
    if len(rows) > MAX_HOLDERS:
        rows = sorted(rng.sample(rows, MAX_HOLDERS))
    men = [row for row in rows if row[2] == Sex.MALE]
    women = [row for row in rows if row[2] != Sex.MALE]
    return men, women


class _Builder:
    def __init__(self, rng, today, units, decided_by, staff):
        self.rng = rng
        self.today = today
        self.units = units
        self.decided_by = decided_by
        self.staff = staff
        self.numbers = 0

    def chain(self, holder, *, max_links: int | None = None) -> list[_Link]:
        """A holder's permits, each renewing the one before. Short chains (women's, capped
        by `max_links`) start in any year, so that every period keeps about the same share."""
        rng, today = self.rng, self.today
        person_id, unit_id, _sex, _phone = holder
        cooperative = self.units[unit_id]
        kind = PermitKind.EMPLOYER if rng.random() < 0.05 else PermitKind.FLEXIBLE
        common = {
            "person_id": person_id,
            "cooperative_id": cooperative.pk,
            "owner_id": unit_id,
            "sector": _weighted(rng, SECTORS),
            "kind": kind,
            "employer_name": rng.choice(EMPLOYERS) if kind == PermitKind.EMPLOYER else "",
            "language": MessageLanguage.ENGLISH if rng.random() < 0.05 else MessageLanguage.ARABIC,
            "documents": list(REQUIRED[kind]),
            "created_by": self.staff.get(unit_id),
            "updated_by": self.staff.get(unit_id),
        }
        if max_links is None:
            year = _weighted(rng, START_YEARS)
        else:
            year = rng.randint(FIRST_YEAR, today.year)
        start = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        links: list[_Link] = []
        previous: _Link | None = None
        while start <= today and (max_links is None or len(links) < max_links):
            if rng.random() < REJECTED:
                links.append(self._rejected(common, start, previous))
                start += datetime.timedelta(days=30)
                if start > today:
                    break
            link = self._issued(common, start, previous)
            links.append(link)
            permit = link.permit
            if (
                rng.random() < CANCELLED
                and permit.expires_on > permit.issued_on + datetime.timedelta(days=60)
            ):
                cancelled = min(
                    permit.issued_on + datetime.timedelta(days=rng.randrange(30, 200)), today
                )
                permit.status = PermitStatus.CANCELLED
                permit.cancelled_on = cancelled
                permit.cancellation_reason = rng.choice(CANCELLATION_REASONS)
                link.events.append(("update", "cancelled", cancelled))
                break
            previous = link
            start = permit.expires_on + datetime.timedelta(days=1)
            if rng.random() < STOP_EACH_YEAR:
                break
        last = links[-1] if links else None
        if (
            last is not None
            and last.permit.status == PermitStatus.ISSUED
            and today <= last.permit.expires_on <= today + datetime.timedelta(days=45)
            and rng.random() < RENEWAL_UNDER_WAY
        ):
            links.append(self._under_way(common, last))
        return links

    def _application(self, common, start, previous, *, status) -> Permit:
        rng = self.rng
        applied = start - datetime.timedelta(days=rng.randrange(20, 45))
        return Permit(
            **common,
            status=status,
            applied_on=applied,
            submitted_on=applied + datetime.timedelta(days=rng.randrange(1, 8)),
            ministry_reference=f"MOL/{applied.year}/{rng.randrange(10**5, 10**6)}",
            previous=previous.permit if previous else None,
        )

    def _issued(self, common, start, previous) -> _Link:
        permit = self._application(common, start, previous, status=PermitStatus.ISSUED)
        self.numbers += 1
        permit.permit_number = f"JO-WP-{start.year}-{self.numbers:06d}"
        permit.issued_on = start
        permit.expires_on = _year_later(start)
        permit.fee_paid = FEE
        permit.decided_on = start
        permit.decided_by = self.decided_by
        return _Link(
            permit,
            [
                ("create", "renewal_of" if previous else "applied", permit.applied_on),
                ("update", "submitted", permit.submitted_on),
                ("decide", "issued", start),
            ],
            previous,
        )

    def _rejected(self, common, start, previous) -> _Link:
        permit = self._application(common, start, previous, status=PermitStatus.REJECTED)
        permit.rejection_reason = self.rng.choice(REJECTION_REASONS)
        permit.decided_on = min(start, self.today)
        permit.decided_by = self.decided_by
        return _Link(
            permit,
            [
                ("create", "renewal_of" if previous else "applied", permit.applied_on),
                ("update", "submitted", permit.submitted_on),
                ("decide", "rejected", permit.decided_on),
            ],
            previous,
        )

    def _under_way(self, common, last: _Link) -> _Link:
        applied = self.today - datetime.timedelta(days=self.rng.randrange(0, 10))
        submitted = self.rng.random() < 0.5
        permit = Permit(
            **common,
            status=PermitStatus.SUBMITTED if submitted else PermitStatus.DRAFT,
            applied_on=applied,
            submitted_on=applied if submitted else None,
        )
        permit.documents = list(permit.documents) if submitted else permit.documents[:2]
        events = [("create", "renewal_of", applied)]
        if submitted:
            events.append(("update", "submitted", applied))
        return _Link(permit, events, last)


def _changes(permit: Permit, note: str, day: datetime.date) -> dict[str, list]:
    """What the service of `note` would have recorded as changed."""
    iso = day.isoformat()
    if note in ("applied", "renewal_of"):
        return {
            "status": [None, "draft"],
            "sector": [None, permit.sector],
            "applied_on": [None, iso],
        }
    if note == "submitted":
        return {"status": ["draft", "submitted"], "submitted_on": [None, iso]}
    if note == "issued":
        return {
            "status": ["submitted", "issued"],
            "permit_number": [None, permit.permit_number],
            "issued_on": [None, permit.issued_on.isoformat()],
            "expires_on": [None, permit.expires_on.isoformat()],
            "fee_paid": [None, str(permit.fee_paid)],
        }
    if note == "rejected":
        return {
            "status": ["submitted", "rejected"],
            "rejection_reason": ["", permit.rejection_reason],
        }
    if note == "cancelled":
        return {"status": ["issued", "cancelled"], "cancelled_on": [None, iso]}
    return {}


def _events(links: list[_Link], decided_by: User | None) -> list[AuditEvent]:
    rows = []
    for link in links:
        permit = link.permit
        for action, note, day in link.events:
            actor = decided_by if action == "decide" or note == "cancelled" else permit.created_by
            rows.append(
                AuditEvent(
                    actor=actor,
                    action=action,
                    object_type="permits.permit",
                    object_id=str(permit.pk),
                    object_repr=str(permit)[:200],
                    owner_id=permit.owner_id,
                    changes=_changes(permit, note, day),
                    note=note,
                )
            )
    return rows


def load_demo(
    *,
    rng: random.Random,
    cooperatives: Sequence[Cooperative],
    decided_by: User | None = None,
    staff: dict[int, User] | None = None,
    today: datetime.date | None = None,
) -> DemoSummary:
    """Write the demo's permits for the Syrian persons registered by the units of
    `cooperatives`. `decided_by` records the ministry's decisions (the demo's ministry
    officer); `staff` maps a unit's id to the user who applies (its counsellor)."""
    today = today or timezone.localdate()
    units = _units(cooperatives)
    men, women = _holders(rng, units)
    builder = _Builder(rng, today, units, decided_by, staff or {})
    chains: list[list[_Link]] = [builder.chain(holder) for holder in men]
    men_permits = sum(1 for chain in chains for link in chain if link.permit.permit_number)
    target = round(men_permits * WOMEN_SHARE / (1 - WOMEN_SHARE))
    women_permits = 0
    rng.shuffle(women)
    for holder in women:
        if women_permits >= target:
            break
        chain = builder.chain(holder, max_links=max(1, min(3, target - women_permits)))
        women_permits += sum(1 for link in chain if link.permit.permit_number)
        chains.append(chain)
    _ensure_expiring(rng, chains, today)
    links = [link for chain in chains for link in chain]

    with transaction.atomic():
        generation = 0
        while True:
            batch = [
                link for chain in chains if len(chain) > generation for link in [chain[generation]]
            ]
            if not batch:
                break
            for link in batch:
                if link.previous_link is not None:
                    link.permit.previous = link.previous_link.permit
            Permit.objects.bulk_create([link.permit for link in batch], batch_size=BATCH)
            generation += 1
        AuditEvent.objects.bulk_create(_events(links, decided_by), batch_size=BATCH)

    summary = DemoSummary(permits=len(links), holders=sum(1 for chain in chains if chain))
    summary.by_status = Counter(link.permit.status for link in links)
    summary.women = women_permits
    summary.expiring_30_days = sum(
        1
        for link in links
        if link.permit.status == PermitStatus.ISSUED
        and today <= link.permit.expires_on <= today + datetime.timedelta(days=30)
    )
    return summary


def _ensure_expiring(rng: random.Random, chains: list[list[_Link]], today: datetime.date):
    """At least a few permits in force end within 30 days, so that the expiring list and the
    reminders have work: when chance made too few, some are cut short (ended early by the
    ministry), which keeps every chain free of overlaps."""
    soon = today + datetime.timedelta(days=30)
    in_force = [
        chain[-1].permit
        for chain in chains
        if chain
        and chain[-1].permit.status == PermitStatus.ISSUED
        and chain[-1].permit.expires_on >= today
    ]
    expiring = [permit for permit in in_force if permit.expires_on <= soon]
    later = [permit for permit in in_force if permit.expires_on > soon and permit.issued_on < today]
    for permit in rng.sample(later, min(len(later), max(0, EXPIRING_AT_LEAST - len(expiring)))):
        permit.expires_on = today + datetime.timedelta(days=rng.randrange(3, 30))
