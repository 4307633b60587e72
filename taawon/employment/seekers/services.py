"""Job seekers (a registry person's profile with the unit) and their counselling sessions."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from taawon.accounts import scoping
from taawon.accounts.models import Organisation, User
from taawon.geo.models import Governorate
from taawon.indicators import locks
from taawon.people.models import Person

from .. import rules
from ..unit import cleaning
from ..unit.cleaning import Errors
from ..unit.models import Currency, PermitSector, WagePeriod
from .models import CounsellingSession, JobSeeker

JOB_SEEKER_FIELDS = (
    "occupations",
    "skills",
    "experience_years",
    "preferred_governorates",
    "max_travel_km",
    "available_from",
    "available_until",
    "expected_wage",
    "expected_wage_period",
    "currency",
    "work_permit_status",
    "work_permit_sector",
    "needs_transport",
    "needs_childcare",
    "needs_separate_sanitation",
    "needs_women_in_team",
    "notes",
    "language",
)
NEEDS = ("needs_transport", "needs_childcare", "needs_separate_sanitation", "needs_women_in_team")
MAX_TRAVEL_KM = 500


def _clean(values: Mapping[str, Any], *, errors: Errors) -> tuple[dict[str, Any], dict[str, list]]:
    v = values
    currency = cleaning.choice(v["currency"], Currency.values, field="currency", errors=errors)
    cleaned: dict[str, Any] = {
        "skills": cleaning.skills(v["skills"], field="skills", errors=errors),
        "experience_years": cleaning.integer(
            v["experience_years"],
            field="experience_years",
            errors=errors,
            minimum=0,
            maximum=70,
            default=0,
        ),
        "max_travel_km": cleaning.integer(
            v["max_travel_km"],
            field="max_travel_km",
            errors=errors,
            minimum=0,
            maximum=MAX_TRAVEL_KM,
        ),
        "available_from": cleaning.date(
            v["available_from"], field="available_from", errors=errors, required=False
        ),
        "available_until": cleaning.date(
            v["available_until"], field="available_until", errors=errors, required=False
        ),
        "expected_wage": cleaning.money(
            v["expected_wage"],
            field="expected_wage",
            errors=errors,
            required=False,
            currency=currency,
        ),
        "expected_wage_period": cleaning.choice(
            v["expected_wage_period"],
            WagePeriod.values,
            field="expected_wage_period",
            errors=errors,
        ),
        "currency": currency,
        "work_permit_status": cleaning.choice(
            v["work_permit_status"],
            JobSeeker.PermitStatus.values,
            field="work_permit_status",
            errors=errors,
        ),
        "notes": cleaning.text(
            v["notes"], max_length=5000, field="notes", errors=errors, multiline=True
        ),
        "language": cleaning.choice(
            v["language"],
            [code for code, _name in settings.LANGUAGES],
            field="language",
            errors=errors,
        ),
    }
    holds_permit = cleaned["work_permit_status"] in (
        JobSeeker.PermitStatus.VALID,
        JobSeeker.PermitStatus.APPLIED,
        JobSeeker.PermitStatus.EXPIRED,
    )
    cleaned["work_permit_sector"] = cleaning.choice(
        v["work_permit_sector"],
        PermitSector.values,
        field="work_permit_sector",
        errors=errors,
        required=cleaned["work_permit_status"] == JobSeeker.PermitStatus.VALID,
    )
    if not holds_permit:
        cleaned["work_permit_sector"] = ""
    cleaned.update({need: bool(v[need]) for need in NEEDS})
    cleaning.date_range(
        cleaned["available_from"],
        cleaned["available_until"],
        end_field="available_until",
        errors=errors,
        message=_("“Available until” is before “available from”."),
    )
    m2m = {
        "occupations": cleaning.unit_groups(v["occupations"], field="occupations", errors=errors),
        "preferred_governorates": cleaning.governorates(
            v["preferred_governorates"], field="preferred_governorates", errors=errors
        ),
    }
    return cleaned, m2m


def _default_owner(person: Person, actor: User | None) -> Organisation | None:
    """The person's own unit when it is an employment unit the actor works for."""
    owner = person.owner
    if owner.kind != Organisation.Kind.EMPLOYMENT_UNIT:
        return None
    if actor is not None and owner.pk not in scoping.reach(
        actor, scoping.CHANGE, domain="employment"
    ):
        return None
    return owner


@transaction.atomic
def register_job_seeker(
    *,
    person: Person,
    occupations: Iterable[str],
    registered_by: User | None,
    owner: Organisation | None = None,
    skills: Iterable[str] = (),
    experience_years: int = 0,
    preferred_governorates: Iterable[Governorate | int] = (),
    max_travel_km: int = 25,
    available_from: datetime.date | None = None,
    available_until: datetime.date | None = None,
    expected_wage: Any = None,
    expected_wage_period: str = WagePeriod.DAILY,
    currency: str = Currency.JOD,
    work_permit_status: str = JobSeeker.PermitStatus.NONE,
    work_permit_sector: str = "",
    needs_transport: bool = False,
    needs_childcare: bool = False,
    needs_separate_sanitation: bool = False,
    needs_women_in_team: bool = False,
    notes: str = "",
    language: str = "ar",
    reason: str = "",
) -> JobSeeker:
    """A job seeker profile for `person`, kept by `owner` (by default the person's own
    employment unit); `occupations` are ISCO-08 unit group codes. `reason`: why, when the
    registration is dated in a locked reporting period (taawon.indicators.locks)."""
    values = dict(locals())  # the arguments, before any other local exists
    values.pop("reason")
    errors = Errors()
    owner = owner or _default_owner(person, registered_by)
    cleaning.owner_unit(owner, registered_by, errors)
    cleaning.active_person(person, "person", errors)
    if JobSeeker.objects.filter(person=person).exists():
        errors.add("person", _("This person already has a job seeker profile."))
    cleaned, m2m = _clean(values, errors=errors)
    errors.raise_if_any()
    actor = cleaning.acting(registered_by)
    seeker = JobSeeker.objects.create(
        owner=owner, person=person, created_by=actor, updated_by=actor, **cleaned
    )
    for name, rows in m2m.items():
        getattr(seeker, name).set(rows)
    cleaning.audit_create(seeker, registered_by, **m2m)
    locks.note_edit(
        record=seeker,
        owner_id=seeker.owner_id,
        days=[seeker.registered_on],
        reason=reason,
        by=registered_by,
    )
    return seeker


@transaction.atomic
def update_job_seeker(
    *, job_seeker: JobSeeker, updated_by: User | None, reason: str = "", **changes: Any
) -> JobSeeker:
    """Change any of JOB_SEEKER_FIELDS; the others keep their values. `reason`: why, when the
    registration is dated in a locked reporting period (taawon.indicators.locks)."""
    rules.check_may_change(updated_by, job_seeker)
    unknown = set(changes) - set(JOB_SEEKER_FIELDS)
    if unknown:
        raise TypeError(f"update_job_seeker() got unexpected fields {sorted(unknown)}")
    values: dict[str, Any] = {
        name: getattr(job_seeker, name)
        for name in JOB_SEEKER_FIELDS
        if name not in ("occupations", "preferred_governorates")
    }
    values["occupations"] = [o.code for o in job_seeker.occupations.all()]
    values["preferred_governorates"] = list(job_seeker.preferred_governorates.all())
    values.update(changes)
    errors = Errors()
    cleaned, m2m = _clean(values, errors=errors)
    errors.raise_if_any()
    cleaning.save_changes(job_seeker, cleaned, updated_by, **m2m)
    locks.note_edit(
        record=job_seeker,
        owner_id=job_seeker.owner_id,
        days=[job_seeker.registered_on],
        reason=reason,
        by=updated_by,
    )
    return job_seeker


@transaction.atomic
def record_counselling_session(
    *,
    job_seeker: JobSeeker,
    date: datetime.date,
    topics: Iterable[str],
    recorded_by: User | None,
    counsellor: User | None = None,
    notes: str = "",
    action_plan: str = "",
) -> CounsellingSession:
    """A career guidance session; the counsellor is whoever records it unless named."""
    rules.check_may_change(recorded_by, job_seeker)
    errors = Errors()
    counsellor = counsellor or cleaning.acting(recorded_by)
    if counsellor is None:
        errors.add("counsellor", _("Name the counsellor."))
    elif job_seeker.owner_id not in scoping.reach(counsellor, scoping.CHANGE, domain="employment"):
        errors.add("counsellor", _("This counsellor does not work for the job seeker's unit."))
    cleaned = _clean_session(
        {"date": date, "topics": topics, "notes": notes, "action_plan": action_plan}, errors
    )
    errors.raise_if_any()
    actor = cleaning.acting(recorded_by)
    session = CounsellingSession.objects.create(
        owner_id=job_seeker.owner_id,
        job_seeker=job_seeker,
        counsellor=counsellor,
        created_by=actor,
        updated_by=actor,
        **cleaned,
    )
    cleaning.audit_create(session, recorded_by)
    return session


SESSION_FIELDS = ("date", "topics", "notes", "action_plan")


def _clean_session(values: Mapping[str, Any], errors: Errors) -> dict[str, Any]:
    cleaned = {
        "date": cleaning.date(values["date"], field="date", errors=errors, not_future=True),
        "topics": cleaning.codes(
            values["topics"], CounsellingSession.Topic.values, field="topics", errors=errors
        ),
        "notes": cleaning.text(
            values["notes"], max_length=5000, field="notes", errors=errors, multiline=True
        ),
        "action_plan": cleaning.text(
            values["action_plan"],
            max_length=5000,
            field="action_plan",
            errors=errors,
            multiline=True,
        ),
    }
    if not cleaned["topics"] and "topics" not in errors:
        errors.add("topics", _("Choose at least one topic."))
    return cleaned


@transaction.atomic
def update_counselling_session(
    *, session: CounsellingSession, updated_by: User | None, **changes: Any
) -> CounsellingSession:
    """Change any of SESSION_FIELDS; the job seeker and the counsellor stay."""
    rules.check_may_change(updated_by, session)
    unknown = set(changes) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"update_counselling_session() got unexpected fields {sorted(unknown)}")
    errors = Errors()
    values = {name: getattr(session, name) for name in SESSION_FIELDS} | changes
    cleaned = _clean_session(values, errors)
    errors.raise_if_any()
    cleaning.save_changes(session, cleaned, updated_by)
    return session
