"""A name cut into normalised tokens: scripts folded, articles, prefixes (عبد, Abu) and
suffixes (الدين, Allah) joined to the name they belong to, one token per compound name."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from taawon.lib.arabic import is_arabic_letter, normalise_arabic

_APOSTROPHES = "'’‘`´ʿʾʼʻ′"


_HYPHENS = "-‐‑‒–—"


_LATIN_SPECIAL = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)


_LATIN_DROP = re.compile(r"[^a-z0-9\s]+")


_SPACES = re.compile(r"\s+")


def _fold(text: str) -> str:
    """Latin accents stripped (NFKD without combining marks), Arabic tashkeel and tatweel
    dropped, Arabic letters otherwise as typed: أل is not the article that ال is."""
    out = []
    for ch in unicodedata.normalize("NFKC", text):
        if is_arabic_letter(ch):
            if ch != "ـ":
                out.append(ch)
        else:
            out.extend(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return "".join(out).lower().translate(_LATIN_SPECIAL)


_HAMZA_SEATS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي"})


def normalise_latin(text: str) -> str:
    """Lowercase ASCII letters and digits separated by single spaces; accents and apostrophes
    go (Sa'id -> said), hyphens and other punctuation become spaces."""
    if not text:
        return ""
    text = _fold(text)
    for ch in _APOSTROPHES:
        text = text.replace(ch, "")
    text = _LATIN_DROP.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


@dataclass
class _Token:
    script: str  # "ar", "la" or "xx" (another script, kept as is)
    raw: str  # Arabic: hamza seats folded but ى and ة kept, which the phonetic key reads
    hyphen_before: bool = False


_LATIN_ARTICLES = {"al", "el", "ul", "il"}


# Sun-letter articles only count when hyphenated (As-Sayed), since "as" or "an" alone may be
# anything; the next token must start with the assimilated consonant.
_LATIN_SUN_ARTICLES = {
    "ad": "d",
    "ar": "r",
    "as": "s",
    "ash": "s",
    "an": "n",
    "az": "z",
    "at": "t",
    "ath": "t",
    "adh": "d",
    "ed": "d",
    "er": "r",
    "es": "s",
    "esh": "s",
    "en": "n",
    "ez": "z",
    "et": "t",
    "ud": "d",
    "ur": "r",
    "us": "s",
    "un": "n",
    "uz": "z",
    "ut": "t",
}


_LATIN_PREFIXES = {
    "abd",
    "abdel",
    "abdul",
    "abdal",
    "abdil",
    "abdol",
    "abdoul",
    "abu",
    "abou",
    "abo",
}


_ARABIC_PREFIXES = {"عبد", "ابو"}


_LATIN_DIN = re.compile(r"^(?:al|el|ul|[aeiou]d)?d(?:i|ee|ii|y)ne?$")


_LATIN_ALLAH = re.compile(r"^(?:[aeiu]llah?|[aeu]lah)$")


_ARABIC_SUFFIXES = {"الدين", "الله"}


def _split(text: str) -> list[_Token]:
    text = _fold(text)
    for ch in _APOSTROPHES:
        text = text.replace(ch, "")
    tokens: list[_Token] = []
    current: list[str] = []
    script = ""
    hyphen = False

    def flush() -> None:
        if current:
            tokens.append(_Token(script, "".join(current), hyphen))
            current.clear()

    for ch in text:
        if is_arabic_letter(ch):
            kind = "ar"
        elif "a" <= ch <= "z":
            kind = "la"
        elif ch.isalpha():
            kind = "xx"
        else:
            if current:
                flush()
                hyphen = False
            if ch in _HYPHENS:
                hyphen = True
            continue
        if current and kind != script:
            flush()
            hyphen = False
        if not current:
            script = kind
        current.append(ch)
    flush()
    return tokens


def _join(tokens: list[_Token]) -> list[_Token]:
    """One token per compound: articles, abd/abu and -allah/-aldin join their neighbour."""
    out: list[_Token] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        same = nxt is not None and nxt.script == tok.script
        if same and tok.script == "la":
            sun = _LATIN_SUN_ARTICLES.get(tok.raw)
            if tok.raw in _LATIN_ARTICLES or (
                sun and nxt.hyphen_before and nxt.raw.startswith(sun)
            ):
                tokens[i + 1] = _Token("la", "al" + nxt.raw, tok.hyphen_before)
                i += 1
                continue
        if same and tok.script == "ar" and tok.raw == "ال":
            tokens[i + 1] = _Token("ar", "ال" + nxt.raw, tok.hyphen_before)
            i += 1
            continue
        out.append(tok)
        i += 1

    joined: list[_Token] = []
    i = 0
    while i < len(out):
        tok = out[i]
        nxt = out[i + 1] if i + 1 < len(out) else None
        if nxt is not None and nxt.script == tok.script:
            prefix = (
                tok.raw in _LATIN_PREFIXES
                if tok.script == "la"
                else normalise_arabic(tok.raw) in _ARABIC_PREFIXES
            )
            if prefix:
                out[i + 1] = _Token(tok.script, tok.raw + nxt.raw, tok.hyphen_before)
                i += 1
                continue
        if joined and joined[-1].script == tok.script:
            suffix = None
            if tok.script == "la":
                if _LATIN_DIN.match(tok.raw):
                    suffix = "aldin"
                elif _LATIN_ALLAH.match(tok.raw):
                    suffix = "allah"
            elif tok.script == "ar" and normalise_arabic(tok.raw) in _ARABIC_SUFFIXES:
                suffix = tok.raw
            if suffix:
                prev = joined[-1]
                joined[-1] = _Token(prev.script, prev.raw + suffix, prev.hyphen_before)
                i += 1
                continue
        joined.append(tok)
        i += 1
    return joined


def _normalised(tok: _Token) -> str:
    return normalise_arabic(tok.raw) if tok.script == "ar" else tok.raw


def name_tokens(text: str) -> list[str]:
    """Normalised tokens of a name, each in its own script, one per compound name.

    >>> name_tokens("Abd al-Rahman El-Khalil")
    ['abdalrahman', 'alkhalil']
    """
    return [_normalised(t) for t in _join(_split(text or ""))]
