"""Employers, their workplaces, and the unit's visits to them."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from taawon.accounts import scoping
from taawon.accounts.models import Organisation, User
from taawon.geo.models import District, Governorate
from taawon.indicators import locks

from .. import rules
from ..unit import cleaning, reference
from ..unit.cleaning import Errors
from .models import Employer, FarmVisit, Workplace

EMPLOYER_FIELDS = (
    "kind",
    "name_ar",
    "name_en",
    "owner_name",
    "sector",
    "size",
    "contact_name",
    "phone",
    "governorate",
    "district",
    "latitude",
    "longitude",
    "address",
    "notes",
)


def _clean_employer(values: Mapping[str, Any], *, country: str, errors: Errors) -> dict[str, Any]:
    v = dict(values)
    cleaned: dict[str, Any] = {
        "kind": cleaning.choice(v["kind"], Employer.Kind.values, field="kind", errors=errors),
        "sector": cleaning.choice(
            str(v["sector"] or "").upper(), reference.ISIC_CODES, field="sector", errors=errors
        ),
        "size": cleaning.choice(
            v["size"], Employer.Size.values, field="size", errors=errors, required=False
        ),
        "phone": cleaning.phone(v["phone"], region=country, errors=errors),
        "notes": cleaning.text(
            v["notes"], max_length=5000, field="notes", errors=errors, multiline=True
        ),
    }
    for name in ("name_ar", "name_en", "owner_name", "contact_name"):
        cleaned[name] = cleaning.text(v[name], max_length=200, field=name, errors=errors)
    cleaned["address"] = cleaning.text(v["address"], max_length=300, field="address", errors=errors)
    if not cleaned["name_ar"] and not cleaned["name_en"]:
        errors.add("name_ar", _("Enter the name in Arabic, in English, or both."))
    cleaned["governorate"], cleaned["district"] = cleaning.places(
        v["governorate"], v["district"], errors, country=country
    )
    cleaned["latitude"], cleaned["longitude"] = cleaning.coordinates(
        v["latitude"], v["longitude"], errors
    )
    return cleaned


@transaction.atomic
def register_employer(
    *,
    owner: Organisation,
    kind: str,
    sector: str,
    governorate: Governorate | int | None,
    created_by: User | None,
    name_ar: str = "",
    name_en: str = "",
    owner_name: str = "",
    size: str = "",
    contact_name: str = "",
    phone: str = "",
    district: District | int | None = None,
    latitude: Any = None,
    longitude: Any = None,
    address: str = "",
    notes: str = "",
) -> Employer:
    """Add a farm or business to the unit's employers; `sector` is an ISIC Rev.4 section."""
    values = dict(locals())  # the arguments, before any other local exists
    errors = Errors()
    cleaning.owner_unit(owner, created_by, errors)
    cleaned = _clean_employer(values, country=owner.country if owner else "", errors=errors)
    errors.raise_if_any()
    actor = cleaning.acting(created_by)
    employer = Employer.objects.create(owner=owner, created_by=actor, updated_by=actor, **cleaned)
    cleaning.audit_create(employer, created_by)
    return employer


@transaction.atomic
def update_employer(*, employer: Employer, updated_by: User | None, **changes: Any) -> Employer:
    """Change any of EMPLOYER_FIELDS; the others keep their values."""
    rules.check_may_change(updated_by, employer)
    unknown = set(changes) - set(EMPLOYER_FIELDS)
    if unknown:
        raise TypeError(f"update_employer() got unexpected fields {sorted(unknown)}")
    errors = Errors()
    current = {name: getattr(employer, name) for name in EMPLOYER_FIELDS}
    cleaned = _clean_employer({**current, **changes}, country=employer.owner.country, errors=errors)
    errors.raise_if_any()
    cleaning.save_changes(employer, cleaned, updated_by)
    return employer


def _clean_workplace(
    values: Mapping[str, Any], *, employer: Employer, errors: Errors, instance: Workplace | None
) -> dict[str, Any]:
    cleaned = {
        "name": cleaning.text(values["name"], max_length=200, field="name", errors=errors),
        "address": cleaning.text(values["address"], max_length=300, field="address", errors=errors),
    }
    if not cleaned["name"]:
        errors.add("name", _("Name the workplace, for example “North field” or “Packing house”."))
    else:
        taken = Workplace.objects.filter(employer=employer, name=cleaned["name"])
        if instance is not None:
            taken = taken.exclude(pk=instance.pk)
        if taken.exists():
            errors.add("name", _("This employer already has a workplace with this name."))
    governorate = values["governorate"]
    if governorate in ("", None) and values["district"] in ("", None):
        governorate = employer.governorate
    cleaned["governorate"], cleaned["district"] = cleaning.places(
        governorate, values["district"], errors, country=employer.owner.country
    )
    cleaned["latitude"], cleaned["longitude"] = cleaning.coordinates(
        values["latitude"], values["longitude"], errors
    )
    return cleaned


@transaction.atomic
def add_workplace(
    *,
    employer: Employer,
    name: str,
    created_by: User | None,
    governorate: Governorate | int | None = None,
    district: District | int | None = None,
    latitude: Any = None,
    longitude: Any = None,
    address: str = "",
) -> Workplace:
    """A place where the employer's work happens; in the employer's governorate unless given."""
    values = dict(locals())  # the arguments, before any other local exists
    rules.check_may_change(created_by, employer)
    errors = Errors()
    cleaned = _clean_workplace(values, employer=employer, errors=errors, instance=None)
    errors.raise_if_any()
    actor = cleaning.acting(created_by)
    workplace = Workplace.objects.create(
        owner_id=employer.owner_id, employer=employer, created_by=actor, updated_by=actor, **cleaned
    )
    cleaning.audit_create(workplace, created_by)
    return workplace


@transaction.atomic
def update_workplace(*, workplace: Workplace, updated_by: User | None, **changes: Any) -> Workplace:
    rules.check_may_change(updated_by, workplace)
    fields = ("name", "governorate", "district", "latitude", "longitude", "address")
    unknown = set(changes) - set(fields)
    if unknown:
        raise TypeError(f"update_workplace() got unexpected fields {sorted(unknown)}")
    errors = Errors()
    values = {name: getattr(workplace, name) for name in fields} | changes
    cleaned = _clean_workplace(
        values, employer=workplace.employer, errors=errors, instance=workplace
    )
    errors.raise_if_any()
    cleaning.save_changes(workplace, cleaned, updated_by)
    return workplace


def _clean_visit(
    values: Mapping[str, Any], *, employer: Employer, errors: Errors
) -> tuple[dict[str, Any], list[User]]:
    workplace = values["workplace"]
    if workplace is not None and workplace.employer_id != employer.pk:
        errors.add("workplace", _("This workplace belongs to another employer."))
    cleaned = {
        "workplace": workplace,
        "date": cleaning.date(values["date"], field="date", errors=errors, not_future=True),
        "purpose": cleaning.choice(
            values["purpose"], FarmVisit.Purpose.values, field="purpose", errors=errors
        ),
        "findings": cleaning.text(
            values["findings"], max_length=5000, field="findings", errors=errors, multiline=True
        ),
        "next_steps": cleaning.text(
            values["next_steps"], max_length=5000, field="next_steps", errors=errors, multiline=True
        ),
        "osh_checklist": cleaning.osh_checklist(values["osh_checklist"], errors),
    }
    staff = list(dict.fromkeys(values["staff"] or []))
    if not staff:
        errors.add("staff", _("Name who made the visit."))
    # Staff of the employer's unit (or above it), not anyone with an account. The message names
    # no one: they may work for another organisation.
    if any(
        employer.owner_id not in scoping.reach(member, scoping.CHANGE, domain="employment")
        for member in staff
    ):
        errors.add("staff", _("Choose a staff member of this unit."))
    return cleaned, staff


@transaction.atomic
def record_farm_visit(
    *,
    employer: Employer,
    date: datetime.date,
    purpose: str,
    staff: Iterable[User],
    recorded_by: User | None,
    workplace: Workplace | None = None,
    findings: str = "",
    osh_checklist: Mapping[str, str] | None = None,
    next_steps: str = "",
    reason: str = "",
) -> FarmVisit:
    """A visit to an employer; `osh_checklist` answers items of reference.OSH_CHECKLIST with
    "yes", "no" or "na" (items not asked are left out). `reason`: why, when `date` lies in a
    locked reporting period (taawon.indicators.locks)."""
    values = dict(locals())  # the arguments, before any other local exists
    values.pop("reason")
    rules.check_may_change(recorded_by, employer)
    errors = Errors()
    cleaned, staff_rows = _clean_visit(values, employer=employer, errors=errors)
    errors.raise_if_any()
    actor = cleaning.acting(recorded_by)
    visit = FarmVisit.objects.create(
        owner_id=employer.owner_id, employer=employer, created_by=actor, updated_by=actor, **cleaned
    )
    visit.staff.set(staff_rows)
    cleaning.audit_create(visit, recorded_by, staff=staff_rows)
    locks.note_edit(
        record=visit, owner_id=visit.owner_id, days=[visit.date], reason=reason, by=recorded_by
    )
    return visit


@transaction.atomic
def update_farm_visit(
    *, visit: FarmVisit, updated_by: User | None, reason: str = "", **changes: Any
) -> FarmVisit:
    """Change the visit; `reason`: why, when its date before or after the change lies in a
    locked reporting period (taawon.indicators.locks)."""
    before = visit.date
    rules.check_may_change(updated_by, visit)
    fields = ("workplace", "date", "purpose", "staff", "findings", "osh_checklist", "next_steps")
    unknown = set(changes) - set(fields)
    if unknown:
        raise TypeError(f"update_farm_visit() got unexpected fields {sorted(unknown)}")
    values = {name: getattr(visit, name) for name in fields if name != "staff"}
    values["staff"] = list(visit.staff.all())
    values.update(changes)
    errors = Errors()
    cleaned, staff_rows = _clean_visit(values, employer=visit.employer, errors=errors)
    errors.raise_if_any()
    cleaning.save_changes(visit, cleaned, updated_by, staff=staff_rows)
    locks.note_edit(
        record=visit,
        owner_id=visit.owner_id,
        days=[before, visit.date],
        reason=reason,
        by=updated_by,
    )
    return visit
