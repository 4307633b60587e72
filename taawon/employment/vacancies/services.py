"""Vacancies: posting, changing, closing and reopening.

Positions filled are the vacancy's placements, counted. Whatever changes positions or status
locks the vacancy row first (see `lock_vacancy`), like placing someone does, so a count taken
under the lock stays true until the transaction ends.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from taawon.accounts.models import User
from taawon.protection import reference as protection_reference

from .. import rules
from ..employers.models import Employer, Workplace
from ..placements.models import Placement
from ..unit import cleaning
from ..unit.cleaning import Errors
from ..unit.models import Currency, PermitSector, WagePeriod
from .models import Vacancy

VACANCY_FIELDS = (
    "workplace",
    "title",
    "occupation",
    "positions",
    "start_date",
    "end_date",
    "wage",
    "wage_period",
    "currency",
    "hours_per_day",
    "days_per_week",
    "skills",
    "tasks",
    "min_experience_years",
    "work_permit_required",
    "permit_sector",
    "offers_transport",
    "offers_childcare",
    "separate_sanitation",
    "women_in_team",
    "description",
)
FLAGS = (
    "work_permit_required",
    "offers_transport",
    "offers_childcare",
    "separate_sanitation",
    "women_in_team",
)
MAX_POSITIONS = 1000


def lock_vacancy(vacancy: Vacancy) -> Vacancy:
    """`vacancy` re-read under a row lock held until the transaction ends (the caller's
    instance is refreshed in place and returned, so it never holds a stale status).

    On PostgreSQL this is SELECT … FOR UPDATE: a second transaction wanting the same row waits
    here, then reads what the first committed. SQLite has no row locks; there every write
    transaction begins IMMEDIATE (settings.py), so writers are already serialised.
    """
    locked = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    for field in Vacancy._meta.concrete_fields:
        setattr(vacancy, field.attname, getattr(locked, field.attname))
    return vacancy


def filled_positions(vacancy: Vacancy) -> int:
    return Placement.objects.filter(vacancy_id=vacancy.pk).count()


def _clean(values: Mapping[str, Any], *, employer: Employer, errors: Errors) -> dict[str, Any]:
    v = values
    workplace: Workplace | None = v["workplace"]
    if workplace is not None and workplace.employer_id != employer.pk:
        errors.add("workplace", _("This workplace belongs to another employer."))
    # The wage has its currency's decimals (3 for dinars, 2 for dollars, none for pounds).
    currency = cleaning.choice(v["currency"], Currency.values, field="currency", errors=errors)
    cleaned: dict[str, Any] = {
        "workplace": workplace,
        "title": cleaning.text(v["title"], max_length=200, field="title", errors=errors),
        "occupation": cleaning.unit_group(v["occupation"], field="occupation", errors=errors),
        "positions": cleaning.integer(
            v["positions"], field="positions", errors=errors, minimum=1, maximum=MAX_POSITIONS
        ),
        "start_date": cleaning.date(v["start_date"], field="start_date", errors=errors),
        "end_date": cleaning.date(v["end_date"], field="end_date", errors=errors, required=False),
        "wage": cleaning.money(v["wage"], field="wage", errors=errors, currency=currency),
        "wage_period": cleaning.choice(
            v["wage_period"], WagePeriod.values, field="wage_period", errors=errors
        ),
        "currency": currency,
        "hours_per_day": cleaning.hours(v["hours_per_day"], field="hours_per_day", errors=errors),
        "days_per_week": cleaning.integer(
            v["days_per_week"], field="days_per_week", errors=errors, minimum=1, maximum=7
        ),
        "skills": cleaning.skills(v["skills"], field="skills", errors=errors),
        "tasks": cleaning.codes(
            v["tasks"], protection_reference.task_codes(), field="tasks", errors=errors
        ),
        "min_experience_years": cleaning.integer(
            v["min_experience_years"],
            field="min_experience_years",
            errors=errors,
            minimum=0,
            maximum=50,
            default=0,
        ),
        "permit_sector": cleaning.choice(
            v["permit_sector"],
            PermitSector.values,
            field="permit_sector",
            errors=errors,
            required=bool(v["work_permit_required"]),
        ),
        "description": cleaning.text(
            v["description"], max_length=5000, field="description", errors=errors, multiline=True
        ),
    }
    cleaned.update({flag: bool(v[flag]) for flag in FLAGS})
    if cleaned["positions"] is not None and cleaned["positions"] < 1:
        # Say plainly what is wrong with 0 or -3 rather than quoting the range.
        errors["positions"] = [_("A vacancy has at least one position.")]
    cleaning.date_range(
        cleaned["start_date"],
        cleaned["end_date"],
        end_field="end_date",
        errors=errors,
        message=_("The end date is before the start date."),
    )
    return cleaned


@transaction.atomic
def post_vacancy(
    *,
    employer: Employer,
    occupation: str,
    positions: int,
    start_date: datetime.date,
    wage: Any,
    wage_period: str,
    hours_per_day: Any,
    posted_by: User | None,
    workplace: Workplace | None = None,
    title: str = "",
    end_date: datetime.date | None = None,
    currency: str = Currency.JOD,
    days_per_week: int = 6,
    skills: Iterable[str] = (),
    tasks: Iterable[str] = (),
    min_experience_years: int = 0,
    work_permit_required: bool = False,
    permit_sector: str = "",
    offers_transport: bool = False,
    offers_childcare: bool = False,
    separate_sanitation: bool = False,
    women_in_team: bool = False,
    description: str = "",
) -> Vacancy:
    """An open vacancy of `employer`; `occupation` is an ISCO-08 unit group code ("9211");
    `tasks`, codes of taawon.protection's hazardous tasks the work involves."""
    values = dict(locals())  # the arguments, before any other local exists
    rules.check_may_change(posted_by, employer)
    errors = Errors()
    cleaned = _clean(values, employer=employer, errors=errors)
    errors.raise_if_any()
    actor = cleaning.acting(posted_by)
    vacancy = Vacancy.objects.create(
        owner_id=employer.owner_id,
        employer=employer,
        status=Vacancy.Status.OPEN,
        created_by=actor,
        updated_by=actor,
        **cleaned,
    )
    cleaning.audit_create(vacancy, posted_by)
    return vacancy


def _status_for(vacancy: Vacancy, *, positions: int, filled: int) -> str:
    if vacancy.status == Vacancy.Status.CLOSED:
        return vacancy.status
    return Vacancy.Status.FILLED if filled >= positions else Vacancy.Status.OPEN


@transaction.atomic
def update_vacancy(*, vacancy: Vacancy, updated_by: User | None, **changes: Any) -> Vacancy:
    """Change any of VACANCY_FIELDS. Positions never drop below the placements made; a
    vacancy with positions left is open again, one with none is filled."""
    rules.check_may_change(updated_by, vacancy)
    unknown = set(changes) - set(VACANCY_FIELDS)
    if unknown:
        raise TypeError(f"update_vacancy() got unexpected fields {sorted(unknown)}")
    locked = lock_vacancy(vacancy)
    values = {name: getattr(locked, name) for name in VACANCY_FIELDS} | changes
    errors = Errors()
    cleaned = _clean(values, employer=locked.employer, errors=errors)
    filled = filled_positions(locked)
    if cleaned["positions"] is not None and cleaned["positions"] < filled:
        errors.add(
            "positions",
            _("%(filled)s positions are already filled; the vacancy cannot have fewer.")
            % {"filled": filled},
        )
    errors.raise_if_any()
    cleaned["status"] = _status_for(locked, positions=cleaned["positions"], filled=filled)
    cleaning.save_changes(locked, cleaned, updated_by)
    return locked


@transaction.atomic
def close_vacancy(*, vacancy: Vacancy, closed_by: User | None) -> Vacancy:
    """No more referrals or placements; the placements made stay. A vacancy closed already
    is a conflict (rules.VACANCY_TRANSITIONS)."""
    rules.check_may_change(closed_by, vacancy)
    locked = lock_vacancy(vacancy)
    rules.check_vacancy(closed_by, locked, rules.CLOSE)
    cleaning.save_changes(locked, {"status": Vacancy.Status.CLOSED}, closed_by)
    return locked


@transaction.atomic
def reopen_vacancy(*, vacancy: Vacancy, reopened_by: User | None) -> Vacancy:
    """A closed vacancy open again, or filled if no position is left."""
    rules.check_may_change(reopened_by, vacancy)
    locked = lock_vacancy(vacancy)
    rules.check_vacancy(reopened_by, locked, rules.REOPEN)
    status = (
        Vacancy.Status.FILLED
        if filled_positions(locked) >= locked.positions
        else Vacancy.Status.OPEN
    )
    cleaning.save_changes(locked, {"status": status}, reopened_by)
    return locked
