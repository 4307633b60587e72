"""The registry's duplicate check, in bulk, for the holders an import does not find by their
identity document.

`people.queries.find_duplicate_candidates` blocks one record at a time on its name keys: a
third of a second on a registry of 200,000, far too slow for thousands of new holders. Here
the blocks of all of them are read at once: the registry's persons holding a phonetic key of
one holder's given name and one of their family name (two queries per chunk of keys, however
many holders), and those sharing their phone. Candidates are then scored by the registry's
own matcher (`taawon.lib.person_match.compare` on the record `people.queries.person_record`
makes, read here as values), so an import links exactly whom the registration prompt would
have shown as this sure a match.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping

from taawon.lib.person_match import PersonRecord, blocking_keys, compare
from taawon.people.models import NameKey, Person, PersonIdentifier

from .chunked import CHUNK, chunks

# Candidates scored per holder at most, nearest first by shared evidence.
MAX_BLOCK = 300

Identity = tuple[str, str]


def _holders_of(keys: Iterable[str]) -> dict[str, set[int]]:
    holders: dict[str, set[int]] = defaultdict(set)
    for batch in chunks(sorted(set(keys)), CHUNK):
        for key, person_id in (
            NameKey.objects.filter(key__in=batch)
            .exclude(person__status=Person.Status.MERGED)
            .values_list("key", "person_id")
            .iterator(chunk_size=20_000)
        ):
            holders[key].add(person_id)
    return holders


def confident_matches(
    records: Mapping[Identity, PersonRecord], *, kinds: Mapping[Identity, str], min_score: float
) -> dict[Identity, int]:
    """For each holder, the one registry person the matcher scores at `min_score` or more;
    holders with none, or with several, are left out.

    A registry person holding another document of the holder's kind is never taken: that is
    someone else (or a typing error to settle by hand).
    """
    given = {ident: blocking_keys(_only(record, "given")) for ident, record in records.items()}
    family = {ident: blocking_keys(_only(record, "family")) for ident, record in records.items()}
    holders = _holders_of(k for keys in (*given.values(), *family.values()) for k in keys)
    phones = {record.phone for record in records.values() if record.phone}
    by_phone: dict[str, set[int]] = defaultdict(set)
    for batch in chunks(sorted(phones), CHUNK):
        for pk, phone in (
            Person.objects.filter(phone__in=batch)
            .exclude(status=Person.Status.MERGED)
            .values_list("pk", "phone")
        ):
            by_phone[phone].add(pk)

    blocks: dict[Identity, set[int]] = {}
    for ident, record in records.items():
        named = _both(holders, given[ident], family[ident])
        block = named | by_phone.get(record.phone, set())
        if block:
            blocks[ident] = block
    # Sex and year of birth first, from two columns: a candidate of the other sex, or born
    # years apart, never reaches a linking score, and most of a common name's block is such.
    wanted = sorted({pk for block in blocks.values() for pk in block})
    traits: dict[int, tuple[str, int | None]] = {}
    for batch in chunks(wanted, CHUNK):
        for pk, sex, year in Person.objects.filter(pk__in=batch).values_list(
            "pk", "sex", "birth_year"
        ):
            traits[pk] = (sex, year)
    for ident, block in blocks.items():
        record = records[ident]
        plausible = (pk for pk in sorted(block) if pk in traits and _plausible(record, *traits[pk]))
        blocks[ident] = set(itertools.islice(plausible, MAX_BLOCK))
    candidates = _candidates(sorted({pk for block in blocks.values() for pk in block}))
    found: dict[Identity, int] = {}
    for ident, block in blocks.items():
        record, kind = records[ident], kinds[ident]
        sure = []
        for pk in block:
            candidate = candidates.get(pk)
            if candidate is None:
                continue
            other, documents = candidate
            if any(
                k == kind and f"{k}:{blind}" not in record.identifiers for k, blind in documents
            ):
                continue
            if compare(record, other).score >= min_score:
                sure.append(pk)
        if len(sure) == 1:
            found[ident] = sure[0]
    return found


# What people.queries.person_record reads of a person, read here as values: tens of thousands
# of candidates, and no model instance needed to score them.
RECORD_FIELDS = (
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


def _candidates(ids: list[int]) -> dict[int, tuple[PersonRecord, list[tuple[str, str]]]]:
    """Each person's matcher record (as people.queries.person_record makes it) and documents."""
    found = {}
    for batch in chunks(ids, CHUNK):
        documents: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for person_id, kind, blind in PersonIdentifier.objects.filter(
            person_id__in=batch
        ).values_list("person_id", "kind", "blind_index"):
            documents[person_id].append((kind, blind))
        for values in Person.objects.filter(pk__in=batch).values_list(*RECORD_FIELDS):
            pk = values[0]
            record = PersonRecord(
                id=pk,
                given_ar=values[1],
                father_ar=values[2],
                grandfather_ar=values[3],
                family_ar=values[4],
                given_en=values[5],
                father_en=values[6],
                grandfather_en=values[7],
                family_en=values[8],
                sex=values[9],
                birth_date=values[10],
                birth_year=values[11],
                governorate=str(values[12]) if values[12] else "",
                district=str(values[13]) if values[13] else "",
                phone=values[14],
                identifiers=frozenset(f"{k}:{b}" for k, b in documents[pk]),
            )
            found[pk] = (record, documents[pk])
    return found


def _plausible(record: PersonRecord, sex: str, year: int | None) -> bool:
    if record.sex and sex and record.sex != sex:
        return False
    return record.birth_year is None or year is None or abs(record.birth_year - year) <= 1


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
