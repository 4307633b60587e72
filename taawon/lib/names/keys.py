"""Search terms and the index keys (NameKey rows) that name search and duplicate blocking use."""

from __future__ import annotations

from dataclasses import dataclass

from taawon.lib.arabic import normalise_arabic

from .phonetic import _ARABIC_NOT_ARTICLE, MAX_KEY_LENGTH, _strip_latin_article, phonetic_key
from .tokens import _join, _normalised, _split


@dataclass(frozen=True)
class SearchTerm:
    prefix: str  # "t:" + normalised token prefix
    phonetic: str  # "p:" + phonetic key of the query token


def _article_stripped(token: str) -> str:
    if token.startswith("ال") and len(token) >= 4 and token not in _ARABIC_NOT_ARTICLE:
        return token[2:]
    stripped = _strip_latin_article(token)
    return stripped if stripped != token else ""


def without_article(token: str) -> str:
    """A normalised name token without its leading article (الخليل, alkhalil -> خليل, khalil),
    so that comparing two family names does not count the article both share."""
    return _article_stripped(token) or token


def _key(kind: str, value: str) -> str:
    return (kind + value)[:MAX_KEY_LENGTH]


def keyed_tokens(text: str) -> list[tuple[str, str]]:
    """(normalised token, phonetic key) for each token of a name. The key is read from the
    token as typed, before normalisation folds ى into ي (مصطفى ends in an a, not an i)."""
    return [(_normalised(tok), phonetic_key(tok.raw)) for tok in _join(_split(text or ""))]


def index_keys(*names: str) -> set[str]:
    """The keys stored for a person with these names: each token ("t:...") and its phonetic
    key ("p:..."), plus the token without its article so that "Khalil" finds "Al-Khalil"."""
    keys: set[str] = set()
    for name in names:
        for tok in _join(_split(name or "")):
            text = _normalised(tok)
            keys.add(_key("t:", text))
            stripped = _article_stripped(tok.raw)
            if stripped:
                keys.add(_key("t:", normalise_arabic(stripped) if tok.script == "ar" else stripped))
            p = phonetic_key(tok.raw)
            if p:
                keys.add(_key("p:", p))
    return keys


def search_terms(query: str) -> list[SearchTerm]:
    """One term per token of the query; a person matches when every term meets one of its
    keys (a key starting with the term's prefix, or equal to its phonetic key)."""
    terms = []
    for text, p in keyed_tokens(query):
        term = SearchTerm(prefix=_key("t:", text), phonetic=_key("p:", p) if p else "")
        if term not in terms:
            terms.append(term)
    return terms
