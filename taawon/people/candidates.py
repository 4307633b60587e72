"""Whom a new or imported person might be: the registry's one candidate search.

Given person records (the matcher's view, `taawon.lib.person_match.PersonRecord`: names in
both scripts, sex, date or year of birth, phone, identifiers as "kind:blind index", place),
`find_candidates` returns, per record, the registered persons worth scoring and the evidence
that brought each of them:

- IDENTIFIER  holds one of the record's identity documents (same kind and blind index);
- PHONE       has the record's phone;
- BIRTH_DATE  born on a near date of the record's (the same, day and month swapped, a year
              off) and shares two of its name keys (or its only one);
- NAME        shares name keys with it and was born near it (or its birth is unknown).

Scoring is the caller's: the registration check shows the matcher's candidates, the permit
import links only a sure one (both with `taawon.lib.person_match.compare` on `records_of`).
Batch detection looks for the same evidence over the whole registry at once, in arrays
(taawon.duplicates.blocking), from the registry-wide readers of `queries`.

Not scoped, on purpose: the same refugee registered by two units is what the search is for.
Services decide what of a candidate a user may see.

The same evidence is read in one of two ways, for two sizes of work:

- one record at a time (`bulk=False`, registration): each read is an index range driven by
  the record's rarest name keys, so a check costs a few milliseconds at a million persons,
  whatever the names;
- all records at once (`bulk=True`, an import of thousands): a handful of statements per
  chunk of keys or phones, however many records. Its name evidence is stricter (a key of the
  given name *and* one of the family name), and it reads no birth-date block: the near dates
  of thousands of records cover most of the registry. A person sharing a near date of birth
  but not both of those names is left to batch detection, which blocks on every two keys.
  Persons of the other sex or born further apart than the window are left out of its name and
  phone evidence alike, from two columns read before any record is built.
"""

from __future__ import annotations

import contextlib
import datetime
import itertools
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import TypeVar

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, Subquery

from taawon.lib.person_match import PersonRecord, blocking_keys, names_can_decide

from .models import NameKey, Person, PersonIdentifier

IDENTIFIER, PHONE, BIRTH_DATE, NAME = "identifier", "phone", "birth_date", "name"
EVIDENCE = (IDENTIFIER, PHONE, BIRTH_DATE, NAME)

# Most persons per blocking read that a per-record search keeps.
MAX_BLOCK = 40
# Most persons a per-record search returns, read in the order of EVIDENCE.
MAX_COMPARED = 40
# Name keys held by fewer rows than this drive a per-record read on their own.
CHECK_DRIVE_BELOW = 1_000
# Most holders of a driving name key one per-record read looks at (the newest).
MAX_HOLDERS = 1_000
# Most rare name keys that drive a read of their own for one record.
MAX_DRIVERS = 2
# Years either side of a birth year within which a name block keeps namesakes.
BIRTH_WINDOW = 2
# Values per statement in bulk, within every database's limit on query parameters.
CHUNK = 2_000

K = TypeVar("K", bound=Hashable)
Found = dict[int, set[str]]  # person id -> evidence, in the order the evidence was read


def find_candidates(
    records: Mapping[K, PersonRecord],
    *,
    bulk: bool = False,
    exclude: Mapping[K, int] | None = None,
    limit: int | None = None,
    birth_window: int = BIRTH_WINDOW,
    drive_below: int = CHECK_DRIVE_BELOW,
) -> dict[K, Found]:
    """For each record, the registered persons who may be it, with the evidence for each.

    `exclude` names, per record, a person never to return (the record itself, when it is
    registered already). At most `limit` persons per record (`MAX_COMPARED` one at a time,
    no limit in bulk), taken in the order of EVIDENCE (in bulk: by identifier, then the
    `limit` first by id of the others).
    A person holding one of the record's identifiers is always returned. Merged persons are
    never returned.
    """
    exclude = exclude or {}
    cap = None  # in bulk, `limit` applies as the blocks are read
    if bulk:
        found = _bulk(records, birth_window=birth_window, limit=limit)
    else:
        found = {
            key: _one(record, birth_window=birth_window, drive_below=drive_below)
            for key, record in records.items()
        }
        cap = MAX_COMPARED if limit is None else limit
    # The bulk reads leave merged persons out themselves; a record's index reads do not
    # (another condition there can turn an index range into a scan).
    merged = set() if bulk else _merged({pk for persons in found.values() for pk in persons})
    result: dict[K, Found] = {}
    for key, persons in found.items():
        kept = {
            pk: evidence
            for pk, evidence in persons.items()
            if pk != exclude.get(key) and pk not in merged
        }
        if cap is not None and len(kept) > cap:
            kept = dict(itertools.islice(kept.items(), cap))
        result[key] = kept
    return result


def records_of(ids: Iterable[int]) -> dict[int, PersonRecord]:
    """The matcher's view of persons `ids` (those not merged), read as plain rows, in bulk:
    tens of thousands of candidates need no model instance to be scored."""
    found: dict[int, PersonRecord] = {}
    for batch in _chunks(sorted(set(ids))):
        identifiers: dict[int, set[str]] = defaultdict(set)
        rows = PersonIdentifier.objects.filter(person_id__in=batch).values_list(
            "person_id", "kind", "blind_index"
        )
        for person_id, kind, blind in rows:
            identifiers[person_id].add(f"{kind}:{blind}")
        persons = (
            Person.objects.filter(pk__in=batch)
            .exclude(status=Person.Status.MERGED)
            .values_list(*RECORD_COLUMNS)
        )
        for row in persons:
            found[row[0]] = PersonRecord(
                *row[:12],
                governorate=_code(row[12]),
                district=_code(row[13]),
                phone=row[14],
                identifiers=frozenset(identifiers.get(row[0], ())),
            )
    return found


# The columns `records_of` reads, in PersonRecord's order.
RECORD_COLUMNS = (
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


def _code(place_id: int | None) -> str:
    return str(place_id) if place_id else ""


def _chunks(values: Iterable, size: int = CHUNK) -> Iterator[list]:
    iterator = iter(values)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _documents(record: PersonRecord) -> list[tuple[str, str]]:
    return [tuple(document.split(":", 1)) for document in sorted(record.identifiers)]


def _note(found: Found, ids: Iterable[int], evidence: str) -> None:
    for pk in ids:
        found.setdefault(pk, set()).add(evidence)


def _merged(ids: set[int]) -> set[int]:
    merged: set[int] = set()
    for batch in _chunks(sorted(ids)):
        merged.update(
            Person.objects.filter(pk__in=batch, status=Person.Status.MERGED).values_list(
                "pk", flat=True
            )
        )
    return merged


def _year(record: PersonRecord) -> int | None:
    return record.birth_date.year if record.birth_date else record.birth_year


# ---- One record at a time -----------------------------------------------------------------


def _one(record: PersonRecord, *, birth_window: int, drive_below: int) -> Found:
    found: Found = {}
    documents = _documents(record)
    if documents:
        same = Q()
        for kind, blind in documents:
            same |= Q(kind=kind, blind_index=blind)
        holders = PersonIdentifier.objects.filter(same).order_by("person_id")
        _note(found, holders.values_list("person_id", flat=True), IDENTIFIER)
    if record.phone:
        same_phone = Person.objects.filter(phone=record.phone).order_by("-pk")
        _note(found, same_phone.values_list("pk", flat=True)[:MAX_BLOCK], PHONE)
    keys = sorted(blocking_keys(record))
    _note(found, _blocked_by_birth_date(record, keys), BIRTH_DATE)
    # With a date of birth and common names, a namesake born on another day cannot score
    # as a candidate: the reads above found every person who could.
    if record.birth_date is None or names_can_decide(record):
        _note(found, _blocked_by_name(record, keys, drive_below, birth_window), NAME)
    return found


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


def near_dates(born: datetime.date) -> set[datetime.date]:
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
        Person.objects.filter(date_of_birth__in=sorted(near_dates(record.birth_date)))
        .annotate(shared=Subquery(shared))
        .filter(shared__gte=min(2, len(keys)))
        .order_by("-pk")
        .values_list("pk", flat=True)
    )
    return list(near[:MAX_BLOCK])


def _blocked_by_name(
    record: PersonRecord, keys: list[str], drive_below: int, birth_window: int
) -> list[int]:
    """Persons sharing name keys with `record`: the few worth scoring, even at a million.

    Keys held by fewer than `drive_below` rows (the `MAX_DRIVERS` rarest) each drive a read
    of their holders who share another of the record's keys. When every key is common
    ("Mohammad Ahmad"), the least common one drives and a holder must also hold the next
    least common one. Either way, when the record has a birth year, only persons born within
    `birth_window` years of it (or of unknown birth) are kept: further apart, the matcher
    counts the years against a match. A driving key is read for its `MAX_HOLDERS` newest
    holders; each read keeps the `MAX_BLOCK` newest of those that qualify.
    """
    if not keys:
        return []
    sizes = _key_sizes(keys, drive_below)
    keys = sorted((key for key in keys if sizes[key]), key=lambda key: (sizes[key], key))
    if not keys:
        return []
    year = _year(record)
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
            around = (year - birth_window, year + birth_window)
            persons = persons.filter(Q(birth_year__range=around) | Q(birth_year__isnull=True))
        if shared:
            also = NameKey.objects.filter(person=OuterRef("pk"), key__in=shared)
            persons = persons.filter(Exists(also))
        found.extend(persons.order_by("-pk").values_list("pk", flat=True)[:MAX_BLOCK])
    return found


# ---- All records at once ------------------------------------------------------------------


def _bulk(
    records: Mapping[K, PersonRecord], *, birth_window: int, limit: int | None
) -> dict[K, Found]:
    given = {key: blocking_keys(_only(record, "given")) for key, record in records.items()}
    family = {key: blocking_keys(_only(record, "family")) for key, record in records.items()}
    holders = _holders_of(k for keys in (*given.values(), *family.values()) for k in keys)
    by_phone = _by_phone({record.phone for record in records.values() if record.phone})
    by_document = _by_document({d for r in records.values() for d in _documents(r)})

    blocks: dict[K, tuple[set[int], set[int]]] = {}
    for key, record in records.items():
        named = _both(holders, given[key], family[key])
        phoned = by_phone.get(record.phone, set()) if record.phone else set()
        blocks[key] = (named, phoned)
    # Sex and year of birth first, from two columns: a person of the other sex, or born
    # further apart than the window, is no candidate a name alone brought, and most of a
    # common name's block is such.
    traits = _traits(sorted({pk for named, phoned in blocks.values() for pk in named | phoned}))
    found: dict[K, Found] = {}
    for key, record in records.items():
        named, phoned = blocks[key]
        persons: Found = {}
        documented = {pk for d in _documents(record) for pk in by_document.get(d, ())}
        _note(persons, sorted(documented), IDENTIFIER)
        plausible = (
            pk
            for pk in sorted(named | phoned)
            if pk in traits and _plausible(record, *traits[pk], birth_window)
        )
        for pk in itertools.islice(plausible, limit):
            evidence = {PHONE} if pk in phoned else set()
            persons.setdefault(pk, set()).update(evidence | ({NAME} if pk in named else set()))
        found[key] = persons
    return found


def _holders_of(keys: Iterable[str]) -> dict[str, set[int]]:
    holders: dict[str, set[int]] = defaultdict(set)
    for batch in _chunks(sorted(set(keys))):
        rows = (
            NameKey.objects.filter(key__in=batch)
            .exclude(person__status=Person.Status.MERGED)
            .values_list("key", "person_id")
            .iterator(chunk_size=20_000)
        )
        for key, person_id in rows:
            holders[key].add(person_id)
    return holders


def _by_phone(phones: set[str]) -> dict[str, set[int]]:
    found: dict[str, set[int]] = defaultdict(set)
    for batch in _chunks(sorted(phones)):
        rows = (
            Person.objects.filter(phone__in=batch)
            .exclude(status=Person.Status.MERGED)
            .values_list("pk", "phone")
        )
        for pk, phone in rows:
            found[phone].add(pk)
    return found


def _by_document(documents: set[tuple[str, str]]) -> dict[tuple[str, str], set[int]]:
    found: dict[tuple[str, str], set[int]] = defaultdict(set)
    for batch in _chunks(sorted(documents)):
        rows = (
            PersonIdentifier.objects.filter(blind_index__in=sorted({b for _k, b in batch}))
            .exclude(person__status=Person.Status.MERGED)
            .values_list("kind", "blind_index", "person_id")
        )
        for kind, blind, person_id in rows:
            found[(kind, blind)].add(person_id)
    return {document: found[document] for document in documents if document in found}


def _traits(ids: list[int]) -> dict[int, tuple[str, int | None]]:
    traits: dict[int, tuple[str, int | None]] = {}
    for batch in _chunks(ids):
        for pk, sex, year in Person.objects.filter(pk__in=batch).values_list(
            "pk", "sex", "birth_year"
        ):
            traits[pk] = (sex, year)
    return traits


def _plausible(record: PersonRecord, sex: str, year: int | None, window: int) -> bool:
    if record.sex and sex and record.sex != sex:
        return False
    born = _year(record)
    return born is None or year is None or abs(born - year) <= window


def _only(record: PersonRecord, part: str) -> PersonRecord:
    names = {f"{part}_{script}": getattr(record, f"{part}_{script}") for script in ("ar", "en")}
    return PersonRecord(id=None, **names)


def _both(holders: Mapping[str, set[int]], given: Iterable[str], family: Iterable[str]) -> set[int]:
    """Persons holding one of the `given` keys and one of the `family` keys.

    A common given name's key is held by tens of thousands: the smaller side is gathered,
    then kept where the other side holds it, instead of building both unions."""
    sides = [[holders[k] for k in keys if k in holders] for keys in (given, family)]
    small, large = sorted(sides, key=lambda sets: sum(map(len, sets)))
    if not small or not large:
        return set()
    gathered = set().union(*small)
    if len(large) == 1:
        return gathered & large[0]
    return {pk for pk in gathered if any(pk in other for other in large)}
