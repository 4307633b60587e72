"""Every change in a permit's life: application, documents, submission, the ministry's
decision, renewal and cancellation.

Each service asks `rules` whether the user may act and the permit's state opens the
transition, and holds the values to `invariants`; it raises a domain error (nothing written)
when any fails, runs in one transaction on a locked row, and writes the
audit trail: the permit's history is its audit events, each with the transition's code as
its note (`TRANSITIONS` gives the words).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taawon.accounts.models import Organisation, User
from taawon.cooperatives.models import Cooperative
from taawon.core import audit, validation
from taawon.core.exceptions import Conflict, ValidationFailed
from taawon.core.models import AuditEvent
from taawon.formats.render import format_date, listing_text
from taawon.indicators import locks
from taawon.people.models import Person

from .. import documents, invariants, queries, rules
from ..models import MessageLanguage, Permit, PermitKind, PermitStatus, Sector

# The note each transition leaves in the audit trail, and how the history shows it.
TRANSITIONS = {
    "applied": gettext_lazy("Application started"),
    "documents": gettext_lazy("Documents updated"),
    "submitted": gettext_lazy("Submitted to the ministry"),
    "issued": gettext_lazy("Permit issued"),
    "rejected": gettext_lazy("Application rejected"),
    "renewal_started": gettext_lazy("Renewal application started"),
    "renewal_of": gettext_lazy("Renewal of an earlier permit"),
    "cancelled": gettext_lazy("Cancelled"),
    "imported": gettext_lazy("Imported from the ministry's list"),
    "import_updated": gettext_lazy("Updated from the ministry's list"),
}
# The fee of a Jordanian work permit, in dinars (three decimals: fils).
FEE_CURRENCY = "JOD"
MAX_FEE = Decimal("10000")
Status = PermitStatus


# ---- Checks -------------------------------------------------------------------------------


def _lock(permit: Permit) -> Permit:
    """The permit re-read under a row lock: a transition reads the status it changes."""
    locked = Permit.objects.select_for_update().select_related("owner").get(pk=permit.pk)
    permit.__dict__.update(
        {f.attname: getattr(locked, f.attname) for f in Permit._meta.concrete_fields}
    )
    return permit


def _lock_person(person_id: int) -> None:
    # Two decisions for one person must not both pass the overlap check: the person's row is
    # the one lock both take (SQLite's IMMEDIATE transactions serialise writers anyway).
    list(Person.objects.select_for_update().filter(pk=person_id).values_list("pk"))


def _text(value: object) -> str:
    return " ".join(str(value or "").split())


def _choice(value: str, choices, name: str, errors: dict) -> str:
    if value not in choices:
        errors[name] = [_("Choose a valid option.")]
    return value


def _not_future(day: datetime.date | None, name: str, errors: dict) -> None:
    if day is not None and day > timezone.localdate():
        errors[name] = [_("The date is in the future.")]


def _documents(codes: Iterable[str], errors: dict) -> list[str]:
    codes = list(dict.fromkeys(codes))
    if any(code not in documents.DOCUMENTS for code in codes):
        errors["documents"] = [_("Unknown document.")]
    return sorted(codes)


def _record(actor: User | None, permit: Permit, before: dict | None, note: str, **extra):
    """One audit event for one transition: the fields that changed, and the transition."""
    changes = audit.diff(before or {}, audit.snapshot(permit, before.keys() if before else None))
    changes.update(extra)
    action = AuditEvent.Action.CREATE if before is None else AuditEvent.Action.UPDATE
    if note in ("issued", "rejected"):
        action = AuditEvent.Action.DECIDE
    return audit.record(actor=actor, action=action, obj=permit, changes=changes, note=note)


# ---- Application --------------------------------------------------------------------------


@transaction.atomic
def create_application(
    *,
    person: Person,
    cooperative: Cooperative,
    owner: Organisation,
    sector: str,
    kind: str = PermitKind.FLEXIBLE,
    employer_name: str = "",
    language: str = MessageLanguage.ARABIC,
    applied_on: datetime.date | None = None,
    documents_received: Iterable[str] = (),
    created_by: User | None,
    previous: Permit | None = None,
) -> Permit:
    """Start an application for `person` under `cooperative`, owned by `owner` (the
    cooperative's organisation or one of its units)."""
    rules.check_apply(created_by, owner_id=owner.pk, person=person)
    errors: dict[str, list[str]] = {}
    if person.status != Person.Status.ACTIVE:
        errors["person"] = [_("This person's record is archived or merged.")]
    if cooperative.is_archived:
        errors["cooperative"] = [_("This cooperative is archived.")]
    elif owner.pk not in {org.pk for org in queries.permit_owners(cooperative)}:
        errors["owner"] = [_("Choose the cooperative or one of its employment units.")]
    _choice(sector, Sector.values, "sector", errors)
    _choice(kind, PermitKind.values, "kind", errors)
    _choice(language, MessageLanguage.values, "language", errors)
    employer_name = _text(employer_name)
    if kind == PermitKind.EMPLOYER and not employer_name:
        errors["employer_name"] = [_("Name the employer of an employer-specific permit.")]
    elif len(employer_name) > 200:
        errors["employer_name"] = [_("Enter at most 200 characters.")]
    applied_on = applied_on or timezone.localdate()
    _not_future(applied_on, "applied_on", errors)
    received = _documents(documents_received, errors)
    if "person" not in errors and (other := queries.open_application(person)) is not None:
        errors["person"] = [
            _("This person already has an application under way (%(permit)s).")
            % {"permit": str(other)}
        ]
    if errors:
        raise ValidationFailed(field_errors=errors)
    permit = Permit(
        owner=owner,
        person=person,
        cooperative=cooperative,
        sector=sector,
        kind=kind,
        employer_name=employer_name if kind == PermitKind.EMPLOYER else "",
        language=language,
        applied_on=applied_on,
        documents=received,
        previous=previous,
        created_by=created_by,
        updated_by=created_by,
    )
    try:
        with transaction.atomic():
            permit.save()
    except IntegrityError:
        raise Conflict(_("This permit already has a renewal under way.")) from None
    _record(created_by, permit, None, "renewal_of" if previous else "applied")
    return permit


@transaction.atomic
def set_documents(*, permit: Permit, documents_received: Iterable[str], updated_by: User | None):
    """Record which documents of the checklist the application has."""
    _lock(permit)
    rules.check(updated_by, permit, rules.DOCUMENTS)
    errors: dict[str, list[str]] = {}
    received = _documents(documents_received, errors)
    if errors:
        raise ValidationFailed(field_errors=errors)
    before = audit.snapshot(permit, ["documents"])
    permit.documents = received
    permit.updated_by = updated_by
    permit.save(update_fields=["documents", "updated_by", "updated_at"])
    _record(updated_by, permit, before, "documents")
    return permit


@transaction.atomic
def submit_application(
    *,
    permit: Permit,
    submitted_by: User | None,
    submitted_on: datetime.date | None = None,
    ministry_reference: str = "",
) -> Permit:
    """Send the application to the ministry: every required document must be there."""
    _lock(permit)
    rules.check(submitted_by, permit, rules.SUBMIT)
    errors: dict[str, list[str]] = {}
    if missing := documents.missing(permit.kind, permit.documents):
        errors["documents"] = [
            _("Missing: %(documents)s.")
            % {"documents": listing_text(documents.label(code) for code in missing)}
        ]
    submitted_on = submitted_on or timezone.localdate()
    _not_future(submitted_on, "submitted_on", errors)
    if permit.applied_on and submitted_on < permit.applied_on:
        errors["submitted_on"] = [_("The application cannot be submitted before it started.")]
    ministry_reference = _text(ministry_reference)
    if len(ministry_reference) > 50:
        errors["ministry_reference"] = [_("Enter at most 50 characters.")]
    if errors:
        raise ValidationFailed(field_errors=errors)
    before = audit.snapshot(permit, ["status", "submitted_on", "ministry_reference"])
    permit.status = Status.SUBMITTED
    permit.submitted_on = submitted_on
    permit.ministry_reference = ministry_reference or permit.ministry_reference
    permit.updated_by = submitted_by
    permit.save()
    _record(submitted_by, permit, before, "submitted")
    return permit


# ---- The ministry's decision --------------------------------------------------------------


def clean_fee(value: object, errors: dict, name: str = "fee_paid") -> Decimal | None:
    if value in (None, ""):
        return None
    return validation.clean_amount(
        value, currency=FEE_CURRENCY, maximum=MAX_FEE, errors=errors, field=name
    )


def check_issue_values(
    *,
    permit_number: str,
    issued_on: datetime.date | None,
    expires_on: datetime.date | None,
    errors: dict,
) -> str:
    """The rules of an issued permit's own values; the normalised permit number."""
    number = invariants.normalise_permit_number(permit_number)
    if not number:
        errors["permit_number"] = [_("Enter the permit number.")]
    elif len(number) > invariants.NUMBER_MAX_LENGTH:
        errors["permit_number"] = [_("Enter at most 40 characters.")]
    if issued_on is None:
        errors["issued_on"] = [_("Enter the issue date.")]
    elif invariants.in_future(issued_on, timezone.localdate()):
        errors["issued_on"] = [_("The date is in the future.")]
    if expires_on is None:
        errors["expires_on"] = [_("Enter the expiry date.")]
    elif issued_on is not None and not invariants.expires_after_issue(issued_on, expires_on):
        errors["expires_on"] = [_("The expiry date must be after the issue date.")]
    return number


@transaction.atomic
def issue_permit(
    *,
    permit: Permit,
    permit_number: str,
    issued_on: datetime.date,
    expires_on: datetime.date,
    fee_paid: Decimal | str | None = None,
    ministry_reference: str = "",
    decided_by: User | None,
    reason: str = "",
) -> Permit:
    """Record that the ministry issued the permit applied for. `reason`: why, when `issued_on`
    lies in a reporting period locked for the permit's owner (taawon.indicators.locks)."""
    _lock(permit)
    rules.check(decided_by, permit, rules.ISSUE)
    _lock_person(permit.person_id)
    errors: dict[str, list[str]] = {}
    number = check_issue_values(
        permit_number=permit_number, issued_on=issued_on, expires_on=expires_on, errors=errors
    )
    fee = clean_fee(fee_paid, errors)
    ministry_reference = _text(ministry_reference)
    if len(ministry_reference) > 50:
        errors["ministry_reference"] = [_("Enter at most 50 characters.")]
    if number and Permit.objects.filter(permit_number=number).exclude(pk=permit.pk).exists():
        errors["permit_number"] = [_("Another permit has this number.")]
    previous = permit.previous
    if (
        previous is not None
        and expires_on
        and not invariants.renewal_ends_later(expires_on, previous.expires_on)
    ):
        errors["expires_on"] = [_("A renewal must end after the permit it renews.")]
    if not errors:
        term = invariants.Term(
            number, issued_on, expires_on, previous.permit_number if previous else None
        )
        others = queries.issued_terms([permit.person_id]).get(permit.person_id, [])
        if (other := invariants.overlap(term, others)) is not None:
            errors["issued_on"] = [overlap_message(other)]
    if errors:
        raise ValidationFailed(field_errors=errors)
    before = audit.snapshot(
        permit,
        ["status", "permit_number", "issued_on", "expires_on", "fee_paid", "ministry_reference"],
    )
    permit.status = Status.ISSUED
    permit.permit_number = number
    permit.issued_on = issued_on
    permit.expires_on = expires_on
    permit.fee_paid = fee
    permit.ministry_reference = ministry_reference or permit.ministry_reference
    permit.decided_on = timezone.localdate()
    permit.decided_by = decided_by
    permit.updated_by = decided_by
    permit.save()
    _record(decided_by, permit, before, "issued")
    locks.note_edit(
        record=permit, owner_id=permit.owner_id, days=[issued_on], reason=reason, by=decided_by
    )
    return permit


def overlap_message(other: invariants.Term) -> str:
    return _(
        "This person holds permit %(number)s from %(start)s to %(end)s; two permits may not "
        "be active on the same days."
    ) % {
        "number": other.number,
        "start": format_date(other.start, "SHORT_DATE_FORMAT"),
        "end": format_date(other.end, "SHORT_DATE_FORMAT"),
    }


@transaction.atomic
def reject_permit(
    *, permit: Permit, reason: str, ministry_reference: str = "", decided_by: User | None
) -> Permit:
    """Record that the ministry refused the application, and why."""
    _lock(permit)
    rules.check(decided_by, permit, rules.REJECT)
    reason = (reason or "").strip()
    errors: dict[str, list[str]] = {}
    if not reason:
        errors["rejection_reason"] = [_("Give the ministry's reason.")]
    elif len(reason) > 2000:
        errors["rejection_reason"] = [_("Enter at most 2000 characters.")]
    ministry_reference = _text(ministry_reference)
    if len(ministry_reference) > 50:
        errors["ministry_reference"] = [_("Enter at most 50 characters.")]
    if errors:
        raise ValidationFailed(field_errors=errors)
    before = audit.snapshot(permit, ["status", "rejection_reason", "ministry_reference"])
    permit.status = Status.REJECTED
    permit.rejection_reason = reason
    permit.ministry_reference = ministry_reference or permit.ministry_reference
    permit.decided_on = timezone.localdate()
    permit.decided_by = decided_by
    permit.updated_by = decided_by
    permit.save()
    _record(decided_by, permit, before, "rejected")
    return permit


# ---- Renewal and cancellation -------------------------------------------------------------


@transaction.atomic
def renew_permit(
    *,
    permit: Permit,
    created_by: User | None,
    applied_on: datetime.date | None = None,
    owner: Organisation | None = None,
) -> Permit:
    """Start the renewal of an issued permit: a new application linked to it."""
    _lock(permit)
    rules.check(created_by, permit, rules.RENEW)
    renewal = create_application(
        person=permit.person,
        cooperative=permit.cooperative,
        owner=owner or permit.owner,
        sector=permit.sector,
        kind=permit.kind,
        employer_name=permit.employer_name,
        language=permit.language,
        applied_on=applied_on,
        created_by=created_by,
        previous=permit,
    )
    audit.record(
        actor=created_by,
        action=AuditEvent.Action.UPDATE,
        obj=permit,
        changes={"renewals": [None, renewal.pk]},
        note="renewal_started",
    )
    return renewal


@transaction.atomic
def cancel_permit(
    *,
    permit: Permit,
    reason: str,
    cancelled_by: User | None,
    cancelled_on: datetime.date | None = None,
) -> Permit:
    """Withdraw a draft application, or cancel an issued permit (a ministry decision)."""
    _lock(permit)
    rules.check(cancelled_by, permit, rules.CANCEL)
    reason = (reason or "").strip()
    cancelled_on = cancelled_on or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if not reason:
        errors["cancellation_reason"] = [_("Say why it is cancelled.")]
    elif len(reason) > 2000:
        errors["cancellation_reason"] = [_("Enter at most 2000 characters.")]
    _not_future(cancelled_on, "cancelled_on", errors)
    if permit.issued_on and cancelled_on < permit.issued_on:
        errors["cancelled_on"] = [_("A permit cannot be cancelled before it was issued.")]
    if errors:
        raise ValidationFailed(field_errors=errors)
    before = audit.snapshot(permit, ["status", "cancelled_on", "cancellation_reason"])
    permit.status = Status.CANCELLED
    permit.cancelled_on = cancelled_on
    permit.cancellation_reason = reason
    permit.updated_by = cancelled_by
    permit.save()
    _record(cancelled_by, permit, before, "cancelled")
    return permit
