"""Are two person records the same person? A score with the reasons behind it.

The score adds evidence in log-odds (natural log) points, as in Fellegi and Sunter's record
linkage: each field that agrees adds about log(P(agree | same person) / P(agree | different
people)), each field that disagrees subtracts about log of the reverse. That is why a shared
common name counts for little (many different people share "Mohammad") and a shared rare name
or a shared identity document counts for a lot. The sum, less an offset, goes through the
logistic function to a score between 0 and 1; `CANDIDATE_THRESHOLD` is the score from which a
counsellor is asked to look.

Names are compared part by part in Arabic order (given, father, grandfather, family), in both
scripts: an Arabic name on one record meets a Latin one on the other through the phonetic key
(see taawon.lib.names) and a Latin rendering of the Arabic. The weights below were set on
generated registries with realistic errors and on FEBRL 3 (see bench/bench_dedupe_quality.py).
"""

from __future__ import annotations

import datetime
import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from taawon.lib.names import (
    distinct_lookalike_names,
    is_known_name,
    keyed_tokens,
    known_names,
    listed_key,
    phonetic_key,
    reading_distance,
    romanise_arabic,
    same_by_habit,
    without_article,
)

REASON_CODES = (
    "same_identifier",
    "same_phone",
    "similar_phone",
    "same_name",
    "similar_name",
    "same_given_name",
    "same_family_name",
    "same_father_name",
    "common_name",
    "same_birth_date",
    "day_month_swapped",
    "same_birth_year",
    "close_birth_year",
    "different_birth_year",
    "different_sex",
    "same_district",
    "same_governorate",
    # Evidence against must show too, or the reasons would not add up to the score.
    "different_name",
    # Same father and family, a different given name: how twins and siblings look.
    "different_given_name_sibling",
    # An identifier of one kind on both records, with different values (blind indexes).
    "different_identifier",
    # The same, but one digit apart (mistyped) or two neighbouring digits swapped.
    "similar_identifier",
)
CANDIDATE_THRESHOLD = 0.5
# Total points at which the score is one half. Roughly: a rare given name and a family name
# together with a birth year, or a full four-part name, or an identifier.
OFFSET = 8.0

NAME_PARTS = ("given", "father", "grandfather", "family")
# Share of people holding a name we know nothing about; a name's weight is log(0.9 / share).
UNKNOWN_NAME_SHARE = 1 / 400
COMMON_NAME_SHARE = 0.01
# Father's and grandfather's names repeat between siblings and cousins, who also share the
# family name; they add less than an independent field would.
PART_FACTOR = {"given": 1.0, "father": 0.55, "grandfather": 0.35, "family": 1.0}
# The father's name is as stable as one's own (and shows cousins and namesakes apart); under
# the same father's name a different grandfather's means another father (namesakes, cousins).
# Left out, as it often is, it costs nothing.
PART_DISAGREE = {"given": -5.0, "father": -8.0, "grandfather": -8.0, "family": -3.0}
SIBLING_FACTOR = 0.3
# A different given name under the same father's and family name is how siblings look, twins
# above all (same date, same phone): besides the different name itself, this much against.
SIBLING_PENALTY = -6.0
# A different identifier of one kind (national ID against national ID): strong evidence of
# two people, but numbers are mistyped too (a typo changes the blind index, which is all
# batch detection reads), and likelier so where names, date and phone (if both have one)
# all agree. Measured on FEBRL, whose duplicates carry such typos: see the README.
DIFFERENT_IDENTIFIER = -7.0
DIFFERENT_IDENTIFIER_ALL_ELSE_AGREES = -3.0
# Nothing else against (no different name part, sibling pattern, year, sex), the date of
# birth and a name part agreeing: a slip in the number is still the likelier story (FEBRL's
# duplicates carry such typos), though less than when everything agrees.
DIFFERENT_IDENTIFIER_NOTHING_AGAINST = -4.5
# An identifier of one kind one digit off (a digit mistyped, two neighbouring digits swapped):
# a typo, not another person; as rare between strangers as a shared phone number, but one
# family's documents can be numbered one after another, so it says little between siblings.
SIMILAR_IDENTIFIER = 4.0
# Shorter numbers (a house number, a short card number) are one digit off by chance too often.
NEAR_IDENTIFIER_MIN_LENGTH = 6
_AGAINST = frozenset(
    {"different_name", "different_given_name_sibling", "different_birth_year", "different_sex"}
)
_NAME_AGREES = frozenset({"same_name", "similar_name", "same_given_name", "same_family_name"})
SWAPPED_FACTOR = 0.75
# Years of birth further apart than this, and not one mistyped digit apart, are another
# generation rather than a slip.
FAR_YEARS = 10
FAR_YEARS_POINTS = -9.0
# Years far apart where a slip is still the likelier story (one digit, or one document).
FAR_YEARS_SLIP_POINTS = -5.5
PART_REASON = {
    "given": "same_given_name",
    "father": "same_father_name",
    "grandfather": "same_father_name",  # the nasab: father's line, shown with its part
    "family": "same_family_name",
}
SAME, SIMILAR, DIFFERENT = 0.95, 0.8, 0.7


# Slots: a bulk check holds tens of thousands of candidates' records at once.
@dataclass(frozen=True, slots=True)
class PersonRecord:
    id: int | None
    given_ar: str = ""
    father_ar: str = ""
    grandfather_ar: str = ""
    family_ar: str = ""
    given_en: str = ""
    father_en: str = ""
    grandfather_en: str = ""
    family_en: str = ""
    sex: str = ""  # "female" | "male" | ""
    birth_date: datetime.date | None = None
    birth_year: int | None = None
    governorate: str = ""  # any stable code
    district: str = ""
    phone: str = ""  # E.164
    identifiers: frozenset[str] = frozenset()  # opaque strings (kind + blind index)
    # "kind:" + a blind index of each of near_identifier_forms(value): two records share
    # one when their numbers of that kind are one digit apart (see near_identifier_forms).
    near_identifiers: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Reason:
    code: str  # one of REASON_CODES
    points: float  # contribution to the score (negative for evidence against)
    detail: str = ""  # short machine detail, e.g. "محمد ~ Mohammed" (not translated)


@dataclass(frozen=True)
class Match:
    score: float  # 0..1
    reasons: tuple[Reason, ...]

    @property
    def is_candidate(self) -> bool:
        return self.score >= CANDIDATE_THRESHOLD


# ---------------------------------------------------------------- string similarity


def jaro_winkler(a: str, b: str) -> float:
    """Jaro-Winkler similarity (prefix scale 0.1, up to four characters)."""
    if a == b:
        return 1.0
    la, lb = len(a), len(b)
    if not la or not lb:
        return 0.0
    window = max(la, lb) // 2 - 1
    a_hit = [False] * la
    b_hit = [False] * lb
    matches = 0
    for i, ch in enumerate(a):
        lo, hi = max(0, i - window), min(lb, i + window + 1)
        for j in range(lo, hi):
            if not b_hit[j] and b[j] == ch:
                a_hit[i] = b_hit[j] = True
                matches += 1
                break
    if not matches:
        return 0.0
    transpositions = 0
    j = 0
    for i in range(la):
        if a_hit[i]:
            while not b_hit[j]:
                j += 1
            if a[i] != b[j]:
                transpositions += 1
            j += 1
    m = matches
    jaro = (m / la + m / lb + (m - transpositions / 2) / m) / 3
    prefix = 0
    for x, y in zip(a[:4], b[:4], strict=False):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * 0.1 * (1 - jaro)


# ---------------------------------------------------------------- names


@dataclass(frozen=True, eq=False)  # one object per token (see _tok): hashed by identity
class _Tok:
    text: str  # normalised, in its own script
    arabic: bool
    key: str  # phonetic key
    latin: str  # the token itself, or a romanisation of an Arabic token
    known: bool  # spelled as a name of the lexicon, so not a typo of another one
    bare: str  # text without the article, for string similarity
    bare_latin: str  # latin without the article


@functools.lru_cache(maxsize=100_000)
def _tok(text: str, key: str) -> _Tok:
    arabic = any("\u0600" <= ch <= "\u06ff" for ch in text)
    latin = romanise_arabic(text) if arabic else text
    known = is_known_name(text)
    return _Tok(text, arabic, key, latin, known, without_article(text), without_article(latin))


@functools.lru_cache(maxsize=100_000)
def part_tokens(raw: str) -> tuple[_Tok, ...]:
    """One written name part's tokens with their phonetic keys (pair_scoring reads them too)."""
    # Six tokens are more than any real name part; the rest of a pasted paragraph is noise.
    return tuple(_tok(text, key) for text, key in keyed_tokens(raw)[:6])


def _token_similarity(x: _Tok, y: _Tok) -> float:
    if x.text == y.text:
        return 1.0
    if x.arabic and y.arabic and distinct_lookalike_names(x.text, y.text):
        return 0.5  # عمر and عامر: the Arabic letters say two names, however alike
    if x.key and x.key == y.key:
        return 0.97
    if x.arabic != y.arabic:
        arabic, latin = (x, y) if x.arabic else (y, x)
        if same_by_habit(latin.text, arabic.latin):
            return 0.96  # the Arabic's usual spelling typed another way (Hammud, Gasim)
        listed = listed_key(latin.text)
        if listed is None or listed == arabic.key:
            # The Latin spelling read another way (Khalid's i short, John's o as و, Gassem's
            # g as ق) may spell the Arabic: then it is the same name; so is a spelling that
            # differs from the Arabic's usual one by typing habits only (Hammud, Ibraim).
            d = _cross_script_distance(latin.text, arabic)
            if d is not None:
                return 0.96 - 0.0025 * d
        # A Latin spelling the lexicon lists for another name (Dina is دينا, not دانة).
        if x.known and y.known:
            return 0.5
        return 0.95 * jaro_winkler(x.bare_latin, y.bare_latin)
    if not x.arabic and same_by_habit(x.text, y.text):
        return 0.96  # Hammud and Hammoud, Gassem and Qassem: one name typed two ways
    if x.known and y.known:
        return 0.5  # two names of the lexicon (Ahmad and Mohammad, Dana and Dina), no typo
    if _one_transposition(x.text, y.text):
        return 0.9  # Kia and Kai: too short for Jaro's matching window to see the swap
    return jaro_winkler(x.bare, y.bare)


def _cross_script_distance(latin: str, arabic: _Tok) -> int | None:
    """How far a Latin token's likeliest reading is from spelling the Arabic token (see
    reading_distance), allowing for how the Arabic may have been typed: a final ى typed ي
    (سلمي for سلمى), an alef typed without its hamza so that it looks like the article
    (اليونورا for إليونورا); and for an h the Latin dropped between two vowels (Ibraim)."""
    keys = [(arabic.key, 0)]
    if arabic.text.endswith("ي") and arabic.key.endswith("i"):
        keys.append((arabic.key[:-1] + "a", 1))
    if arabic.text.startswith("ال"):
        keys.append((phonetic_key("أ" + arabic.text[1:]), 0))
    forms = [(latin, 0)] + [(restored, 1) for restored in _h_restored(latin)]
    best = None
    for form, form_cost in forms:
        for key, key_cost in keys:
            d = reading_distance(form, key)
            if d is not None and (best is None or d + form_cost + key_cost < best):
                best = d + form_cost + key_cost
        if best is not None:
            return best
    return None


def _h_restored(token: str) -> list[str]:
    """The token with an h put back between two vowels, at each of the first two places."""
    places = [i for i in range(1, len(token)) if token[i - 1] in "aeiou" and token[i] in "aeiou"]
    return [token[:i] + "h" + token[i:] for i in places[:2]]


def distinct_lookalikes(x: tuple[_Tok, ...], y: tuple[_Tok, ...]) -> bool:
    """Whether two Arabic spellings of a name part are different names that look alike
    (every token of the shorter paired with a look-alike or equal one, and one look-alike)."""
    if len(x) != len(y):
        return False
    found = False
    for tx, ty in zip(x, y, strict=True):
        if distinct_lookalike_names(tx.text, ty.text):
            found = True
        elif tx.text != ty.text:
            return False
    return found


def _one_transposition(x: str, y: str) -> bool:
    """Equal but for two neighbouring characters written the other way round."""
    if len(x) != len(y):
        return False
    diff = [i for i in range(len(x)) if x[i] != y[i]]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and x[diff[0]] == y[diff[1]]
        and x[diff[1]] == y[diff[0]]
    )


@functools.lru_cache(maxsize=200_000)
def _set_similarity(a: tuple[_Tok, ...], b: tuple[_Tok, ...]) -> tuple[float, str]:
    """Similarity of two multi-token name parts: tokens paired greedily, best pairs first."""
    if len(a) == 1 and len(b) == 1:
        return _token_similarity(a[0], b[0]), f"{a[0].text} ~ {b[0].text}"
    pairs = sorted(
        ((_token_similarity(x, y), i, j) for i, x in enumerate(a) for j, y in enumerate(b)),
        reverse=True,
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    total = 0.0
    shown = []
    for s, i, j in pairs:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        total += s
        shown.append(f"{a[i].text} ~ {b[j].text}")
    n = min(len(a), len(b))
    similarity = total / n
    if len(a) != len(b):
        similarity *= 0.92
    return similarity, ", ".join(shown)


def name_similarity(a: str, b: str) -> float:
    """How alike two names are, 0..1, in either script: at least 0.95 when the matcher takes
    them for the same name (محمد and Mohammed), 0 when either is empty."""
    x, y = part_tokens(a or ""), part_tokens(b or "")
    if not x or not y:
        return 0.0
    return _set_similarity(x, y)[0]


def _variants(record: PersonRecord, part: str) -> list[tuple[_Tok, ...]]:
    return _profile(record)[part]


@functools.lru_cache(maxsize=20_000)
def _profile(record: PersonRecord) -> dict[str, list[tuple[_Tok, ...]]]:
    """Each name part of a record as token tuples, one per script it is written in."""
    profile = {}
    for part in NAME_PARTS:
        variants = []
        for script in ("ar", "en"):
            toks = part_tokens(getattr(record, f"{part}_{script}") or "")
            if toks:
                variants.append(toks)
        profile[part] = variants
    return profile


def part_similarity(
    a: list[tuple[_Tok, ...]], b: list[tuple[_Tok, ...]]
) -> tuple[float, str, tuple[_Tok, ...], tuple[_Tok, ...]]:
    """How alike two name parts are, each given in its spellings (Arabic, Latin): the best
    pair's similarity, what made it (a reason detail) and the tokens of each side it agreed
    on. Where both records write the part in Arabic and the Arabic letters show two distinct
    names that look alike (عمر and عامر), that decides, whatever the Latin spellings say."""
    arabic_a = next((x for x in a if x[0].arabic), None)
    arabic_b = next((y for y in b if y[0].arabic), None)
    if arabic_a is not None and arabic_b is not None and distinct_lookalikes(arabic_a, arabic_b):
        s, detail = _set_similarity(arabic_a, arabic_b)
        return s, detail, arabic_a, arabic_b
    best: tuple[float, str, tuple[_Tok, ...], tuple[_Tok, ...]] = (-1.0, "", (), ())
    tie: tuple = ()
    for x in a:
        for y in b:
            s, detail = _set_similarity(x, y)
            if s < best[0]:
                continue
            # Equal similarities are told apart by the spellings, in an order that is the
            # same whichever record is `a`: the weight then does not depend on the order.
            texts = tuple(sorted((tuple(t.text for t in x), tuple(t.text for t in y))))
            if s > best[0] or texts < tie:
                best, tie = (s, detail, x, y), texts
    return best


def pair_share(
    x: tuple[_Tok, ...], y: tuple[_Tok, ...], key_share: Mapping[str, float] | None
) -> float:
    """The share of people holding the name two records agree on: the commoner of the two
    spellings, so that the weight is the same whichever record comes first."""
    return max(name_share(x, key_share), name_share(y, key_share))


def name_share(tokens: tuple[_Tok, ...], key_share: Mapping[str, float] | None) -> float:
    """How many people carry this name (the rarest of its tokens)."""
    shares = []
    names = known_names()
    for t in tokens:
        share = None
        if key_share is not None and t.key in key_share:
            share = key_share[t.key]
        else:
            known = names.get(t.text) if t.arabic else None
            if known is None:
                known = _known_by_key().get(t.key)
            if known is not None and known.per_10k:
                share = known.per_10k / 10_000
        shares.append(share if share else UNKNOWN_NAME_SHARE)
    return min(shares) if shares else UNKNOWN_NAME_SHARE


@functools.cache
def _known_by_key() -> dict:
    out: dict = {}
    for name in known_names().values():
        key = phonetic_key(name.arabic)
        if key not in out or name.per_10k > out[key].per_10k:
            out[key] = name
    return out


def _name_reasons(
    a: PersonRecord, b: PersonRecord, key_share: Mapping[str, float] | None
) -> tuple[list[Reason], bool]:
    """Reasons from the names, and whether the two look like members of one household:
    the same family name and different given names."""
    reasons: list[Reason] = []
    sims: dict[str, tuple[float, str, tuple[_Tok, ...], tuple[_Tok, ...]]] = {}
    for part in NAME_PARTS:
        va, vb = _variants(a, part), _variants(b, part)
        if va and vb:
            sims[part] = part_similarity(va, vb)

    # Given and family names written the other way round.
    swapped = False
    if "given" in sims and "family" in sims and min(sims["given"][0], sims["family"][0]) < SIMILAR:
        ga, fa = _variants(a, "given"), _variants(a, "family")
        gb, fb = _variants(b, "given"), _variants(b, "family")
        g_swap, f_swap = part_similarity(ga, fb), part_similarity(fa, gb)
        if min(g_swap[0], f_swap[0]) > max(sims["given"][0], sims["family"][0]):
            sims["given"] = (g_swap[0] * 0.98, g_swap[1] + " (swapped)", *g_swap[2:])
            sims["family"] = (f_swap[0] * 0.98, f_swap[1] + " (swapped)", *f_swap[2:])
            swapped = True

    given_differs = "given" in sims and sims["given"][0] < SIMILAR
    household = given_differs and "family" in sims and sims["family"][0] >= SAME
    all_same = len(sims) >= 2 and all(s[0] >= SAME for s in sims.values())
    summary = 0.0
    details = []
    for part, (s, detail, toks, other) in sims.items():
        share = pair_share(toks, other, key_share)
        agree = math.log(0.9 / max(share, 1e-6)) * PART_FACTOR[part]
        if given_differs and part in ("father", "grandfather"):
            # Siblings share the father's line: with different given names it tells of a
            # household, not of one person.
            agree *= SIBLING_FACTOR
        if swapped and part in ("given", "family"):
            agree *= SWAPPED_FACTOR  # a slip, or how two relatives can look
        shown = f"{part}: {detail}"
        if s >= SAME:
            if part == "given" and share >= COMMON_NAME_SHARE:
                # A common name: shown as a full agreement and a discount, so a reader sees why.
                full = math.log(0.9 / UNKNOWN_NAME_SHARE)
                reasons.append(Reason("common_name", agree - full, detail))
                agree = full
            if all_same:
                summary += agree
                details.append(detail)
            else:
                reasons.append(Reason(PART_REASON[part], agree, shown))
        elif s >= SIMILAR:
            fraction = 0.7 * (s - SIMILAR) / (SAME - SIMILAR)
            reasons.append(Reason("similar_name", agree * fraction, shown))
        else:
            fraction = min(1.0, (SIMILAR - s) / (SIMILAR - DIFFERENT))
            reasons.append(Reason("different_name", PART_DISAGREE[part] * fraction, shown))
    if all_same:
        reasons.insert(0, Reason("same_name", summary, "; ".join(details)))
    if household and "father" in sims and sims["father"][0] >= SAME:
        fraction = min(1.0, (SIMILAR - sims["given"][0]) / (SIMILAR - DIFFERENT))
        reasons.append(
            Reason(
                "different_given_name_sibling",
                SIBLING_PENALTY * fraction,
                f"given: {sims['given'][1]}",
            )
        )
    return reasons, household


# ---------------------------------------------------------------- birth, sex, place, phone


def _year(record: PersonRecord) -> int | None:
    if record.birth_date is not None:
        return record.birth_date.year
    return record.birth_year


def _one_digit_apart(x: str, y: str) -> bool:
    """One digit replaced, or two neighbouring digits swapped."""
    if len(x) != len(y) or x == y:
        return False
    return sum(1 for i in range(len(x)) if x[i] != y[i]) == 1 or _one_transposition(x, y)


def _birth_reasons(
    a: PersonRecord, b: PersonRecord, *, shared_document: bool = False
) -> list[Reason]:
    """The date of birth's reasons; `shared_document`: the two hold one identity document
    (or numbers one digit apart), which one generation does not share with the next, so
    years far apart are a slip there."""
    da, db = a.birth_date, b.birth_date
    ya, yb = _year(a), _year(b)
    if ya is None or yb is None:
        return []
    gap = abs(ya - yb)
    if da is not None and db is not None:
        if da == db:
            return [Reason("same_birth_date", 6.5, da.isoformat())]
        if ya == yb and da.day == db.month and da.month == db.day:
            return [Reason("day_month_swapped", 4.5, f"{da.isoformat()} ~ {db.isoformat()}")]
        detail = f"{da.isoformat()} ~ {db.isoformat()}"
        if ya == yb:
            if da.month == db.month or _one_digit_apart(da.strftime("%m%d"), db.strftime("%m%d")):
                return [Reason("same_birth_year", 2.5, detail)]
            return [Reason("same_birth_year", 1.0, detail)]
        if (da.month, da.day) == (db.month, db.day):
            if gap == 1:
                return [Reason("close_birth_year", 2.5, detail)]
            if _one_digit_apart(str(ya), str(yb)):
                return [Reason("close_birth_year", 1.0, detail)]  # a digit mistyped
        if gap == 1:
            return [Reason("different_birth_year", -1.0, detail)]
    else:
        detail = f"{ya} ~ {yb}"
        if gap == 0:
            return [Reason("same_birth_year", 2.5, detail)]
        if gap == 1:
            return [Reason("close_birth_year", 0.5, detail)]
    detail = f"{ya} ~ {yb}"
    if gap == 2:
        return [Reason("different_birth_year", -1.5, detail)]
    if gap <= 5:
        return [Reason("different_birth_year", -3.5, detail)]
    if gap <= FAR_YEARS or shared_document or _one_digit_apart(str(ya), str(yb)):
        return [Reason("different_birth_year", FAR_YEARS_SLIP_POINTS, detail)]
    # Another generation (a father and the son named after him, namesakes of one clan): no
    # single slip of a digit makes years this far apart.
    return [Reason("different_birth_year", FAR_YEARS_POINTS, detail)]


_NOT_DIGITS = re.compile(r"\D+")


def _digits(phone: str) -> str:
    return _NOT_DIGITS.sub("", phone or "")


def _phone_reasons(a: PersonRecord, b: PersonRecord) -> list[Reason]:
    pa, pb = _digits(a.phone), _digits(b.phone)
    if len(pa) < 6 or len(pb) < 6:
        return []
    if pa == pb:
        # Families share a phone, so it says less than a document number.
        return [Reason("same_phone", 4.0, a.phone)]
    if _one_digit_apart(pa, pb):
        return [Reason("similar_phone", 1.5, f"{a.phone} ~ {b.phone}")]
    return []


def _place_reasons(a: PersonRecord, b: PersonRecord) -> list[Reason]:
    if a.district and a.district == b.district:
        return [Reason("same_district", 1.0, str(a.district))]
    if a.governorate and a.governorate == b.governorate:
        return [Reason("same_governorate", 0.5, str(a.governorate))]
    return []


def compare(
    a: PersonRecord, b: PersonRecord, *, key_share: Mapping[str, float] | None = None
) -> Match:
    """How likely `a` and `b` are one person, and why.

    `key_share` optionally gives, per phonetic key, the share of the registry holding that
    name; without it the built-in table of common Arabic names is used.
    """
    if _order(b) < _order(a):
        # One order for every pair, so that the score and reasons never depend on which
        # record came first (batch results would depend on the order of the registry).
        a, b = b, a
    reasons: list[Reason] = []
    shared = a.identifiers & b.identifiers
    if shared:
        reasons.append(Reason("same_identifier", 12.0, str(len(shared))))
    names, household = _name_reasons(a, b, key_share)
    reasons.extend(names)
    for reason in _phone_reasons(a, b):
        # A household shares one phone: with different given names it says little.
        points = reason.points * SIBLING_FACTOR if household else reason.points
        reasons.append(Reason(reason.code, points, reason.detail))
    # A document number one digit off is one document too (issued once, to one generation).
    near_document = bool(a.near_identifiers & b.near_identifiers)
    births = _birth_reasons(a, b, shared_document=bool(shared) or near_document)
    reasons.extend(births)
    if a.sex and b.sex and a.sex != b.sex:
        reasons.append(Reason("different_sex", -6.0, f"{a.sex} ~ {b.sex}"))
    reasons.extend(_place_reasons(a, b))
    if not shared:
        kinds = _different_identifier_kinds(a.identifiers, b.identifiers)
        near = _near_kinds(a.near_identifiers & b.near_identifiers) & set(kinds)
        if near:
            sibling = any(r.code == "different_given_name_sibling" for r in reasons)
            points = SIMILAR_IDENTIFIER * (SIBLING_FACTOR if sibling else 1.0)
            reasons.append(Reason("similar_identifier", points, ", ".join(sorted(near))))
            kinds = [k for k in kinds if k not in near]
        if kinds:
            # A blind index changes with any typo in the number, so where names, date and
            # phone (when both have one) all agree a slip is likelier than two people.
            agree = {r.code for r in reasons}
            phones = len(_digits(a.phone)) >= 6 and len(_digits(b.phone)) >= 6
            all_else = (
                "same_name" in agree
                and "same_birth_date" in agree
                and ("same_phone" in agree or not phones)
            )
            nothing_against = (
                not agree & _AGAINST
                and agree & _NAME_AGREES
                and agree & {"same_birth_date", "day_month_swapped"}
                and ("same_phone" in agree or not phones)
            )
            if all_else:
                points = DIFFERENT_IDENTIFIER_ALL_ELSE_AGREES
            elif nothing_against:
                points = DIFFERENT_IDENTIFIER_NOTHING_AGAINST
            else:
                points = DIFFERENT_IDENTIFIER
            reasons.append(Reason("different_identifier", points, ", ".join(kinds)))
    total = sum(r.points for r in reasons)
    score = 1 / (1 + math.exp(-(total - OFFSET)))
    reasons.sort(key=lambda r: -abs(r.points))
    return Match(score=score, reasons=tuple(reasons))


def _order(record: PersonRecord) -> tuple:
    """A total order of records by what compare reads (the id last: equal records tie)."""
    return (
        record.given_ar,
        record.father_ar,
        record.grandfather_ar,
        record.family_ar,
        record.given_en,
        record.father_en,
        record.grandfather_en,
        record.family_en,
        record.sex,
        record.birth_date or datetime.date.min,
        record.birth_year or 0,
        record.governorate,
        record.district,
        record.phone,
        tuple(sorted(record.identifiers)),
        tuple(sorted(record.near_identifiers)),
        record.id if record.id is not None else -1,
    )


def near_identifier_forms(value: str) -> frozenset[str]:
    """Forms of an identifier that another value shares when it is this one with one
    character mistyped (that place masked) or two neighbouring characters swapped (the two
    as an unordered pair). Spaces and dashes are dropped first; a value shorter than
    NEAR_IDENTIFIER_MIN_LENGTH has none. Callers keep a blind index of each form (never the
    forms themselves) in PersonRecord.near_identifiers, as "kind:" + index."""
    text = "".join(ch for ch in value.upper() if ch.isalnum())
    if len(text) < NEAR_IDENTIFIER_MIN_LENGTH:
        return frozenset()
    forms = {f"{text[:i]}?{text[i + 1 :]}" for i in range(len(text))}
    forms.update(
        f"{text[:i]}<{''.join(sorted(text[i : i + 2]))}>{text[i + 2 :]}"
        for i in range(len(text) - 1)
    )
    return frozenset(forms)


def _near_kinds(shared: frozenset[str]) -> set[str]:
    return {value.partition(":")[0].strip() for value in shared if ":" in value}


def _identifier_kinds(identifiers: frozenset[str]) -> dict[str, set[str]]:
    kinds: dict[str, set[str]] = {}
    for value in identifiers:
        kind, sep, blind = value.partition(":")
        if sep and blind.strip():
            kinds.setdefault(kind.strip(), set()).add(blind.strip())
    return kinds


def _different_identifier_kinds(a: frozenset[str], b: frozenset[str]) -> list[str]:
    """Kinds of identifier ("national_id") both records hold, with no value in common."""
    ka, kb = _identifier_kinds(a), _identifier_kinds(b)
    return sorted(k for k in ka.keys() & kb.keys() if not ka[k] & kb[k])


# Per key_share table (by identity; None for the lexicon's), the ceiling of each spelling of
# a name part: read as the table is at first use, which callers build once and keep.
_CEILINGS: dict[int, tuple[Mapping[str, float] | None, dict]] = {}


def _ceiling(toks: tuple[_Tok, ...], key_share: Mapping[str, float] | None) -> float:
    """The most agreement points one spelling of a name part can bring (before its factor)."""
    slot = _CEILINGS.get(id(key_share))
    if slot is None or slot[0] is not key_share:
        if len(_CEILINGS) >= 8:
            _CEILINGS.clear()
        slot = _CEILINGS[id(key_share)] = (key_share, {})
    cache = slot[1]
    found = cache.get(toks)
    if found is None:
        if len(cache) >= 200_000:
            cache.clear()
        found = cache[toks] = max(0.0, math.log(0.9 / max(name_share(toks, key_share), 1e-6)))
    return found


def _name_ceiling(a: PersonRecord, b: PersonRecord, key_share: Mapping[str, float] | None) -> float:
    """The most points the names of `a` and `b` can add: each part written on both records
    adds at most its full agreement, weighed by how rare `a`'s spelling of it is."""
    pa, pb = _profile(a), _profile(b)
    points = 0.0
    for part in NAME_PARTS:
        variants = pa[part]
        if variants and pb[part]:
            points += max(_ceiling(toks, key_share) for toks in variants) * PART_FACTOR[part]
    return points


def could_be_candidate(
    a: PersonRecord, b: PersonRecord, *, key_share: Mapping[str, float] | None = None
) -> bool:
    """False only when `compare(a, b)` cannot reach `CANDIDATE_THRESHOLD`: the names counted
    at their best, every other field as compare counts it. A few times cheaper than compare,
    so the registration check skips the pairs it rules out (batch detection scores its pairs
    in arrays instead, see taawon.lib.pair_scoring)."""
    shared = bool(a.identifiers & b.identifiers)
    total = 12.0 if shared else 0.0
    total += _name_ceiling(a, b, key_share)
    total += sum(r.points for r in _phone_reasons(a, b))
    near_document = bool(a.near_identifiers & b.near_identifiers)
    births = _birth_reasons(a, b, shared_document=shared or near_document)
    total += sum(r.points for r in births)
    if not shared and near_document:
        total += SIMILAR_IDENTIFIER  # at most (less between siblings)
    if a.sex and b.sex and a.sex != b.sex:
        total -= 6.0
    total += sum(r.points for r in _place_reasons(a, b))
    return total >= OFFSET - 1e-9


# The most a pair gains besides its names when it shares no identifier, no phone and no
# near date of birth (the same, day and month swapped, or a year off): the same birth year
# with the same month (see _birth_reasons), the same district and a phone one digit off.
WITHOUT_NEAR_DATE = 2.5 + 1.0 + 1.5


def names_can_decide(record: PersonRecord, *, key_share: Mapping[str, float] | None = None) -> bool:
    """Whether a person sharing no identifier, phone or near date of birth with `record`
    could still be its candidate: only when its names are rare enough to carry the score."""
    return _name_ceiling(record, record, key_share) + WITHOUT_NEAR_DATE >= OFFSET - 1e-9


def blocking_keys(record: PersonRecord) -> set[str]:
    """Phonetic keys ("p:...", as in index_keys) of the given, father's and family names:
    true duplicates share at least one of them unless every one of these names changed."""
    keys = set()
    for part in ("given", "father", "family"):
        for script in ("ar", "en"):
            for tok in part_tokens(getattr(record, f"{part}_{script}") or ""):
                if tok.key:
                    keys.add(("p:" + tok.key)[:40])
    return keys
