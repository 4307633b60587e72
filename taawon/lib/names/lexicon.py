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
