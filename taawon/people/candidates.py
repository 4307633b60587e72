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
  phone evidence alike, from two columns read with the name keys. What it holds is bounded
  however common the names: rounds of `BULK_ROUND` records, the `BLOCK_CAP` newest holders of
  a name key, `GATHER_CAP` persons met per record (its rarest keys first), `MAX_PAIRS`
  returned per record. Past those bounds, a namesake is left to batch detection too.
"""

from __future__ import annotations

import contextlib
import datetime
import itertools
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import TypeVar

import numpy as np
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, Subquery

from taawon.lib.person_match import PersonRecord, blocking_keys, names_can_decide

from .models import NameKey, Person, PersonIdentifier
from .name_blocks import NameBlocks

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
    `MAX_PAIRS` in bulk), taken in the order of EVIDENCE (in bulk: by identifier, then the
    `limit` newest of the others). In bulk, `stream_candidates` gives the same one round of
    records at a time, for callers that would rather not hold every record's candidates.
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


def near_entries(kind: str, near_indexes: str) -> set[str]:
    """A row's near blind indexes as the matcher reads them ("kind:index" each)."""
    return {f"{kind}:{index}" for index in (near_indexes or "").split()}


def records_of(ids: Iterable[int], *, near_identifiers: bool = True) -> dict[int, PersonRecord]:
    """The matcher's view of persons `ids` (those not merged), read as plain rows, in bulk:
    tens of thousands of candidates need no model instance to be scored.

    Without `near_identifiers`, the records carry none: a caller whose own records have no
    near forms to meet them leaves out a score of strings per identifier. A name written
    by many (Mohammad) is one string object shared by their records."""
    found: dict[int, PersonRecord] = {}
    names: dict[str, str] = {}
    columns = ("person_id", "kind", "blind_index") + (("near_indexes",) if near_identifiers else ())
    for batch in _chunks(sorted(set(ids))):
        identifiers: dict[int, set[str]] = defaultdict(set)
        near: dict[int, set[str]] = defaultdict(set)
        rows = PersonIdentifier.objects.filter(person_id__in=batch).values_list(*columns)
        for person_id, kind, blind, *near_indexes in rows:
            identifiers[person_id].add(f"{kind}:{blind}")
            if near_indexes:
                near[person_id].update(near_entries(kind, near_indexes[0]))
        persons = (
            Person.objects.filter(pk__in=batch)
            .exclude(status=Person.Status.MERGED)
            .values_list(*RECORD_COLUMNS)
        )
        for row in persons:
            found[row[0]] = PersonRecord(
                row[0],
                *(names.setdefault(name, name) for name in row[1:9]),
                *row[9:12],
                governorate=_code(row[12]),
                district=_code(row[13]),
                phone=row[14],
                identifiers=frozenset(identifiers.get(row[0], ())),
                near_identifiers=frozenset(near.get(row[0], ())),
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


def holders_by_identity(identities: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Whom an imported identity document names: (kind, blind index) -> person id, in bulk
    (one query a chunk), following merged records to the one they went into."""
    found: dict[tuple[str, str], int] = {}
    by_blind: dict[str, set[str]] = defaultdict(set)
    for kind, blind in identities:
        by_blind[blind].add(kind)
    merged: dict[int, int | None] = {}
    for batch in _chunks(sorted(by_blind)):
        for kind, blind, person_id, status, into in PersonIdentifier.objects.filter(
            blind_index__in=batch
        ).values_list("kind", "blind_index", "person_id", "person__status", "person__merged_into"):
            if kind in by_blind[blind]:
                found[(kind, blind)] = person_id
                if status == Person.Status.MERGED:
                    merged[person_id] = into
    # A merge into a record that was merged in turn: follow the chain (short in practice).
    while unresolved := {into for into in merged.values() if into and into not in merged}:
        next_hops = dict(
            Person.objects.filter(pk__in=unresolved, status=Person.Status.MERGED).values_list(
                "pk", "merged_into"
            )
        )
        if not next_hops:
            break
        merged.update(next_hops)

    def survivor(person_id: int) -> int:
        seen = set()
        while person_id in merged and merged[person_id] and person_id not in seen:
            seen.add(person_id)
            person_id = merged[person_id]
        return person_id

    return {identity: survivor(person_id) for identity, person_id in found.items()}


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

# Records whose evidence one round of bulk reads gathers: what the bulk search holds at once
# is one round's name blocks, however many records the caller has.
BULK_ROUND = 5_000
# Most holders of one name key a round reads (the newest): a name block's size is bounded
# however common the name ("Mohammad": a hundred thousand holders at a million persons).
BLOCK_CAP = 10_000
# Most persons one record's name evidence gathers from its rarer name part before they are
# checked against the other part, its rarest keys first.
GATHER_CAP = 5_000
# Most persons a record gets in bulk when the caller sets no `limit` (pairs per row).
MAX_PAIRS = 300
# Name keys whose holders a round reads in one statement, up to about this many rows.
HOLDERS_PER_STATEMENT = 50_000

# Shared evidence sets: a round can hold a million pairs, each needs no set of its own.
_EVIDENCE_SETS = {
    (False, True): frozenset({NAME}),
    (True, False): frozenset({PHONE}),
    (True, True): frozenset({PHONE, NAME}),
}

Traits = tuple[str, int | None]  # sex, birth year


def stream_candidates(
    records: Mapping[K, PersonRecord], *, birth_window: int = BIRTH_WINDOW, limit: int | None = None
) -> Iterator[dict[K, dict[int, frozenset[str]]]]:
    """The bulk search one round of `BULK_ROUND` records at a time: for each round, its
    records' candidates with their evidence (by identifier first, then at most `limit`, or
    MAX_PAIRS, others, the newest first). What a round holds is bounded: each name key's
    `BLOCK_CAP` newest holders, each record's `GATHER_CAP` gathered persons; a caller that
    scores each round before asking for the next holds no more than that either."""
    limit = MAX_PAIRS if limit is None else limit
    sizes: dict[str, int] = {}  # holders of each name key, counted once for every round
    items = iter(records.items())
    while round_ := dict(itertools.islice(items, BULK_ROUND)):
        yield _bulk_round(round_, sizes=sizes, birth_window=birth_window, limit=limit)


def _bulk(
    records: Mapping[K, PersonRecord], *, birth_window: int, limit: int | None
) -> dict[K, Found]:
    found: dict[K, Found] = {}
    for round_ in stream_candidates(records, birth_window=birth_window, limit=limit):
        found.update(
            (key, {pk: set(evidence) for pk, evidence in persons.items()})
            for key, persons in round_.items()
        )
    return found


def _bulk_round(
    records: Mapping[K, PersonRecord], *, sizes: dict[str, int], birth_window: int, limit: int
) -> dict[K, dict[int, frozenset[str]]]:
    given = {key: blocking_keys(_only(record, "given")) for key, record in records.items()}
    family = {key: blocking_keys(_only(record, "family")) for key, record in records.items()}
    name_keys = {k for keys in (*given.values(), *family.values()) for k in keys}
    _count_holders(name_keys, sizes)
    blocks = _holders_of(name_keys, sizes)
    by_phone = _by_phone({record.phone for record in records.values() if record.phone})
    by_document = _by_document({d for r in records.values() for d in _documents(r)})

    found: dict[K, dict[int, frozenset[str]]] = {}
    for key, record in records.items():
        persons: dict[int, frozenset[str]] = {}
        documented = {pk for d in _documents(record) for pk in by_document.get(d, ())}
        for pk in sorted(documented):
            persons[pk] = frozenset({IDENTIFIER})
        named = _both(blocks, sizes, given[key], family[key], record, birth_window)
        phoned = (
            {
                pk
                for pk, (sex, year) in by_phone.get(record.phone, {}).items()
                if _plausible(record, sex, year, birth_window)
            }
            if record.phone
            else set()
        )
        # The newest first, as the per-record reads take them.
        for pk in itertools.islice(sorted(named | phoned, reverse=True), limit):
            evidence = _EVIDENCE_SETS[(pk in phoned, pk in named)]
            persons[pk] = persons[pk] | evidence if pk in persons else evidence
        found[key] = persons
    return found


def _count_holders(keys: set[str], sizes: dict[str, int]) -> None:
    """Holders of each of `keys` not counted yet, into `sizes`: an index range each."""
    for batch in _chunks(sorted(keys - sizes.keys())):
        counted = dict(
            NameKey.objects.filter(key__in=batch)
            .order_by()
            .values("key")
            .annotate(n=Count("*"))
            .values_list("key", "n")
        )
        sizes.update((key, counted.get(key, 0)) for key in batch)


def _holders_of(keys: set[str], sizes: Mapping[str, int]) -> NameBlocks:
    """The holders (not merged) of each key, the `BLOCK_CAP` newest of a common one, and
    each holder's sex and year of birth, read with them."""
    blocks = NameBlocks()
    columns = ("key", "person_id", "person__sex", "person__birth_year")
    live = NameKey.objects.exclude(person__status=Person.Status.MERGED)
    common = sorted(key for key in keys if sizes.get(key, 0) > BLOCK_CAP)
    for key in common:
        rows = live.filter(key=key).order_by("-person_id").values_list(*columns)[:BLOCK_CAP]
        for row in rows:
            blocks.add(*row)
    batch: list[str] = []
    rows_in_batch = 0
    rare = sorted(key for key in keys if 0 < sizes.get(key, 0) <= BLOCK_CAP)
    for position, key in enumerate(rare):
        batch.append(key)
        rows_in_batch += sizes[key]
        last = position == len(rare) - 1
        if not last and rows_in_batch < HOLDERS_PER_STATEMENT and len(batch) < CHUNK:
            continue
        for row in live.filter(key__in=batch).values_list(*columns).iterator(chunk_size=20_000):
            blocks.add(*row)
        batch, rows_in_batch = [], 0
    return blocks.freeze()


def _by_phone(phones: set[str]) -> dict[str, dict[int, Traits]]:
    found: dict[str, dict[int, Traits]] = defaultdict(dict)
    for batch in _chunks(sorted(phones)):
        rows = (
            Person.objects.filter(phone__in=batch)
            .exclude(status=Person.Status.MERGED)
            .order_by("-pk")
            .values_list("pk", "phone", "sex", "birth_year")
        )
        for pk, phone, sex, year in rows:
            if len(found[phone]) < MAX_PAIRS:  # a phone shared by a whole office is no evidence
                found[phone][pk] = (sex, year)
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


def _plausible(record: PersonRecord, sex: str, year: int | None, window: int) -> bool:
    if record.sex and sex and record.sex != sex:
        return False
    born = _year(record)
    return born is None or year is None or abs(born - year) <= window


def _only(record: PersonRecord, part: str) -> PersonRecord:
    names = {f"{part}_{script}": getattr(record, f"{part}_{script}") for script in ("ar", "en")}
    return PersonRecord(id=None, **names)


def _both(
    blocks: NameBlocks,
    sizes: Mapping[str, int],
    given: Iterable[str],
    family: Iterable[str],
    record: PersonRecord,
    window: int,
) -> set[int]:
    """Persons holding one of the `given` keys and one of the `family` keys, of the record's
    sex and born within `window` years of it.

    The rarer part's keys are met with the other part's, rarest first, until `GATHER_CAP`
    persons are gathered: a common given name's key is held by tens of thousands, and a
    "Mohammad Ahmad" by both of its parts. Intersections and the sex and year filter run on
    arrays; only the persons left become Python ints."""
    sides = [
        sorted((k for k in keys if k in blocks), key=lambda k: (sizes.get(k, 0), k))
        for keys in (given, family)
    ]
    if not sides[0] or not sides[1]:
        return set()
    small, large = sorted(sides, key=lambda keys: sum(sizes.get(k, 0) for k in keys))
    met: list[np.ndarray] = []
    gathered = np.empty(0, dtype=np.int64)
    for key in small:
        met.extend(blocks.meet(key, other) for other in large)
        gathered = np.unique(np.concatenate(met))
        if len(gathered) >= GATHER_CAP:
            break
    return set(blocks.plausible(gathered, record.sex, _year(record), window).tolist())
