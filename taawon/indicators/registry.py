"""The indicators the programme reports, each defined in code by the app that owns its data.

An app registers its indicators from its `AppConfig.ready()`:

    from taawon.indicators import registry
    registry.register(registry.Indicator(code="referrals", ...))

A definition says which rows count (`rows`, unscoped; the engine narrows them to the viewer's
reach with `scope`), the date that places a row in a period, where the row's governorate, owning
organisation and person are, and what is counted: distinct persons, rows, distinct values of a
field, or the sum of a field. No SQL is written here; the engine builds ORM expressions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as attribute
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from taawon.accounts import scoping

PERSONS = "persons"
EVENTS = "events"
MONEY = "money"
UNITS = {
    PERSONS: _("unique persons"),
    EVENTS: _("records or services"),
    MONEY: _("money"),
}

# What is counted: distinct persons (through `subject`), rows, distinct values of `field`, or
# the sum of `field`.
COUNT_PERSONS = "persons"
COUNT_ROWS = "rows"
COUNT_DISTINCT = "distinct"
SUM = "sum"
MEASURES = (COUNT_PERSONS, COUNT_ROWS, COUNT_DISTINCT, SUM)


def _default_scope(queryset: QuerySet, user: Any) -> QuerySet:
    return scoping.scope(queryset, user)


@dataclass(frozen=True)
class Indicator:
    """One indicator. Paths are ORM lookups from the counted row ("job_seeker__person").

    `subject`: path to the Person ("" when the row is the person, None when the indicator
    counts no person: person disaggregations are then refused unless `fields` names a column
    of the row for them, as awareness head counts do for sex and nationality).
    `fields`: dimension code -> path of a column that holds that dimension's value directly.
    `list_url`: URL name of the page listing the rows behind the figures, and
    `list_filters`: dimension code -> query parameter that list page understands.
    """

    code: str
    name: str | Promise
    definition: str | Promise
    unit: str
    rows: Callable[[], QuerySet]
    date: str
    measure: str
    subject: str | None = None
    field: str = ""
    governorate: str | None = None
    owner: str = "owner"
    fields: dict[str, str] = attribute(default_factory=dict)
    scope: Callable[[QuerySet, Any], QuerySet] = _default_scope
    list_url: str = ""
    list_filters: dict[str, str] = attribute(default_factory=dict)
    order: int = 100
    # Kept in the summary tables (indicators/summary.py): set only when `rows` reads nothing
    # but the row's own columns and the paths above (the change log watches exactly those),
    # plus the columns named in `watch` (paths from the row, "job_seeker__person__birth_year").
    summarised: bool = False
    watch: tuple[str, ...] = ()
    # For an indicator with its own `scope`: user -> the owners whose every row that scope
    # gives the user (a Reach), or None when the scope is not a set of owners for this user.
    owners: Callable[[Any], Any] | None = None

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unknown unit {self.unit!r} for indicator {self.code!r}")
        if self.measure not in MEASURES:
            raise ValueError(f"unknown measure {self.measure!r} for indicator {self.code!r}")
        if self.measure == COUNT_PERSONS and self.subject is None:
            raise ValueError(f"indicator {self.code!r} counts persons but names no subject")
        if self.measure in (COUNT_DISTINCT, SUM) and not self.field:
            raise ValueError(f"indicator {self.code!r} needs the field it counts or sums")
        if self.summarised and (
            self.measure not in (COUNT_PERSONS, COUNT_ROWS) or self.subject is None
        ):
            raise ValueError(
                f"indicator {self.code!r}: only counts of persons' rows are summarised"
            )

    @property
    def counts_persons(self) -> bool:
        return self.subject is not None

    def person_path(self, name: str = "") -> str:
        """The lookup of the person's `name` column ("" : the person's id) from a row."""
        parts = [p for p in (self.subject, name) if p]
        return "__".join(parts) if parts else "pk"

    def scoped_rows(self, user: Any) -> QuerySet:
        """The rows `user` may read (their owning organisation in the user's reach)."""
        return self.scope(self.rows(), user)


INDICATORS: dict[str, Indicator] = {}


def register(indicator: Indicator) -> None:
    """Add (or replace, keyed by code) an indicator."""
    INDICATORS[indicator.code] = indicator


def get(code: str) -> Indicator | None:
    return INDICATORS.get(code)


def all_indicators() -> list[Indicator]:
    return sorted(INDICATORS.values(), key=lambda i: (i.order, i.code))
