"""Colours that people with any common colour-vision deficiency can tell apart.

Okabe and Ito's palette ("Color Universal Design", 2008), in an order whose neighbours also
differ in lightness, so that a black-and-white print still separates them. Its yellow is left
out: on white paper it is too faint to read.
"""

from __future__ import annotations

PALETTE = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#000000",  # black
)
INK = "#212529"  # text, as Bootstrap's body colour
MUTED = "#6c757d"  # axes and gridlines' labels
GRID = "#dee2e6"
OUTLINE = "#e9ecef"  # the country's outline on the map


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]
