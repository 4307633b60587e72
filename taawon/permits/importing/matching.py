"""The registry's duplicate check, in bulk, for the holders an import does not find by their
identity document.

`people.queries.find_duplicate_candidates` blocks one record at a time on its name keys: a
third of a second on a registry of 200,000, far too slow for thousands of new holders. Here
the blocks of all of them are read at once: the registry's persons holding a phonetic key of
one holder's given name and one of their family name (two queries per chunk of keys, however
many holders), and those sharing their phone. Candidates are then scored by the registry's
own matcher (`taawon.lib.person_match.compare` on `people.queries.person_record`), so an
import links exactly whom the registration prompt would have shown as this sure a match.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from taawon.lib.person_match import PersonRecord, blocking_keys, compare
from taawon.people import queries as people_queries
from taawon.people.models import NameKey, Person

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
        named = _union(holders, given[ident]) & _union(holders, family[ident])
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
        blocks[ident] = set(
            sorted(pk for pk in block if pk in traits and _plausible(record, *traits[pk]))[
                :MAX_BLOCK
            ]
        )
    candidates: dict[int, Person] = {}
    for batch in chunks(sorted({pk for block in blocks.values() for pk in block}), CHUNK):
        for person in Person.objects.filter(pk__in=batch).prefetch_related("identifiers"):
            candidates[person.pk] = person
    found: dict[Identity, int] = {}
    for ident, block in blocks.items():
        record, kind = records[ident], kinds[ident]
        sure = []
        for pk in block:
            person = candidates.get(pk)
            if person is None or any(
                i.kind == kind and f"{i.kind}:{i.blind_index}" not in record.identifiers
                for i in person.identifiers.all()
            ):
                continue
            if compare(record, people_queries.person_record(person)).score >= min_score:
                sure.append(pk)
        if len(sure) == 1:
            found[ident] = sure[0]
    return found


def _plausible(record: PersonRecord, sex: str, year: int | None) -> bool:
    if record.sex and sex and record.sex != sex:
        return False
    return record.birth_year is None or year is None or abs(record.birth_year - year) <= 1


def _only(record: PersonRecord, part: str) -> PersonRecord:
    names = {f"{part}_{script}": getattr(record, f"{part}_{script}") for script in ("ar", "en")}
    return PersonRecord(id=None, **names)


def _union(holders: Mapping[str, set[int]], keys: Iterable[str]) -> set[int]:
    result: set[int] = set()
    for key in keys:
        result |= holders.get(key, set())
    return result
