"""Reads of the person registry: scoped for users, and registry-wide for duplicate detection.

Name search goes through NameKey rows only (see taawon.lib.names): a person matches a search
term when one of its keys starts with the term's token or equals its phonetic key, and matches
the query when it matches every term. How the database should meet the terms depends on how
many persons they match, so `search` first counts (up to a cap) the keys of each term.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import get_language

from taawon.accounts import scoping
from taawon.core.models import AuditEvent
from taawon.core.queries import history_for_object
from taawon.geo.models import District, Governorate
from taawon.lib.names import SearchTerm, search_terms
from taawon.lib.person_match import (
    Match,
    PersonRecord,
    blocking_keys,
    compare,
    could_be_candidate,
    names_can_decide,
)

from .models import Consent, NameKey, Person, PersonIdentifier

MODELS_BY_LABEL = {
    "people.person": Person,
    "people.personidentifier": PersonIdentifier,
    "people.consent": Consent,
}
# Key rows under which a search term is rare enough to drive the query (see `search`).
DRIVE_BELOW = 20_000
# Most persons per blocking read that a duplicate check scores.
MAX_BLOCK = 40
# Name keys held by fewer rows than this drive a duplicate check's read on their own.
CHECK_DRIVE_BELOW = 1_000
# Most holders of a driving name key one duplicate check reads (the newest).
MAX_HOLDERS = 1_000
# Most rare name keys that drive a read of their own in one duplicate check.
MAX_DRIVERS = 2
# Most persons one duplicate check scores; what lies beyond is left to batch detection.
MAX_COMPARED = 40
# Most candidates shown for one registration, best first: a counsellor reads them all.
MAX_CANDIDATES = 10
# Years either side of a birth year within which a duplicate check reads namesakes.
BIRTH_WINDOW = 2


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
    queryset: QuerySet[Person], q: str, *, drive_below: int = DRIVE_BELOW
) -> QuerySet[Person]:
    """`queryset` narrowed to persons whose names match every term of `q`.

    The rarest term, when it has fewer than `drive_below` keys, drives: its persons' ids are
    read from the (key, person) index and the query looks at those rows only, so a rare name
    costs as little as its few rows. When every term is common, the list is read newest first
    and each row probed per term (EXISTS on the (person, key) index): matches are dense, so a
    page fills after a few rows. Either plan alone is slow at a million persons for the other
    kind of name, and neither SQLite's nor PostgreSQL's planner tells them apart reliably.
    """
    terms = search_terms(q or "")
    if not terms:
        return queryset
    sizes = [_count_keys(term, drive_below) for term in terms]
    rarest = min(range(len(terms)), key=sizes.__getitem__)
    if sizes[rarest] == 0:
        return queryset.none()
    if sizes[rarest] < drive_below:
        queryset = queryset.filter(pk__in=_persons_with(terms.pop(rarest)))
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
    total = 0
    for part in _term_parts(term):
        total += part[: limit - total].count()
        if total >= limit:
            break
    return total


def _persons_with(term: SearchTerm) -> list[int]:
    ids: set[int] = set()
    for part in _term_parts(term):
        ids.update(part.values_list("person_id", flat=True))
    return sorted(ids)


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


def get_identifier_for_user(user, person: Person, pk) -> PersonIdentifier:
    return scoping.get_scoped_or_404(person.identifiers.all(), user, pk)


def person_history(person: Person) -> QuerySet:
    """The audit trail of a person, its identifiers and its consents, newest first."""
    return history_for_object(
        person,
        extra_types={
            "people.personidentifier": list(person.identifiers.values_list("pk", flat=True)),
            "people.consent": list(person.consents.values_list("pk", flat=True)),
        },
    )


@dataclass
class HistoryRow:
    event: AuditEvent
    subject: str
    changes: list[tuple[str, Any, Any]]


HIDDEN_CHANGES = {"owner", "person", "created_by", "updated_by", "blind_index", "merged_into"}


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
    name_field = "name_ar" if get_language() == "ar" else "name_en"
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
    *, kind: str, blind_index: str, exclude: Person | None = None
) -> PersonIdentifier | None:
    qs = PersonIdentifier.objects.filter(kind=kind, blind_index=blind_index)
    if exclude is not None:
        qs = qs.exclude(person=exclude)
    return qs.select_related("owner").first()


def _code(place_id: int | None) -> str:
    return str(place_id) if place_id else ""


def person_record(person: Person) -> PersonRecord:
    """The matcher's view of a person (identifiers as "kind:blind index")."""
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
        identifiers=frozenset(f"{i.kind}:{i.blind_index}" for i in person.identifiers.all()),
    )


def _values_record(values: Mapping[str, Any], blind_indexes: Mapping[str, str]) -> PersonRecord:
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
    )


def _key_sizes(keys: list[str], cap: int) -> dict[str, int]:
    """Rows holding each key, counted up to `cap` (an index range each), in one statement."""
    quote = connection.ops.quote_name
    table, column = quote(NameKey._meta.db_table), quote("key")
    counts = ", ".join(
        f"(SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE {column} = %s LIMIT %s) AS k{i})"
        for i in range(len(keys))
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}", [value for key in keys for value in (key, cap)])
        return dict(zip(keys, cursor.fetchone(), strict=True))


def _near_dates(born: datetime.date) -> set[datetime.date]:
    """Dates of birth a registration of the same person is often written with: the same,
    day and month swapped, a year off."""
    dates = {born}
    for change in (
        {"day": born.month, "month": born.day},
        {"year": born.year - 1},
        {"year": born.year + 1},
    ):
        with contextlib.suppress(ValueError):  # 29 February, or a day that is no month
            dates.add(born.replace(**change))
    return dates


def _blocked_by_birth_date(record: PersonRecord, keys: list[str]) -> list[int]:
    """Persons born on one of the record's near dates who share two of its name keys (or its
    only one): one index range on the date of birth, a few dozen persons a day at a million."""
    if record.birth_date is None or not keys:
        return []
    shared = (
        NameKey.objects.filter(person=OuterRef("pk"), key__in=keys)
        .order_by()
        .values("person")
        .annotate(n=Count("*"))
        .values("n")
    )
    near = (
        Person.objects.filter(date_of_birth__in=sorted(_near_dates(record.birth_date)))
        .annotate(shared=Subquery(shared))
        .filter(shared__gte=min(2, len(keys)))
        .order_by("-pk")
        .values_list("pk", flat=True)
    )
    return list(near[:MAX_BLOCK])


def _blocked_by_name(record: PersonRecord, keys: list[str], drive_below: int) -> list[int]:
    """Persons sharing name keys with `record`: the few worth scoring, even at a million.

    Keys held by fewer than `drive_below` rows (the `MAX_DRIVERS` rarest) each drive a read
    of their holders who share another of the record's keys. When every key is common
    ("Mohammad Ahmad"), the least common one drives and a holder must also hold the next
    least common one. Either way, when the record has a birth year, only persons born within
    `BIRTH_WINDOW` years of it (or of unknown birth) are kept: further apart, the matcher
    counts the years against a match. A driving key is read for its `MAX_HOLDERS` newest
    holders; each read keeps the `MAX_BLOCK` newest of those that qualify.
    """
    sizes = _key_sizes(keys, drive_below)
    keys = sorted((key for key in keys if sizes[key]), key=lambda key: (sizes[key], key))
    if not keys:
        return []
    year = record.birth_date.year if record.birth_date else record.birth_year
    rare = [key for key in keys if sizes[key] < drive_below]
    plans = [(key, [k for k in keys if k != key]) for key in rare[:MAX_DRIVERS]] or [
        (keys[0], keys[1:2])
    ]
    found: list[int] = []
    for key, shared in plans:
        # The newest holders from the (key, person) index, then those of them born near the
        # record (index person_id_birth_year) and holding another of its keys: a bounded
        # number of index lookups. A join let PostgreSQL walk the person table backwards.
        newest = NameKey.objects.filter(key=key).order_by("-person_id")
        persons = Person.objects.filter(pk__in=Subquery(newest.values("person_id")[:MAX_HOLDERS]))
        if year:
            around = (year - BIRTH_WINDOW, year + BIRTH_WINDOW)
            persons = persons.filter(Q(birth_year__range=around) | Q(birth_year__isnull=True))
        if shared:
            also = NameKey.objects.filter(person=OuterRef("pk"), key__in=shared)
            persons = persons.filter(Exists(also))
        found.extend(persons.order_by("-pk").values_list("pk", flat=True)[:MAX_BLOCK])
    return found


# The columns `_scored_records` reads, in PersonRecord's order.
MATCH_COLUMNS = (
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
    "date_of_birth",
    "birth_year",
    "governorate_id",
    "district_id",
    "phone",
)


def _scored_records(ids: list[int]) -> list[PersonRecord]:
    """The matcher's view of persons `ids` (not merged), read as plain rows: a check scores a
    few dozen persons and shows ten."""
    identifiers: dict[int, set[str]] = {}
    rows = PersonIdentifier.objects.filter(person_id__in=ids).values_list(
        "person_id", "kind", "blind_index"
    )
    for person_id, kind, blind in rows:
        identifiers.setdefault(person_id, set()).add(f"{kind}:{blind}")
    persons = (
        Person.objects.filter(pk__in=ids)
        .exclude(status=Person.Status.MERGED)
        .values_list(*MATCH_COLUMNS)
    )
    return [
        PersonRecord(
            *row[:12],
            governorate=_code(row[12]),
            district=_code(row[13]),
            phone=row[14],
            identifiers=frozenset(identifiers.get(row[0], ())),
        )
        for row in persons
    ]


def find_duplicate_candidates(
    *,
    values: Mapping[str, Any],
    blind_indexes: Mapping[str, str],
    exclude: Person | None = None,
    drive_below: int = CHECK_DRIVE_BELOW,
) -> list[tuple[Person, Match]]:
    """Registered persons (not merged) who may be the person described, the best first.

    A person sharing an identifier is always a candidate; others (same phone, born on a near
    date with a shared name key, or blocked by name keys) when the matcher scores them as
    one. At most `MAX_COMPARED` persons are scored, read in that order of evidence.
    """
    record = _values_record(values, blind_indexes)
    by_identifier: set[int] = set()
    if blind_indexes:
        same = Q()
        for kind, blind in blind_indexes.items():
            same |= Q(kind=kind, blind_index=blind)
        by_identifier = set(
            PersonIdentifier.objects.filter(same).values_list("person_id", flat=True)
        )
    ordered: list[int] = sorted(by_identifier)
    if record.phone:
        same_phone = Person.objects.filter(phone=record.phone).order_by("-pk")
        ordered.extend(same_phone.values_list("pk", flat=True)[:MAX_BLOCK])
    keys = sorted(blocking_keys(record))
    ordered.extend(_blocked_by_birth_date(record, keys))
    # With a date of birth and common names, a namesake born on another day cannot score
    # as a candidate: the reads above found every person who could.
    if record.birth_date is None or names_can_decide(record):
        ordered.extend(_blocked_by_name(record, keys, drive_below))
    excluded = exclude.pk if exclude is not None else None
    ids = [pk for pk in dict.fromkeys(ordered) if pk != excluded][:MAX_COMPARED]
    if not ids:
        return []
    matches = []
    for other in _scored_records(sorted(ids)):
        if other.id not in by_identifier and not could_be_candidate(record, other):
            continue
        match = compare(record, other)
        if match.is_candidate or other.id in by_identifier:
            matches.append((other.id, match))
    matches.sort(key=lambda pair: (-pair[1].score, -pair[0]))
    matches = matches[:MAX_CANDIDATES]
    persons = Person.objects.select_related("owner").in_bulk([pk for pk, _match in matches])
    return [(persons[pk], match) for pk, match in matches]
