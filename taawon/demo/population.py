"""Synthetic job seekers for the demo and the benchmarks, reproducible from a seed.

The mix follows the programme brief (1,620 registered job seekers in six units between 1 July
and 30 September 2020: 24% Syrian, 36.5% women): exact shares over the whole stream, planted
duplicates included (at 1,620 persons: 389 Syrians, 591 women), with more Syrians in the
northern units. Records come out in registration order, one day after another over the
quarter, so that database ids grow with registration dates as they do in the field. A few
persons are registered twice in another unit, written differently (`PlantedDuplicate`), for
the duplicate check to find.

Nothing here touches the database: `taawon.people.bulk` writes the records.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import random
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from taawon.people.bulk import PersonRecord
from taawon.people.models import (
    Consent,
    DisplacementStatus,
    EducationLevel,
    PersonIdentifier,
    Sex,
)

from . import names as tables
from .names import Name

SYRIAN_SHARE = 0.24
FEMALE_SHARE = 0.365
# Planted duplicates per 1,620 persons: a handful in the demo, in proportion at bench sizes.
DUPLICATES_PER_1620 = 12
REGISTRATION_START = datetime.date(2020, 7, 1)
REGISTRATION_DAYS = 92  # 1 July to 30 September 2020: the quarter the brief reports
# Identifier serials are a permutation of the record index below this bound (see _serial).
MAX_PERSONS = 10_000_000

# Plain strings, as a form would give them (a TextChoices member formats differently).
NATIONAL_ID = PersonIdentifier.Kind.NATIONAL_ID.value
MOI_CARD = PersonIdentifier.Kind.MOI_SERVICE_CARD.value
UNHCR_CASE = PersonIdentifier.Kind.UNHCR_CASE.value
MALE, FEMALE = Sex.MALE.value, Sex.FEMALE.value
REFUGEE = DisplacementStatus.REFUGEE.value
HOST_COMMUNITY = DisplacementStatus.HOST_COMMUNITY.value
REGISTRATION = Consent.Purpose.REGISTRATION.value
SMS = Consent.Purpose.SMS.value
DATA_SHARING = Consent.Purpose.DATA_SHARING.value


@dataclass(frozen=True)
class UnitPlan:
    """Where one employment unit registers people, and how many of them."""

    organisation_id: int
    governorate_id: int
    district_ids: Sequence[int]
    weight: float
    syrian_share: float
    registered_by_id: int | None = None


@dataclass(frozen=True)
class PlantedDuplicate:
    original: PersonRecord
    duplicate: PersonRecord
    variation: str


class _Ranked:
    """Pick from a table ordered by frequency: rank r has weight 1 / (r + 1) ** skew."""

    def __init__(self, items: Sequence, skew: float) -> None:
        self.items = list(items)
        self.cumulative = list(itertools.accumulate(1 / (r + 1) ** skew for r in range(len(items))))

    def __call__(self, rng: random.Random):
        x = rng.random() * self.cumulative[-1]
        return self.items[bisect.bisect_right(self.cumulative, x)]


@dataclass(frozen=True)
class _NameTables:
    male: _Ranked
    female: _Ranked
    fathers: _Ranked
    family: _Ranked


_TABLES = {
    "JO": _NameTables(
        male=_Ranked(tables.MALE_GIVEN_JO, 1.0),
        female=_Ranked(tables.FEMALE_GIVEN_JO, 0.9),
        fathers=_Ranked(tables.MALE_GIVEN_JO, 0.8),
        family=_Ranked(tables.FAMILY_JO, 0.6),
    ),
    "SY": _NameTables(
        male=_Ranked(tables.MALE_GIVEN_SY, 1.0),
        female=_Ranked(tables.FEMALE_GIVEN_SY, 0.9),
        fathers=_Ranked(tables.MALE_GIVEN_SY, 0.8),
        family=_Ranked(tables.FAMILY_SY, 0.6),
    ),
}
_SPELLING_WEIGHTS = (0.6, 0.3, 0.1)
_EDUCATION = {
    "JO": _Ranked(
        [
            EducationLevel.UPPER_SECONDARY.value,
            EducationLevel.LOWER_SECONDARY.value,
            EducationLevel.UNIVERSITY.value,
            EducationLevel.PRIMARY.value,
            EducationLevel.VOCATIONAL.value,
            EducationLevel.NONE.value,
            EducationLevel.POSTGRADUATE.value,
        ],
        1.0,
    ),
    "SY": _Ranked(
        [
            EducationLevel.PRIMARY.value,
            EducationLevel.LOWER_SECONDARY.value,
            EducationLevel.NONE.value,
            EducationLevel.UPPER_SECONDARY.value,
            EducationLevel.VOCATIONAL.value,
            EducationLevel.UNIVERSITY.value,
        ],
        1.0,
    ),
}
_WG_FIELDS = (
    "wg_seeing",
    "wg_hearing",
    "wg_walking",
    "wg_cognition",
    "wg_self_care",
    "wg_communication",
)

# How a second registration differs from the first (none brings the same document).
VARIATIONS = {
    "latin_spelling": "other Latin spellings",
    "other_script": "Arabic only, then Latin letters only",
    "day_month_swapped": "day and month of birth swapped, hamza dropped",
    "arabic_spelling": "Arabic spelling variants, no grandfather, year of birth only",
    "new_phone": "another phone and spelling, no father's name",
}


def _spelling(rng: random.Random, name: Name) -> str:
    spellings = name.latin
    if len(spellings) == 1:
        return spellings[0]
    x = rng.random() * sum(_SPELLING_WEIGHTS[: len(spellings)])
    for spelling, weight in zip(spellings, _SPELLING_WEIGHTS, strict=False):
        x -= weight
        if x < 0:
            return spelling
    return spellings[-1]


def _serial(index: int, multiplier: int, offset: int) -> int:
    # A bijection on [0, MAX_PERSONS) (the multiplier is prime and not 2 or 5): unique
    # document numbers without remembering the ones already issued.
    return (index * multiplier + offset) % MAX_PERSONS


def national_id(index: int, sex: str, born: int) -> str:
    """A 10-digit Jordanian national number: sex digit, two digits of birth year, serial."""
    lead = "9" if sex == MALE else "2"
    return f"{lead}{born % 100:02d}{_serial(index, 6_700_417, 1_234_567):07d}"


def unhcr_case(index: int) -> str:
    """A UNHCR Jordan case number, shaped like 945-12C34567."""
    serial = _serial(index, 104_729, 7_654_321)
    return f"945-{serial // 100_000:02d}C{serial % 100_000:05d}"


def moi_card(index: int) -> str:
    """A Ministry of Interior service card number (the card Syrians in Jordan carry)."""
    return f"{_serial(index, 15_485_863, 4_242_424):07d}{index % 97:02d}"


def phone(rng: random.Random) -> str:
    return f"+9627{rng.choice('789')}{rng.randrange(10_000_000):07d}"


class Population:
    """The stream of `count` persons across `units`, from `seed`.

    `records()` yields them in registration order; `planted` then lists the duplicates.
    """

    def __init__(
        self,
        *,
        count: int,
        units: Sequence[UnitPlan],
        governorate_districts: dict[int, Sequence[int]],
        seed: int = 2020,
        duplicates: int | None = None,
    ) -> None:
        if not 0 < count <= MAX_PERSONS:
            raise ValueError(f"count must be between 1 and {MAX_PERSONS}")
        self.count = count
        self.units = list(units)
        self.governorate_districts = governorate_districts
        self.rng = random.Random(seed)
        if duplicates is None:
            duplicates = round(count * DUPLICATES_PER_1620 / 1620) if len(units) > 1 else 0
        self.duplicates = min(duplicates, count // 2)
        self.planted: list[PlantedDuplicate] = []

    def _unit_pickers(self) -> dict[bool, _Weighted]:
        return {
            syrian: _Weighted(
                self.units,
                [u.weight * (u.syrian_share if syrian else 1 - u.syrian_share) for u in self.units],
            )
            for syrian in (True, False)
        }

    def records(self) -> Iterator[PersonRecord]:
        rng = self.rng
        base = self.count - self.duplicates
        doubled = set(rng.sample(range(base), self.duplicates))
        # A planted duplicate is a person of the registry until someone merges it, so the
        # shares hold over every record written.
        syrian = _exact_flags(rng, base, round(self.count * SYRIAN_SHARE), doubled)
        female = _exact_flags(rng, base, round(self.count * FEMALE_SHARE), doubled)
        pickers = self._unit_pickers()
        governorates = sorted(self.governorate_districts)
        index = 0
        for position in range(base):
            registered_on = REGISTRATION_START + datetime.timedelta(
                days=position * REGISTRATION_DAYS // base
            )
            unit = pickers[syrian[position]](rng)
            record = self._person(
                index,
                unit=unit,
                syrian=syrian[position],
                female=female[position],
                registered_on=registered_on,
                governorates=governorates,
            )
            index += 1
            if position not in doubled:
                yield record
                continue
            variation = list(VARIATIONS)[len(self.planted) % len(VARIATIONS)]
            other = rng.choice([u for u in self.units if u is not unit])
            duplicate = self._duplicate(record, index, other, variation)
            index += 1
            self.planted.append(PlantedDuplicate(record, duplicate, variation))
            yield record
            yield duplicate

    def _person(
        self,
        index: int,
        *,
        unit: UnitPlan,
        syrian: bool,
        female: bool,
        registered_on: datetime.date,
        governorates: Sequence[int],
    ) -> PersonRecord:
        rng = self.rng
        country = "SY" if syrian else "JO"
        names = _TABLES[country]
        given = (names.female if female else names.male)(rng)
        father = names.fathers(rng)
        grandfather = names.fathers(rng) if rng.random() < 0.75 else None
        family = names.family(rng)
        scripts = rng.random()
        # Both scripts mostly; some desks write Arabic only, a few Latin letters only.
        arabic, latin = scripts < 0.99, scripts < 0.93 or scripts >= 0.99
        values: dict[str, Any] = {
            "given_name_ar": given.ar if arabic else "",
            "father_name_ar": father.ar if arabic else "",
            "grandfather_name_ar": grandfather.ar if arabic and grandfather else "",
            "family_name_ar": family.ar if arabic else "",
            "given_name_en": _spelling(rng, given) if latin else "",
            "father_name_en": _spelling(rng, father) if latin else "",
            "grandfather_name_en": _spelling(rng, grandfather) if latin and grandfather else "",
            "family_name_en": _spelling(rng, family) if latin else "",
            "sex": FEMALE if female else MALE,
            "nationality": country,
            "displacement_status": (
                (REFUGEE if rng.random() < 0.97 else DisplacementStatus.OTHER.value)
                if syrian
                else HOST_COMMUNITY
            ),
            "education_level": _EDUCATION[country](rng),
            "phone": phone(rng) if rng.random() < 0.92 else "",
        }
        age = 18 + int(43 * rng.random() ** 1.3)
        if rng.random() < (0.10 if syrian else 0.03):
            values.update(
                date_of_birth=None,
                birth_year=registered_on.year - age,
                birth_year_estimated=True,
            )
        else:
            born = registered_on - datetime.timedelta(days=age * 365 + rng.randrange(365))
            values.update(date_of_birth=born, birth_year=born.year, birth_year_estimated=False)
        # Most live in the unit's governorate; some travel from the next one.
        if rng.random() < 0.92:
            governorate_id, districts = unit.governorate_id, unit.district_ids
        else:
            governorate_id = rng.choice(governorates)
            districts = self.governorate_districts[governorate_id]
        values["governorate_id"] = governorate_id
        values["district_id"] = rng.choice(districts) if districts else None
        _washington_group(rng, values)

        identifiers: dict[str, str] = {}
        if syrian:
            if rng.random() < 0.85:
                identifiers[UNHCR_CASE] = unhcr_case(index)
            if rng.random() < 0.6:
                identifiers[MOI_CARD] = moi_card(index)
        elif rng.random() < 0.95:
            identifiers[NATIONAL_ID] = national_id(index, values["sex"], values["birth_year"])
        return PersonRecord(
            index=index,
            owner_id=unit.organisation_id,
            registered_on=registered_on,
            values=values,
            identifiers=identifiers,
            registered_by_id=unit.registered_by_id,
            consents=_consents(rng),
        )

    def _duplicate(
        self, original: PersonRecord, index: int, unit: UnitPlan, variation: str
    ) -> PersonRecord:
        """The same person registered again at `unit`, written as `variation` says."""
        rng = self.rng
        ov = original.values
        _with_both_scripts(rng, ov, original.identifiers)
        values = dict(ov)
        latin_names = _latin_names(ov)
        if variation == "latin_spelling":
            for name_field, table in latin_names.items():
                if table is not None:
                    values[name_field] = tables.latin_variant(table, ov[name_field])
        elif variation == "other_script":
            for name_field in ("given", "father", "grandfather", "family"):
                ov[f"{name_field}_name_en"] = ""
            for name_field, table in latin_names.items():
                values[name_field] = tables.latin_variant(table, "") if table else ""
                values[name_field.replace("_en", "_ar")] = ""
        elif variation == "day_month_swapped":
            born = ov["date_of_birth"] or datetime.date(ov["birth_year"], 1, 1)
            # Day and month must both read as a month for the desk to swap them.
            day = rng.choice([d for d in range(1, 13) if d != born.month])
            ov["date_of_birth"] = born.replace(day=day)
            ov["birth_year_estimated"] = False
            values["date_of_birth"] = born.replace(month=day, day=born.month)
            values["birth_year_estimated"] = False
            values["given_name_ar"] = tables.arabic_variant(ov["given_name_ar"])
        elif variation == "arabic_spelling":
            for name_field in ("given_name_ar", "father_name_ar", "family_name_ar"):
                values[name_field] = tables.arabic_variant(ov[name_field])
            values.update(
                grandfather_name_ar="",
                grandfather_name_en="",
                date_of_birth=None,
                birth_year_estimated=True,
            )
        elif variation == "new_phone":
            given = latin_names["given_name_en"]
            values.update(
                given_name_en=tables.latin_variant(given, ov["given_name_en"]),
                father_name_ar="",
                father_name_en="",
                phone=phone(rng),
            )
        else:
            raise ValueError(variation)
        # No document this time, so that names, dates and phone are what the check has.
        return PersonRecord(
            index=index,
            owner_id=unit.organisation_id,
            registered_on=original.registered_on,
            values=values,
            identifiers={},
            registered_by_id=unit.registered_by_id,
        )


class _Weighted:
    def __init__(self, items: Sequence, weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cumulative = list(itertools.accumulate(weights))

    def __call__(self, rng: random.Random):
        x = rng.random() * self.cumulative[-1]
        return self.items[bisect.bisect_right(self.cumulative, x)]


def _shuffled(rng: random.Random, n: int, true_count: int) -> list[bool]:
    flags = [True] * true_count + [False] * (n - true_count)
    rng.shuffle(flags)
    return flags


def _exact_flags(
    rng: random.Random, n: int, true_count: int, doubled: Collection[int] = frozenset()
) -> list[bool]:
    """`n` flags, of which those at `doubled` positions count twice, summing to `true_count`
    (as near as `n` allows). The doubled positions take their share of the flags."""
    doubled_count = len(doubled)
    twice = round(doubled_count * true_count / (n + doubled_count)) if doubled_count else 0
    rest = n - doubled_count
    twice = min(max(twice, (true_count - rest + 1) // 2, 0), doubled_count, true_count // 2)
    once = min(max(true_count - 2 * twice, 0), rest)
    flags_twice = iter(_shuffled(rng, doubled_count, twice))
    flags_once = iter(_shuffled(rng, rest, once))
    return [next(flags_twice if i in doubled else flags_once) for i in range(n)]


def _consents(rng: random.Random) -> dict[str, bool]:
    """Registration needs consent; SMS and data sharing are asked, and some say no."""
    consents = {REGISTRATION: True}
    for purpose, yes, asked in ((SMS, 0.75, 0.9), (DATA_SHARING, 0.6, 0.75)):
        x = rng.random()
        if x < asked:
            consents[purpose] = x < yes
    return consents


def _washington_group(rng: random.Random, values: dict[str, Any]) -> None:
    asked = rng.random() < 0.9
    for name in _WG_FIELDS:
        if not asked:
            values[name] = None
            continue
        x = rng.random()
        values[name] = 1 if x < 0.95 else 2 if x < 0.99 else 3 if x < 0.998 else 4


_TABLE_BY_AR: dict[str, Name] = {}
_ARABIC_BY_LATIN: dict[str, str] = {}
for _table in (
    tables.MALE_GIVEN_JO,
    tables.MALE_GIVEN_SY,
    tables.FEMALE_GIVEN_JO,
    tables.FEMALE_GIVEN_SY,
    tables.FAMILY_JO,
    tables.FAMILY_SY,
):
    for _name in _table:
        _TABLE_BY_AR.setdefault(_name.ar, _name)
        for _latin in _name.latin:
            _ARABIC_BY_LATIN.setdefault(_latin, _name.ar)


def _latin_names(values: dict[str, Any]) -> dict[str, Name | None]:
    """The table entries behind a record's names, keyed by their Latin field."""
    return {
        f"{part}_name_en": _TABLE_BY_AR.get(values[f"{part}_name_ar"])
        for part in ("given", "father", "grandfather", "family")
    }


def _with_both_scripts(rng: random.Random, values: dict[str, Any], identifiers: dict) -> None:
    """Give an original written in one script only the other one too, so variations apply."""
    if not values["given_name_ar"]:
        for part in ("given", "father", "grandfather", "family"):
            latin = values[f"{part}_name_en"]
            values[f"{part}_name_ar"] = _ARABIC_BY_LATIN[latin] if latin else ""
    if not values["given_name_en"]:
        for part in ("given", "father", "grandfather", "family"):
            arabic = values[f"{part}_name_ar"]
            values[f"{part}_name_en"] = _spelling(rng, _TABLE_BY_AR[arabic]) if arabic else ""
