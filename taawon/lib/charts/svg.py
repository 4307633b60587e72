"""The drawing surface the charts share: escaped text, mirrored anchors, the accessible root.

A text is placed by which of its edges stands at x ("left": the text begins at x and runs
rightwards; "middle"), whatever the writing direction, and translated here: an SVG's
`text-anchor="start"` means the right edge in a right-to-left SVG, which is what a page in
Arabic makes of an inline SVG that does not say its direction.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Literal

from taawon.lib.charts.palette import INK

Side = Literal["left", "right", "middle"]
Shape = Callable[[str], str]

FONT = "'Taawon Arabic', 'Noto Sans Arabic', system-ui, 'DejaVu Sans', sans-serif"
# A rough average advance of a character in em, for laying out labels without font metrics.
CHAR_EM = 0.62
# Letters written right to left (Hebrew, Arabic and their presentation forms).
RTL_LETTERS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
LRM = "\u200e"


def escape(text: object) -> str:
    return (
        str(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def number(value: float) -> str:
    """Numbers with a fixed, language-neutral form; the caller normally passes its own."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def text_width(text: str, size: float) -> float:
    return len(text) * size * CHAR_EM


def fit(text: str, size: float, width: float) -> str:
    """`text` cut with an ellipsis to about `width` units; the full text stays in the table."""
    most = max(int(width / (size * CHAR_EM)), 4)
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 times a power of ten at or above `value`, for an axis."""
    if value <= 0:
        return 1.0
    power = 10 ** (len(str(int(value))) - 1) if value >= 1 else 1.0
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power  # pragma: no cover - the loop ends at 10 x power >= value


def axis(highest: float, count: int = 4) -> list[float]:
    """About `count` gridlines at a round step (never under 1: the values are counts or
    money) from 0 to at or above `highest`."""
    step = nice_ceiling(highest / count)
    steps = max(math.ceil(highest / step), 1)
    return [step * i for i in range(steps + 1)]


class Canvas:
    """An SVG being drawn: shapes and texts in order, then `render()`."""

    def __init__(
        self,
        width: float,
        height: float,
        *,
        title: str,
        rtl: bool = False,
        shape: Shape | None = None,
        description: str = "",
    ) -> None:
        self.width, self.height = width, height
        self.title, self.description = title, description
        self.rtl = rtl
        self.shape = shape
        # Shaped text is already in the order it is drawn, left to right.
        self.direction = "rtl" if rtl and shape is None else "ltr"
        self.parts: list[str] = []

    def x(self, value: float) -> float:
        """A horizontal position measured from the start side: mirrored in right-to-left."""
        return self.width - value if self.rtl else value

    def start(self) -> Side:
        """The side text leans against at the start of a line: left, or right in Arabic."""
        return "right" if self.rtl else "left"

    def end(self) -> Side:
        return "left" if self.rtl else "right"

    def _anchor(self, side: Side) -> str:
        if side == "middle":
            return "middle"
        if self.direction == "rtl":
            return "end" if side == "left" else "start"
        return "start" if side == "left" else "end"

    def text(
        self,
        x: float,
        y: float,
        content: str,
        *,
        side: Side = "left",
        size: float = 12,
        fill: str = INK,
        bold: bool = False,
        full: str = "",
    ) -> None:
        """`content` with its middle at height y; `full`, when the content was cut, as a tooltip."""
        drawn = self.shape(content) if self.shape else content
        if self.direction == "rtl" and not RTL_LETTERS.search(drawn):
            # A text of digits and signs alone ("<5", "12.5%") would take the SVG's direction and
            # read "5>"; left-to-right marks around it keep it as written.
            drawn = f"{LRM}{drawn}{LRM}"
        weight = ' font-weight="700"' if bold else ""
        tip = f"<title>{escape(full)}</title>" if full and full != content else ""
        self.parts.append(
            f'<text x="{x:.1f}" y="{y + size * 0.35:.1f}" font-size="{size:g}" fill="{fill}"'
            f' text-anchor="{self._anchor(side)}"{weight}>{tip}{escape(drawn)}</text>'
        )

    def rect(
        self, x: float, y: float, width: float, height: float, fill: str, label: str = ""
    ) -> None:
        if width < 0:
            x, width = x + width, -width
        tip = f"<title>{escape(label)}</title>" if label else ""
        self.parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}"'
            f' fill="{fill}">{tip}</rect>'
        )

    def line(
        self, x1: float, y1: float, x2: float, y2: float, stroke: str, width: float = 1
    ) -> None:
        self.parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}"'
            f' stroke="{stroke}" stroke-width="{width:g}"/>'
        )

    def polyline(
        self, points: Iterable[tuple[float, float]], stroke: str, width: float = 2
    ) -> None:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        self.parts.append(
            f'<polyline points="{path}" fill="none" stroke="{stroke}" stroke-width="{width:g}"'
            ' stroke-linejoin="round"/>'
        )

    def polygon(self, points: Iterable[tuple[float, float]], fill: str, stroke: str) -> None:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        self.parts.append(f'<polygon points="{path}" fill="{fill}" stroke="{stroke}"/>')

    def circle(
        self, x: float, y: float, r: float, fill: str, *, label: str = "", opacity: float = 1
    ) -> None:
        tip = f"<title>{escape(label)}</title>" if label else ""
        fade = f' fill-opacity="{opacity:g}"' if opacity < 1 else ""
        self.parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{fill}"{fade}'
            f' stroke="#ffffff" stroke-width="1">{tip}</circle>'
        )

    def legend(self, y: float, entries: list[tuple[str, str]], size: float = 12) -> float:
        """Swatches and names in one row from the start side, wrapping; returns the height used."""
        cursor, row = 0.0, 0
        for name, fill in entries:
            advance = _legend_advance(name, size)
            if cursor and cursor + advance > self.width:
                cursor, row = 0.0, row + 1
            top = y + row * (size + 10)
            swatch = self.x(cursor) - (14 if self.rtl else 0)
            self.rect(swatch, top, 14, 14, fill)
            self.text(self.x(cursor + 20), top + 7, name, side=self.start(), size=size)
            cursor += advance
        return (row + 1) * (size + 10)

    def render(self) -> str:
        description = f"<desc>{escape(self.description)}</desc>" if self.description else ""
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"'
            f' viewBox="0 0 {self.width:g} {self.height:g}" width="{self.width:g}"'
            f' height="{self.height:g}" aria-label="{escape(self.title)}"'
            f' font-family="{escape(FONT)}" direction="{self.direction}">'
            f"<title>{escape(self.title)}</title>{description}{''.join(self.parts)}</svg>"
        )


def _legend_advance(name: str, size: float) -> float:
    # swatch, gap, name, space before the next entry
    return 14 + 6 + text_width(name, size) + 18


def legend_rows_height(names: Sequence[str], size: float, width: float) -> float:
    """The height `Canvas.legend` takes for `names` on a canvas `width` wide."""
    cursor, rows = 0.0, 1
    for name in names:
        advance = _legend_advance(name, size)
        if cursor and cursor + advance > width:
            cursor, rows = 0.0, rows + 1
        cursor += advance
    return rows * (size + 10)
