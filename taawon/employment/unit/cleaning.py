"""Checks every employment service runs on its input, collecting field errors.

A service cleans all of its arguments into an `Errors`, then raises once, so that a form or an
API client sees every problem at once and nothing is written.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from taawon.accounts.models import Organisation, User
from taawon.core import audit, validation
from taawon.core.exceptions import ValidationFailed
from taawon.core.fields import read_date
from taawon.formats.render import listing_text
from taawon.geo.models import District, Governorate
from taawon.lib.dates import DateError
from taawon.lib.money import DECIMALS
from taawon.occupations.models import Occupation
from taawon.people.models import Person

from .. import rules
from . import reference

DEFAULT_PHONE_REGION = "JO"
# Wages and amounts are stored with at most 10 digits, 3 after the point (the fils of a dinar).
MAX_MONEY = decimal.Decimal("9999999.999")


class Errors(dict[str, list[str]]):
    def add(self, field: str, message: str) -> None:
        self.setdefault(field, []).append(str(message))

    def raise_if_any(self) -> None:
        if self:
            raise ValidationFailed(field_errors=self)


# ---- The owning unit -----------------------------------------------------------------------


def owner_unit(owner: Organisation | None, actor: User | None, errors: Errors) -> None:
    """Employment records belong to an employment unit the actor may change records of."""
    if owner is None:
        errors.add("owner", _("Choose the employment unit."))
    elif owner.kind != Organisation.Kind.EMPLOYMENT_UNIT or not owner.is_active:
        errors.add("owner", _("Employment records belong to an employment unit."))
    elif not rules.may_add_for(actor, owner.pk):
        errors.add("owner", _("You may not add records for this employment unit."))


def active_person(person: Person, field: str, errors: Errors) -> None:
    if person.status != Person.Status.ACTIVE:
        errors.add(
            field,
            _(
                "%(name)s's record is archived or merged: restore it, or use the record it"
                " was merged into."
            )
            % {"name": person.display_name},
        )


# ---- Values -------------------------------------------------------------------------------


def text(
    value: Any, *, max_length: int, field: str, errors: Errors, multiline: bool = False
) -> str:
    """`value` as a string without stray whitespace (inner runs folded unless multiline)."""
    cleaned = str(value or "").strip() if multiline else " ".join(str(value or "").split())
    if len(cleaned) > max_length:
        errors.add(field, _("Use at most %(n)s characters.") % {"n": max_length})
    return cleaned


def choice(
    value: Any, choices: Iterable[str], *, field: str, errors: Errors, required: bool = True
) -> str:
    value = str(getattr(value, "value", value) or "")
    if not value:
        if required:
            errors.add(field, _("This field is required."))
        return ""
    if value not in set(choices):
        errors.add(field, _("Choose a valid option."))
    return value


def date(
    value: Any, *, field: str, errors: Errors, required: bool = True, not_future: bool = False
) -> datetime.date | None:
    if value in ("", None):
        if required:
            errors.add(field, _("Enter the date."))
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = read_date(value)
        except DateError:
            errors.add(field, _("Enter a valid date."))
            return None
    if not isinstance(value, datetime.date):
        errors.add(field, _("Enter a valid date."))
        return None
    if not_future and value > timezone.localdate():
        errors.add(field, _("This date is in the future."))
    return value


def money(
    value: Any, *, field: str, errors: Errors, required: bool = True, currency: str = "JOD"
) -> decimal.Decimal | None:
    """A positive amount with `currency`'s decimals, or None when optional and empty."""
    if value in ("", None):
        if required:
            errors.add(field, _("Enter the amount."))
        return None
    if str(currency or "").upper() not in DECIMALS:
        currency = "JOD"  # an unknown currency is the currency field's error, reported there
    return validation.clean_amount(
        value, currency=currency, positive=True, maximum=MAX_MONEY, errors=errors, field=field
    )


def integer(
    value: Any,
    *,
    field: str,
    errors: Errors,
    minimum: int,
    maximum: int,
    required: bool = True,
    default: int | None = None,
) -> int | None:
    if value in ("", None):
        if required and default is None:
            errors.add(field, _("This field is required."))
        return default
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        errors.add(field, _("Enter a whole number."))
        return default
    if isinstance(value, float) and value != number:
        errors.add(field, _("Enter a whole number."))
        return default
    if not minimum <= number <= maximum:
        errors.add(
            field,
            _("Enter a number from %(minimum)s to %(maximum)s.")
            % {"minimum": minimum, "maximum": maximum},
        )
    return number


def hours(value: Any, *, field: str, errors: Errors) -> decimal.Decimal | None:
    try:
        number = decimal.Decimal(str(value).strip())
    except (decimal.InvalidOperation, ValueError):
        errors.add(field, _("Enter the hours as a number, for example 8 or 7.5."))
        return None
    if (
        not number.is_finite()
        or not 0 < number <= 24
        or number != number.quantize(decimal.Decimal("0.1"))
    ):
        errors.add(field, _("Enter hours between 0.5 and 24, in tenths at most."))
        return None
    return number


def phone(value: Any, *, region: str, errors: Errors, field: str = "phone") -> str:
    return validation.clean_phone(
        value, region=region or DEFAULT_PHONE_REGION, errors=errors, field=field
    )


def coordinates(
    latitude: Any, longitude: Any, errors: Errors
) -> tuple[decimal.Decimal | None, decimal.Decimal | None]:
    """Both or neither, in range, rounded to five decimals (about a metre)."""
    values = {}
    for name, value, bound in (("latitude", latitude, 90), ("longitude", longitude, 180)):
        if value in ("", None):
            values[name] = None
            continue
        try:
            number = decimal.Decimal(str(value).strip())
        except (decimal.InvalidOperation, ValueError):
            errors.add(name, _("Enter decimal degrees, for example 32.34151."))
            values[name] = None
            continue
        if not number.is_finite() or not -bound <= number <= bound:
            errors.add(
                name, _("Enter a value from -%(bound)s to %(bound)s degrees.") % {"bound": bound}
            )
            values[name] = None
            continue
        values[name] = number.quantize(decimal.Decimal("0.00001"))
    if (latitude in ("", None)) != (longitude in ("", None)):
        missing = "longitude" if longitude in ("", None) else "latitude"
        errors.add(missing, _("Enter both the latitude and the longitude, or neither."))
    return values["latitude"], values["longitude"]


def _row(value: Any, model: type[models.Model]) -> Any:
    if value in ("", None) or isinstance(value, model):
        return value or None
    try:
        return model.objects.filter(pk=int(getattr(value, "pk", value))).first() or False
    except (TypeError, ValueError):
        return False


def places(
    governorate: Any, district: Any, errors: Errors, *, country: str | None = None
) -> tuple[Governorate | None, District | None]:
    """The governorate (required) and district (optional, inside it); ids or rows."""
    gov, dist = _row(governorate, Governorate), _row(district, District)
    if gov is False:
        errors.add("governorate", _("Unknown governorate."))
        gov = None
    if dist is False:
        errors.add("district", _("Unknown district."))
        dist = None
    if gov is None and dist is not None:
        gov = dist.governorate
    if gov is None:
        if "governorate" not in errors:
            errors.add("governorate", _("Choose the governorate."))
        return None, None
    if country and gov.country != country:
        errors.add("governorate", _("This governorate is not in the unit's country."))
    if dist is not None and dist.governorate_id != gov.pk:
        errors.add("district", _("This district is not in the chosen governorate."))
    return gov, dist


def governorates(values: Iterable[Any], *, field: str, errors: Errors) -> list[Governorate]:
    ids = set()
    for value in values or []:
        try:
            ids.add(int(getattr(value, "pk", value)))
        except (TypeError, ValueError):
            errors.add(field, _("Unknown governorate."))
    rows = list(Governorate.objects.filter(pk__in=ids))
    if len(rows) != len(ids):
        errors.add(field, _("Unknown governorate."))
    return rows


def unit_group(code: Any, *, field: str, errors: Errors) -> Occupation | None:
    """The ISCO-08 unit group with `code`; people and vacancies are coded at that level."""
    code = str(getattr(code, "code", code) or "").strip()
    if not code:
        errors.add(field, _("Choose the occupation."))
        return None
    occupation = Occupation.objects.filter(code=code).first()
    if occupation is None:
        errors.add(field, _("%(code)s is not an ISCO-08 code.") % {"code": code})
        return None
    if occupation.level != Occupation.Level.UNIT:
        errors.add(
            field,
            _("%(code)s is a broader group; choose one of its four-digit unit groups.")
            % {"code": code},
        )
        return None
    return occupation


def unit_groups(codes: Iterable[Any], *, field: str, errors: Errors) -> list[Occupation]:
    found = []
    for code in dict.fromkeys(str(getattr(c, "code", c)).strip() for c in codes or []):
        occupation = unit_group(code, field=field, errors=errors)
        if occupation is not None:
            found.append(occupation)
    if not found and field not in errors:
        errors.add(field, _("Choose at least one occupation."))
    return found


def codes(values: Iterable[Any], known: Iterable[str], *, field: str, errors: Errors) -> list[str]:
    """Distinct codes from a fixed list, in the list's order."""
    wanted = {str(v) for v in values or []}
    order = list(known)
    unknown = sorted(wanted - set(order))
    if unknown:
        errors.add(field, _("Unknown: %(codes)s.") % {"codes": listing_text(unknown)})
    return [code for code in order if code in wanted]


def skills(values: Iterable[Any], *, field: str, errors: Errors) -> list[str]:
    return codes(values, reference.SKILL_CODES, field=field, errors=errors)


def osh_checklist(answers: Mapping[str, Any] | None, errors: Errors) -> dict[str, str]:
    """Answers keyed by checklist item; items not asked are left out."""
    if answers is None:
        return {}
    if not isinstance(answers, Mapping):
        errors.add("osh_checklist", _("The checklist must map items to answers."))
        return {}
    cleaned = {}
    for code, answer in answers.items():
        if reference.osh_item(str(code)) is None:
            errors.add("osh_checklist", _("Unknown checklist item: %(code)s.") % {"code": code})
        elif answer in ("", None):
            continue
        elif answer not in reference.OshAnswer.VALUES:
            errors.add(
                "osh_checklist",
                _("Answer %(item)s with yes, no or not applicable.")
                % {"item": reference.osh_item(str(code)).display_name},
            )
        else:
            cleaned[str(code)] = answer
    return {code: cleaned[code] for code in reference.OSH_CODES if code in cleaned}


def date_range(
    start: datetime.date | None,
    end: datetime.date | None,
    *,
    end_field: str,
    errors: Errors,
    message: str | None = None,
) -> None:
    if start is not None and end is not None and end < start:
        errors.add(end_field, message or _("The end date is before the start date."))


# ---- Writing ------------------------------------------------------------------------------


def save_changes(obj: models.Model, values: Mapping[str, Any], actor: User | None, **m2m) -> None:
    """Set `values` on `obj`, save, and audit what changed, many-to-many fields included
    (given as name=list of rows or codes)."""
    before = audit.snapshot(obj)
    before.update({name: _m2m_value(getattr(obj, name).all()) for name in m2m})
    for name, value in values.items():
        setattr(obj, name, value)
    obj.updated_by = actor if getattr(actor, "pk", None) else None
    obj.save()
    for name, rows in m2m.items():
        getattr(obj, name).set(rows)
    after = audit.snapshot(obj, [k for k in before if k not in m2m])
    after.update({name: _m2m_value(rows) for name, rows in m2m.items()})
    changes = audit.diff(before, after)
    if changes:
        audit.record(actor=actor, action="update", obj=obj, changes=changes)


def audit_create(obj: models.Model, actor: User | None, **m2m) -> None:
    after = audit.snapshot(obj)
    after.update({name: _m2m_value(rows) for name, rows in m2m.items()})
    audit.record(actor=actor, action="create", obj=obj, changes=audit.diff({}, after))


def _m2m_value(rows: Iterable[Any]) -> list:
    return sorted(getattr(row, "code", None) or getattr(row, "pk", row) for row in rows)


def acting(actor: User | None) -> User | None:
    """The actor as stored in created_by/updated_by (None for the system)."""
    return actor if getattr(actor, "pk", None) else None
