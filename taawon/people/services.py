"""Every change to the person registry: registration, edits, archive, identifiers, consents.

Each service validates everything first and raises `ValidationFailed` with field errors
(nothing is written then), runs in one transaction and writes the audit trail. Registration
also looks for the same person across the whole registry before saving (`PossibleDuplicates`).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taawon.accounts.models import Organisation, User
from taawon.core import audit, confirming, events
from taawon.core.contention import retry_when_locked
from taawon.core.crypto import cipher
from taawon.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from taawon.core.models import AuditEvent
from taawon.lib.names import index_keys
from taawon.lib.person_match import Reason

from . import queries, rules
from .models import (
    Consent,
    DuplicateDecision,
    NameKey,
    Person,
    PersonIdentifier,
)
from .reasons import ShownReason, explain, reason_label
from .validation import (
    NAME_FIELDS,
    PERSON_FIELDS,
    Clean,
    identifier_field,
    validate,
    validate_consent,
)

# What the audit trail never shows of an identifier row.
IDENTIFIER_SENSITIVE = ("value_encrypted", "blind_index", "near_indexes")
NEW = DuplicateDecision.Decision.NEW_PERSON.value


# ---- Duplicates ---------------------------------------------------------------------------


def reasons_json(reasons, *, details: bool = True) -> list[dict]:
    """The matcher's reasons as stored and sent; `details` may quote the other record."""
    return [
        {"code": r.code, "points": round(r.points, 2), **({"detail": r.detail} if details else {})}
        for r in reasons
    ]


@dataclass(frozen=True)
class Candidate:
    """A registered person who may be the one being registered, as one user may see it."""

    person: Person
    score: float
    reasons: tuple[Reason, ...]
    may_view: bool
    entered: Person | None = None
    """The record being registered or changed, unsaved: what the candidate is compared with."""

    def shown(self) -> list[ShownReason]:
        """The reasons in words, in the matcher's order; the candidate's values and the
        matcher's details only within reach."""
        entered = self.entered or Person()
        return [
            explain(
                {"code": r.code, "points": r.points, "detail": r.detail},
                entered,
                self.person,
                private=not self.may_view,
            )
            for r in self.reasons
        ]

    def as_dict(self) -> dict[str, Any]:
        """What the API and the prompt show: names and details only within the user's reach."""
        body: dict[str, Any] = {
            "person": self.person.pk,
            "score": round(self.score, 2),
            "may_view": self.may_view,
            "organisation": self.person.owner.display_name,
            "reasons": [
                {
                    **r,
                    "label": reason_label(r["code"]),
                    "text": shown.text,
                    **({"values": shown.as_dict()["values"]} if self.may_view else {}),
                }
                for r, shown in zip(
                    reasons_json(self.reasons, details=self.may_view), self.shown(), strict=True
                )
            ],
        }
        if self.may_view:
            body.update(
                name_ar=self.person.name_ar,
                name_en=self.person.name_en,
                sex=self.person.sex,
                birth_year=self.person.birth_year,
                status=self.person.status,
            )
        return body


class PossibleDuplicates(Conflict):
    code = "possible_duplicates"
    default_message = gettext_lazy(
        "This person may already be registered. Check the candidates, then confirm."
    )

    def __init__(self, candidates: list[Candidate]) -> None:
        self.candidates = candidates
        super().__init__(payload={"candidates": [c.as_dict() for c in candidates]})


# ---- Writing ------------------------------------------------------------------------------


def _check_may_change(user: User | None, owner_id: int) -> None:
    # `None` is the system itself (imports, the demo); people act through a membership.
    if not rules.may_register_for(user, owner_id):
        raise PermissionDenied()


def _write_name_keys(person: Person) -> None:
    """Make the person's NameKey rows match its names: search and blocking read only these."""
    wanted = index_keys(*(getattr(person, name) for name in NAME_FIELDS))
    have = set(person.name_keys.values_list("key", flat=True))
    if have - wanted:
        person.name_keys.filter(key__in=have - wanted).delete()
    NameKey.objects.bulk_create(NameKey(person=person, key=k) for k in sorted(wanted - have))


def rebuild_name_keys(*, after: int = 0, batch_size: int = 1000) -> tuple[int, int]:
    """Recompute the NameKey rows of persons with ids above `after`, one batch (a transaction),
    after the name rules changed (new spellings read, a lexicon entry added). Returns (persons
    whose keys changed, the last id done; 0 when no person is left)."""
    changed = 0
    with transaction.atomic():
        persons = list(
            Person.objects.filter(pk__gt=after)
            .order_by("pk")
            .prefetch_related("name_keys")[:batch_size]
        )
        for person in persons:
            wanted = index_keys(*(getattr(person, name) for name in NAME_FIELDS))
            if {k.key for k in person.name_keys.all()} != wanted:
                _write_name_keys(person)
                changed += 1
    return changed, persons[-1].pk if persons else 0


def _write_identifiers(
    person: Person, identifiers: dict[str, tuple[str, str] | None], actor: User | None
) -> None:
    existing = {row.kind: row for row in person.identifiers.all()}
    for kind, clean in identifiers.items():
        row = existing.get(kind)
        if clean is None:
            if row is not None:
                # On the person: the identifier row and its own history go with the delete.
                audit.record(
                    actor=actor,
                    action=AuditEvent.Action.UPDATE,
                    obj=person,
                    changes={identifier_field(kind): [audit.MASK, None]},
                )
                row.delete()
            continue
        value, blind = clean
        if row is not None and row.blind_index in cipher().blind_indexes(kind, value):
            # Unchanged (perhaps still under an older key: the rotation command rewrites it).
            continue
        try:
            # A savepoint: a concurrent registration of the same identifier must become a
            # field error, not a broken transaction.
            with transaction.atomic():
                if row is None:
                    row = PersonIdentifier.objects.create(
                        person=person,
                        owner_id=person.owner_id,
                        kind=kind,
                        value_encrypted=cipher().encrypt(value),
                        blind_index=blind,
                        near_indexes=cipher().near_indexes(kind, value),
                        created_by=actor,
                        updated_by=actor,
                    )
                    audit.record_create(actor, row, sensitive=IDENTIFIER_SENSITIVE)
                else:
                    before = audit.snapshot(row)
                    row.value_encrypted = cipher().encrypt(value)
                    row.blind_index = blind
                    row.near_indexes = cipher().near_indexes(kind, value)
                    row.updated_by = actor
                    row.save()
                    audit.record_update(actor, row, before, sensitive=IDENTIFIER_SENSITIVE)
        except IntegrityError:
            raise ValidationFailed(
                field_errors={identifier_field(kind): [_("This identifier is already registered.")]}
            ) from None


def _candidates_for(clean: Clean, *, user: User | None, exclude: Person | None = None):
    found = queries.find_duplicate_candidates(
        values=clean.values,
        blind_indexes={kind: ids[1] for kind, ids in clean.identifiers.items() if ids},
        near_indexes={
            kind: cipher().near_indexes(kind, ids[0])
            for kind, ids in clean.identifiers.items()
            if ids
        },
        exclude=exclude,
    )
    entered = Person(**clean.values)
    return [
        Candidate(
            person=person,
            score=match.score,
            reasons=tuple(match.reasons),
            may_view=rules.may_read(user, person),
            entered=entered,
        )
        for person, match in found
    ]


def check_duplicates(
    *,
    owner: Organisation,
    data: Mapping[str, Any],
    identifiers: Mapping[str, str] | None = None,
    user: User | None,
) -> list[Candidate]:
    """The candidates registering this person would raise, without registering anyone."""
    clean = validate(owner=owner, data=data, identifiers=identifiers or {})
    return _candidates_for(clean, user=user)


@retry_when_locked
@transaction.atomic
def register_person(
    *,
    owner: Organisation,
    data: Mapping[str, Any],
    identifiers: Mapping[str, str] | None = None,
    registered_by: User | None,
    duplicate_decision: str | None = None,
) -> Person:
    """Register a person, unless the registry may already hold them.

    Raises `PossibleDuplicates` when candidates exist and `duplicate_decision` is not "new";
    with "new", the person is saved and one DuplicateDecision row kept per candidate.
    """
    _check_may_change(registered_by, owner.pk)
    clean = validate(owner=owner, data=data, identifiers=identifiers or {})
    candidates = _candidates_for(clean, user=registered_by)
    if candidates and duplicate_decision != NEW:
        raise PossibleDuplicates(candidates)

    person = Person(owner=owner, created_by=registered_by, updated_by=registered_by)
    for name, value in clean.values.items():
        setattr(person, name, value)
    person.save()
    _write_name_keys(person)
    audit.record_create(registered_by, person)
    _write_identifiers(person, clean.identifiers, registered_by)
    for candidate in candidates:
        _decide(
            person=person,
            candidate=candidate.person,
            decision=NEW,
            decided_by=registered_by,
            score=candidate.score,
            reasons=candidate.reasons,
        )
    return person


def _decide(*, person, candidate, decision, decided_by, score, reasons) -> DuplicateDecision:
    row = DuplicateDecision.objects.create(
        person=person,
        candidate=candidate,
        decision=decision,
        score=score,
        reasons=reasons_json(reasons),
        decided_by=decided_by,
    )
    audit.record(
        actor=decided_by,
        action=AuditEvent.Action.DECIDE,
        obj=candidate,
        changes={"decision": [None, decision], "registered_person": [None, row.person_id]},
        note=", ".join(r.code for r in reasons),
    )
    return row


@transaction.atomic
def record_same_person(
    *, candidate: Person, decided_by: User, score: float, reasons
) -> DuplicateDecision:
    """The user recognised a candidate as the person they were registering: nothing is created."""
    return _decide(
        person=None,
        candidate=candidate,
        decision=DuplicateDecision.Decision.SAME_PERSON,
        decided_by=decided_by,
        score=score,
        reasons=reasons,
    )


@transaction.atomic
def update_person(
    *,
    person: Person,
    data: Mapping[str, Any],
    identifiers: Mapping[str, str | None] | None = None,
    updated_by: User | None,
) -> Person:
    """Change some fields of a person (those in `data`; the rest stay).

    `identifiers` maps a kind to a new value, or to None to remove it; kinds left out stay.
    No duplicate prompt here, but an identifier still belongs to one person only.
    """
    _check_may_change(updated_by, person.owner_id)
    if person.status == Person.Status.MERGED:
        raise Conflict(_("This record was merged into another one; change that one instead."))
    current = {name: getattr(person, name) for name in PERSON_FIELDS}
    clean = validate(
        owner=person.owner,
        data={**current, **data},
        identifiers=identifiers or {},
        person=person,
    )
    before = audit.snapshot(person)
    for name, value in clean.values.items():
        setattr(person, name, value)
    person.updated_by = updated_by
    person.save()
    if any(before[name] != getattr(person, name) for name in NAME_FIELDS):
        _write_name_keys(person)
    audit.record_update(updated_by, person, before)
    _write_identifiers(person, clean.identifiers, updated_by)
    return person


def _set_status(person: Person, status: str, *, actor: User | None, action: str, note: str):
    _check_may_change(actor, person.owner_id)
    if person.status == Person.Status.MERGED:
        raise Conflict(_("This record was merged into another one."))
    if person.status == status:
        return person
    before = audit.snapshot(person, ["status"])
    person.status = status
    person.updated_by = actor
    person.save(update_fields=["status", "updated_by", "updated_at"])
    changes = audit.diff(before, audit.snapshot(person, ["status"]))
    audit.record(actor=actor, action=action, obj=person, changes=changes, note=note)
    return person


@transaction.atomic
def archive_person(*, person: Person, archived_by: User | None, note: str = "") -> Person:
    """Take a person out of lists and matching; the record and its history stay."""
    return _set_status(
        person,
        Person.Status.ARCHIVED,
        actor=archived_by,
        action=AuditEvent.Action.ARCHIVE,
        note=note,
    )


@transaction.atomic
def restore_person(*, person: Person, restored_by: User | None, note: str = "") -> Person:
    return _set_status(
        person,
        Person.Status.ACTIVE,
        actor=restored_by,
        action=AuditEvent.Action.RESTORE,
        note=note,
    )


@transaction.atomic
def reveal_identifier(*, identifier: PersonIdentifier, revealed_by: User) -> str:
    """The identifier in clear, for a user allowed to see it; every reveal is audited."""
    if not rules.may_reveal(revealed_by, identifier):
        raise PermissionDenied(_("You may not see identity document numbers."))
    value = cipher().decrypt(identifier.value_encrypted)
    audit.record(
        actor=revealed_by,
        action=AuditEvent.Action.REVEAL,
        obj=identifier,
        # Whose document: the access log filters by person.
        changes={"person": identifier.person_id},
        note=identifier.kind,
    )
    return value


@transaction.atomic
def record_person_view(*, person: Person, viewed_by: User) -> None:
    """One audit row per opening of a person's page, for the access log."""
    audit.record(
        actor=viewed_by, action=AuditEvent.Action.VIEW, obj=person, changes={"person": person.pk}
    )


@transaction.atomic
def record_consent(
    *,
    person: Person,
    purpose: str,
    given: bool,
    date: datetime.date,
    recorded_by: User | None,
    note: str = "",
) -> Consent:
    _check_may_change(recorded_by, person.owner_id)
    if person.status == Person.Status.MERGED:
        raise Conflict(_("This record was merged into another one; change that one instead."))
    if person.status == Person.Status.ARCHIVED:
        raise Conflict(_("This record is archived. Restore it first."))
    note = validate_consent(purpose=purpose, date=date, note=note)
    consent = Consent.objects.create(
        person=person,
        owner_id=person.owner_id,
        purpose=purpose,
        given=bool(given),
        date=date,
        note=note,
        created_by=recorded_by,
        updated_by=recorded_by,
    )
    audit.record_create(recorded_by, consent)
    return consent


# ---- Anonymisation (retention, erasure on request) -----------------------------------------

ANONYMOUS_NAME_AR = "مجهول"
ANONYMOUS_NAME_EN = "Anonymised"
# What anonymisation blanks; sex, nationality, governorate, year of birth, displacement
# status, education and the Washington Group answers stay for the aggregates.
ANONYMISED_FIELDS = (
    *NAME_FIELDS,
    "phone",
    "date_of_birth",
    "district",
)


def anonymise_token(person: Person) -> str:
    """What the confirmation page showed: this record as last changed."""
    return confirming.token("anonymise", person.pk, person.updated_at)


@transaction.atomic
def anonymise_person(
    *, person: Person, anonymised_by: User | None, reason: str, confirm: str | None = None
) -> Person:
    """Erase what identifies `person`, keeping the row so that aggregates still count them.

    Names, identifiers, phone, day and month of birth, district and the consents' notes go;
    the audit trail of the record loses the values it held, and one "anonymise" event with
    the reason (never the removed values) is written. `anonymised_by=None` is the retention
    task. `confirm` is the token of what the confirmation page showed (`anonymise_token`).
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    if not rules.may_anonymise(anonymised_by, person):
        if person.anonymised_at is not None:
            raise Conflict(_("This record is already anonymised."))
        if person.status == Person.Status.MERGED:
            raise Conflict(_("This record was merged into another one; change that one instead."))
        raise PermissionDenied(_("Only an administrator may anonymise a record."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(field_errors={"reason": [_("Give the reason for the erasure.")]})
    confirming.check(confirm, anonymise_token(person))
    identifier_ids = [str(pk) for pk in person.identifiers.values_list("pk", flat=True)]
    consent_ids = [str(pk) for pk in person.consents.values_list("pk", flat=True)]
    if person.date_of_birth is not None:
        person.birth_year = person.date_of_birth.year
        person.birth_year_estimated = True
    for name in NAME_FIELDS:
        setattr(person, name, "")
    person.given_name_ar, person.given_name_en = ANONYMOUS_NAME_AR, ANONYMOUS_NAME_EN
    person.phone = ""
    person.date_of_birth = None
    person.district = None
    person.anonymised_at = timezone.now()
    person.updated_by = anonymised_by
    person.save()
    person.identifiers.all().delete()
    person.name_keys.all().delete()
    person.consents.exclude(note="").update(note="")
    _scrub_history(str(person.pk), identifier_ids, consent_ids)
    audit.record(
        actor=anonymised_by,
        action=AuditEvent.Action.ANONYMISE,
        obj=person,
        changes={name: [audit.MASK, None] for name in ANONYMISED_FIELDS}
        | {"identifiers": [len(identifier_ids), 0]},
        note=reason,
    )
    # The other apps' rows that repeat who the person is (complaints, correction requests).
    events.dispatch("person.anonymised", person=person)
    return person


def _scrub_history(person_id: str, identifier_ids: list[str], consent_ids: list[str]) -> None:
    """The record's past audit events keep who did what and when, not the erased values."""
    label = audit.object_label
    _mask_changes(
        AuditEvent.objects.filter(object_type=label(Person), object_id=person_id),
        lambda name: name in ANONYMISED_FIELDS or name.startswith("identifier"),
        object_repr=ANONYMOUS_NAME_EN,
    )
    AuditEvent.objects.filter(
        object_type=label(PersonIdentifier), object_id__in=identifier_ids
    ).update(object_repr="", changes={})
    _mask_changes(
        AuditEvent.objects.filter(object_type=label(Consent), object_id__in=consent_ids),
        lambda name: name == "note",
        object_repr="",
    )


def _mask_changes(events, erased, *, object_repr: str) -> None:
    for event in events.only("pk", "changes"):
        changes = {
            name: [audit.MASK if v not in (None, "") else v for v in values]
            if erased(name) and isinstance(values, list)
            else values
            for name, values in (event.changes or {}).items()
        }
        if changes != event.changes:
            AuditEvent.objects.filter(pk=event.pk).update(changes=changes)
    events.update(object_repr=object_repr)
