"""The whole registry in arrays, for batch detection: read in chunks, held compactly.

Not scoped, on purpose: the same refugee registered by two units is what detection looks
for (as the registration check does, see taawon.people.queries). Reviewers then see only the
pairs of persons they may read.

A million persons fit in well under a gigabyte: every text (names, sex, phone) is stored once
in `strings` and referred to by number, dates as day numbers, places as ids. Arrays are also
what the comparing processes share after a fork without copying (see detection.py).

Identifiers are read only for the persons of the pairs left to compare, as blind indexes
(`load_identifiers`): one identifier belongs to one person (constraint
identifier_unique_value), so "same_identifier" cannot arise between two registered persons,
but two different identifiers of one kind are evidence against (the matcher's
"different_identifier"), which keeps a merge rule from merging them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from taawon.lib.person_match import PersonRecord
from taawon.people import queries as people

from .blocking import DAY_MONTH_BASE, BlockingInput

CHUNK = 20_000
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
# Columns of Registry.text: the names, then sex and phone.
SEX, PHONE = len(NAME_FIELDS), len(NAME_FIELDS) + 1
PHONETIC = "p:"
# A name's share is read from the registry once this many persons hold it; below, the count
# says little (in a registry of fifty every name would look common) and the matcher's own
# table of Arabic names decides.
MIN_KEY_COUNT = 20
UNIX_EPOCH_ORDINAL = datetime.date(1970, 1, 1).toordinal()


@dataclass
class Registry:
    ids: np.ndarray  # person primary keys, ascending
    text: np.ndarray  # (n, 10) indexes into `strings`
    strings: list[str]
    born: np.ndarray  # date of birth as a proleptic ordinal, 0 when unknown
    birth_year: np.ndarray  # 0 when unknown
    governorate: np.ndarray  # 0 when unknown
    district: np.ndarray
    key_person: np.ndarray  # one row per phonetic name key of a person
    key_id: np.ndarray
    keys: list[str]  # phonetic keys without their "p:" prefix, by key id
    # By person index: "kind:blind index" (see load_identifiers); only the persons compared.
    identifiers: dict[int, frozenset[str]] = field(default_factory=dict)
    # By person index: "kind:near blind index" (see load_identifiers).
    near_identifiers: dict[int, frozenset[str]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.ids)

    def record(self, i: int) -> PersonRecord:
        """The matcher's view of person `i`, as taawon.people.queries.person_record builds it."""
        s = self.strings
        t = self.text[i]
        born = int(self.born[i])
        year = int(self.birth_year[i])
        governorate, district = int(self.governorate[i]), int(self.district[i])
        return PersonRecord(
            id=int(self.ids[i]),
            given_ar=s[t[0]],
            father_ar=s[t[1]],
            grandfather_ar=s[t[2]],
            family_ar=s[t[3]],
            given_en=s[t[4]],
            father_en=s[t[5]],
            grandfather_en=s[t[6]],
            family_en=s[t[7]],
            sex=s[t[SEX]],
            birth_date=datetime.date.fromordinal(born) if born else None,
            birth_year=year or None,
            governorate=str(governorate) if governorate else "",
            district=str(district) if district else "",
            phone=s[t[PHONE]],
            identifiers=self.identifiers.get(i, frozenset()),
            near_identifiers=self.near_identifiers.get(i, frozenset()),
        )

    def key_share(self) -> dict[str, float]:
        """Per phonetic key, the share of the registry holding it: how common a name is here,
        which the matcher weighs (a shared rare name says more than a shared common one)."""
        if not len(self):
            return {}
        counts = np.bincount(self.key_id, minlength=len(self.keys))
        n = len(self)
        return {
            key: int(c) / n for key, c in zip(self.keys, counts, strict=True) if c >= MIN_KEY_COUNT
        }

    def blocking_input(self) -> BlockingInput:
        phone = self.text[:, PHONE].astype(np.int64)  # string 0 is "": no phone
        dates = (self.born.astype(np.int64) - UNIX_EPOCH_ORDINAL).astype("M8[D]")
        months = dates.astype("M8[M]")
        month = months.astype(np.int64) % 12 + 1
        day = (dates - months.astype("M8[D]")).astype(np.int64) + 1
        day_months = np.where(
            self.born > 0, np.minimum(day, month) * DAY_MONTH_BASE + np.maximum(day, month), 0
        )
        return BlockingInput(
            n=len(self),
            key_person=self.key_person,
            key_id=self.key_id,
            birth_year=self.birth_year.astype(np.int64),
            day_month=day_months.astype(np.int64),
            phone=phone,
            born=self.born.astype(np.int64),
            district=self.district.astype(np.int64),
        )


def count_persons() -> tuple[int, int]:
    """(persons to check, highest id): a run checks the registry as it was when it began."""
    return people.registry_size()


def load(*, last_id: int, expected: int, progress: Callable[[int], None] | None = None) -> Registry:
    """Every person up to `last_id` that is not merged, with their phonetic name keys."""
    # Each text's number is its place in `index` (insertion order): the size before it came.
    index: dict[str, int] = {"": 0}

    def intern(values: tuple) -> list[int]:
        found = list(map(index.get, values))  # most texts (names) are known already
        if None in found:
            for k, number in enumerate(found):
                if number is None:
                    found[k] = index.setdefault(values[k] or "", len(index))
        return found

    capacity = max(expected, 1)
    ids = np.zeros(capacity, np.int64)
    text = np.zeros((capacity, PHONE + 1), np.int32)
    born = np.zeros(capacity, np.int32)
    year = np.zeros(capacity, np.int16)
    governorate = np.zeros(capacity, np.int32)
    district = np.zeros(capacity, np.int32)
    # people.queries.REGISTRY_COLUMNS: pk, the names, sex, phone, date and year of birth, places.
    n, after = 0, 0
    while True:
        rows = people.registry_rows(after=after, last_id=last_id, limit=CHUNK)
        if not rows:
            break
        if n + len(rows) > capacity:  # persons un-merged since the count
            capacity = max(capacity * 2, n + len(rows))
            ids, text, born, year, governorate, district = (
                np.resize(a, (capacity, *a.shape[1:]))
                for a in (ids, text, born, year, governorate, district)
            )
        # Column by column: a million rows one at a time cost seconds in numpy item writes.
        columns = list(zip(*rows, strict=True))
        done = slice(n, n + len(rows))
        ids[done] = columns[0]
        for c in range(PHONE + 1):
            text[done, c] = intern(columns[1 + c])
        dates, years = columns[PHONE + 2], columns[PHONE + 3]
        born[done] = [d.toordinal() if d else 0 for d in dates]
        year[done] = [y or (d.year if d else 0) for y, d in zip(years, dates, strict=True)]
        governorate[done] = [g or 0 for g in columns[-2]]
        district[done] = [d or 0 for d in columns[-1]]
        n += len(rows)
        after = rows[-1][0]
        if progress is not None:
            progress(n)
    ids, text, born, year = ids[:n], text[:n], born[:n], year[:n]
    governorate, district = governorate[:n], district[:n]
    key_person, key_id, keys = _load_keys(ids)
    return Registry(
        ids=ids,
        text=text,
        strings=list(index),
        born=born,
        birth_year=year,
        governorate=governorate,
        district=district,
        key_person=key_person,
        key_id=key_id,
        keys=keys,
    )


def _load_keys(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The phonetic NameKey rows of persons `ids`, read by ranges of person ids."""
    key_index: dict[str, int] = {}  # a key's id is its place here
    persons: list[np.ndarray] = []
    key_ids: list[np.ndarray] = []
    for start in range(0, len(ids), CHUNK):
        window = ids[start : start + CHUNK]
        rows = people.registry_name_keys(
            first_id=int(window[0]), last_id=int(window[-1]), prefix=PHONETIC
        )
        owner, named = list(zip(*rows, strict=True)) or ((), ())
        kid = list(map(key_index.get, named))
        if None in kid:
            for k, number in enumerate(kid):
                if number is None:
                    kid[k] = key_index.setdefault(named[k], len(key_index))
        owner_ids = np.array(owner, np.int64)
        position = np.searchsorted(ids, owner_ids)
        # Keys of persons left out (merged ones, between two loaded ids) fall away here.
        known = (position < len(ids)) & (ids[np.minimum(position, len(ids) - 1)] == owner_ids)
        persons.append(position[known])
        key_ids.append(np.array(kid, np.int64)[known])
    keys = [key[len(PHONETIC) :] for key in key_index]
    if not persons:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), keys
    return np.concatenate(persons), np.concatenate(key_ids), keys


def near_holders(loaded: Registry) -> np.ndarray:
    """Per person (registry position), whether they hold an identifier with near forms: only
    between two such persons can a number one digit off add to a pair's points."""
    if not len(loaded):
        return np.zeros(0, bool)
    ids = people.registry_near_holders(last_id=int(loaded.ids.max()))
    return np.isin(loaded.ids, np.asarray(ids, dtype=loaded.ids.dtype))


def load_identifiers(loaded: Registry, first: np.ndarray, second: np.ndarray) -> None:
    """Read the blind indexes of the persons in these pairs into `loaded`."""
    persons = np.unique(np.concatenate([first, second])) if len(first) else first
    by_id = people.registry_identifiers(loaded.ids[persons].tolist())
    position = dict(zip(loaded.ids[persons].tolist(), persons.tolist(), strict=True))
    loaded.identifiers = {position[pk]: values for pk, values in by_id.items()}
    near = people.registry_near_identifiers(loaded.ids[persons].tolist())
    loaded.near_identifiers = {position[pk]: values for pk, values in near.items()}


def registration_decisions() -> set[tuple[int, int]]:
    """Pairs (lower id, higher id) registered as two persons although the registration check
    raised one as a candidate of the other."""
    return people.registration_decisions()
