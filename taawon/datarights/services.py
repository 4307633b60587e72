"""Every change to data requests and agreements, and the export of person-level data to a partner.

Each service validates first and raises `ValidationFailed` with field errors (nothing is written
then), runs in one transaction and writes the audit trail. Changes to a person's record go
through the registry's own services (`taawon.people.services`).
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterator, Mapping
from typing import IO, Any

from django.db import transaction
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from taawon.accounts import scoping
from taawon.accounts.models import Organisation, User
from taawon.core import audit
from taawon.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from taawon.core.models import AuditEvent
from taawon.core.validation import clean_text
from taawon.exports import registry
from taawon.exports import services as exports
from taawon.lib.tabular.export import FORMATS
from taawon.people import queries as people_queries
from taawon.people import services as people
from taawon.people.models import Consent, Person

from . import rules
from .models import (
    AccessRequest,
    CorrectionRequest,
    IdentityCheck,
    Language,
    PartnerExport,
    SharedPerson,
    SharingAgreement,
)

CHUNK = 2_000


def _check_handles(user: User | None, person: Person) -> None:
    if not rules.may_handle_person(user, person):
        raise PermissionDenied(_("You may not handle this person's data requests."))


def _text(value: Any, name: str, errors: dict, *, max_length: int, required: bool) -> str:
    text = clean_text(str(value or ""), errors=errors, field=name).strip()
    if required and not text and name not in errors:
        errors[name] = [_("This field is required.")]
    elif len(text) > max_length:
        errors[name] = [_("Enter at most %(n)s characters.") % {"n": max_length}]
    return text


def _identity(value: str, errors: dict) -> str:
    if value not in IdentityCheck.values:
        errors["identity_check"] = [_("Record how the person's identity was checked.")]
    return value


# ---- Subject access ----------------------------------------------------------------------


@transaction.atomic
def record_access_request(
    *,
    person: Person,
    identity_check: str,
    language: str,
    requested_by: User | None,
    identity_note: str = "",
) -> AccessRequest:
    """Record that `person` received a copy of their data (the caller makes the PDF)."""
    _check_handles(requested_by, person)
    errors: dict[str, list[str]] = {}
    _identity(identity_check, errors)
    if language not in Language.values:
        errors["language"] = [_("Choose Arabic or English.")]
    note = _text(identity_note, "identity_note", errors, max_length=200, required=False)
    if errors:
        raise ValidationFailed(field_errors=errors)
    request = AccessRequest.objects.create(
        person=person,
        owner_id=person.owner_id,
        identity_check=identity_check,
        identity_note=note,
        language=language,
        created_by=requested_by,
        updated_by=requested_by,
    )
    audit.record_create(requested_by, request)
    # Data left the system: the access log lists it under the person.
    audit.record(
        actor=requested_by,
        action=AuditEvent.Action.EXPORT,
        obj=person,
        changes={"person": person.pk, "subject_access": request.pk},
        note="subject_access",
    )
    return request


# ---- Corrections -------------------------------------------------------------------------


def field_label(name: str) -> str:
    return str(Person._meta.get_field(name).verbose_name)


def _on_record(person: Person, name: str) -> str:
    value = getattr(person, name)
    return "" if value is None else str(value)


@transaction.atomic
def request_correction(
    *,
    person: Person,
    field: str,
    requested_value: str,
    identity_check: str,
    requested_by: User | None,
    statement: str = "",
) -> CorrectionRequest:
    """Record what the person says is wrong in their record and what it should be."""
    _check_handles(requested_by, person)
    errors: dict[str, list[str]] = {}
    if field not in rules.CORRECTABLE_FIELDS:
        errors["field"] = [_("Choose what is wrong in the record.")]
    value = _text(requested_value, "requested_value", errors, max_length=200, required=True)
    said = _text(statement, "statement", errors, max_length=500, required=False)
    _identity(identity_check, errors)
    if not errors and value == _on_record(person, field):
        errors["requested_value"] = [_("The record already holds this value.")]
    if errors:
        raise ValidationFailed(field_errors=errors)
    request = CorrectionRequest.objects.create(
        person=person,
        owner_id=person.owner_id,
        field=field,
        current_value=_on_record(person, field)[:200],
        requested_value=value,
        statement=said,
        identity_check=identity_check,
        created_by=requested_by,
        updated_by=requested_by,
    )
    audit.record_create(requested_by, request)
    return request


def _decided(request: CorrectionRequest, decided_by: User | None) -> None:
    if not rules.may_decide_correction(decided_by, request):
        if request.status != CorrectionRequest.Status.OPEN:
            raise Conflict(_("This request is already closed."))
        raise PermissionDenied(_("You may not handle this person's data requests."))


@transaction.atomic
def apply_correction(*, request: CorrectionRequest, decided_by: User | None) -> CorrectionRequest:
    """Make the change through the registry's service, link it to the request, close it."""
    request = CorrectionRequest.objects.select_for_update().get(pk=request.pk)
    _decided(request, decided_by)
    person = request.person
    try:
        people.update_person(
            person=person, data={request.field: request.requested_value}, updated_by=decided_by
        )
    except ValidationFailed as error:
        # The registry's words for the value, on the field of the request that holds it.
        messages = [m for ms in error.field_errors.values() for m in ms] or [str(error.message)]
        raise ValidationFailed(field_errors={"requested_value": messages}) from None
    change = (
        AuditEvent.objects.filter(
            object_type=audit.object_label(person),
            object_id=str(person.pk),
            action=AuditEvent.Action.UPDATE,
        )
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    before = audit.snapshot(request)
    request.status = CorrectionRequest.Status.CORRECTED
    request.decided_by = decided_by
    request.decided_at = timezone.now()
    request.change_event_id = change
    request.updated_by = decided_by
    request.save()
    audit.record_update(decided_by, request, before)
    return request


@transaction.atomic
def refuse_correction(
    *, request: CorrectionRequest, reason: str, decided_by: User | None
) -> CorrectionRequest:
    """Close the request unchanged; the reason stays with it for the person."""
    request = CorrectionRequest.objects.select_for_update().get(pk=request.pk)
    _decided(request, decided_by)
    errors: dict[str, list[str]] = {}
    reason = _text(reason, "reason", errors, max_length=500, required=True)
    if errors:
        raise ValidationFailed(field_errors=errors)
    before = audit.snapshot(request)
    request.status = CorrectionRequest.Status.REFUSED
    request.refusal_reason = reason
    request.decided_by = decided_by
    request.decided_at = timezone.now()
    request.updated_by = decided_by
    request.save()
    audit.record_update(decided_by, request, before)
    return request


# ---- Consent per purpose -----------------------------------------------------------------


def consent_state(person: Person) -> dict[str, bool | None]:
    """The person's latest answer per purpose (None: never asked)."""
    state: dict[str, bool | None] = dict.fromkeys(Consent.Purpose.values)
    for consent in sorted(people_queries.consents_of(person), key=lambda c: (c.date, c.pk)):
        state[consent.purpose] = consent.given
    return state


@transaction.atomic
def change_consent(
    *, person: Person, purpose: str, given: bool, changed_by: User | None, note: str = ""
) -> Consent:
    """Withdraw (or give again) consent for one purpose, from today. What reads the latest
    answer follows at once: SMS stop, partner exports leave the person out."""
    _check_handles(changed_by, person)
    if purpose not in Consent.Purpose.values:
        raise ValidationFailed(field_errors={"purpose": [_("Choose a purpose.")]})
    return people.record_consent(
        person=person,
        purpose=purpose,
        given=bool(given),
        date=timezone.localdate(),
        recorded_by=changed_by,
        note=note,
    )


# ---- Data-sharing agreements -------------------------------------------------------------


AGREEMENT_TEXTS = {
    "partner": 200,
    "purpose": 500,
    "fields_shared": 500,
    "document_reference": 200,
}


def _date(value: Any, name: str, errors: dict) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value or ""))
    except ValueError:
        errors[name] = [_("Enter a valid date.")]
        return None


@transaction.atomic
def record_agreement(
    *, owner: Organisation, data: Mapping[str, Any], recorded_by: User | None
) -> SharingAgreement:
    if not rules.may_record_agreement_for(recorded_by, owner.pk):
        raise PermissionDenied(
            _("You may not record data-sharing agreements for this organisation.")
        )
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {
        name: _text(data.get(name), name, errors, max_length=length, required=True)
        for name, length in AGREEMENT_TEXTS.items()
    }
    values["starts_on"] = _date(data.get("starts_on"), "starts_on", errors)
    values["ends_on"] = _date(data.get("ends_on"), "ends_on", errors)
    if values["starts_on"] and values["ends_on"] and values["ends_on"] < values["starts_on"]:
        errors["ends_on"] = [_("The agreement ends before it starts.")]
    if errors:
        raise ValidationFailed(field_errors=errors)
    agreement = SharingAgreement.objects.create(
        owner=owner, created_by=recorded_by, updated_by=recorded_by, **values
    )
    audit.record_create(recorded_by, agreement)
    return agreement


# ---- Exports to partners -----------------------------------------------------------------


def partner_lists(user: User | None) -> list[registry.ListExport]:
    """The person-level lists `user` may export with names."""
    return [
        export
        for _name, export in sorted(registry.REGISTRY.items())
        if export.person_level and export.may_read(user) and export.may_identify(user)
    ]


def _shared_rows(user, export: registry.ListExport, params: QueryDict, shared: set, left: set):
    """The identified rows a partner may receive: a row whose person withheld consent to data
    sharing, or whose names `user` may not reveal, is left out whole (not blanked)."""
    columns, values = registry.reader(user, export, identified=True)
    reach = scoping.reach(user, scoping.REVEAL, domain=export.domain)
    rows = (
        export.rows(user, exports.list_params(params))
        .prefetch_related(None)
        .iterator(chunk_size=CHUNK)
    )

    def generate() -> Iterator[list]:
        while chunk := list(itertools.islice(rows, CHUNK)):
            ids = {p for row in chunk for p in export.persons_of(row) if p is not None}
            withheld = people_queries.withheld_consent(Consent.Purpose.DATA_SHARING, ids)
            for row in chunk:
                persons = [p for p in export.persons_of(row) if p is not None]
                if any(p in withheld for p in persons):
                    left.update(persons)
                    continue
                if not all(owner in reach for owner in export.owners_of(row)):
                    continue
                shared.update(persons)
                yield values(row)

    return columns, generate()


@transaction.atomic
def export_to_partner(
    *,
    user: User,
    agreement: SharingAgreement | None,
    list_name: str,
    params: QueryDict,
    fmt: str,
    target: IO[bytes],
) -> PartnerExport:
    """Write a person-level list, with names, for the agreement's partner into `target`; log it
    against the agreement with every person in it. Refused, with nothing written, without an
    agreement in force that `user` may export under."""
    from taawon.lib.tabular import export as writers

    errors: dict[str, list[str]] = {}
    if agreement is None:
        errors["agreement"] = [
            _("Choose the data-sharing agreement under which the data goes to the partner.")
        ]
    elif not rules.may_export_under(user, agreement):
        errors["agreement"] = [_("This agreement is not in force, or not yours to export under.")]
    export = registry.REGISTRY.get(list_name)
    if export is None or export not in partner_lists(user):
        errors["list_name"] = [_("Choose a list of persons you may export with names.")]
    if fmt not in FORMATS:
        errors["format"] = [_("Unknown export format: choose XLSX or CSV.")]
    if errors:
        raise ValidationFailed(field_errors=errors)
    shared: set[int] = set()
    left: set[int] = set()
    columns, rows = _shared_rows(user, export, params, shared, left)
    headers = [str(column.header) for column in columns]
    if fmt == "csv":
        count = writers.write_csv(target, headers=headers, hxl=[c.hxl for c in columns], rows=rows)
    else:
        count = writers.write_xlsx(
            target,
            headers=headers,
            rows=rows,
            title=str(export.title),
            right_to_left=translation.get_language_bidi(),
        )
    filters = {key: value for key, value in exports.list_params(params).items() if value}
    logged = PartnerExport.objects.create(
        owner_id=agreement.owner_id,
        agreement=agreement,
        list_name=list_name,
        format=fmt,
        filters=filters,
        rows=count,
        left_out=len(left - shared),
        created_by=user,
        updated_by=user,
    )
    SharedPerson.objects.bulk_create(
        (SharedPerson(export=logged, person_id=pk) for pk in sorted(shared)), batch_size=CHUNK
    )
    audit.record_create(user, logged)
    audit.record_export(
        actor=user,
        name=f"datarights.{list_name}",
        filters={**filters, "format": fmt, "identified": True, "agreement": agreement.pk},
        owner_id=agreement.owner_id,
    )
    return logged
