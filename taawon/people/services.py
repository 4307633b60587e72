"""Every change to the person registry: registration, edits, archive, identifiers, consents.

Each service validates everything first and raises `ValidationFailed` with field errors
(nothing is written then), runs in one transaction and writes the audit trail. Registration
also looks for the same person across the whole registry before saving (`PossibleDuplicates`).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import phonenumbers
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taawon.accounts import scoping
from taawon.accounts.models import Organisation, User
from taawon.core import audit
from taawon.core.crypto import cipher
from taawon.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from taawon.core.models import AuditEvent
from taawon.geo.countries import is_country
from taawon.geo.models import District, Governorate
from taawon.lib.crypto import normalise_identifier
from taawon.lib.names import index_keys
from taawon.lib.person_match import Reason

from . import queries
from .models import (
    WASHINGTON_GROUP_DOMAINS,
    Consent,
    Difficulty,
    DisplacementStatus,
    DuplicateDecision,
    EducationLevel,
    NameKey,
    Person,
    PersonIdentifier,
    Sex,
)
from .reasons import OPAQUE_DETAILS, reason_label

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
# What the audit trail never shows of an identifier row.
IDENTIFIER_SENSITIVE = ("value_encrypted", "blind_index")
NEW = DuplicateDecision.Decision.NEW_PERSON.value


def identifier_field(kind: str) -> str:
    """The field-error key of an identifier kind, shared by the form and the API."""
    return f"identifiers.{kind}"


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

    def shown_reasons(self) -> list[tuple[str, str]]:
        """(label, detail) for the prompt: details only within reach, and only readable ones."""
        return [
            (
                reason_label(r.code),
                r.detail if self.may_view and r.code not in OPAQUE_DETAILS else "",
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
                {**r, "label": reason_label(r["code"])}
                for r in reasons_json(self.reasons, details=self.may_view)
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


# ---- Validation ---------------------------------------------------------------------------


@dataclass
class _Clean:
    values: dict[str, Any]
    # kind -> (normalised value, blind index); None removes the identifier (updates only)
    identifiers: dict[str, tuple[str, str] | None] = field(default_factory=dict)


def _text(value: Any) -> str:
    return " ".join(str(value or "").split())


def _phone(raw: str, region: str, errors: dict) -> str:
    if not raw:
        return ""
    try:
        number = phonenumbers.parse(raw, region or None)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        errors["phone"] = [_("Enter a valid phone number, for example +962 79 123 4567.")]
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


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
        holder = queries.identifier_holder(kind=kind, blind_index=blind, exclude=person)
        if holder is not None:
            errors[key] = [_already_registered(kind, holder)]
            continue
        clean[kind] = (value, blind)
    return clean


def _already_registered(kind: str, holder: PersonIdentifier) -> str:
    # The holder may be out of the user's reach: name only its organisation.
    return _("This %(kind)s is already registered to a person of %(organisation)s.") % {
        "kind": PersonIdentifier.Kind(kind).label,
        "organisation": holder.owner.display_name,
    }


def _validate(
    *,
    owner: Organisation,
    data: Mapping[str, Any],
    identifiers: Mapping[str, str | None],
    person: Person | None = None,
) -> _Clean:
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
    values["phone"] = _phone(_text(values.get("phone")), owner.country, errors)
    _places(values, errors)
    _washington_group(values, errors)
    clean_ids = _identifiers(
        identifiers, person=person, errors=errors, removable=person is not None
    )
    if errors:
        raise ValidationFailed(field_errors=errors)
    return _Clean(values=values, identifiers=clean_ids)


# ---- Writing ------------------------------------------------------------------------------


def _check_may_change(user: User | None, owner_id: int) -> None:
    # `None` is the system itself (imports, the demo); people act through a membership.
    if user is not None and owner_id not in scoping.reach(user, scoping.CHANGE, domain="people"):
        raise PermissionDenied()


def _write_name_keys(person: Person) -> None:
    """Make the person's NameKey rows match its names: search and blocking read only these."""
    wanted = index_keys(*(getattr(person, name) for name in NAME_FIELDS))
    have = set(person.name_keys.values_list("key", flat=True))
    if have - wanted:
        person.name_keys.filter(key__in=have - wanted).delete()
    NameKey.objects.bulk_create(NameKey(person=person, key=k) for k in sorted(wanted - have))


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
        if row is not None and row.blind_index == blind:
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
                        created_by=actor,
                        updated_by=actor,
                    )
                    audit.record_create(actor, row, sensitive=IDENTIFIER_SENSITIVE)
                else:
                    before = audit.snapshot(row)
                    row.value_encrypted = cipher().encrypt(value)
                    row.blind_index = blind
                    row.updated_by = actor
                    row.save()
                    audit.record_update(actor, row, before, sensitive=IDENTIFIER_SENSITIVE)
        except IntegrityError:
            raise ValidationFailed(
                field_errors={identifier_field(kind): [_("This identifier is already registered.")]}
            ) from None


def _candidates_for(clean: _Clean, *, user: User | None, exclude: Person | None = None):
    found = queries.find_duplicate_candidates(
        values=clean.values,
        blind_indexes={kind: ids[1] for kind, ids in clean.identifiers.items() if ids},
        exclude=exclude,
    )
    return [
        Candidate(
            person=person,
            score=match.score,
            reasons=tuple(match.reasons),
            may_view=user is None or scoping.can(user, scoping.READ, person),
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
    clean = _validate(owner=owner, data=data, identifiers=identifiers or {})
    return _candidates_for(clean, user=user)


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
    clean = _validate(owner=owner, data=data, identifiers=identifiers or {})
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
    clean = _validate(
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
    if not scoping.can(revealed_by, scoping.REVEAL, identifier):
        raise PermissionDenied(_("You may not see identity document numbers."))
    value = cipher().decrypt(identifier.value_encrypted)
    audit.record(
        actor=revealed_by,
        action=AuditEvent.Action.REVEAL,
        obj=identifier,
        note=identifier.kind,
    )
    return value


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
