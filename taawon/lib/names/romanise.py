"""A Latin rendering of an Arabic name token, as registration staff commonly write it."""

from __future__ import annotations

from taawon.lib.arabic import is_arabic_letter, normalise_arabic

from .lexicon import known_names
from .tokens import _HAMZA_SEATS, _fold, normalise_latin

_ROMAN = {
    "ا": "a",
    "ب": "b",
    "ت": "t",
    "ث": "th",
    "ج": "j",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "ع": "",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "و": "w",
    "ي": "y",
    "ء": "",
    "ة": "a",
    "ى": "a",
    "پ": "p",
    "چ": "ch",
    "گ": "g",
    "ڤ": "v",
}


def romanise_arabic(token: str) -> str:
    """A plain Latin rendering of an Arabic name token: the usual spelling of a known name
    (محمد -> mohammad), else a letter-by-letter rendering with long vowels."""
    folded = _fold(token or "").translate(_HAMZA_SEATS)
    folded = "".join(ch for ch in folded if is_arabic_letter(ch))
    if not folded:
        return normalise_latin(token or "")
    known = known_names().get(normalise_arabic(folded))
    if known and known.latin:
        return normalise_latin(known.latin[0]).replace(" ", "")
    prefix = ""
    if folded.startswith("ال") and len(folded) >= 4:
        prefix, folded = "al", folded[2:]
        known = known_names().get(normalise_arabic(folded))
        if known and known.latin:
            return prefix + normalise_latin(known.latin[0]).replace(" ", "")
    out = []
    last = len(folded) - 1
    for i, ch in enumerate(folded):
        if ch == "و":
            out.append("w" if i == 0 or folded[i - 1] == "ا" else "ou")
        elif ch == "ي":
            out.append("y" if i == 0 else "i" if i == last else "ee")
        elif ch in "عء" and i == 0 or ch == "ه" and i == last and i > 0:
            out.append("a")
        else:
            out.append(_ROMAN.get(ch, ""))
        # Arabic writes no short vowels; an a after a first consonant cluster reads best.
        if i == 0 and len(folded) > 2 and ch not in "اويعء" and folded[1] not in "اوي":
            out.append("a")
    return prefix + "".join(out)
