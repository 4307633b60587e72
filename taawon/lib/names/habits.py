"""Latin spellings as people type Arabic names: the habits that change letters, not the name.

A clerk writes ق as q, k or g (Qassem, Kassem, Gassem) and ج as j, g or dj (Jamal, Gamal,
Djamal); a long u as u, ou or oo (Hammud, Hammoud, Hamood; -un, -oun); a long i as i, ee
or y; a letter doubled or not (Hamad, Hammad: Latin cannot show the shadda); and drops an h
after a vowel (Abdalla, Ibraim). `habit_forms` folds a Latin token to the forms these
habits cannot tell apart; two tokens that share a form are one name as far as Latin can say.

g stands for ج or ق, so it folds both ways: Gassem meets Qassem and Jassem, but Qassem and
Jassem (قاسم, جاسم: two names) share no form.
"""

from __future__ import annotations

import functools
import itertools
import re

_VOWELS = "aeiouy"
_DOUBLED = re.compile(r"([a-z])\1+")
# An h between two vowels or after a vowel at the end (not a digraph's h: kh, sh, th, dh, gh).
_SOFT_H = re.compile(r"(?<=[aeiouy])h(?=[aeiouy]|$)")
# Most g's in one token folded both ways; beyond, a token is not a name typed by hand.
MAX_AMBIGUOUS = 3


@functools.lru_cache(maxsize=100_000)
def habit_forms(token: str) -> frozenset[str]:
    """The forms of a normalised Latin token (lowercase a-z) once typing habits are folded."""
    t = "".join(ch for ch in token if "a" <= ch <= "z")
    if not t:
        return frozenset()
    t = t.replace("dj", "j").replace("q", "k").replace("ck", "k")
    t = t.replace("ou", "u").replace("oo", "u").replace("ee", "i").replace("y", "i")
    t = _DOUBLED.sub(r"\1", t)
    t = _SOFT_H.sub("", t)
    t = _DOUBLED.sub(r"\1", t)
    places = [i for i, ch in enumerate(t) if ch == "g" and t[i + 1 : i + 2] != "h"]
    if not places or len(places) > MAX_AMBIGUOUS:
        return frozenset({t})
    forms = set()
    for letters in itertools.product("jk", repeat=len(places)):
        chars = list(t)
        for i, letter in zip(places, letters, strict=True):
            chars[i] = letter
        forms.add("".join(chars))
    return frozenset(forms)


def same_by_habit(x: str, y: str) -> bool:
    """Whether two Latin tokens differ only by typing habits."""
    return bool(habit_forms(x) & habit_forms(y))
