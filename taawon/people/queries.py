"""Reads of the person registry: scoped for users, and registry-wide for duplicate detection
(the registration check on top of the candidate search in `candidates`, and the readers batch
detection loads the registry with).

Name search goes through NameKey rows only (see taawon.lib.names): a person matches a search
term when one of its keys starts with the term's token or equals its phonetic key, and matches
the query when it matches every term. How the database should meet the terms depends on how
many persons they match, so `search` first counts (up to a cap) the keys of each term.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.db.models import Exists, Max, OuterRef, Q, QuerySet

from taawon.accounts import scoping
from taawon.core.crypto import cipher
from taawon.core.models import AuditEvent
from taawon.core.queries import history_for_object
from taawon.core.scripts import names_in_arabic_script
from taawon.geo.models import District, Governorate
from taawon.lib.crypto import normalise_identifier
from taawon.lib.names import SearchTerm, search_terms
from taawon.lib.person_match import Match, PersonRecord, compare, could_be_candidate

from . import candidates
from .models import Consent, DuplicateDecision, NameKey, Person, PersonIdentifier

MODELS_BY_LABEL = {
    "people.person": Person,
    "people.personidentifier": PersonIdentifier,
    "people.consent": Consent,
}
# Key rows under which a search term is rare enough to drive the query (see `search`).
DRIVE_BELOW = 20_000
# Key rows under which each of two terms is read whole, the two sets intersected (see `search`),
# and the most persons such an intersection may hold to be used (two names that go together,
# such as Abd and Al-Rahman, are met by the other plans).
INTERSECT_BELOW = 100_000
INTERSECTED_ROWS = 2_000
# A term with at least this many key rows is common, and stays so: its count is kept, per
# process, for COMMON_FOR seconds, since counting a common term's rows is most of a search's
# cost. A rare term's count is cheap and always taken afresh (a new person may have just made
# it non-zero).
COMMON_KEYS = DRIVE_BELOW
COMMON_FOR = 600.0
_common: dict[tuple[str, str | None], tuple[float, int, int]] = {}
# Most candidates shown for one registration, best first: a counsellor reads them all.
MAX_CANDIDATES = 10
# The candidate search's, named here too for the benchmarks and tests that tune them.
CHECK_DRIVE_BELOW = candidates.CHECK_DRIVE_BELOW
BIRTH_WINDOW = candidates.BIRTH_WINDOW


def _starts_with(prefix: str) -> Q:
    # SQLite uses an index for a range, never for LIKE (case-insensitive by default);
    # PostgreSQL uses the varchar_pattern_ops index for LIKE, and a range there would follow
    # the database collation rather than code points.
    if connection.vendor == "sqlite":
        return Q(key__gte=prefix, key__lt=prefix + "\U0010ffff")
    return Q(key__startswith=prefix)


def _term_condition(term: SearchTerm) -> Q:
    condition = _starts_with(term.prefix)
    if term.phonetic:
        condition |= Q(key=term.phonetic)
    return condition


def search(
    queryset: QuerySet[Person],
    q: str,
    *,
    drive_below: int = DRIVE_BELOW,
    intersect_below: int = INTERSECT_BELOW,
) -> QuerySet[Person]:
    """`queryset` narrowed to persons whose names match every term of `q`.

    Three plans, by how many key rows each term has (counted up to `intersect_below`):
    - Two terms each under `intersect_below` keys (a given and a family name that are each
      common but seldom together: Mariam Al-Tarawneh, Wafa Al-Sarhan) are read from the (key,
      person) index and their persons intersected; when those are `INTERSECTED_ROWS` at most,
      the query takes their ids, and looks at those rows only.
    - Otherwise the rarest term, when it has fewer than `drive_below` keys, drives: a subquery
      reads its persons from that index, so a rare name costs as little as its few rows.
    - When every term is common, the list is read newest first and each row probed per term
      (EXISTS on the (person, key) index): matches are dense, so a page fills after a few rows.
    Each plan alone is slow at a million persons for the other kinds of name, and neither
    SQLite's nor PostgreSQL's planner tells them apart reliably: both expect thousands of rows
    from an intersection, and then read the whole list newest first to meet a few dozen.
    """
    terms = search_terms(q or "")
    if not terms:
        return queryset
    cap = intersect_below if len(terms) > 1 else drive_below
    # Rarest first: it leads, or is probed first, so that most rows fail at the first probe.
    counted = sorted(((_count_keys(term, cap), i, term) for i, term in enumerate(terms)))
    sizes, terms = [size for size, _i, _t in counted], [term for _s, _i, term in counted]
    if sizes[0] == 0:
        return queryset.none()
    ids = None
    if len(terms) > 1 and sizes[1] < intersect_below:
        ids = _persons_with_both(terms[0], terms[1])
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
        terms = terms[2:]
    elif sizes[0] < drive_below:
        queryset = queryset.filter(pk__in=_persons_with(terms[0]))
        terms = terms[1:]
    for term in terms:
        keys = NameKey.objects.filter(_term_condition(term), person=OuterRef("pk"))
        queryset = queryset.filter(Exists(keys))
    return queryset


def _term_parts(term: SearchTerm) -> list[QuerySet[NameKey]]:
    # Read apart, the prefix and the phonetic key are each one index range; PostgreSQL
    # answers an OR of the two by scanning the table.
    parts = [NameKey.objects.filter(_starts_with(term.prefix))]
    if term.phonetic:
        parts.append(NameKey.objects.filter(key=term.phonetic))
    return parts


def _count_keys(term: SearchTerm, limit: int) -> int:
    """How many keys match `term`, counting no further than `limit`."""
    key = (term.prefix, term.phonetic)
    kept = _common.get(key)
    if kept is not None:
        until, counted, cap = kept
        if until > time.monotonic() and (counted < cap or cap >= limit):
            return min(counted, limit)
    total = 0
    for part in _term_parts(term):
        total += part[: limit - total].count()
        if total >= limit:
            break
    if total >= COMMON_KEYS:
        _common[key] = (time.monotonic() + COMMON_FOR, total, limit)
    return total


def _persons_with_both(first: SearchTerm, second: SearchTerm) -> list[int] | None:
    """The persons matching both terms, or None when they are more than INTERSECTED_ROWS."""
    both = _persons_with(first).intersection(_persons_with(second))
    ids = [row["person_id"] for row in both[: INTERSECTED_ROWS + 1]]
    return ids if len(ids) <= INTERSECTED_ROWS else None


def _persons_with(term: SearchTerm) -> QuerySet[NameKey]:
    # A subquery, not the ids read into Python: a term's few thousand ids sent back as as many
    # parameters cost more to quote and to parse than the whole search.
    parts = [part.values("person_id") for part in _term_parts(term)]
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


def person_list(
    user,
    *,
    q: str = "",
    governorate: int | None = None,
    sex: str | None = None,
    nationality: str | None = None,
    displacement_status: str | None = None,
    status: str | None = Person.Status.ACTIVE,
) -> QuerySet[Person]:
    """Persons `user` may read, newest first, with what a list row shows already joined."""
    qs = scoping.scope(Person.objects.all(), user)
    if status:
        qs = qs.filter(status=status)
    if governorate:
        qs = qs.filter(governorate_id=governorate)
    if sex:
        qs = qs.filter(sex=sex)
    if nationality:
        qs = qs.filter(nationality=nationality.upper())
    if displacement_status:
        qs = qs.filter(displacement_status=displacement_status)
    qs = search(qs, q)
    return qs.select_related("governorate", "owner").order_by("-id")


def get_person_for_user(user, pk, action: str = scoping.READ) -> Person:
    """One person, or Http404 when it does not exist or `user` may not `action` it."""
    qs = Person.objects.select_related(
        "governorate", "district", "owner", "created_by", "updated_by", "merged_into"
    ).prefetch_related("identifiers")
    return scoping.get_scoped_or_404(qs, user, pk, action)


def identifiers_of(person: Person) -> list[PersonIdentifier]:
    return sorted(person.identifiers.all(), key=lambda i: i.kind)


def consents_of(person: Person) -> list[Consent]:
    return list(person.consents.select_related("created_by"))


CONSENT_CHUNK = 2_000


def withheld_consent(purpose: str, person_ids: Iterable[int]) -> set[int]:
    """Persons among `person_ids` whose latest answer for `purpose` is no (a consent refused or
    withdrawn). No answer at all is not a refusal: the purpose was never asked."""
    latest: dict[int, bool] = {}
    iterator = iter(sorted(set(person_ids)))
    while batch := list(itertools.islice(iterator, CONSENT_CHUNK)):
        for person_id, given in (
            Consent.objects.filter(person_id__in=batch, purpose=purpose)
            .order_by("person_id", "date", "id")
            .values_list("person_id", "given")
        ):
            latest[person_id] = given
    return {person_id for person_id, given in latest.items() if not given}


def get_identifier_for_user(user, person: Person, pk) -> PersonIdentifier:
    return scoping.get_scoped_or_404(person.identifiers.all(), user, pk)


def person_history(person: Person) -> QuerySet:
    """The audit trail of a person, its identifiers and its consents, newest first; page
    views are left to the access log (they change nothing, and would bury the changes)."""
    return history_for_object(
        person,
        extra_types={
            "people.personidentifier": list(person.identifiers.values_list("pk", flat=True)),
            "people.consent": list(person.consents.values_list("pk", flat=True)),
        },
    ).exclude(action=AuditEvent.Action.VIEW)


@dataclass
class HistoryRow:
    event: AuditEvent
    subject: str
    changes: list[tuple[str, Any, Any]]


HIDDEN_CHANGES = {
    "owner",
    "person",
    "created_by",
    "updated_by",
    "blind_index",
    "near_indexes",
    "merged_into",
}


def describe_history(events, person: Person) -> list[HistoryRow]:
    """Audit events in words: what changed, with labels and readable values.

    Masked values stay masked; places show by name (one query per kind of place).
    """
    events = list(events)
    kinds = dict(person.identifiers.values_list("pk", "kind"))
    place_ids: dict[str, set] = {"governorate": set(), "district": set()}
    for event in events:
        for name, place in place_ids.items():
            for value in event.changes.get(name, []):
                if value is not None:
                    place.add(value)
    name_field = "name_ar" if names_in_arabic_script() else "name_en"
    places = {
        kind: dict(model.objects.filter(pk__in=ids).values_list("pk", name_field)) if ids else {}
        for (kind, ids), model in zip(place_ids.items(), (Governorate, District), strict=True)
    }
    rows = []
    for event in events:
        model = MODELS_BY_LABEL.get(event.object_type, Person)
        if model is PersonIdentifier:
            kind = kinds.get(_int(event.object_id)) or event.note
            subject = _label_of_choice(PersonIdentifier.Kind, kind) or str(model._meta.verbose_name)
        else:
            subject = str(model._meta.verbose_name)
        changes = []
        for name, pair in sorted(event.changes.items()):
            if name in HIDDEN_CHANGES or not isinstance(pair, list) or len(pair) != 2:
                continue
            if name.startswith("identifiers."):
                label = _label_of_choice(PersonIdentifier.Kind, name.split(".", 1)[1]) or name
                changes.append((label, *pair))
                continue
            label, show = _field_display(model, name, places)
            changes.append((label, show(pair[0]), show(pair[1])))
        rows.append(HistoryRow(event=event, subject=subject.capitalize(), changes=changes))
    return rows


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _label_of_choice(choices, value) -> str | None:
    try:
        return str(choices(value).label)
    except ValueError:
        return None


def _field_display(model, name: str, places: dict):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name, _show
    label = str(getattr(field, "verbose_name", name)).capitalize()
    if name in places:
        return label, lambda v: places[name].get(v, v) if v is not None else None
    if field.choices:
        labels = {k: str(v) for k, v in field.flatchoices}
        return label, lambda v: labels.get(v, v)
    return label, _show


def _show(value):
    return value


# ---- Registry-wide reads for duplicate detection ------------------------------------------
# Not scoped on purpose: the same refugee registered by two units is what the check is for.
# Services decide what of a candidate a user may see.


def identifier_holder(
    *, kind: str, value: str, exclude: Person | None = None
) -> PersonIdentifier | None:
    # Under every configured key: during a key rotation a holder may still carry the old index.
    qs = PersonIdentifier.objects.filter(
        kind=kind, blind_index__in=cipher().blind_indexes(kind, value)
    )
    if exclude is not None:
        qs = qs.exclude(person=exclude)
    return qs.select_related("owner").first()


def _code(place_id: int | None) -> str:
    return str(place_id) if place_id else ""


def person_record(person: Person) -> PersonRecord:
    """The matcher's view of a person (identifiers as "kind:blind index")."""
    held = list(person.identifiers.all())
    return PersonRecord(
        id=person.pk,
        given_ar=person.given_name_ar,
        father_ar=person.father_name_ar,
        grandfather_ar=person.grandfather_name_ar,
        family_ar=person.family_name_ar,
        given_en=person.given_name_en,
        father_en=person.father_name_en,
        grandfather_en=person.grandfather_name_en,
        family_en=person.family_name_en,
        sex=person.sex,
        birth_date=person.date_of_birth,
        birth_year=person.birth_year,
        governorate=_code(person.governorate_id),
        district=_code(person.district_id),
        phone=person.phone,
        identifiers=frozenset(f"{i.kind}:{i.blind_index}" for i in held),
        near_identifiers=frozenset(
            entry for i in held for entry in candidates.near_entries(i.kind, i.near_indexes)
        ),
    )


def _values_record(
    values: Mapping[str, Any],
    blind_indexes: Mapping[str, str],
    near_indexes: Mapping[str, str] | None = None,
) -> PersonRecord:
    def pk(value):
        return getattr(value, "pk", value)

    return PersonRecord(
        id=None,
        given_ar=values.get("given_name_ar", ""),
        father_ar=values.get("father_name_ar", ""),
        grandfather_ar=values.get("grandfather_name_ar", ""),
        family_ar=values.get("family_name_ar", ""),
        given_en=values.get("given_name_en", ""),
        father_en=values.get("father_name_en", ""),
        grandfather_en=values.get("grandfather_name_en", ""),
        family_en=values.get("family_name_en", ""),
        sex=values.get("sex", ""),
        birth_date=values.get("date_of_birth"),
        birth_year=values.get("birth_year"),
        governorate=_code(pk(values.get("governorate"))),
        district=_code(pk(values.get("district"))),
        phone=values.get("phone", ""),
        identifiers=frozenset(f"{kind}:{blind}" for kind, blind in blind_indexes.items()),
        near_identifiers=frozenset(
            entry
            for kind, near in (near_indexes or {}).items()
            for entry in candidates.near_entries(kind, near)
        ),
    )


def find_duplicate_candidates(
    *,
    values: Mapping[str, Any],
    blind_indexes: Mapping[str, str],
    near_indexes: Mapping[str, str] | None = None,
    exclude: Person | None = None,
    drive_below: int = CHECK_DRIVE_BELOW,
) -> list[tuple[Person, Match]]:
    """Registered persons (not merged) who may be the person described, the best first.

    The candidate search (taawon.people.candidates) finds whom to score; a person sharing an
    identifier is always a candidate, others when the matcher scores them as one.
    """
    record = _values_record(values, blind_indexes, near_indexes)
    found = candidates.find_candidates(
        {None: record},
        exclude={None: exclude.pk} if exclude is not None else None,
        drive_below=drive_below,
    )[None]
    if not found:
        return []
    matches = []
    for other in candidates.records_of(found).values():
        by_identifier = candidates.IDENTIFIER in found[other.id]
        if not by_identifier and not could_be_candidate(record, other):
            continue
        match = compare(record, other)
        if match.is_candidate or by_identifier:
            matches.append((other.id, match))
    matches.sort(key=lambda pair: (-pair[1].score, -pair[0]))
    matches = matches[:MAX_CANDIDATES]
    persons = Person.objects.select_related("owner").in_bulk([pk for pk, _match in matches])
    return [(persons[pk], match) for pk, match in matches]


# ---- Registry-wide reads for batch detection ----------------------------------------------
# taawon.duplicates holds the whole registry in arrays; it reads it here, in chunks.

# The columns `registry_rows` gives, in this order.
REGISTRY_COLUMNS = (
    "pk",
    "given_name_ar",
    "father_name_ar",
    "grandfather_name_ar",
    "family_name_ar",
    "given_name_en",
    "father_name_en",
    "grandfather_name_en",
    "family_name_en",
    "sex",
    "phone",
    "date_of_birth",
    "birth_year",
    "governorate_id",
    "district_id",
)


def _unmerged() -> QuerySet[Person]:
    return Person.objects.exclude(status=Person.Status.MERGED).order_by("pk")


def registry_size() -> tuple[int, int]:
    """(persons not merged, highest id): a run checks the registry as it was when it began."""
    last = Person.objects.aggregate(last=Max("pk"))["last"] or 0
    return _unmerged().filter(pk__lte=last).count(), last


def registry_rows(*, after: int, last_id: int, limit: int) -> list[tuple]:
    """The next `limit` persons (not merged) with ids in (after, last_id], by id, as
    tuples of REGISTRY_COLUMNS."""
    persons = _unmerged().filter(pk__gt=after, pk__lte=last_id)
    return list(persons.values_list(*REGISTRY_COLUMNS)[:limit])


def registry_identifiers(person_ids: Iterable[int]) -> dict[int, frozenset[str]]:
    """The identifiers of these persons as the matcher reads them ("kind:blind index"), by
    person id: blind indexes only, nothing decrypted."""
    ids = sorted(set(person_ids))
    found: dict[int, set[str]] = {}
    for start in range(0, len(ids), 1000):
        rows = PersonIdentifier.objects.filter(person_id__in=ids[start : start + 1000])
        for person_id, kind, blind in rows.values_list("person_id", "kind", "blind_index"):
            found.setdefault(person_id, set()).add(f"{kind}:{blind}")
    return {person_id: frozenset(values) for person_id, values in found.items()}


def registry_near_holders(*, last_id: int) -> list[int]:
    """Ids of the persons up to `last_id` holding an identifier with near forms (a number
    long enough for a typo to be told from another number)."""
    rows = PersonIdentifier.objects.filter(person_id__lte=last_id).exclude(near_indexes="")
    return list(rows.values_list("person_id", flat=True).distinct())


def registry_near_identifiers(person_ids: Iterable[int]) -> dict[int, frozenset[str]]:
    """The near blind indexes of these persons' identifiers as the matcher reads them
    ("kind:index"), by person id; nothing decrypted."""
    ids = sorted(set(person_ids))
    found: dict[int, set[str]] = {}
    for start in range(0, len(ids), 1000):
        rows = PersonIdentifier.objects.filter(person_id__in=ids[start : start + 1000])
        for person_id, kind, near in rows.values_list("person_id", "kind", "near_indexes"):
            found.setdefault(person_id, set()).update(candidates.near_entries(kind, near))
    return {person_id: frozenset(values) for person_id, values in found.items() if values}


def registry_name_keys(*, first_id: int, last_id: int, prefix: str) -> list[tuple[int, str]]:
    """(person id, key) of the name keys starting with `prefix` of persons first_id..last_id
    (merged ones included: the caller keeps the persons it loaded)."""
    return list(
        NameKey.objects.filter(
            person_id__gte=first_id, person_id__lte=last_id, key__startswith=prefix
        ).values_list("person_id", "key")
    )


def registration_decisions() -> set[tuple[int, int]]:
    """Pairs (lower id, higher id) registered as two persons although the registration check
    raised one as a candidate of the other."""
    rows = DuplicateDecision.objects.filter(
        decision=DuplicateDecision.Decision.NEW_PERSON, person__isnull=False
    ).values_list("person_id", "candidate_id")
    return {(min(a, b), max(a, b)) for a, b in rows.iterator(chunk_size=20_000)}


def persons_by_identifier(user, value: str) -> list[Person]:
    """Active persons `user` may read who hold `value` as an identifier of any kind, found by
    the blind index (the identifier is never compared in clear)."""
    value = normalise_identifier(value or "")
    if not value:
        return []
    holders = Q()
    for kind in PersonIdentifier.Kind.values:
        holders |= Q(kind=kind, blind_index__in=cipher().blind_indexes(kind, value))
    held = PersonIdentifier.objects.filter(holders).values("person_id")
    found = Person.objects.filter(pk__in=held, status=Person.Status.ACTIVE)
    return list(scoping.scope(found, user).order_by("pk"))


def persons_by_phone(user, phone: str) -> list[Person]:
    """Active persons `user` may read with the phone `phone` (E.164, as stored)."""
    if not phone:
        return []
    found = Person.objects.filter(phone=phone, status=Person.Status.ACTIVE)
    return list(scoping.scope(found, user).order_by("pk"))
