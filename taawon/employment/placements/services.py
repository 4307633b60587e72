"""Referrals of job seekers to vacancies, the placements that hire them, and follow-ups.

A vacancy never has more placements than positions, even when two counsellors place its last
position at the same moment: `place_job_seeker` locks the vacancy row before counting, so the
second waits for the first to commit and then counts its placement (see vacancies.lock_vacancy).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taawon.accounts import scoping
from taawon.accounts.models import User
from taawon.core.exceptions import PermissionDenied
from taawon.formats import render
from taawon.indicators import locks

from .. import rules
from ..seekers.models import JobSeeker
from ..unit import cleaning
from ..unit.cleaning import Errors
from ..unit.models import Currency, WagePeriod
from ..vacancies.models import Vacancy
from ..vacancies.services import filled_positions, lock_vacancy
from .models import FollowUp, Placement, Referral


@transaction.atomic
def refer_job_seeker(
    *,
    job_seeker: JobSeeker,
    vacancy: Vacancy,
    referred_by: User | None,
    referred_on: datetime.date | None = None,
    note: str = "",
    reason: str = "",
) -> Referral:
    """Send `job_seeker` to `vacancy`; the referral belongs to the vacancy's unit. `reason`:
    why, when `referred_on` lies in a locked reporting period (taawon.indicators.locks)."""
    rules.check_may_change(referred_by, vacancy)
    if referred_by is not None and not scoping.can(referred_by, scoping.READ, job_seeker):
        raise PermissionDenied()
    errors = Errors()
    cleaning.active_person(job_seeker.person, "job_seeker", errors)
    if not rules.vacancy_opens(vacancy, rules.REFER):
        errors.add("vacancy", rules.vacancy_not_open(vacancy))
    if Referral.objects.filter(job_seeker=job_seeker, vacancy=vacancy).exists():
        errors.add("job_seeker", _("This job seeker was already referred to this vacancy."))
    day = cleaning.date(
        referred_on or timezone.localdate(), field="referred_on", errors=errors, not_future=True
    )
    note = cleaning.text(note, max_length=500, field="note", errors=errors)
    refused = rules.age_refusal(job_seeker, vacancy, day or timezone.localdate())
    if refused is not None:
        errors.add("job_seeker", refused.message)
    errors.raise_if_any()
    actor = cleaning.acting(referred_by)
    referral = Referral.objects.create(
        owner_id=vacancy.owner_id,
        job_seeker=job_seeker,
        vacancy=vacancy,
        referred_on=day,
        status=Referral.Status.REFERRED,
        status_on=day,
        note=note,
        created_by=actor,
        updated_by=actor,
    )
    cleaning.audit_create(referral, referred_by)
    locks.note_edit(
        record=referral, owner_id=referral.owner_id, days=[day], reason=reason, by=referred_by
    )
    return referral


@transaction.atomic
def set_referral_status(
    *,
    referral: Referral,
    status: str,
    changed_by: User | None,
    on: datetime.date | None = None,
    note: str | None = None,
) -> Referral:
    """Interviewed, rejected, did not attend (or back to referred). A hire is recorded with
    `place_job_seeker`, and a hired referral keeps its status."""
    rules.check_may_change(changed_by, referral)
    errors = Errors()
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    choices = rules.status_choices(referral)
    if not choices:
        errors.add("status", _("This job seeker was hired; the referral cannot change."))
    elif status == Referral.Status.HIRED:
        errors.add("status", _("Record the placement to mark a hire."))
    else:
        cleaning.choice(status, choices, field="status", errors=errors)
    day = cleaning.date(on or timezone.localdate(), field="on", errors=errors, not_future=True)
    if day is not None and day < referral.referred_on:
        errors.add("on", _("This date is before the referral."))
    values: dict[str, Any] = {"status": status, "status_on": day}
    if note is not None:
        values["note"] = cleaning.text(note, max_length=500, field="note", errors=errors)
    errors.raise_if_any()
    cleaning.save_changes(referral, values, changed_by)
    return referral


@transaction.atomic
def place_job_seeker(
    *,
    referral: Referral,
    start_date: datetime.date,
    contract_type: str,
    wage: Any,
    wage_period: str,
    placed_by: User | None,
    end_date: datetime.date | None = None,
    currency: str = Currency.JOD,
    reason: str = "",
) -> Placement:
    """Hire the referred job seeker into one of the vacancy's positions. `reason`: why, when
    `start_date` lies in a locked reporting period (taawon.indicators.locks).

    Writes nothing, with a field error on "vacancy", when the vacancy is closed or every
    position is filled, including by a placement committed while this one waited.
    """
    rules.check_may_change(placed_by, referral)
    # The lock comes before any read the decision depends on: see the module docstring.
    vacancy = lock_vacancy(referral.vacancy)
    referral = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("job_seeker__person")
        .get(pk=referral.pk)
    )
    errors = Errors()
    # Counted after the lock, so a placement another counsellor just committed is included.
    if vacancy.status == Vacancy.Status.CLOSED or filled_positions(vacancy) >= vacancy.positions:
        errors.add("vacancy", rules.vacancy_not_open(vacancy))
    for problem in rules.placement_errors(referral):
        errors.add("referral", problem)
    cleaning.active_person(referral.job_seeker.person, "referral", errors)
    currency = cleaning.choice(currency, Currency.values, field="currency", errors=errors)
    cleaned = {
        "start_date": cleaning.date(start_date, field="start_date", errors=errors),
        "end_date": cleaning.date(end_date, field="end_date", errors=errors, required=False),
        "contract_type": cleaning.choice(
            contract_type, Placement.ContractType.values, field="contract_type", errors=errors
        ),
        "wage": cleaning.money(wage, field="wage", errors=errors, currency=currency),
        "wage_period": cleaning.choice(
            wage_period, WagePeriod.values, field="wage_period", errors=errors
        ),
        "currency": currency,
    }
    cleaning.date_range(
        cleaned["start_date"], cleaned["end_date"], end_field="end_date", errors=errors
    )
    if cleaned["start_date"] is not None and cleaned["start_date"] < referral.referred_on:
        errors.add("start_date", _("The job cannot start before the referral."))
    # The age on the day the work starts, or today when it started already.
    on = min(filter(None, [cleaned["start_date"], timezone.localdate()]))
    refused = rules.age_refusal(referral.job_seeker, vacancy, on)
    if refused is not None:
        errors.add("referral", refused.message)
    errors.raise_if_any()

    actor = cleaning.acting(placed_by)
    placement = Placement.objects.create(
        owner_id=vacancy.owner_id,
        referral=referral,
        vacancy=vacancy,
        job_seeker_id=referral.job_seeker_id,
        created_by=actor,
        updated_by=actor,
        **cleaned,
    )
    cleaning.audit_create(placement, placed_by)
    locks.note_edit(
        record=placement,
        owner_id=placement.owner_id,
        days=[placement.start_date],
        reason=reason,
        by=placed_by,
    )
    hired_on = min(cleaned["start_date"], timezone.localdate())
    cleaning.save_changes(
        referral,
        {"status": Referral.Status.HIRED, "status_on": max(hired_on, referral.referred_on)},
        placed_by,
    )
    if filled_positions(vacancy) >= vacancy.positions:
        cleaning.save_changes(vacancy, {"status": Vacancy.Status.FILLED}, placed_by)
    return placement


@transaction.atomic
def record_follow_up(
    *,
    placement: Placement,
    checkpoint: int,
    date: datetime.date,
    still_employed: bool,
    recorded_by: User | None,
    reason: str = "",
    note: str = "",
) -> FollowUp:
    """The 1- or 3-month check on a placement; `reason` says why someone no longer works there."""
    rules.check_may_change(recorded_by, placement)
    errors = Errors()
    try:
        checkpoint = int(getattr(checkpoint, "value", checkpoint))
    except (TypeError, ValueError):
        checkpoint = 0
    if checkpoint not in FollowUp.Checkpoint.values:
        errors.add("checkpoint", _("Choose a valid option."))
    elif FollowUp.objects.filter(placement=placement, checkpoint=checkpoint).exists():
        errors.add("checkpoint", _("This follow-up is already recorded."))
    cleaned = _clean_follow_up(
        placement,
        {"date": date, "still_employed": still_employed, "reason": reason, "note": note},
        errors,
    )
    errors.raise_if_any()
    actor = cleaning.acting(recorded_by)
    follow_up = FollowUp.objects.create(
        owner_id=placement.owner_id,
        placement=placement,
        checkpoint=checkpoint,
        created_by=actor,
        **cleaned,
        updated_by=actor,
    )
    cleaning.audit_create(follow_up, recorded_by)
    return follow_up


FOLLOW_UP_FIELDS = ("date", "still_employed", "reason", "note")


def _clean_follow_up(placement: Placement, values: dict[str, Any], errors: Errors) -> dict:
    day = cleaning.date(values["date"], field="date", errors=errors, not_future=True)
    if day is not None and day < placement.start_date:
        errors.add(
            "date",
            _("The follow-up cannot be before the job started (%(start)s).")
            % {"start": render.format_date(placement.start_date, "SHORT_DATE_FORMAT")},
        )
    still_employed = bool(values["still_employed"])
    reason = cleaning.choice(
        values["reason"],
        FollowUp.Reason.values,
        field="reason",
        errors=errors,
        required=not still_employed,
    )
    if still_employed:
        reason = ""  # a reason is for leaving; a stale one from the form means nothing
    elif "reason" in errors and not reason:
        errors["reason"] = [_("Say why this person no longer works there.")]
    note = cleaning.text(values["note"], max_length=500, field="note", errors=errors)
    return {"date": day, "still_employed": still_employed, "reason": reason, "note": note}


@transaction.atomic
def update_follow_up(*, follow_up: FollowUp, updated_by: User | None, **changes: Any) -> FollowUp:
    """Change any of FOLLOW_UP_FIELDS; the placement and the checkpoint stay."""
    rules.check_may_change(updated_by, follow_up)
    unknown = set(changes) - set(FOLLOW_UP_FIELDS)
    if unknown:
        raise TypeError(f"update_follow_up() got unexpected fields {sorted(unknown)}")
    errors = Errors()
    values = {name: getattr(follow_up, name) for name in FOLLOW_UP_FIELDS} | changes
    cleaned = _clean_follow_up(follow_up.placement, values, errors)
    errors.raise_if_any()
    cleaning.save_changes(follow_up, cleaned, updated_by)
    return follow_up


PLACEMENT_FIELDS = ("end_date", "contract_type", "wage", "wage_period", "currency")


@transaction.atomic
def update_placement(
    *, placement: Placement, updated_by: User | None, reason: str = "", **changes: Any
) -> Placement:
    """Change the terms of a placement (PLACEMENT_FIELDS); who, where and since when stay.
    `reason`: why, when it started in a locked reporting period (taawon.indicators.locks)."""
    rules.check_may_change(updated_by, placement)
    unknown = set(changes) - set(PLACEMENT_FIELDS)
    if unknown:
        raise TypeError(f"update_placement() got unexpected fields {sorted(unknown)}")
    values = {name: getattr(placement, name) for name in PLACEMENT_FIELDS} | changes
    errors = Errors()
    currency = cleaning.choice(values["currency"], Currency.values, field="currency", errors=errors)
    cleaned = {
        "end_date": cleaning.date(
            values["end_date"], field="end_date", errors=errors, required=False
        ),
        "contract_type": cleaning.choice(
            values["contract_type"],
            Placement.ContractType.values,
            field="contract_type",
            errors=errors,
        ),
        "wage": cleaning.money(values["wage"], field="wage", errors=errors, currency=currency),
        "wage_period": cleaning.choice(
            values["wage_period"], WagePeriod.values, field="wage_period", errors=errors
        ),
        "currency": currency,
    }
    cleaning.date_range(
        placement.start_date, cleaned["end_date"], end_field="end_date", errors=errors
    )
    errors.raise_if_any()
    cleaning.save_changes(placement, cleaned, updated_by)
    locks.note_edit(
        record=placement,
        owner_id=placement.owner_id,
        days=[placement.start_date],
        reason=reason,
        by=updated_by,
    )
    return placement
