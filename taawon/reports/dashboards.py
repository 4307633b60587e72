"""The country and unit dashboards' content: headline figures and charts of the indicator
engine's tables over a period, in the viewer's scope, published as the viewer may see them
(small cells withheld for an aggregate viewer), each linked to the records behind it for those
who may open them. Plain values (figures.py): the page and the PDF lay them out alike.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, replace

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from taawon.indicators import access, registry
from taawon.indicators import queries as indicator_queries
from taawon.indicators.dimensions import DIMENSIONS, period_end
from taawon.indicators.engine import compute as compute_table
from taawon.indicators.engine import latest_day
from taawon.indicators.provenance import Links
from taawon.indicators.published import Published, publish
from taawon.reports.figures import Chart, HeadlineFigure, chart_from_table
from taawon.reports.maps import country_outline, governorate_centroids

# The brief's table: registered and placed job seekers, farms visited, jobs secured; then
# the permits issued through the cooperatives.
HEADLINE = (
    "job_seekers_registered",
    "job_seekers_placed",
    "farms_visited",
    "jobs_secured",
    "permits_issued",
)
# The two person indicators the charts compare (by month, by sex, by nationality).
REGISTERED, PLACED = "job_seekers_registered", "job_seekers_placed"
SYRIAN = "SY"
# Where an organisation's name joins its kind to its own name.
SEPARATORS = (", ", " - ", "، ")
FEMALE = "female"


@dataclass(frozen=True)
class Dashboard:
    start: datetime.date
    end: datetime.date
    figures: list[HeadlineFigure]
    charts: list[Chart]
    suppressed: bool
    # Every table the figures and charts were drawn from, as published (for the downloads).
    tables: tuple[Published, ...] = ()
    # Records of the period created or changed after it was locked (each with its reason).
    edits_after_lock: int = 0


def quarter_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return first, period_end("quarter", first)


def default_period(user) -> tuple[datetime.date, datetime.date]:
    """The latest quarter holding a figure of the headline indicators, never an empty one."""
    days = [
        day
        for code in HEADLINE
        if (indicator := registry.get(code)) is not None
        and (day := latest_day(user, indicator)) is not None
    ]
    return quarter_of(max(days) if days else timezone.localdate())


class _Source:
    """The engine asked for one viewer, period and unit, every table published."""

    def __init__(self, user, start, end, unit: str | None) -> None:
        self.user = user
        self.start, self.end = start, end
        self.filters = {"unit": unit} if unit else {}
        self.suppressed = False
        self.tables: list[Published] = []

    def table(self, code: str, by: tuple[str, ...] = ()) -> Published:
        computed = compute_table(
            self.user, code, start=self.start, end=self.end, by=by, filters=self.filters
        )
        shown = publish(computed, self.user)
        self.suppressed = self.suppressed or shown.suppressed
        self.tables.append(shown)
        return shown

    def url(self, shown: Published) -> str:
        return Links(shown.table, self.user).url()


def _indicators() -> list[registry.Indicator]:
    return [i for code in HEADLINE if (i := registry.get(code)) is not None]


def build(user, *, start: datetime.date, end: datetime.date, unit: str | None = None) -> Dashboard:
    """The dashboard of [start, end] for `user`, of one unit (its id as a string) or of all
    the user may count. Raises IndicatorError for a period or unit the viewer may not ask."""
    source = _Source(user, start, end, unit)
    figures = [_figure(source, indicator) for indicator in _indicators()]
    charts = [
        _by_month(source),
        _shares(source, "sex", _("Women and men")),
        _shares(source, "nationality", _("Nationality groups")),
        _map(source),
    ]
    if not unit and not access.aggregate_only(user):
        charts.append(_by_unit(source))
    return Dashboard(
        start=start,
        end=end,
        figures=figures,
        charts=[c for c in charts if c is not None],
        suppressed=source.suppressed,
        tables=tuple(source.tables),
        edits_after_lock=indicator_queries.locked_edits_seen_by(
            access.viewer(user, registry.get(REGISTERED)),
            start,
            end,
            int(unit) if unit else None,
        ).count(),
    )


def _figure(source: _Source, indicator: registry.Indicator) -> HeadlineFigure:
    total = source.table(indicator.code)
    women = syrians = None
    if indicator.unit == registry.PERSONS:
        women = source.table(indicator.code, ("sex",)).cell(FEMALE)
        syrians = source.table(indicator.code, ("nationality",)).cell(SYRIAN)
    return HeadlineFigure(
        label=str(indicator.name),
        value=total.total,
        women=women,
        syrians=syrians,
        unit=indicator.unit,
        definition=str(indicator.definition),
        url=source.url(total),
    )


def _by_month(source: _Source) -> Chart:
    tables = [source.table(code, ("month",)) for code in (REGISTERED, PLACED)]
    months = tables[0].table.keys[0]
    labels = tables[0].table.labels["month"]
    return Chart(
        title=_("Job seekers registered and placed, by month"),
        kind="line",
        categories=[labels[m] for m in months],
        series=[(str(t.table.indicator.name), [t.cell(m) for m in months]) for t in tables],
        heading=capfirst(str(DIMENSIONS["month"].label)),
        description=_("Unique persons in each month; a person may count in two months."),
        url=source.url(tables[0]),
    )


def _shares(source: _Source, dimension: str, title: str) -> Chart | None:
    """Each person indicator a whole, its parts the keys of `dimension` (those with a count)."""
    tables = [source.table(code, (dimension,)) for code in (REGISTERED, PLACED)]
    # A whole of nothing has no shares to draw.
    tables = [t for t in tables if t.total != 0]
    if not tables:
        return None
    keys = [
        k for k in tables[0].table.keys[0] if any(t.cell(k) not in (0, None) for t in tables)
    ] or list(tables[0].table.keys[0][:2])
    labels = tables[0].table.labels[dimension]
    return Chart(
        title=title,
        kind="shares",
        categories=[str(t.table.indicator.name) for t in tables],
        series=[(labels.get(k, k), [t.cell(k) for t in tables]) for k in keys],
        row_totals=[t.total for t in tables],
        heading=capfirst(str(DIMENSIONS[dimension].label)),
    )


def _map(source: _Source) -> Chart:
    shown = source.table(REGISTERED, ("governorate",))
    country = access.viewer(source.user, shown.table.indicator).host
    chart = chart_from_table(
        shown.as_table(),
        title=_("Job seekers registered, by governorate"),
        heading=capfirst(str(DIMENSIONS["governorate"].label)),
        coordinates=governorate_centroids(country),
        outline=country_outline(country),
    )
    return _with_url(chart, source.url(shown))


def _by_unit(source: _Source) -> Chart | None:
    shown = source.table("jobs_secured", ("unit",))
    table = shown.table
    units = [k for k in table.keys[0] if shown.cell(k)]
    if not units:
        return None
    return Chart(
        title=_("Jobs secured, by unit"),
        kind="bars",
        categories=without_common_prefix([table.labels["unit"].get(k, k) for k in units]),
        series=[(str(table.indicator.name), [shown.cell(k) for k in units])],
        heading=capfirst(str(DIMENSIONS["unit"].label)),
        total=shown.total,
        url=source.url(shown),
    )


def _with_url(chart: Chart, url: str) -> Chart:
    return replace(chart, url=url)


def without_common_prefix(labels: list[str]) -> list[str]:
    """Labels less the words they all begin with ("Employment Unit, "), which a bar's label,
    cut to fit, would otherwise show alone."""
    if len(labels) < 2:
        return labels
    common = os.path.commonprefix(labels)
    ends = [common.rfind(sep) + len(sep) for sep in SEPARATORS if sep in common]
    if not ends:
        return labels
    shorter = [label[max(ends) :].strip() for label in labels]
    return shorter if all(shorter) else labels
