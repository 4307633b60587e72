"""Every change to complaints: recording one (in person, by SMS, on the public form), the
steps of its handling, and the unit's focal points. Each validates, runs in one transaction
and writes the audit trail, with the complaint's text and the complainant's contact masked."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taawon.accounts.models import Organisation, User
from taawon.core import audit, validation
from taawon.core.exceptions import Conflict, PermissionDenied, ValidationFailed

from . import rules
from .models import (
    SENSITIVE_CATEGORIES,
    Category,
    Channel,
    ComplainantKind,
    Complaint,
    ComplaintStep,
    FocalPoint,
    ReferralService,
)

MASKED = ("description", "pin_digest", "contact_name", "contact_phone")
MAX_DESCRIPTION = 4000
# No 0/O, 1/I/L: a reference is read out over the phone and typed on a small keyboard.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 8
PIN_LENGTH = 6


@dataclass(frozen=True)
class Receipt:
    """A new complaint and the PIN given with its reference (shown once, never stored)."""

    complaint: Complaint
    pin: str


def pin_digest(reference: str, pin: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{reference}:{pin}".encode(), hashlib.sha256).hexdigest()


def pin_matches(complaint: Complaint | None, pin: str) -> bool:
    # A digest is computed whether or not the complaint exists, so that the time an unknown
    # reference takes tells nothing.
    reference = complaint.reference if complaint is not None else "-"
    expected = complaint.pin_digest if complaint is not None else "0" * 64
    return hmac.compare_digest(pin_digest(reference, (pin or "").strip()), expected)


def _new_reference() -> str:
    return "C-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def _new_pin() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(PIN_LENGTH))


def acknowledge_by(received_at: datetime.datetime) -> datetime.datetime:
    return received_at + datetime.timedelta(days=settings.COMPLAINTS_ACKNOWLEDGE_DAYS)


def _validate(
    *,
    owner: Organisation | None,
    category: str,
    complainant_kind: str,
    channel: str,
    description: str,
    contact_name: str,
    contact_phone: str,
    language: str,
    person,
    employer,
    named_staff,
) -> tuple[str, str]:
    errors: dict[str, list[str]] = {}
    if owner is None or owner.kind != Organisation.Kind.EMPLOYMENT_UNIT or not owner.is_active:
        errors["owner"] = [_("Choose the employment unit the complaint is for.")]
    if category not in Category.values:
        errors["category"] = [_("Choose a valid option.")]
    if complainant_kind not in ComplainantKind.values:
        errors["complainant_kind"] = [_("Choose a valid option.")]
    if channel not in Channel.values:
        errors["channel"] = [_("Choose a valid option.")]
    if language not in dict(settings.LANGUAGES):
        errors["language"] = [_("Choose a valid option.")]
    text = validation.clean_text(description or "", errors=errors, field="description").strip()
    if not text and "description" not in errors:
        errors["description"] = [_("Write the complaint or the feedback.")]
    elif len(text) > MAX_DESCRIPTION:
        errors["description"] = [_("Enter at most %(n)s characters.") % {"n": MAX_DESCRIPTION}]
    name = validation.clean_text(contact_name or "", errors=errors, field="contact_name").strip()
    if len(name) > 200:
        errors["contact_name"] = [_("Enter at most %(n)s characters.") % {"n": 200}]
    phone = ""
    if (contact_phone or "").strip():
        region = owner.country if owner is not None else None
        phone = validation.clean_phone(
            contact_phone, region=region, errors=errors, field="contact_phone"
        )
    if complainant_kind == ComplainantKind.ANONYMOUS and (person is not None or name):
        errors["complainant_kind"] = [_("An anonymous complaint names nobody.")]
    if owner is not None and "owner" not in errors:
        for field, record in (("person", person), ("employer", employer)):
            if record is not None and record.owner_id not in _reach_of_unit(owner):
                errors[field] = [_("This record is not one of the unit's.")]
    if named_staff is not None and not named_staff.is_active:
        errors["named_staff"] = [_("Choose a valid option.")]
    if errors:
        raise ValidationFailed(field_errors=errors)
    return text, phone


def _reach_of_unit(owner: Organisation) -> set[int]:
    # A person or employer of the unit, or of its cooperative (which registers for its units).
    return {owner.pk, owner.parent_id}


@transaction.atomic
def record_complaint(
    *,
    owner: Organisation | None,
    category: str,
    description: str,
    channel: str = Channel.IN_PERSON,
    complainant_kind: str = ComplainantKind.ANONYMOUS,
    person=None,
    employer=None,
    named_staff: User | None = None,
    contact_name: str = "",
    contact_phone: str = "",
    language: str = "ar",
    sensitive: bool = False,
    recorded_by: User | None = None,
    received_at: datetime.datetime | None = None,
    inbound_reference: str = "",
) -> Receipt:
    """Record a complaint or feedback; its reference and PIN, to follow it, in the receipt.

    `recorded_by` None: it came in by itself (the public form, an SMS)."""
    if owner is not None:
        rules.check_record(recorded_by, owner_id=owner.pk)
    text, phone = _validate(
        owner=owner,
        category=category,
        complainant_kind=complainant_kind,
        channel=channel,
        description=description,
        contact_name=contact_name,
        contact_phone=contact_phone,
        language=language,
        person=person,
        employer=employer,
        named_staff=named_staff,
    )
    received_at = received_at or timezone.now()
    pin = _new_pin()
    for _attempt in range(5):
        reference = _new_reference()
        try:
            with transaction.atomic():
                complaint = Complaint.objects.create(
                    owner=owner,
                    reference=reference,
                    pin_digest=pin_digest(reference, pin),
                    channel=channel,
                    complainant_kind=complainant_kind,
                    person=person,
                    employer=employer,
                    named_staff=named_staff,
                    contact_name=contact_name.strip(),
                    contact_phone=phone,
                    language=language,
                    category=category,
                    sensitive=sensitive or category in SENSITIVE_CATEGORIES,
                    description=text,
                    received_at=received_at,
                    acknowledge_by=acknowledge_by(received_at),
                    inbound_reference=inbound_reference,
                    created_by=recorded_by,
                    updated_by=recorded_by,
                )
            break
        except IntegrityError:
            if (
                inbound_reference
                and Complaint.objects.filter(inbound_reference=inbound_reference).exists()
            ):
                raise Conflict(_("This message was received already.")) from None
            continue
    else:  # pragma: no cover - 31^8 references: five collisions in a row do not happen
        raise Conflict()
    ComplaintStep.objects.create(complaint=complaint, by=recorded_by, status=complaint.status)
    audit.record_create(recorded_by, complaint, sensitive=MASKED)
    return Receipt(complaint=complaint, pin=pin)


# ---- Handling -------------------------------------------------------------------------------


@transaction.atomic
def take_step(
    *,
    complaint: Complaint,
    action: str,
    by: User | None,
    note: str = "",
    service: str = "",
    person_informed: bool | None = None,
    satisfaction: int | None = None,
) -> Complaint:
    """Take one step of `complaint`'s handling (rules.ACTIONS), with its history row.

    Referring names the service; closing records whether the person was informed and, when
    known, their satisfaction (1 to 5)."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if by is not None and not rules.may_handle(by, complaint):
        # Before the request's content: a user who may not handle it learns nothing more.
        raise PermissionDenied()
    if action not in rules.ACTIONS:
        raise ValidationFailed(field_errors={"action": [_("Choose a valid option.")]})
    rules.check(by, complaint, action)
    errors: dict[str, list[str]] = {}
    note = validation.clean_text(note or "", errors=errors, field="note").strip()
    if len(note) > MAX_DESCRIPTION:
        errors["note"] = [_("Enter at most %(n)s characters.") % {"n": MAX_DESCRIPTION}]
    if action == rules.NOTE and not note and "note" not in errors:
        errors["note"] = [_("Write the note.")]
    if action == rules.REFER and service not in ReferralService.values:
        errors["service"] = [_("Choose the service the complaint is referred to.")]
    if action == rules.CLOSE:
        if person_informed is None:
            errors["person_informed"] = [_("Say whether the person was informed.")]
        if satisfaction is not None and not 1 <= satisfaction <= 5:
            errors["satisfaction"] = [_("Give a number from 1 to 5, or leave it empty.")]
    if errors:
        raise ValidationFailed(field_errors=errors)
    before = audit.snapshot(
        complaint,
        [
            "status",
            "acknowledged_at",
            "referred_to",
            "closed_at",
            "days_to_close",
            "person_informed",
            "satisfaction",
        ],
    )
    now = timezone.now()
    if action in rules.LEADS_TO:
        complaint.status = rules.LEADS_TO[action]
    if action == rules.ACKNOWLEDGE or (action != rules.NOTE and complaint.acknowledged_at is None):
        # Any step answers the complainant: a complaint handled at once is acknowledged too.
        complaint.acknowledged_at = complaint.acknowledged_at or now
    if action == rules.REFER:
        complaint.referred_to = service
    if action == rules.CLOSE:
        complaint.closed_at = now
        complaint.days_to_close = max((now - complaint.received_at).days, 0)
        complaint.person_informed = bool(person_informed)
        complaint.satisfaction = satisfaction
    complaint.updated_by = by
    complaint.save()
    ComplaintStep.objects.create(complaint=complaint, by=by, status=complaint.status, note=note)
    audit.record_update(by, complaint, before)
    return complaint


# ---- Focal points ---------------------------------------------------------------------------


@transaction.atomic
def designate_focal_point(*, owner: Organisation, user: User, by: User | None) -> FocalPoint:
    """Make `user`, a staff member of the unit `owner`, one of its focal points."""
    if by is not None and not rules.may_designate_for(by, owner.pk):
        raise PermissionDenied()
    errors: dict[str, list[str]] = {}
    if owner.kind != Organisation.Kind.EMPLOYMENT_UNIT:
        errors["owner"] = [_("Choose an employment unit.")]
    elif (
        not user.is_active
        or not user.memberships.filter(
            organisation_id__in=[owner.pk, owner.parent_id], role__in=rules.HANDLING_ROLES
        ).exists()
    ):
        errors["user"] = [_("Choose a staff member of the unit or of its cooperative.")]
    elif FocalPoint.objects.filter(owner=owner, user=user).exists():
        errors["user"] = [_("This staff member is a focal point of the unit already.")]
    if errors:
        raise ValidationFailed(field_errors=errors)
    focal = FocalPoint.objects.create(owner=owner, user=user, created_by=by, updated_by=by)
    audit.record_create(by, focal)
    return focal


@transaction.atomic
def remove_focal_point(*, focal_point: FocalPoint, by: User | None) -> None:
    if by is not None and not rules.may_designate_for(by, focal_point.owner_id):
        raise PermissionDenied()
    audit.record(actor=by, action="delete", obj=focal_point)
    focal_point.delete()
