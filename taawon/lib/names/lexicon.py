"""The lexicon of known Arabic names (taawon/lib/data/arabic_names.tsv): sex, how common each
is, and its common Latin spellings."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from taawon.lib.arabic import normalise_arabic

DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class KnownName:
    arabic: str
    sex: str  # "m", "f", "u" (either), "family"
    per_10k: float  # share of people (of that sex) with this given name, 0 when unknown
    latin: tuple[str, ...]  # common Latin spellings, the first preferred


@functools.cache
def known_names() -> dict[str, KnownName]:
    """The lexicon of Arabic names, by normalised Arabic spelling."""
    names: dict[str, KnownName] = {}
    path = DATA / "arabic_names.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        arabic, sex, share, latin = (line.split("\t") + ["", "", ""])[:4]
        name = KnownName(
            arabic=arabic.strip(),
            sex=sex.strip(),
            per_10k=float(share or 0),
            latin=tuple(s.strip() for s in latin.split(",") if s.strip()),
        )
        names.setdefault(normalise_arabic(name.arabic), name)
    return names


@functools.cache
def lexicon_spellings() -> frozenset[str]:
    """Every Arabic spelling of the lexicon as written there (يسرى and يسري both: two names
    that normalisation folds together)."""
    known_names()
    path = DATA / "arabic_names.tsv"
    return frozenset(
        line.split("\t", 1)[0].strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


@functools.cache
def lookalike_names() -> dict[str, int]:
    """Distinct Arabic names that look alike (taawon/lib/data/arabic_lookalikes.tsv): each
    normalised spelling, without its article, with the number of its group."""
    from .keys import without_article  # keys imports phonetic, which imports this module

    groups: dict[str, int] = {}
    path = DATA / "arabic_lookalikes.tsv"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if not line.strip() or line.startswith("#"):
            continue
        for name in line.split("\t"):
            if name.strip():
                groups[without_article(normalise_arabic(name.strip()))] = number
    return groups


def distinct_lookalike_names(x: str, y: str) -> bool:
    """Whether two normalised Arabic name tokens are two different names of one look-alike
    group (عمر and عامر), not one name spelled two ways."""
    from .keys import without_article

    x, y = without_article(x), without_article(y)
    if x == y:
        return False
    groups = lookalike_names()
    group = groups.get(x)
    return group is not None and group == groups.get(y)
