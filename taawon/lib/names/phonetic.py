"""Phonetic keys shared by the Arabic and Latin spellings of a name token, and the Latin
readings a key is chosen among."""

from __future__ import annotations

import functools
import re

from taawon.lib.arabic import is_arabic_letter, normalise_arabic

from .lexicon import known_names, lexicon_spellings
from .tokens import _HAMZA_SEATS, _fold, _join, _split, name_tokens, normalise_latin

MAX_KEY_LENGTH = 40


# Arabic letter -> key symbol; vowels, ayn, hamza and the final a are decided in context.
_ARABIC_SYMBOL = {
    "ب": "b",
    "پ": "b",
    "ت": "t",
    "ث": "t",
    "ط": "t",
    "ج": "j",
    "چ": "c",
    "گ": "j",
    "ح": "h",
    "ه": "h",
    "خ": "x",
    "د": "d",
    "ض": "d",
    "ذ": "z",
    "ز": "z",
    "ظ": "z",
    "ژ": "z",
    "ر": "r",
    "س": "s",
    "ص": "s",
    "ش": "c",
    "غ": "g",
    "ف": "f",
    "ڤ": "f",
    "ق": "k",
    "ك": "k",
    "ک": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "و": "u",
    "ي": "i",
    "ی": "i",
}


_SEAT_SWAP = str.maketrans({"ؤ": "ئ", "ئ": "ؤ"})


# Names where the leading ال is not the article (Elias, not "the yas").
_ARABIC_NOT_ARTICLE = {"الياس", "اليسا", "اليسار", "الين", "اليان", "اليا", "الله"}


def _collapse(symbols: str) -> str:
    return "".join(ch for i, ch in enumerate(symbols) if i == 0 or ch != symbols[i - 1])


def _arabic_key(token: str) -> str:
    # Hamza seats are folded already; ى and ة, which mark a final a, are still there.
    t = "".join(ch for ch in token if is_arabic_letter(ch))
    t = t.replace("ٱ", "ا").replace("ی", "ي").replace("ک", "ك").replace("تش", "چ")
    # A known name typed without what the key reads (a final ى typed ي, آلاء without its
    # madda, which then looks like the article) takes the key of its lexicon spelling.
    known = None if t in lexicon_spellings() else known_names().get(normalise_arabic(t))
    if known is None and ("ؤ" in t or "ئ" in t):
        # ؤ and ئ typed one for the other (فئاد for فؤاد): the lexicon's name, if it is one.
        swapped = t.translate(_SEAT_SWAP)
        if normalise_arabic(swapped) in known_names():
            known = known_names()[normalise_arabic(swapped)]
    if known is not None:
        spelled = "".join(ch for ch in _fold(known.arabic) if is_arabic_letter(ch))
        if spelled != t:
            t = spelled.replace("ٱ", "ا").replace("ی", "ي").replace("تش", "چ")
    if t.translate(_HAMZA_SEATS).startswith("ابو") and len(t) >= 6:
        return "abu" + _arabic_key(t[3:])
    # Only a plain alef starts the article: أليس (Alice) and آل (the family of) do not.
    if t.startswith("ال") and len(t) >= 4 and normalise_arabic(t) not in _ARABIC_NOT_ARTICLE:
        t = t[2:]
    t = t.translate(_HAMZA_SEATS)
    out: list[str] = []
    last = len(t) - 1
    for i, ch in enumerate(t):
        if ch in "اعء":
            symbol = "a" if i == 0 or (i == last and ch != "ع") else ""
        elif ch in "ىة":
            symbol = "a" if i == last else "i" if ch == "ى" else "h"
        elif ch in "هح" and i == last and i > 0:
            symbol = "a"
        else:
            symbol = _ARABIC_SYMBOL.get(ch, "")
        # Letters written twice side by side (the article's l before لـ) read as one, like
        # long vowels; letters with an unwritten alef or ayn between them stay two (حجاج).
        if symbol and out and out[-1] == symbol and (symbol in "aiu" or t[i - 1] == ch):
            continue
        if symbol:
            out.append(symbol)
    return "".join(out)


# Latin letters and digraphs -> key symbols; where a spelling is ambiguous every reading is
# listed, the likeliest first (sh is usually ش, but Is'haq writes س then ح).
_LATIN_DIGRAPHS = {
    "kh": ("x", "kh"),
    "sh": ("c", "sh"),
    "ch": ("c", "k"),
    "gh": ("g", "gh"),
    "th": ("t", "z", "th"),
    "dh": ("d", "z", "dh"),
    "ph": ("f",),
    "dj": ("j",),
    "zh": ("z",),
    "ck": ("k",),
}


_LATIN_SYMBOL = {
    "b": ("b",),
    "p": ("b",),
    "t": ("t",),
    "d": ("d",),
    "j": ("j",),
    "g": ("j", "g", "k"),
    "h": ("h",),
    "r": ("r",),
    "z": ("z",),
    "s": ("s",),
    "f": ("f",),
    "v": ("f",),
    "k": ("k",),
    "q": ("k",),
    "l": ("l",),
    "m": ("m",),
    "n": ("n",),
    "w": ("u",),
    "y": ("i",),
    "x": ("ks",),
}


_VOWELS = frozenset("aeiou")


# Vowel pairs inside a run, longest first: what Arabic letter each usually stands for.
_RUN_PARTS = (
    ("ou", "u"),
    ("oo", "u"),
    ("uu", "u"),
    ("au", "u"),
    ("ee", "i"),
    ("ei", "i"),
    ("ie", "i"),
    ("ii", "i"),
    ("ai", "i"),
    ("ae", "i"),
    ("ia", "i"),
    ("io", "i"),
    ("iu", "i"),
    ("ua", "u"),
    ("uo", "u"),
    ("i", "i"),
)


def _run_symbols(run: str) -> str:
    out = []
    i = 0
    while i < len(run):
        for part, symbol in _RUN_PARTS:
            if run.startswith(part, i):
                out.append(symbol)
                i += len(part)
                break
        else:
            i += 1  # a, e, o, u alone: a short vowel, unwritten in Arabic
    return _collapse("".join(out))


_Option = tuple[str, int]  # (key symbols, how unlikely this reading is: 0 the usual one)


def _costed(options: tuple[str, ...]) -> tuple[_Option, ...]:
    return tuple((o, min(i, 1)) for i, o in enumerate(options))


def _with_western(options: tuple[_Option, ...], extra: list[tuple[str, int]]):
    seen = {o for o, _ in options}
    return options + tuple((o, c) for o, c in extra if o not in seen and not seen.add(o))


def _vowel_options(run: str, where: str, token: str, western: bool) -> tuple[_Option, ...]:
    """The key symbols a Latin vowel run may stand for, with their cost; `western` adds the
    readings Arabic gives European names (John جون, Kevin كيفن: o and e written), which
    cost more, a read as ي most (Dana is not Dina, though James is جيمس)."""
    options = _costed(_arab_vowel_options(run, where, token))
    if western and where != "before_h":
        spelled = run[:-1] if where == "final" and run.endswith("e") and len(run) > 1 else run
        written = _collapse("".join({"e": "i", "o": "u"}.get(v, v) for v in spelled))
        extra = [(written.replace("a", ""), 2), (written.replace("a", "i"), 3)]
        if where == "initial":
            extra = [("a" + e, c) for e, c in extra]
        if where == "final" and run == "e":
            extra.append(("ia", 2))  # André أندريه
        options = _with_western(options, extra)
    return options


def _arab_vowel_options(run: str, where: str, token: str) -> tuple[str, ...]:
    if where == "initial":
        # Any leading vowel is an alef or ayn in Arabic; a long vowel may follow it.
        if len(run) == 1:
            return ("a", "ai") if run == "i" else ("a", "au") if run in "ou" else ("a",)
        symbols = _run_symbols(run)
        return ("a" + symbols, "a") if symbols else ("a",)  # Ouda, but Oumar
    if where == "final":
        if run in ("a", "aa", "ah", "eh", "ea"):
            return ("a",)
        if run == "e":
            return ("", "a", "i")  # French silent e, Lebanese -e for the taa marbuta
        if run.endswith("a"):
            return (_run_symbols(run[:-1]) + "a",)
        symbols = _run_symbols(run)
        if symbols:
            return (symbols,)
        return ("u",) if run[-1] in "ou" else ("",)
    if where == "before_h":
        # A final h after a vowel: the taa marbuta, ح or ه (Fatimah, Saleh, Nabih, Wadih).
        if run in ("a", "e", "aa"):
            return ("a",)
        symbols = _run_symbols(run) or ("u" if run[-1] in "ou" else "")
        return tuple(dict.fromkeys((symbols, symbols + "a", "a")))
    if len(run) == 1:
        if run == "i":
            return ("i", "")
        if run in "ou":
            return ("", "u")
        return ("",)
    symbols = _run_symbols(run)
    if run in ("ou", "oo"):
        # French spelling of a short u (Mouhammad, Moustafa, Soulaiman, Houssain), and the
        # same habit in English (Moona); the long u first unless the name is Mou-.
        return ("", symbols) if token.startswith("mou") else (symbols, "")
    if run == "ae":
        return (symbols, "")
    return (symbols,)


_Segment = tuple[tuple[_Option, ...], bool]  # (readings, is a vowel)


def _latin_segments(token: str, western: bool = False) -> list[_Segment]:
    segments: list[_Segment] = []
    n = len(token)
    final_h = n > 2 and token[-1] == "h" and token[-2] in _VOWELS
    if final_h:
        token = token[:-1]
        n -= 1
    i = 0
    while i < n:
        ch = token[i]
        if ch in _VOWELS:
            j = i
            while j < n and token[j] in _VOWELS:
                j += 1
            run = token[i:j]
            if i == 0:
                where = "initial"
            elif j == n:
                where = "before_h" if final_h else "final"
            else:
                where = "medial"
            segments.append((_vowel_options(run, where, token, western), True))
            i = j
            continue
        pair = token[i : i + 2]
        if token.startswith("tch", i):
            segments.append((_costed(("c",)), False))
            i += 3
        elif token.startswith("sch", i):
            segments.append((_costed(("c", "sk")), False))
            i += 3
        elif pair in _LATIN_DIGRAPHS and i + 1 < n:
            segments.append((_costed(_LATIN_DIGRAPHS[pair]), False))
            i += 2
        elif ch == "c":
            nxt = token[i + 1] if i + 1 < n else ""
            segments.append((_costed(("s",) if nxt in ("e", "i", "y") else ("k",)), False))
            i += 1
        else:
            options = _costed(_LATIN_SYMBOL.get(ch, ("",)))
            if (
                western
                and ch == "s"
                and (
                    i == n - 1
                    or (0 < i < n - 1 and token[i - 1] in _VOWELS and token[i + 1] in _VOWELS)
                )
            ):
                options = _with_western(options, [("z", 2)])  # Williams وليامز, Lisa ليزا
            elif western and ch == "w":
                options = _with_western(options, [("f", 2)])  # Werner فيرنر
            elif western and ch == "j":
                options = _with_western(options, [("x", 2), ("i", 2)])  # José, Jansen
            elif western and ch == "h" and 0 < i < n - 1 and token[i - 1] in _VOWELS:
                options = _with_western(options, [("", 2)])  # John جون
            segments.append((options, ch in "wy"))
            i += 1
        # A doubled letter is one Arabic letter with a shadda, which Arabic leaves unwritten.
        while i < n and token[i] == ch and ch not in _VOWELS:
            i += 1
    if final_h and token[-1] not in _VOWELS:
        segments.append((_costed(("a",)), True))
    return segments


def latin_readings(token: str, *, western: bool = False, max_cost: int = 4) -> dict[str, int]:
    """Each phonetic key a Latin token may stand for, with the cost of the least unlikely way
    to read it so (0 for the usual reading; each less likely letter adds one, a European
    reading two or three), up to `max_cost`."""
    # Dynamic programming over the letters: a state is the key so far and whether it ended
    # on a consonant, since repeats merge where Arabic would write one letter (long vowels,
    # consonants side by side as in ck) but not across a vowel (Habiba is not Heba).
    states: dict[tuple[str, bool], int] = {("", False): 0}
    for options, vowel in _latin_segments(token, western):
        following: dict[tuple[str, bool], int] = {}
        for (key, after_consonant), cost in states.items():
            for symbols, extra in options:
                total = cost + extra
                if total > max_cost:
                    continue
                out = key
                for ch in symbols:
                    if out and out[-1] == ch and (ch in "aiu" or (after_consonant and not vowel)):
                        continue
                    out += ch
                flag = (not vowel) if (symbols or vowel) else after_consonant
                state = (out, flag)
                if total < following.get(state, max_cost + 1):
                    following[state] = total
        states = following
    readings: dict[str, int] = {}
    for (key, _), cost in states.items():
        if cost < readings.get(key, max_cost + 1):
            readings[key] = cost
    return readings


@functools.lru_cache(maxsize=50_000)
def _western_readings(token: str) -> dict[str, int]:
    return latin_readings(token, western=True)


@functools.lru_cache(maxsize=200_000)
def reading_distance(latin_token: str, key: str) -> int | None:
    """How many letters of a Latin name token must be read in a less likely way for it to
    spell phonetic key `key` (0: its own key), or None when no reading does. This is how an
    Arabic name on one record meets a Latin one on another when their keys differ."""
    if not key:
        return None
    token = "".join(ch for ch in normalise_latin(latin_token) if "a" <= ch <= "z")
    if not token:
        return None
    if phonetic_key(token) == key:
        return 0
    best = None
    stripped = _strip_latin_article(token)
    for form, extra in ((_canonical_latin(stripped), 0), (token, 1)):
        d = _western_readings(form).get(key)
        if d is not None and (best is None or d + extra < best):
            best = d + extra
        if stripped == token:
            break
    return best


def _canonical_latin(token: str) -> str:
    """Spell a compound the way its Arabic is spelled: the article of abd al- in full, the
    assimilated article of -eddin undone."""
    m = re.match(r"^abd([aeiou]{0,2})(l?)(.{3,})$", token)
    if m:
        rest = m.group(3)
        if not m.group(2) and rest[0] == rest[1] and rest[0] not in _VOWELS:
            rest = rest[1:]  # Abdurrahman: the article assimilated to the sun letter
        token = "abdal" + rest
    m = re.match(r"^(.{2,}?)[aeiou]?(?:l|d)d(?:i|ee|ii|y)ne?$", token)
    if m:
        token = m.group(1) + "aldin"
    return token


def _strip_latin_article(token: str) -> str:
    # Glued article (Elkhalil, Alhassan), but not a doubled l (Allam, Allawi are علام, علاوي).
    if re.match(r"^(?:al|el)[^aeiouyl]", token) and len(token) >= 5:
        return token[2:]
    return token


def _latin_key(token: str) -> str:
    token = "".join(ch for ch in token if "a" <= ch <= "z")
    if not token:
        return ""
    by_key, by_latin = _lexicon()
    if token in by_latin:
        return by_latin[token]
    token = _strip_latin_article(token)
    if token in by_latin:
        return by_latin[token]
    m = re.match(r"^(?:abu|abou|abo|aboo)(.{3,})$", token)
    if m:
        return "abu" + _latin_key(m.group(1))
    token = _canonical_latin(token)
    readings = latin_readings(token)
    # The likeliest reading, unless a reading that strays by at most two letters spells a
    # known name: then the closest such, and among those the most common.
    default = min(readings, key=readings.get)
    known = [(d, -by_key[k], k) for k, d in readings.items() if k in by_key and d <= 2]
    return min(known)[2] if known else default


@functools.lru_cache(maxsize=200_000)
def phonetic_key(token: str) -> str:
    """A script-independent key of one name token: محمد, Mohammed, Muhammad and Mohamad share
    one; so do عبد الرحمن and Abdulrahman, الخليل and El-Khalil. Different names (Ahmad and
    Mahmoud, حسن and حسين, علي and علاء) keep different keys."""
    if not token:
        return ""
    tokens = _join(_split(token))
    if not tokens:
        return ""
    parts = []
    for tok in tokens:
        if tok.script == "ar":
            parts.append(_arabic_key(tok.raw))
        elif tok.script == "la":
            parts.append(_latin_key(tok.raw))
        else:
            parts.append(tok.raw)
    return "".join(parts)[:MAX_KEY_LENGTH]


@functools.cache
def _lexicon() -> tuple[dict[str, float], dict[str, str]]:
    """(phonetic key -> weight of the most common known name with it, Latin spelling -> key)."""
    by_key: dict[str, float] = {}
    by_latin: dict[str, set[str]] = {}
    for name in known_names().values():
        key = _arabic_key(_fold(name.arabic))
        weight = name.per_10k or 0.5
        by_key[key] = max(by_key.get(key, 0.0), weight)
        for spelling in name.latin:
            for tok in name_tokens(spelling):
                by_latin.setdefault(tok, set()).add(key)
    # A spelling listed under two different names decides nothing.
    latin = {s: next(iter(keys)) for s, keys in by_latin.items() if len(keys) == 1}
    return by_key, latin


def is_known_name(token: str) -> bool:
    """Whether a normalised name token spells a name of the lexicon as it stands: an Arabic
    spelling in the table, a Latin spelling listed there or read in the usual way."""
    if not token:
        return False
    if is_arabic_letter(token[0]):
        return token in known_names()
    by_key, by_latin = _lexicon()
    if token in by_latin:
        return True
    readings = latin_readings(_canonical_latin(_strip_latin_article(token)), max_cost=0)
    return any(key in by_key for key in readings)


def listed_key(token: str) -> str | None:
    """The key of the lexicon name that lists this normalised Latin token among its
    spellings (with or without its article), None when none (or more than one) does."""
    by_latin = _lexicon()[1]
    found = by_latin.get(token)
    if found is None:
        found = by_latin.get(_strip_latin_article(token))
    return found
