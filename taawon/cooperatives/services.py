"""Every change to the cooperative registry: register, update, archive, members, units."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taawon.accounts import scoping
from taawon.accounts.models import Organisation, User
from taawon.accounts.services import create_organisation
from taawon.core import audit, validation
from taawon.core.exceptions import PermissionDenied, ValidationFailed
from taawon.core.models import AuditEvent
from taawon.formats.render import listing_text
from taawon.geo.countries import country_name, is_country
from taawon.geo.models import District, Governorate

from . import rules
from .models import Cooperative, CooperativeStatus, CooperativeType, MemberCount, Sex, ValueChain

# What update_cooperative may change; owner, country and archiving have their own rules.
EDITABLE_FIELDS = (
    "registration_number",
    "name_ar",
    "name_en",
    "type",
    "value_chains",
    "governorate",
    "district",
    "founding_date",
    "status",
    "contact_person",
    "phone",
    "email",
    "address",
)
TEXT_FIELDS = ("registration_number", "name_ar", "name_en", "contact_person", "email", "address")
# Registration numbers as the ministries print them: "1234", "1234/2015", "JCC-88".
REGISTRATION_NUMBER = re.compile(r"^[A-Z0-9][A-Z0-9 /.\-]*$")


def _clean(values: dict[str, Any], *, country: str, instance: Cooperative | None) -> dict:
    """Normalised `values`, or ValidationFailed with every field's errors at once."""
    errors: dict[str, list[str]] = {}
    cleaned = dict(values)
    for name in TEXT_FIELDS:
        if name in cleaned:
            cleaned[name] = " ".join((cleaned[name] or "").split())
    if "address" in values:
        cleaned["address"] = (values["address"] or "").strip()

    if "registration_number" in cleaned:
        number = cleaned["registration_number"].upper()
        cleaned["registration_number"] = number
        if not number:
            errors["registration_number"] = [_("Enter the registration number.")]
        elif len(number) > 50 or not REGISTRATION_NUMBER.match(number):
            errors["registration_number"] = [
                _("Use letters, digits, spaces, “/”, “.” or “-” (at most 50 characters).")
            ]
        else:
            taken = Cooperative.objects.filter(country=country, registration_number=number)
            if instance is not None:
                taken = taken.exclude(pk=instance.pk)
            if taken.exists():
                errors["registration_number"] = [
                    _("This registration number is already registered in %(country)s.")
                    % {"country": country_name(country)}
                ]

    name_ar = cleaned.get("name_ar", instance.name_ar if instance else "")
    name_en = cleaned.get("name_en", instance.name_en if instance else "")
    if not name_ar and not name_en:
        errors["name_ar"] = [_("Enter the name in Arabic, in English, or both.")]
    for name in ("name_ar", "name_en", "contact_person"):
        if len(cleaned.get(name, "")) > 200:
            errors[name] = [_("Use at most 200 characters.")]

    if "type" in cleaned and cleaned["type"] not in CooperativeType.values:
        errors["type"] = [_("Choose a valid type.")]
    if "status" in cleaned and cleaned["status"] not in CooperativeStatus.values:
        errors["status"] = [_("Choose a valid status.")]

    if "value_chains" in cleaned:
        codes = sorted(set(cleaned["value_chains"] or []))
        chains = list(ValueChain.objects.filter(code__in=codes))
        unknown = sorted(set(codes) - {chain.code for chain in chains})
        if unknown:
            errors["value_chains"] = [
                _("Unknown value chains: %(codes)s.") % {"codes": listing_text(unknown)}
            ]
        cleaned["value_chains"] = chains

    governorate: Governorate | None = cleaned.get(
        "governorate", instance.governorate if instance else None
    )
    district: District | None = cleaned.get("district", instance.district if instance else None)
    if governorate is None:
        errors["governorate"] = [_("Choose the governorate.")]
    elif governorate.country != country:
        errors["governorate"] = [
            _("This governorate is not in %(country)s.") % {"country": country_name(country)}
        ]
    elif district is not None and district.governorate_id != governorate.pk:
        errors["district"] = [
            _("This district is not in %(governorate)s.") % {"governorate": governorate}
        ]

    founding_date = cleaned.get("founding_date")
    if founding_date is not None:
        if not isinstance(founding_date, datetime.date):
            errors["founding_date"] = [_("Enter a valid date.")]
        elif founding_date > timezone.localdate():
            errors["founding_date"] = [_("The founding date cannot be in the future.")]

    if "phone" in cleaned:
        cleaned["phone"] = validation.clean_phone(
            cleaned["phone"], region=country, errors=errors, field="phone"
        )

    if cleaned.get("email"):
        try:
            validate_email(cleaned["email"])
        except ValidationError:
            errors["email"] = [_("Enter a valid email address.")]
        cleaned["email"] = cleaned["email"].lower()

    if errors:
        raise ValidationFailed(field_errors=errors)
    return cleaned


def _chain_codes(cooperative: Cooperative) -> list[str]:
    return sorted(cooperative.value_chains.values_list("code", flat=True))


@transaction.atomic
def register_cooperative(
    *,
    owner: Organisation,
    registration_number: str,
    type: str,
    governorate: Governorate,
    created_by: User | None,
    name_ar: str = "",
    name_en: str = "",
    country: str | None = None,
    value_chains: Iterable[str] = (),
    district: District | None = None,
    founding_date: datetime.date | None = None,
    status: str = CooperativeStatus.ACTIVE,
    contact_person: str = "",
    phone: str = "",
    email: str = "",
    address: str = "",
    organisation: Organisation | None = None,
) -> Cooperative:
    """Add a cooperative to the registry of `owner`'s country; `value_chains` are codes."""
    if not rules.may_register_for(created_by, owner.pk):
        raise ValidationFailed(
            field_errors={"owner": [_("You may not register cooperatives for this organisation.")]}
        )
    country = (country or owner.country).upper()
    if not is_country(country) or country != owner.country:
        raise ValidationFailed(
            field_errors={
                "country": [
                    _("A cooperative is registered in its owner's country, %(country)s.")
                    % {"country": country_name(owner.country)}
                ]
            }
        )
    _check_organisation(organisation, country=country, instance=None)
    cleaned = _clean(
        {
            "registration_number": registration_number,
            "name_ar": name_ar,
            "name_en": name_en,
            "type": type,
            "value_chains": list(value_chains),
            "governorate": governorate,
            "district": district,
            "founding_date": founding_date,
            "status": status,
            "contact_person": contact_person,
            "phone": phone,
            "email": email,
            "address": address,
        },
        country=country,
        instance=None,
    )
    chains = cleaned.pop("value_chains")
    cooperative = Cooperative.objects.create(
        owner=owner,
        country=country,
        organisation=organisation,
        created_by=created_by,
        updated_by=created_by,
        **cleaned,
    )
    cooperative.value_chains.set(chains)
    audit.record(
        actor=created_by,
        action=AuditEvent.Action.CREATE,
        obj=cooperative,
        changes=audit.diff(
            {}, {**audit.snapshot(cooperative), "value_chains": _chain_codes(cooperative)}
        ),
    )
    return cooperative


def _check_organisation(
    organisation: Organisation | None, *, country: str, instance: Cooperative | None
) -> None:
    if organisation is None:
        return
    message = None
    if organisation.kind != Organisation.Kind.COOPERATIVE:
        message = _("Choose an organisation of kind cooperative.")
    elif organisation.country != country:
        message = _("The organisation is in another country.")
    else:
        linked = Cooperative.objects.filter(organisation=organisation)
        if instance is not None:
            linked = linked.exclude(pk=instance.pk)
        if linked.exists():
            message = _("This organisation already represents another cooperative.")
    if message:
        raise ValidationFailed(field_errors={"organisation": [message]})


@transaction.atomic
def update_cooperative(
    *, cooperative: Cooperative, updated_by: User | None, **changes: Any
) -> Cooperative:
    """Change the fields named in `changes` (any of EDITABLE_FIELDS); the rest stay."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"update_cooperative() cannot change {sorted(unknown)}")
    rules.check_may_change(updated_by, cooperative)
    cleaned = _clean(changes, country=cooperative.country, instance=cooperative)
    before = {**audit.snapshot(cooperative), "value_chains": _chain_codes(cooperative)}
    chains = cleaned.pop("value_chains", None)
    for name, value in cleaned.items():
        setattr(cooperative, name, value)
    cooperative.updated_by = updated_by
    cooperative.save()
    if chains is not None:
        cooperative.value_chains.set(chains)
    after = {**audit.snapshot(cooperative), "value_chains": _chain_codes(cooperative)}
    changed = audit.diff(before, after)
    if changed:
        audit.record(
            actor=updated_by, action=AuditEvent.Action.UPDATE, obj=cooperative, changes=changed
        )
    return cooperative


@transaction.atomic
def archive_cooperative(
    *, cooperative: Cooperative, archived_by: User | None, note: str = ""
) -> Cooperative:
    """Hide the cooperative from lists and freeze it; the record and its links stay."""
    if not rules.may_change(archived_by, cooperative):
        raise PermissionDenied()
    if cooperative.is_archived:
        return cooperative
    before = audit.snapshot(cooperative, ["is_archived", "archived_at"])
    cooperative.is_archived = True
    cooperative.archived_at = timezone.now()
    cooperative.updated_by = archived_by
    cooperative.save(update_fields=["is_archived", "archived_at", "updated_by", "updated_at"])
    audit.record(
        actor=archived_by,
        action=AuditEvent.Action.ARCHIVE,
        obj=cooperative,
        changes=audit.diff(before, audit.snapshot(cooperative, before.keys())),
        note=note,
    )
    return cooperative


def _count_key(sex: str, nationality: str) -> str:
    return f"{sex}/{nationality}"


@transaction.atomic
def set_member_counts(
    *,
    cooperative: Cooperative,
    as_of: datetime.date,
    counts: Mapping[tuple[str, str], int],
    recorded_by: User | None,
) -> list[MemberCount]:
    """Replace the member counts of `cooperative` on `as_of` with `counts`.

    `counts` maps (sex, nationality) to a number of members; pairs left out are removed for
    that date, so a correction never leaves a stale row behind.
    """
    rules.check_may_change(recorded_by, cooperative)
    errors: dict[str, list[str]] = {}
    if not isinstance(as_of, datetime.date):
        errors["as_of"] = [_("Enter a valid date.")]
    elif as_of > timezone.localdate():
        errors["as_of"] = [_("The date cannot be in the future.")]
    rows: dict[tuple[str, str], int] = {}
    messages: list[str] = []
    for (sex, nationality), count in counts.items():
        code = (nationality or "").upper()
        if sex not in Sex.values:
            messages.append(_("“%(sex)s” is not a valid sex.") % {"sex": sex})
        elif not is_country(code):
            messages.append(
                _("“%(code)s” is not a nationality (ISO 3166-1 alpha-2 code).") % {"code": code}
            )
        elif isinstance(count, bool) or not isinstance(count, int) or count < 0:
            messages.append(
                _("Members (%(sex)s, %(nationality)s) must be zero or more.")
                % {"sex": Sex(sex).label, "nationality": country_name(code)}
            )
        elif (sex, code) in rows:
            messages.append(_("%(code)s is given twice.") % {"code": code})
        else:
            rows[(sex, code)] = count
    if messages:
        errors["counts"] = messages
    if errors:
        raise ValidationFailed(field_errors=errors)

    existing = cooperative.member_counts.filter(as_of=as_of)
    before = {_count_key(m.sex, m.nationality): m.count for m in existing}
    existing.delete()
    created = MemberCount.objects.bulk_create(
        MemberCount(
            cooperative=cooperative,
            as_of=as_of,
            sex=sex,
            nationality=nationality,
            count=count,
            recorded_by=recorded_by,
        )
        for (sex, nationality), count in sorted(rows.items())
    )
    after = {_count_key(sex, nationality): count for (sex, nationality), count in rows.items()}
    if before != after:
        audit.record(
            actor=recorded_by,
            action=AuditEvent.Action.UPDATE,
            obj=cooperative,
            changes={f"members on {as_of.isoformat()}": [before or None, after or None]},
        )
    return created


def _country_office_above(organisation: Organisation) -> Organisation | None:
    current: Organisation | None = organisation
    while current is not None:
        if current.kind == Organisation.Kind.COUNTRY_OFFICE:
            return current
        current = current.parent
    return None


@transaction.atomic
def attach_employment_unit(
    *, cooperative: Cooperative, name_en: str, name_ar: str, created_by: User | None
) -> Organisation:
    """Create an employment unit for `cooperative`, and first its Organisation if it has none."""
    rules.check_may_change(created_by, cooperative)
    name_en, name_ar = " ".join(name_en.split()), " ".join(name_ar.split())
    if not name_en:
        raise ValidationFailed(field_errors={"name_en": [_("Enter the unit's name in English.")]})
    if cooperative.organisation is None:
        organisation = create_organisation(
            name_en=cooperative.name_en or cooperative.name_ar,
            name_ar=cooperative.name_ar,
            kind=Organisation.Kind.COOPERATIVE,
            country=cooperative.country,
            parent=_country_office_above(cooperative.owner),
            created_by=created_by,
        )
        before = audit.snapshot(cooperative, ["organisation"])
        cooperative.organisation = organisation
        cooperative.updated_by = created_by
        cooperative.save(update_fields=["organisation", "updated_by", "updated_at"])
        audit.record_update(created_by, cooperative, before)
    unit = create_organisation(
        name_en=name_en,
        name_ar=name_ar,
        kind=Organisation.Kind.EMPLOYMENT_UNIT,
        country=cooperative.country,
        parent=cooperative.organisation,
        created_by=created_by,
    )
    if created_by is not None:
        # The new organisations change what the acting user reaches within this request.
        scoping.forget(created_by)
    return unit
