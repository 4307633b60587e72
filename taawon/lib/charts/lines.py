"""A line per series over periods (months), time running in the reader's direction."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from taawon.lib.charts.bars import value_axis
from taawon.lib.charts.model import Series
from taawon.lib.charts.palette import colour
from taawon.lib.charts.svg import Canvas, Shape, axis, legend_rows_height, number, text_width


def line_chart(
    periods: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    rtl: bool = False,
    shape: Shape | None = None,
    number: Callable[[float], str] = number,
    width: float = 640,
    height: float = 280,
    description: str = "",
) -> str:
    """Points joined by lines; the periods' names spaced out so they do not overlap; each
    point's value written over it when there is one series of a year or less."""
    size = 11.0
    gridlines = axis(max((max(s.values, default=0) for s in series), default=0))
    top = gridlines[-1]
    left = max(text_width(number(t), size) for t in gridlines) + 12
    legend_height = (
        legend_rows_height([s.name for s in series], size, width) + 8 if len(series) > 1 else 0
    )
    canvas = Canvas(
        width, height + legend_height, title=title, rtl=rtl, shape=shape, description=description
    )
    plot_top, plot_bottom = 16.0, height - 28
    value_axis(canvas, gridlines, left, plot_top, plot_bottom, number)
    widest = max((text_width(p, size) for p in periods), default=0) + 6
    # The first and last periods' names are centred on their points: room for half of each.
    inset = max(12.0, widest / 2)
    inner = width - 8 - left - 2 * inset
    step = inner / max(len(periods) - 1, 1)
    every = max(1, int(widest // step) + 1) if step else 1

    def at(index: int, value: float) -> tuple[float, float]:
        x = canvas.x(left + inset + step * index)
        return x, plot_bottom - (plot_bottom - plot_top) * max(value, 0) / top

    for index, period in enumerate(periods):
        if index % every == 0:
            canvas.text(at(index, 0)[0], plot_bottom + 14, period, side="middle", size=size)
    label_points = len(series) == 1 and len(periods) <= 12
    for number_in_series, each in enumerate(series):
        fill = colour(number_in_series)
        points = [at(i, v) for i, v in enumerate(each.values)]
        canvas.polyline(points, fill)
        for index, (x, y) in enumerate(points):
            tip = f"{periods[index]}, {each.name}: {each.displays[index]}"
            canvas.circle(x, y, 3.5, fill, label=tip)
            if label_points:
                canvas.text(x, y - 10, each.displays[index], side="middle", size=10)
    if len(series) > 1:
        canvas.legend(height + 4, [(s.name, colour(i)) for i, s in enumerate(series)], size=size)
    return canvas.render()
