"""Shares of a whole as 100% bars: women and men among those registered, and among those
placed, one bar under the other so that the two can be compared."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from taawon.lib.charts.palette import colour
from taawon.lib.charts.svg import Canvas, Shape, fit, text_width

# Text on these colours of the palette is white, on the others black, for contrast.
DARK = {0, 3, 6}


@dataclass(frozen=True)
class Share:
    """One whole: its label, the value of each part (in the order of the parts' names), and
    each part's share as the page writes it ("36.5%")."""

    label: str
    values: Sequence[float]
    displays: Sequence[str]


def share_bars(
    parts: Sequence[str],
    wholes: Sequence[Share],
    *,
    title: str,
    rtl: bool = False,
    shape: Shape | None = None,
    width: float = 640,
    description: str = "",
) -> str:
    """A full-width bar per whole, its parts side by side from the start side, each part's
    share written inside it when it fits; a legend names the parts."""
    size, thickness, gap = 12.0, 24.0, 10.0
    block = size + 6 + thickness + gap
    legend_top = block * len(wholes) + 4
    rows = 1 + int(sum(text_width(p, size) + 38 for p in parts) // width)
    canvas = Canvas(
        width,
        legend_top + rows * (size + 10) + 4,
        title=title,
        rtl=rtl,
        shape=shape,
        description=description,
    )
    for row, whole in enumerate(wholes):
        top = block * row
        canvas.text(
            canvas.x(0),
            top + size / 2 + 2,
            fit(whole.label, size, width),
            side=canvas.start(),
            bold=True,
        )
        total = sum(max(v, 0) for v in whole.values) or 1
        cursor = 0.0
        for index, (value, shown) in enumerate(zip(whole.values, whole.displays, strict=True)):
            length = width * max(value, 0) / total
            label = f"{whole.label}, {parts[index]}: {shown}"
            bar_top = top + size + 6
            canvas.rect(
                canvas.x(cursor),
                bar_top,
                -length if rtl else length,
                thickness,
                colour(index),
                label,
            )
            if length >= text_width(shown, 11) + 6:
                canvas.text(
                    canvas.x(cursor + length / 2),
                    bar_top + thickness / 2,
                    shown,
                    side="middle",
                    size=11,
                    fill="#ffffff" if index in DARK else "#000000",
                )
            cursor += length
    canvas.legend(legend_top, [(p, colour(i)) for i, p in enumerate(parts)], size=size)
    return canvas.render()
