"""Bar charts: one value per category (horizontal), or a cross table (vertical, grouped or
stacked)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from taawon.lib.charts.model import Bar, Series
from taawon.lib.charts.palette import GRID, MUTED, colour
from taawon.lib.charts.svg import Canvas, Shape, axis, fit, legend_rows_height, number, text_width


def horizontal_bars(
    bars: Sequence[Bar],
    *,
    title: str,
    rtl: bool = False,
    shape: Shape | None = None,
    width: float = 640,
    fill: str = colour(0),
    description: str = "",
) -> str:
    """A bar per category, longest labels first in the reader's direction, each bar's value
    written at its end. Categories stay in the order given."""
    size, row, thickness = 12.0, 26.0, 18.0
    label_width = min(max((text_width(b.label, size) for b in bars), default=0), width * 0.4) + 4
    value_width = max((text_width(b.display, size) for b in bars), default=0) + 8
    start = label_width + 8
    room = max(width - start - value_width - 4, 10)
    top = max((b.value for b in bars), default=0) or 1
    canvas = Canvas(
        width, row * len(bars) + 8, title=title, rtl=rtl, shape=shape, description=description
    )
    for index, bar in enumerate(bars):
        middle = 4 + row * index + row / 2
        canvas.text(
            canvas.x(label_width),
            middle,
            fit(bar.label, size, label_width),
            side=canvas.end(),
            full=bar.label,
        )
        length = room * max(bar.value, 0) / top
        canvas.rect(
            canvas.x(start),
            middle - thickness / 2,
            -length if rtl else length,
            thickness,
            fill,
            f"{bar.label}: {bar.display}",
        )
        canvas.text(canvas.x(start + length + 4), middle, bar.display, side=canvas.start())
    return canvas.render()


def value_axis(
    canvas: Canvas,
    gridlines: list[float],
    left: float,
    plot_top: float,
    plot_bottom: float,
    number_format,
) -> None:
    """Gridlines and their values on the start side (the right in Arabic)."""
    top = gridlines[-1]
    for tick in gridlines:
        y = plot_bottom - (plot_bottom - plot_top) * tick / top
        canvas.line(canvas.x(left), y, canvas.x(canvas.width - 8), y, GRID)
        canvas.text(
            canvas.x(left - 6), y, number_format(tick), side=canvas.end(), fill=MUTED, size=11
        )


def vertical_bars(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    stacked: bool = False,
    rtl: bool = False,
    shape: Shape | None = None,
    number: Callable[[float], str] = number,
    width: float = 640,
    height: float = 300,
    description: str = "",
) -> str:
    """Columns per category, one per series side by side (or stacked), with a value axis on
    the start side and a legend when there is more than one series."""
    size = 12.0
    if stacked:
        highest = max(
            (sum(max(s.values[i], 0) for s in series) for i in range(len(categories))), default=0
        )
    else:
        highest = max((max(s.values, default=0) for s in series), default=0)
    gridlines = axis(highest)
    top = gridlines[-1]
    left = max(text_width(number(t), 11) for t in gridlines) + 12
    legend_height = (
        legend_rows_height([s.name for s in series], size, width) + 8 if len(series) > 1 else 0
    )
    canvas = Canvas(
        width, height + legend_height, title=title, rtl=rtl, shape=shape, description=description
    )
    plot_top, plot_bottom = 12.0, height - 28
    value_axis(canvas, gridlines, left, plot_top, plot_bottom, number)
    slot = (width - 8 - left) / max(len(categories), 1)
    scale = (plot_bottom - plot_top) / top
    columns = 1 if stacked else len(series)
    column = slot * 0.8 / max(columns, 1)
    for index, category in enumerate(categories):
        base = left + slot * index + slot * 0.1
        canvas.text(
            canvas.x(left + slot * index + slot / 2),
            plot_bottom + 14,
            fit(category, size, slot - 4),
            side="middle",
            full=category,
        )
        stack = 0.0
        for number_in_group, each in enumerate(series):
            value = max(each.values[index], 0)
            tall = value * scale
            offset = 0 if stacked else column * number_in_group
            x = canvas.x(base + offset)
            y = plot_bottom - stack - tall
            canvas.rect(
                x,
                y,
                -column if rtl else column,
                tall,
                colour(number_in_group),
                f"{category}, {each.name}: {each.displays[index]}",
            )
            shown = each.displays[index]
            if stacked:
                if tall >= size + 2 and text_width(shown, 11) <= column:
                    canvas.text(
                        canvas.x(base + column / 2),
                        y + tall / 2,
                        shown,
                        side="middle",
                        size=11,
                        fill="#ffffff" if number_in_group in (0, 3, 6) else "#000000",
                    )
                stack += tall
            elif text_width(shown, 10) <= column + 4:
                canvas.text(
                    canvas.x(base + offset + column / 2), y - 8, shown, side="middle", size=10
                )
    if len(series) > 1:
        canvas.legend(height + 4, [(s.name, colour(i)) for i, s in enumerate(series)])
    return canvas.render()
