"""Published indicator tables as a spreadsheet: one tidy table (a row per figure) that XLSX and
CSV with HXL hashtags both take, for the indicators page and every dashboard.

A row names its indicator, its period, the category it counts for each dimension (code and
name), and its figure as the viewer may see it ("x" where withheld). A figure over every
category of a dimension (a total) says so in that dimension's name column, so that a pivot or
a sum in Excel never adds a total to its own parts by mistake: filter the rows on "Total".
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils.translation import gettext as _

from taawon.lib.tabular.export import MEDIA_TYPES, iter_csv, write_xlsx

from . import registry
from .dimensions import DIMENSIONS
from .published import Published

# HXL hashtags (https://hxlstandard.org/standard/1-1final/dictionary/) for each dimension's
# columns; "+code" and "+name" are added. Population groups go under #group, as the HXL
# dictionary does for affected-population breakdowns.
DIMENSION_HXL = {
    "sex": "#group+sex",
    "nationality": "#group+nationality",
    "displacement": "#group+displacement",
    "age": "#group+age",
    "disability": "#group+disability",
    "governorate": "#adm1",
    "unit": "#org",
    "month": "#date+month",
    "quarter": "#date+quarter",
    "year": "#date+year",
}


@dataclass(frozen=True)
class Sheet:
    headers: list[str]
    hxl: list[str]
    rows: list[list[object]]


def _figures(shown: Published) -> Iterator[tuple[dict[str, str], object]]:
    """({dimension: key} or {} for a total over it, figure) for every figure of `shown`."""
    table = shown.table
    dims = table.dimensions
    if not dims:
        yield {}, shown.total
        return
    if len(dims) == 1:
        for key in table.keys[0]:
            yield {dims[0]: key}, shown.cell(key)
    else:
        first, second = dims
        for row in table.keys[0]:
            for col in table.keys[1]:
                yield {first: row, second: col}, shown.cell(row, col)
            yield {first: row}, shown.row_total(row)
        for col in table.keys[1]:
            yield {second: col}, shown.col_total(col)
    yield {}, shown.total


def sheet(tables: Sequence[Published]) -> Sheet:
    """The figures of `tables` as one sheet, each figure once (a total that several tables
    share is one row), with a column pair (code, name) for every dimension any of them is
    broken down by."""
    dimensions: list[str] = []
    for shown in tables:
        dimensions += [d for d in shown.table.dimensions if d not in dimensions]
    headers = [_("Indicator code"), _("Indicator"), _("Unit of count"), _("From"), _("To")]
    hxl = ["#indicator+code", "#indicator+name", "#indicator+unit", "#date+start", "#date+end"]
    for code in dimensions:
        label = str(DIMENSIONS[code].label)
        headers += [_("%(dimension)s (code)") % {"dimension": label}, label.capitalize()]
        hxl += [f"{DIMENSION_HXL[code]}+code", f"{DIMENSION_HXL[code]}+name"]
    headers.append(_("Figure"))
    hxl.append("#indicator+value+num")
    total = _("Total")
    rows = []
    seen: set[tuple] = set()
    for shown in tables:
        table = shown.table
        leading = [
            table.indicator.code,
            str(table.indicator.name),
            str(registry.UNITS[table.indicator.unit]),
            table.start,
            table.end,
        ]
        filters = tuple(sorted(table.filters.items()))
        for keys, value in _figures(shown):
            # The same figure reached from two tables (a total, a margin) is written once.
            identity = (table.indicator.code, filters, tuple(sorted(keys.items())))
            if identity in seen:
                continue
            seen.add(identity)
            row = list(leading)
            for code in dimensions:
                if code in keys:
                    key = keys[code]
                    row += [key, table.labels[code].get(key, key)]
                else:
                    row += ["", total]
            row.append(value)
            rows.append(row)
    return Sheet([str(h) for h in headers], hxl, rows)


def xlsx(tables: Sequence[Published], *, title: str, right_to_left: bool) -> bytes:
    """The workbook of `tables`' figures."""
    content = sheet(tables)
    target = io.BytesIO()
    write_xlsx(
        target,
        headers=content.headers,
        rows=content.rows,
        title=title,
        right_to_left=right_to_left,
    )
    return target.getvalue()


def csv_lines(tables: Sequence[Published]) -> Iterable[str]:
    """The CSV of `tables`' figures: header row, HXL hashtag row, then the figures."""
    content = sheet(tables)
    return iter_csv(headers=content.headers, hxl=content.hxl, rows=content.rows)


def response(
    tables: Sequence[Published], *, fmt: str, name: str, title: str, right_to_left: bool
) -> HttpResponse:
    """`tables` as a download in `fmt` ("xlsx" or "csv"), named `name`.`fmt`."""
    if fmt == "csv":
        answer = HttpResponse("".join(csv_lines(tables)), content_type=MEDIA_TYPES["csv"])
    else:
        answer = HttpResponse(
            xlsx(tables, title=title, right_to_left=right_to_left),
            content_type=MEDIA_TYPES["xlsx"],
        )
    answer["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return answer


def unknown_format() -> HttpResponse:
    return HttpResponse(
        _("Unknown export format: choose XLSX or CSV."), status=400, content_type="text/plain"
    )
