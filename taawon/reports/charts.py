"""A `Chart` drawn as SVG in the reader's language, and the texts of its cells and shares.

Numbers are written here, as the page writes them (taawon.formats), before they reach the
chart library, so that a chart and the table under it show the same "1,620". For the PDF the
labels are shaped (`lib.charts.visual`): WeasyPrint draws SVG text as it is given.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi, gettext

from taawon.formats import render
from taawon.lib import charts as draw
from taawon.reports.figures import Cell, Chart, number_of


def cell_text(cell: Cell) -> str:
    """A cell as written: grouped digits, a hidden cell's own text ("<5"), "—" for none."""
    if cell is None:
        return "—"
    if isinstance(cell, str):
        return cell
    return render.format_amount(Decimal(str(cell)))


def share_text(part: Cell, whole: Cell) -> str:
    """part/whole as "36.5%", to one decimal as the programme publishes; "" when either is
    hidden or the whole is nothing, so that no share of a hidden count is shown."""
    if part is None or whole is None or isinstance(part, str) or isinstance(whole, str):
        return ""
    if not whole:
        return ""
    # Rounded half up, as the programme publishes (591 of 1,620 is 36.5%); Django's number
    # format alone would cut the digits off instead.
    percent = (Decimal(str(part)) * 100 / Decimal(str(whole))).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    return gettext("%(percent)s%%") % {"percent": formats.number_format(percent, 1)}


def _tick(value: float) -> str:
    return render.format_amount(Decimal(str(value)))


def _shares(chart: Chart) -> list[draw.Share]:
    wholes = []
    for index, category in enumerate(chart.categories):
        cells = [values[index] for _, values in chart.series]
        hidden = any(c is None or isinstance(c, str) for c in cells)
        total = sum(number_of(c) for c in cells)
        displays = [cell_text(c) if hidden else share_text(c, total) for c in cells]
        wholes.append(draw.Share(category, [number_of(c) for c in cells], displays))
    return wholes


# A phone's chart is drawn for its width, not shrunk from a computer's: shrunk, its labels
# would come out at 5 or 6 pixels.
NARROW = 340


def svg(
    chart: Chart, *, rtl: bool | None = None, for_pdf: bool = False, width: float | None = None
) -> SafeString:
    """The chart's SVG; right-to-left when the active language is, unless `rtl` says; drawn
    `width` units wide (the chart library's default when None)."""
    rtl = get_language_bidi() if rtl is None else rtl
    options = {
        "title": chart.title,
        "rtl": rtl,
        "shape": draw.visual if for_pdf else None,
        "description": chart.description,
    }
    if width is not None:
        options["width"] = width
    series = [
        draw.Series(name, [number_of(c) for c in values], [cell_text(c) for c in values])
        for name, values in chart.series
    ]
    if chart.kind == "bars":
        first = series[0]
        bars = [
            draw.Bar(label, value, shown)
            for label, value, shown in zip(
                chart.categories, first.values, first.displays, strict=True
            )
        ]
        markup = draw.horizontal_bars(bars, **options)
    elif chart.kind in ("columns", "stacked"):
        markup = draw.vertical_bars(
            chart.categories, series, stacked=chart.kind == "stacked", number=_tick, **options
        )
    elif chart.kind == "line":
        markup = draw.line_chart(chart.categories, series, number=_tick, **options)
    elif chart.kind == "shares":
        markup = draw.share_bars([name for name, _ in chart.series], _shares(chart), **options)
    elif chart.kind == "map":
        first = series[0]
        places = [
            draw.Place(label, point[0], point[1], value, shown)
            for label, point, value, shown in zip(
                chart.categories, chart.coordinates, first.values, first.displays, strict=True
            )
            if point is not None
        ]
        markup = draw.bubble_map(places, outline=chart.outline, **options)
    else:
        raise ValueError(f"Unknown kind of chart: {chart.kind}")
    return mark_safe(markup)  # the chart library escapes every text it draws
