"""Characters that have no place in what a person types, found and removed.

- NUL (U+0000): PostgreSQL cannot store it in text and SQLite cuts strings at it in places;
  it is refused with a field error (`core.validation.clean_text`), never removed, because a
  NUL in the middle of a value means the client sent something other than text.
- Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): a name
  holding U+202E shows its letters reversed ("Trojan Source" spoofing) in lists, page titles and
  exports. Removed. The plain marks that Arabic typing uses (U+200E LRM, U+200F RLM, U+061C
  ALM) and the joiners (U+200C, U+200D) stay.
- Other C0 and C1 control characters (U+0001-U+001F but tab, line feed and carriage return,
  U+007F-U+009F): invisible, and illegal in XML, so they break the XLSX exports. Removed.

Removing, rather than refusing, is the choice for these: they come in unseen from copy and
paste (a spreadsheet, a PDF, a phone's keyboard), and the person could not see what to fix.
"""

from __future__ import annotations

import re

NUL = "\x00"
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + BIDI_CONTROLS + "]")


def has_nul(text: str) -> bool:
    return NUL in text


def strip_controls(text: str) -> str:
    """`text` without bidirectional overrides/isolates and control characters other than tab,
    line feed and carriage return. NUL stays, for the caller to refuse (`has_nul`)."""
    return _UNSAFE.sub("", text)
