"""Crop calendars, the crops farms grow, and the SMS sent to job seekers ahead of a season.

A season starts in a governorate in a month when a crop of a farm there starts being worked
(labour_demand.starts). Ahead of it, the unit sends each job seeker it keeps who could work
it (see `queries.season_candidates`) one SMS in their language through the message backend:
the dedupe key names the governorate, the month and the job seeker, so a second run, by the
page or by the monthly task, queues nothing new.
"""

from __future__ import annotations

import datetime
import decimal
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from taawon.accounts import scoping
from taawon.accounts.models import Organisation, User
from taawon.core import confirming, validation
from taawon.core.exceptions import ValidationFailed
from taawon.formats.render import format_date
from taawon.geo.models import Governorate
from taawon.lib import phones
from taawon.messaging import queries as message_queries
from taawon.messaging import services as messaging
from taawon.people import queries as people_queries
from taawon.people.models import Consent

from .. import rules
from ..employers.models import Employer, Workplace
from ..unit import cleaning, reference
from ..unit.cleaning import Errors
from . import labour_demand, queries
from .models import CropCalendar, FarmCrop

PURPOSE = "season_notice"
CALENDAR_FIELDS = ("crop", "governorate", "planting_months", "harvest_months",
                   "workers_per_dunum", "notes")  # fmt: skip
FARM_CROP_FIELDS = ("calendar", "workplace", "dunums")
MAX_WORKERS_PER_DUNUM = 100


def _months(values: Iterable[Any] | None, *, field: str, errors: Errors) -> list[int]:
    months: set[int] = set()
    for value in values or ():
        try:
            month = int(str(value).strip())
        except (TypeError, ValueError):
            month = 0
        if not 1 <= month <= 12:
            errors.add(field, _("Months are numbers from 1 to 12."))
            return []
        months.add(month)
    return sorted(months)


def _decimal(value: Any, *, field: str, errors: Errors, maximum: int, places: int):
    """A positive number with at most `places` decimals (workers per dunum, dunums)."""
    if value in ("", None):
        errors.add(field, _("Enter the amount."))
        return None
    return validation.clean_amount(
        value,
        places=places,
        positive=True,
        maximum=min(decimal.Decimal(maximum), cleaning.MAX_MONEY),
        errors=errors,
        field=field,
    )


def _clean_calendar(values: dict[str, Any], errors: Errors) -> dict[str, Any]:
    governorate, _district = cleaning.places(values["governorate"], None, errors)
    cleaned = {
        "crop": cleaning.choice(values["crop"], reference.CROP_CODES, field="crop", errors=errors),
        "governorate": governorate,
        "planting_months": _months(
            values["planting_months"], field="planting_months", errors=errors
        ),
        "harvest_months": _months(values["harvest_months"], field="harvest_months", errors=errors),
        "workers_per_dunum": _decimal(
            values["workers_per_dunum"],
            field="workers_per_dunum",
            errors=errors,
            maximum=MAX_WORKERS_PER_DUNUM,
            places=3,
        ),
        "notes": cleaning.text(values["notes"], max_length=300, field="notes", errors=errors),
    }
    if not cleaned["planting_months"] and not cleaned["harvest_months"] and not errors:
        errors.add("harvest_months", _("Choose the months of planting or of harvest."))
    return cleaned


def _check_unique(calendar_id: int | None, owner_id: int, cleaned: dict, errors: Errors) -> None:
    if errors or cleaned["governorate"] is None:
        return
    taken = CropCalendar.objects.filter(
        owner_id=owner_id, crop=cleaned["crop"], governorate=cleaned["governorate"]
    ).exclude(pk=calendar_id)
    if taken.exists():
        errors.add("crop", _("The unit has a calendar for this crop in this governorate."))


@transaction.atomic
def add_crop_calendar(
    *,
    owner: Organisation,
    crop: str,
    governorate: Governorate | int,
    workers_per_dunum: Any,
    created_by: User | None,
    planting_months: Iterable[int] = (),
    harvest_months: Iterable[int] = (),
    notes: str = "",
) -> CropCalendar:
    """A crop's calendar in a governorate: months of planting and harvest (1 to 12) and the
    workers a dunum needs in those months."""
    errors = Errors()
    cleaning.owner_unit(owner, created_by, errors)
    cleaned = _clean_calendar(dict(locals()), errors)
    if owner is not None:
        _check_unique(None, owner.pk, cleaned, errors)
    errors.raise_if_any()
    actor = cleaning.acting(created_by)
    calendar = CropCalendar.objects.create(
        owner=owner, created_by=actor, updated_by=actor, **cleaned
    )
    cleaning.audit_create(calendar, created_by)
    return calendar


@transaction.atomic
def update_crop_calendar(
    *, calendar: CropCalendar, updated_by: User | None, **changes: Any
) -> CropCalendar:
    rules.check_may_change(updated_by, calendar)
    unknown = set(changes) - set(CALENDAR_FIELDS)
    if unknown:
        raise TypeError(f"update_crop_calendar() got unexpected fields {sorted(unknown)}")
    errors = Errors()
    values = {name: getattr(calendar, name) for name in CALENDAR_FIELDS} | changes
    cleaned = _clean_calendar(values, errors)
    _check_unique(calendar.pk, calendar.owner_id, cleaned, errors)
    errors.raise_if_any()
    cleaning.save_changes(calendar, cleaned, updated_by)
    return calendar


def _clean_farm_crop(
    employer: Employer, values: dict[str, Any], actor: User | None, errors: Errors
) -> dict[str, Any]:
    calendar = values["calendar"]
    if not isinstance(calendar, CropCalendar):
        calendar = CropCalendar.objects.filter(pk=_pk(calendar)).first()
    if calendar is None or (actor is not None and not scoping.can(actor, scoping.READ, calendar)):
        errors.add("calendar", _("Unknown or out of reach."))
        calendar = None
    workplace = values["workplace"]
    if workplace not in (None, ""):
        if not isinstance(workplace, Workplace):
            workplace = Workplace.objects.filter(pk=_pk(workplace)).first()
        if workplace is None or workplace.employer_id != employer.pk:
            errors.add("workplace", _("Choose one of this employer's workplaces."))
            workplace = None
    else:
        workplace = None
    where = workplace.governorate_id if workplace else employer.governorate_id
    if calendar is not None and calendar.governorate_id != where:
        errors.add("calendar", _("Choose a calendar of the farm's governorate."))
    dunums = _decimal(values["dunums"], field="dunums", errors=errors, maximum=10_000_000, places=2)
    return {"calendar": calendar, "workplace": workplace, "dunums": dunums}


def _pk(value: Any) -> int | None:
    try:
        return int(getattr(value, "pk", value))
    except (TypeError, ValueError):
        return None


@transaction.atomic
def add_farm_crop(
    *,
    employer: Employer,
    calendar: CropCalendar | int,
    dunums: Any,
    created_by: User | None,
    workplace: Workplace | int | None = None,
) -> FarmCrop:
    """A crop `employer` grows on `dunums`, by a calendar of its governorate."""
    rules.check_may_change(created_by, employer)
    errors = Errors()
    cleaned = _clean_farm_crop(employer, dict(locals()), created_by, errors)
    errors.raise_if_any()
    actor = cleaning.acting(created_by)
    crop = FarmCrop.objects.create(
        owner_id=employer.owner_id, employer=employer, created_by=actor, updated_by=actor,
        **cleaned,
    )  # fmt: skip
    cleaning.audit_create(crop, created_by)
    return crop


@transaction.atomic
def update_farm_crop(*, farm_crop: FarmCrop, updated_by: User | None, **changes: Any) -> FarmCrop:
    rules.check_may_change(updated_by, farm_crop)
    unknown = set(changes) - set(FARM_CROP_FIELDS)
    if unknown:
        raise TypeError(f"update_farm_crop() got unexpected fields {sorted(unknown)}")
    errors = Errors()
    values = {name: getattr(farm_crop, name) for name in FARM_CROP_FIELDS} | changes
    cleaned = _clean_farm_crop(farm_crop.employer, values, updated_by, errors)
    errors.raise_if_any()
    cleaning.save_changes(farm_crop, cleaned, updated_by)
    return farm_crop


# ---- Season notices -----------------------------------------------------------------------


@dataclass(frozen=True)
class Notices:
    """What a run did: messages queued now, and why the other candidates got none."""

    crops: list[str]
    counts: dict[str, int]

    @property
    def queued(self) -> int:
        return self.counts.get("queued", 0)


def dedupe_key(governorate_id: int, month: datetime.date, job_seeker_id: int) -> str:
    return f"{PURPOSE}:{governorate_id}:{month:%Y-%m}:{job_seeker_id}"


def notice_text(*, language: str, crops: list[str], governorate: Governorate, month, unit) -> str:
    with translation.override(language):
        names = [str(entry.display_name) for code in crops if (entry := reference.crop(code))]
        return _(
            "Farm work season in %(governorate)s from %(month)s: %(crops)s. Contact "
            "%(unit)s to be referred to a farm."
        ) % {
            "governorate": governorate.display_name,
            "month": format_date(month, "F Y"),
            "crops": translation.gettext(", ").join(names) if names else "",
            "unit": unit.display_name,
        }


def _refused_sms(person_ids: list[int]) -> set[int]:
    """Persons whose latest answer about SMS was no (the rule lives in people's queries)."""
    return people_queries.withheld_consent(Consent.Purpose.SMS, person_ids)


@dataclass(frozen=True)
class NoticePlan:
    """What `send_season_notices` would do now: each candidate with what it would get
    ("queued", or why not: "already", "no_phone", "refused_sms", "bad_phone"), and the token
    that a confirmation page carries (`core.confirming`)."""

    owner: Organisation
    governorate: Governorate
    month: datetime.date
    crops: list[str]
    outcomes: list[tuple[Any, str]]

    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(outcome for _seeker, outcome in self.outcomes))

    @property
    def languages(self) -> dict[str, int]:
        """Messages to queue, by language."""
        return dict(
            Counter(seeker.language for seeker, outcome in self.outcomes if outcome == "queued")
        )

    @property
    def token(self) -> str:
        queued = sorted(
            (seeker.pk, seeker.language) for seeker, outcome in self.outcomes if outcome == "queued"
        )
        return confirming.token(
            "season_notice", self.owner.pk, self.governorate.pk, self.month, self.crops, queued
        )


def plan_season_notices(
    *,
    owner: Organisation,
    governorate: Governorate | int,
    month: datetime.date,
    sent_by: User | None,
    today: datetime.date | None = None,
) -> NoticePlan:
    """Who would get the season's notice, in which language, and who would not and why.
    Writes nothing; `send_season_notices` acts on the same plan."""
    errors = Errors()
    cleaning.owner_unit(owner, sent_by, errors)
    place, _district = cleaning.places(governorate, None, errors)
    first = month.replace(day=1) if isinstance(month, datetime.date) else None
    if first is None:
        errors.add("month", _("Enter a valid date."))
    today = today or timezone.localdate()
    crops: list[str] = []
    if place is not None and first is not None:
        if first < today.replace(day=1):
            errors.add("month", _("This season has begun already."))
        starts = labour_demand.season_starts(queries.crop_areas(None, governorate=place.pk))
        crops = sorted(starts.get(place.pk, {}).get(first.month, set()))
        if not crops:
            errors.add("month", _("No crop's season starts in this governorate that month."))
    errors.raise_if_any()
    candidates = list(
        queries.season_candidates(owner_id=owner.pk, governorate=place, month=first, today=today)
    )
    refused = _refused_sms([s.person_id for s in candidates])
    taken = message_queries.taken_dedupe_keys(
        dedupe_key(place.pk, first, seeker.pk) for seeker in candidates
    )
    outcomes: list[tuple[Any, str]] = []
    for seeker in candidates:
        phone = seeker.person.phone
        if not phone:
            outcome = "no_phone"
        elif seeker.person.pk in refused:
            outcome = "refused_sms"
        elif dedupe_key(place.pk, first, seeker.pk) in taken:
            outcome = "already"
        elif phones.phone_or_none(phone, region=None) is None:
            outcome = "bad_phone"
        else:
            outcome = "queued"
        outcomes.append((seeker, outcome))
    return NoticePlan(owner, place, first, crops, outcomes)


@transaction.atomic
def send_season_notices(
    *,
    owner: Organisation,
    governorate: Governorate | int,
    month: datetime.date,
    sent_by: User | None,
    today: datetime.date | None = None,
    confirm: str | None = None,
) -> Notices:
    """Queue one SMS per job seeker of `owner` matching the season that starts in
    `governorate` in `month`'s month; those queued before are not queued again.

    `confirm`, the token of the plan a user was shown, refuses to act
    (`ConfirmationChanged`) when the plan is no longer the same."""
    plan = plan_season_notices(
        owner=owner, governorate=governorate, month=month, sent_by=sent_by, today=today
    )
    confirming.check(confirm, plan.token)
    place, first = plan.governorate, plan.month
    counts: Counter[str] = Counter()
    for seeker, outcome in plan.outcomes:
        if outcome != "queued":
            counts[outcome] += 1
            continue
        try:
            message = messaging.queue_message(
                to=seeker.person.phone,
                body=notice_text(
                    language=seeker.language,
                    crops=plan.crops,
                    governorate=place,
                    month=first,
                    unit=owner,
                ),  # fmt: skip
                language=seeker.language,
                purpose=PURPOSE,
                dedupe_key=dedupe_key(place.pk, first, seeker.pk),
                owner=owner,
                queued_by=cleaning.acting(sent_by),
                send=False,
            )
        except ValidationFailed:
            counts["bad_phone"] += 1
            continue
        counts["queued" if message else "already"] += 1
    if counts["queued"]:
        transaction.on_commit(_send)
    return Notices(plan.crops, dict(counts))


def _send() -> None:
    from taawon.messaging.tasks import send_queued_messages

    send_queued_messages.enqueue()
