"""Arabic text made ready for a renderer that does not shape it: WeasyPrint's SVG.

Measured (WeasyPrint 66): Arabic HTML text is shaped and ordered correctly, but the text of an
SVG embedded in the page is drawn letter by letter, unjoined and left to right, so that
"عمان" reads "ن ا م ع". `visual` gives that renderer what it should draw: each letter in its
joined presentation form (arabic_reshaper) and the characters in display order, right to left
(python-bidi). Only for the PDF: a browser shapes SVG text itself, and would reverse this again.
"""

from __future__ import annotations

import re

import arabic_reshaper
from bidi.algorithm import get_display

ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")


def visual(text: str) -> str:
    """`text` in joined letters and display order when it holds Arabic; unchanged otherwise."""
    if not ARABIC.search(text):
        return text
    return get_display(arabic_reshaper.reshape(text))
