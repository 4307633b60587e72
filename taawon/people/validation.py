"""What a valid person record is: every field checked and normalised, all errors at once.

`validate` is the first step of the registry's services; it reads (reference places, the
identifier index) but writes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from taawon.accounts.models import Organisation
from taawon.core import validation
from taawon.core.crypto import cipher
from taawon.core.exceptions import ValidationFailed
from taawon.geo.countries import is_country
from taawon.geo.models import District, Governorate
from taawon.lib.crypto import normalise_identifier

from . import queries
from .models import (
    WASHINGTON_GROUP_DOMAINS,
    Consent,
    Difficulty,
    DisplacementStatus,
    EducationLevel,
    Person,
    PersonIdentifier,
    Sex,
)

NAME_FIELDS = (
    "given_name_ar",
    "father_name_ar",
    "grandfather_name_ar",
    "family_name_ar",
    "given_name_en",
    "father_name_en",
    "grandfather_name_en",
    "family_name_en",
)
WG_FIELDS = tuple(f"wg_{domain}" for domain in WASHINGTON_GROUP_DOMAINS)
# What `data` may hold, for register_person and update_person.
PERSON_FIELDS = (
    *NAME_FIELDS,
    "sex",
    "date_of_birth",
    "birth_year",
    "birth_year_estimated",
    "nationality",
    "displacement_status",
    "governorate",
    "district",
    "phone",
    "education_level",
    *WG_FIELDS,
)
IDENTIFIER_KINDS = tuple(PersonIdentifier.Kind.values)
IDENTIFIER_MAX_LENGTH = 40
EARLIEST_BIRTH = datetime.date(1900, 1, 1)


def identifier_field(kind: str) -> str:
    """The field-error key of an identifier kind, shared by the form and the API."""
    return f"identifiers.{kind}"


@dataclass
class Clean:
    values: dict[str, Any]
    # kind -> (normalised value, blind index); None removes the identifier (updates only)
    identifiers: dict[str, tuple[str, str] | None] = field(default_factory=dict)


def _text(value: Any) -> str:
    return " ".join(str(value or "").split())


def _birth(values: dict, errors: dict) -> None:
    born = values.get("date_of_birth")
    if isinstance(born, str):
        try:
            born = datetime.date.fromisoformat(born) if born else None
        except ValueError:
            errors["date_of_birth"] = [_("Enter a valid date.")]
            born = None
    today = timezone.localdate()
    if born is not None:
        if born > today:
            errors["date_of_birth"] = [_("The date of birth is in the future.")]
        elif born < EARLIEST_BIRTH:
            errors["date_of_birth"] = [_("The date of birth is before 1900.")]
        values.update(date_of_birth=born, birth_year=born.year, birth_year_estimated=False)
        return
    values["date_of_birth"] = None
    year = values.get("birth_year")
    if year in ("", None):
        values.update(birth_year=None, birth_year_estimated=False)
        return
    try:
        year = int(year)
    except (TypeError, ValueError):
        year = 0
    if not EARLIEST_BIRTH.year <= year <= today.year:
        errors["birth_year"] = [
            _("Enter a year between %(first)s and %(last)s.")
            % {"first": EARLIEST_BIRTH.year, "last": today.year}
        ]
    values["birth_year"] = year
    values["birth_year_estimated"] = bool(values.get("birth_year_estimated"))


def _choice(values: dict, name: str, choices, errors: dict, *, required: bool) -> None:
    value = values.get(name) or ""
    if not value:
        if required:
            errors[name] = [_("This field is required.")]
        values[name] = ""
    elif value not in choices:
        errors[name] = [_("Choose a valid option.")]
    else:
        values[name] = value


def _places(values: dict, errors: dict) -> None:
    def pk(value):
        return getattr(value, "pk", value)

    governorate = district = None
    governorate_id, district_id = pk(values.get("governorate")), pk(values.get("district"))
    if governorate_id not in ("", None):
        governorate = Governorate.objects.filter(pk=_int_or_none(governorate_id)).first()
        if governorate is None:
            errors["governorate"] = [_("Unknown governorate.")]
    if district_id not in ("", None):
        district = District.objects.filter(pk=_int_or_none(district_id)).first()
        if district is None:
            errors["district"] = [_("Unknown district.")]
        elif governorate is None and "governorate" not in errors:
            governorate = district.governorate
        elif governorate is not None and district.governorate_id != governorate.pk:
            errors["district"] = [_("This district is not in the chosen governorate.")]
    values["governorate"], values["district"] = governorate, district


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _washington_group(values: dict, errors: dict) -> None:
    for name in WG_FIELDS:
        value = values.get(name)
        if value in ("", None):
            values[name] = None
            continue
        answer = _int_or_none(value)
        if answer not in Difficulty.values:
            errors[name] = [_("Choose a valid option.")]
        values[name] = answer


def _identifiers(
    identifiers: Mapping[str, str | None],
    *,
    person: Person | None,
    errors: dict,
    removable: bool,
) -> dict[str, tuple[str, str] | None]:
    clean: dict[str, tuple[str, str] | None] = {}
    for kind, raw in identifiers.items():
        key = identifier_field(kind)
        if kind not in IDENTIFIER_KINDS:
            errors[key] = [_("Unknown kind of identifier.")]
            continue
        value = normalise_identifier(raw or "")
        if not value:
            if raw is None and removable:
                clean[kind] = None
            elif (raw or "").strip():
                errors[key] = [_("Enter letters and digits.")]
            continue
        if len(value) > IDENTIFIER_MAX_LENGTH:
            errors[key] = [
                _("Enter at most %(n)s letters and digits.") % {"n": IDENTIFIER_MAX_LENGTH}
            ]
            continue
        blind = cipher().blind_index(kind, value)
        holder = queries.identifier_holder(kind=kind, value=value, exclude=person)
        if holder is not None:
            errors[key] = [_already_registered(kind, holder)]
            continue
        clean[kind] = (value, blind)
    return clean


def _already_registered(kind: str, holder: PersonIdentifier) -> str:
    # The holder may be out of the user's reach: nothing of it, not even its organisation,
    # goes into the message.
    return _("This %(kind)s is already registered to another person.") % {
        "kind": PersonIdentifier.Kind(kind).label,
    }


def validate(
    *,
    owner: Organisation,
    data: Mapping[str, Any],
    identifiers: Mapping[str, str | None],
    person: Person | None = None,
) -> Clean:
    unknown = set(data) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"unknown person fields: {sorted(unknown)}")
    values = dict(data)
    errors: dict[str, list[str]] = {}
    for name in NAME_FIELDS:
        values[name] = _text(values.get(name))
        if len(values[name]) > Person._meta.get_field(name).max_length:
            errors[name] = [_("Enter at most 100 characters.")]
    if not values["given_name_ar"] and not values["given_name_en"]:
        message = _("Enter the given name in Arabic or in Latin letters.")
        errors["given_name_ar"] = errors["given_name_en"] = [message]
    _choice(values, "sex", Sex.values, errors, required=True)
    _choice(values, "displacement_status", DisplacementStatus.values, errors, required=True)
    _choice(values, "education_level", EducationLevel.values, errors, required=False)
    _birth(values, errors)
    nationality = _text(values.get("nationality")).upper()
    if nationality and not is_country(nationality):
        errors["nationality"] = [_("Choose a country.")]
    values["nationality"] = nationality
    values["phone"] = validation.clean_phone(
        values.get("phone"), region=owner.country, errors=errors, field="phone"
    )
    _places(values, errors)
    _washington_group(values, errors)
    clean_ids = _identifiers(
        identifiers, person=person, errors=errors, removable=person is not None
    )
    if errors:
        raise ValidationFailed(field_errors=errors)
    return Clean(values=values, identifiers=clean_ids)


def validate_consent(*, purpose: str, date: datetime.date | None, note: str) -> str:
    """The consent's note, tidied; ValidationFailed when a field is wrong."""
    errors: dict[str, list[str]] = {}
    if purpose not in Consent.Purpose.values:
        errors["purpose"] = [_("Choose a valid option.")]
    if date is None:
        errors["date"] = [_("This field is required.")]
    elif date > timezone.localdate():
        errors["date"] = [_("The date is in the future.")]
    note = _text(note)
    if len(note) > Consent._meta.get_field("note").max_length:
        errors["note"] = [_("Enter at most 300 characters.")]
    if errors:
        raise ValidationFailed(field_errors=errors)
    return note
