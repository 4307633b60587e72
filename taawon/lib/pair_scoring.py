"""The points `person_match.compare` gives many pairs at once, in arrays.

Batch detection scores millions of candidate pairs, and calling compare on each costs a few
hundred microseconds: most of it building and hashing records, then working out the same
name similarities again and again (a registry holds a few thousand spellings of each name
part, not a million). Here every person is numbers: the spelling of each name part, sex,
dates, places and phone as ids. Name parts are compared once per distinct pair of spellings
that meets, with compare's own functions, and the rest of compare's rules are applied to
whole arrays of pairs.

`PairScorer.points` is compare's total before the offset, to rounding (the sum is taken in
another order), for records without identifiers; the tests hold it to compare on random
pairs. Callers keep the pairs within `TOLERANCE` of the threshold and let compare itself
decide them and give the reasons, so no decision rests on this module alone.

No Django here: numpy arrays and strings in, arrays out.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence

import numpy as np

from taawon.lib.person_match import (
    DIFFERENT,
    FAR_YEARS,
    FAR_YEARS_POINTS,
    FAR_YEARS_SLIP_POINTS,
    NAME_PARTS,
    PART_DISAGREE,
    PART_FACTOR,
    SAME,
    SIBLING_FACTOR,
    SIBLING_PENALTY,
    SIMILAR,
    SIMILAR_IDENTIFIER,
    SWAPPED_FACTOR,
    PersonRecord,
    pair_share,
    part_similarity,
    part_tokens,
)

# The points here and compare's differ by rounding only (about 1e-14); a pair this close
# below the offset is still handed to compare.
TOLERANCE = 1e-6
GIVEN, FATHER, GRANDFATHER, FAMILY = range(4)
UNIX_EPOCH_ORDINAL = datetime.date(1970, 1, 1).toordinal()
_NOT_DIGITS = re.compile(r"\D+")


class NameSpellings:
    """Each distinct spelling of a name part, a (Arabic, Latin) pair of texts, by number; and
    the similarity of two spellings as compare finds it, worked out once per pair that meets.

    Spelling 0 must be the unwritten one ("", ""), which compare skips.
    """

    def __init__(self, spellings: Sequence[tuple[str, str]], key_share: Mapping[str, float] | None):
        self.key_share = key_share
        # As person_match._profile: the token tuples of the scripts the part is written in.
        self.variants = [
            [toks for toks in (part_tokens(text or "") for text in spelling) if toks]
            for spelling in spellings
        ]
        self.written = np.array([bool(v) for v in self.variants])
        # (similarity, share) by pair code: at most one entry per pair of spellings that met.
        self._known: dict[int, tuple[float, float]] = {}

    def __len__(self) -> int:
        return len(self.variants)

    def similarity(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For pairs of written spellings: how alike they are (`part_similarity`), and the
        share of people holding the name that compare weighs the agreement by."""
        codes = x.astype(np.int64) * len(self) + y
        unique, inverse = np.unique(codes, return_inverse=True)
        known = self._known
        similarity = np.empty(len(unique))
        share = np.empty(len(unique))
        variants, key_share = self.variants, self.key_share
        for k, code in enumerate(unique.tolist()):
            found = known.get(code)
            if found is None:
                s, _detail, toks, other = part_similarity(
                    variants[code // len(self)], variants[code % len(self)]
                )
                found = known[code] = (s, pair_share(toks, other, key_share))
            similarity[k], share[k] = found
        inverse = inverse.ravel()
        return similarity[inverse], share[inverse]


class PairScorer:
    """What compare reads of n persons, as arrays, and the points of pairs of them.

    parts: (n, 4) spelling ids (NameSpellings) of the given, father's, grandfather's and
    family names; sex, governorate, district: ids, 0 when unknown (equal ids for equal
    values); born: date of birth as a proleptic ordinal, 0 when unknown; birth_year: as
    recorded, 0 when unknown (where there is a date its year counts, as in compare); phones
    and phone: the phone texts and each person's index into them.
    """

    def __init__(
        self,
        *,
        names: NameSpellings,
        parts: np.ndarray,
        sex: np.ndarray,
        born: np.ndarray,
        birth_year: np.ndarray,
        governorate: np.ndarray,
        district: np.ndarray,
        phones: Sequence[str],
        phone: np.ndarray,
    ) -> None:
        self.names = names
        self.parts = parts
        self.sex = sex
        self.born = born.astype(np.int64)
        # As person_match._year: the year of the date when there is one.
        self.birth_year = np.where(
            self.born > 0, _year_month_day(self.born)[0], birth_year.astype(np.int64)
        )
        self.governorate = governorate
        self.district = district
        self.phone_id, self.phone_digits, self.phone_length = _phone_table(phones, phone)

    @classmethod
    def from_records(
        cls, records: Sequence[PersonRecord], key_share: Mapping[str, float] | None
    ) -> PairScorer:
        """For tests and small sets: the arrays of `records` (identifiers are not read)."""
        spellings: dict[tuple[str, str], int] = {("", ""): 0}
        values: dict[str, int] = {"": 0}

        def number(value: str, table: dict) -> int:
            return table.setdefault(value, len(table))

        parts = np.array(
            [
                [
                    number((getattr(r, f"{p}_ar") or "", getattr(r, f"{p}_en") or ""), spellings)
                    for p in NAME_PARTS
                ]
                for r in records
            ],
            dtype=np.int64,
        ).reshape(len(records), len(NAME_PARTS))
        phones: dict[str, int] = {"": 0}
        phone = np.array([number(r.phone or "", phones) for r in records], np.int64)
        return cls(
            names=NameSpellings(list(spellings), key_share),
            parts=parts,
            sex=np.array([number(r.sex or "", values) for r in records], np.int64),
            born=np.array([r.birth_date.toordinal() if r.birth_date else 0 for r in records]),
            birth_year=np.array([r.birth_year or 0 for r in records]),
            governorate=np.array([number(r.governorate or "", values) for r in records]),
            district=np.array([number(r.district or "", values) for r in records]),
            phones=list(phones),
            phone=phone,
        )

    def points(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """compare's total points (before the offset) of pairs (a[k], b[k]), no identifiers."""
        names, household = self._name_points(a, b)
        total = names + self._phone_points(a, b, household)
        total += _birth_points(self.born[a], self.born[b], self.birth_year[a], self.birth_year[b])
        sa, sb = self.sex[a], self.sex[b]
        total -= np.where((sa > 0) & (sb > 0) & (sa != sb), 6.0, 0.0)
        district, governorate = self.district, self.governorate
        same_district = (district[a] > 0) & (district[a] == district[b])
        same_governorate = (governorate[a] > 0) & (governorate[a] == governorate[b])
        total += np.where(same_district, 1.0, np.where(same_governorate, 0.5, 0.0))
        return total

    def near_identifier_most(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """The most a number one digit off (person_match's similar_identifier, which these
        points leave out) adds to pairs (a[k], b[k]): its own points, and years far apart
        read as a slip rather than as another generation."""
        births = _birth_points(self.born[a], self.born[b], self.birth_year[a], self.birth_year[b])
        far = births == FAR_YEARS_POINTS
        return SIMILAR_IDENTIFIER + np.where(far, FAR_YEARS_SLIP_POINTS - FAR_YEARS_POINTS, 0.0)

    # ---- names, as person_match._name_reasons counts them

    def _similarity(self, x: np.ndarray, y: np.ndarray, where: np.ndarray):
        s = np.zeros(len(x))
        share = np.ones(len(x))
        if where.any():
            s[where], share[where] = self.names.similarity(x[where], y[where])
        return s, share

    def _name_points(self, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The names' points and whether the pair looks like one household."""
        pa, pb = self.parts[a], self.parts[b]
        written = self.names.written
        has = written[pa] & written[pb]  # (m, 4)
        sims, shares = [], []
        for p in range(len(NAME_PARTS)):
            s, share = self._similarity(pa[:, p], pb[:, p], has[:, p])
            sims.append(s)
            shares.append(share)

        # Given and family names written the other way round.
        may_swap = has[:, GIVEN] & has[:, FAMILY]
        may_swap &= np.minimum(sims[GIVEN], sims[FAMILY]) < SIMILAR
        g_swap, g_share = self._similarity(pa[:, GIVEN], pb[:, FAMILY], may_swap)
        f_swap, f_share = self._similarity(pa[:, FAMILY], pb[:, GIVEN], may_swap)
        swapped = may_swap & (np.minimum(g_swap, f_swap) > np.maximum(sims[GIVEN], sims[FAMILY]))
        sims[GIVEN] = np.where(swapped, g_swap * 0.98, sims[GIVEN])
        sims[FAMILY] = np.where(swapped, f_swap * 0.98, sims[FAMILY])
        shares[GIVEN] = np.where(swapped, g_share, shares[GIVEN])
        shares[FAMILY] = np.where(swapped, f_share, shares[FAMILY])

        given_differs = has[:, GIVEN] & (sims[GIVEN] < SIMILAR)
        household = given_differs & has[:, FAMILY] & (sims[FAMILY] >= SAME)
        total = np.zeros(len(a))
        for p, part in enumerate(NAME_PARTS):
            s = sims[p]
            agree = np.log(0.9 / np.maximum(shares[p], 1e-6)) * PART_FACTOR[part]
            if part in ("father", "grandfather"):
                agree = np.where(given_differs, agree * SIBLING_FACTOR, agree)
            if part in ("given", "family"):
                agree = np.where(swapped, agree * SWAPPED_FACTOR, agree)
            similar = agree * (0.7 * (s - SIMILAR) / (SAME - SIMILAR))
            different = PART_DISAGREE[part] * np.minimum(1.0, (SIMILAR - s) / (SIMILAR - DIFFERENT))
            points = np.where(s >= SAME, agree, np.where(s >= SIMILAR, similar, different))
            total += np.where(has[:, p], points, 0.0)
        # Same father and family, another given name: siblings, as compare counts it.
        sibling = household & has[:, FATHER] & (sims[FATHER] >= SAME)
        fraction = np.minimum(1.0, (SIMILAR - sims[GIVEN]) / (SIMILAR - DIFFERENT))
        total += np.where(sibling, SIBLING_PENALTY * fraction, 0.0)
        return total, household

    # ---- phone, as person_match._phone_reasons

    def _phone_points(self, a: np.ndarray, b: np.ndarray, household: np.ndarray) -> np.ndarray:
        ia, ib = self.phone_id[a], self.phone_id[b]
        both = (ia > 0) & (ib > 0)  # six digits or more on both sides
        same = both & (ia == ib)
        near = both & ~same & (self.phone_length[ia] == self.phone_length[ib])
        near[near] = _one_digit_apart(self.phone_digits[ia[near]], self.phone_digits[ib[near]])
        points = np.where(same, 4.0, np.where(near, 1.5, 0.0))
        return np.where(household, points * SIBLING_FACTOR, points)


def _phone_table(phones: Sequence[str], phone: np.ndarray):
    """Per person an id of the phone's digits (0: fewer than six, which compare ignores);
    per id the digits, padded, and how many there are."""
    used, inverse = np.unique(phone, return_inverse=True)
    ids: dict[str, int] = {}
    of_used = np.zeros(len(used), np.int64)
    rows: list[str] = [""]
    for k, index in enumerate(used.tolist()):
        text = phones[index] or ""
        # As person_match._digits; E.164 (+ and digits), as the registry stores, directly.
        plain = text[:1] == "+" and text[1:].isascii() and text[1:].isdigit()
        digits = text[1:] if plain else _NOT_DIGITS.sub("", text)
        if len(digits) >= 6:
            found = ids.get(digits)
            if found is None:
                found = ids[digits] = len(rows)
                rows.append(digits)
            of_used[k] = found
    width = max(max(len(r) for r in rows), 1)
    # Code points, so that digits of any script compare as in compare; NUL pads.
    padded = "".join(r.ljust(width, "\0") for r in rows).encode("utf-32-le")
    table = np.frombuffer(padded, np.uint32).reshape(len(rows), width)
    lengths = np.array([len(r) for r in rows])
    return of_used[inverse.ravel()], table, lengths


def _one_digit_apart(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Rows of digits (as long on both sides) with one digit replaced, or two neighbouring
    digits swapped: person_match._one_digit_apart, row by row."""
    differs = x != y
    count = differs.sum(axis=1)
    first = np.argmax(differs, axis=1)
    rows = np.arange(len(x))
    second = np.minimum(first + 1, x.shape[1] - 1)
    swapped = (
        (count == 2)
        & differs[rows, second]
        & (x[rows, first] == y[rows, second])
        & (x[rows, second] == y[rows, first])
    )
    return (count == 1) | swapped


# ---- birth, as person_match._birth_reasons


def _digits(values: np.ndarray, width: int) -> np.ndarray:
    return (values[:, None] // 10 ** np.arange(width - 1, -1, -1)) % 10


def _birth_points(da: np.ndarray, db: np.ndarray, ya: np.ndarray, yb: np.ndarray) -> np.ndarray:
    year_a, month_a, day_a = _year_month_day(da)
    year_b, month_b, day_b = _year_month_day(db)
    gap = np.abs(ya - yb)
    # str(year) one digit off: as long in digits, then digit by digit.
    width = np.maximum(_width(ya), 1)
    year_typo = (width == _width(yb)) & _one_digit_apart(_digits(ya, 6), _digits(yb, 6))
    far = np.where((gap > FAR_YEARS) & ~year_typo, FAR_YEARS_POINTS, FAR_YEARS_SLIP_POINTS)
    penalty = np.where(gap == 2, -1.5, np.where(gap <= 5, -3.5, far))
    # One date at most: the years alone.
    years = np.where(gap == 0, 2.5, np.where(gap == 1, 0.5, penalty))
    # Both dates.
    same_year_points = np.where(
        (month_a == month_b)
        | _one_digit_apart(_digits(month_a * 100 + day_a, 4), _digits(month_b * 100 + day_b, 4)),
        2.5,
        1.0,
    )
    same_day = (month_a == month_b) & (day_a == day_b)
    dates = np.where(
        da == db,
        6.5,
        np.where(
            gap == 0,
            np.where((day_a == month_b) & (month_a == day_b), 4.5, same_year_points),
            np.where(
                same_day & (gap == 1),
                2.5,
                np.where(
                    same_day & year_typo,
                    1.0,
                    np.where(gap == 1, -1.0, penalty),
                ),
            ),
        ),
    )
    out = np.where((da > 0) & (db > 0), dates, years)
    return np.where((ya > 0) & (yb > 0), out, 0.0)


def _width(values: np.ndarray) -> np.ndarray:
    return np.where(values > 0, np.floor(np.log10(np.maximum(values, 1))).astype(np.int64) + 1, 1)


def _year_month_day(ordinals: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Year, month and day of proleptic ordinals (meaningless where 0)."""
    dates = (ordinals - UNIX_EPOCH_ORDINAL).astype("M8[D]")
    months = dates.astype("M8[M]")
    years = dates.astype("M8[Y]").astype(np.int64) + 1970
    month = months.astype(np.int64) % 12 + 1
    day = (dates - months.astype("M8[D]")).astype(np.int64) + 1
    return years, month, day


def points_of(a: PersonRecord, b: PersonRecord, key_share=None) -> float:
    """One pair's points through the arrays (for tests: compare's total before the offset)."""
    return float(PairScorer.from_records([a, b], key_share).points(np.array([0]), np.array([1]))[0])
