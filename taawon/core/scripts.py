"""The script a page shows proper names in.

Arabic and Sorani Kurdish are both written in the Arabic script, so a Sorani page shows a
person's, a place's or an organisation's Arabic-script name (as it is written in Iraq and the
Kurdistan Region, and as its holder reads it) rather than its Latin transliteration, which
would sit left to right inside right-to-left text. Descriptions (an occupation's title, an
indicator's) are language, not script: they stay in English on a Sorani page until they are
translated.
"""

from __future__ import annotations

from django.utils.translation import get_language

ARABIC_SCRIPT_LANGUAGES = frozenset({"ar", "ckb"})


def names_in_arabic_script() -> bool:
    """Whether the active language shows names in the Arabic script."""
    return (get_language() or "").split("-")[0] in ARABIC_SCRIPT_LANGUAGES
