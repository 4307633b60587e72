"""Arabic text normalisation for names: one spelling per name however it was typed.

Registration clerks, phones and ODK forms write the same name with or without hamza,
tashkeel, tatweel, a taa marbuta or a plain haa. Equality and search need one form, so
these variants fold together; the lone hamza (ء) is kept because it is what separates
علاء (Alaa) from علا (Ola) and نساء-type endings from a plain alef.
"""

from __future__ import annotations

import re
import unicodedata

# Presentation forms and other compatibility characters are folded by NFKC first.
_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ؤ": "و",
        "ئ": "ي",
        "ى": "ي",
        "ة": "ه",
        "ۀ": "ه",
        "ە": "ه",
        # Persian and Urdu letters that keyboards in the region produce for Arabic ones.
        "ی": "ي",
        "ې": "ي",
        "ک": "ك",
        "ڪ": "ك",
        "ہ": "ه",
        "ھ": "ه",
        "ـ": None,  # tatweel
        "\u200c": None,  # zero-width non-joiner
        "\u200d": None,  # zero-width joiner
        "\u200e": None,  # left-to-right mark
        "\u200f": None,  # right-to-left mark
        "\u061c": None,  # Arabic letter mark
        "\ufeff": None,
    }
)
ARABIC_INDIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Tashkeel (harakat, tanwin, shadda, sukun), superscript alef and Quranic annotation marks.
_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]")
_SPACES = re.compile(r"\s+")


def is_arabic_letter(ch: str) -> bool:
    return (
        "\u0621" <= ch <= "\u064a"
        or "\u0671" <= ch <= "\u06d3"
        or "\u06fa" <= ch <= "\u06ff"
        or "\u0750" <= ch <= "\u077f"
        or "\u08a0" <= ch <= "\u08ff"
    )


def strip_tashkeel(text: str) -> str:
    return _TASHKEEL.sub("", text).replace("ـ", "")


def normalise_arabic(text: str) -> str:
    """Fold hamza forms, taa marbuta, alef maqsura, tashkeel, tatweel and digits; tidy spaces."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = _TASHKEEL.sub("", text).translate(_FOLD).translate(ARABIC_INDIC_DIGITS)
    return _SPACES.sub(" ", text).strip()


def is_arabic(text: str) -> bool:
    """True when most of the letters in `text` are Arabic (so mixed text goes by its majority)."""
    arabic = other = 0
    for ch in text or "":
        if is_arabic_letter(ch):
            arabic += 1
        elif ch.isalpha():
            other += 1
    return arabic > 0 and arabic >= other
