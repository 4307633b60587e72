"""The ways an indicator's figure is broken down: sex, nationality group, displacement status,
age group, disability, governorate, owning unit and period.

Each dimension adds to a queryset an alias holding the row's key, computed by the database with
ORM expressions (Case/When, Coalesce, Trunc, Extract): the same SQL on SQLite and PostgreSQL,
and nothing the user typed is ever spliced into it (keys only select among the fixed ones).
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import (
    CharField,
    DateField,
    DateTimeField,
    F,
    Q,
    QuerySet,
    Value,
)
from django.db.models.expressions import Case, Expression, When
from django.db.models.functions import (
    Cast,
    Coalesce,
    ExtractDay,
    ExtractMonth,
    ExtractYear,
    Trunc,
    TruncDate,
)
from django.db.models.lookups import Exact, GreaterThanOrEqual, LessThan
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from taawon.accounts.models import Organisation
from taawon.formats import render
from taawon.geo.models import Governorate
from taawon.people.models import WASHINGTON_GROUP_DOMAINS, Difficulty, DisplacementStatus, Sex

from .registry import Indicator

UNKNOWN = "unknown"
OTHER = "other"


class DimensionRefused(Exception):
    """This dimension cannot break down this indicator (the message says why)."""


@dataclass(frozen=True)
class Viewer:
    """What the keys of a dimension depend on: the viewer's country (the host nationality, the
    governorates) and the organisations whose rows they count."""

    countries: tuple[str, ...]
    organisation_ids: frozenset[int] | None  # None: every organisation of `countries`

    @property
    def host(self) -> str:
        return self.countries[0] if self.countries else "JO"


@dataclass(frozen=True)
class Dimension:
    code: str
    label: str | Promise
    # Needs a person behind each row (or the indicator's own column for it).
    person: bool
    # (indicator, date expression, viewer) -> the key expression, or DimensionRefused
    expression: Callable[[Indicator, Expression, Viewer], Expression]
    # (start, end, viewer) -> ordered [(key, label)]
    keys: Callable[[datetime.date, datetime.date, Viewer], list[tuple[str, str]]]
    # database value -> key (e.g. a truncated date -> "2020-07")
    key_of: Callable[[object], str] = field(
        default=lambda value: UNKNOWN if value is None else str(value)
    )
    # finer than a governorate: refused to aggregate-only viewers
    fine: bool = False
    period: bool = False

    def annotate(
        self, queryset: QuerySet, name: str, indicator: Indicator, date: Expression, viewer: Viewer
    ) -> QuerySet:
        return queryset.alias(**{name: self.expression(indicator, date, viewer)})


def _column(indicator: Indicator, dimension: str, person_field: str) -> str:
    if dimension in indicator.fields:
        return indicator.fields[dimension]
    if indicator.subject is None:
        raise DimensionRefused(
            _("“%(indicator)s” counts no persons: it cannot be broken down by %(dimension)s.")
            % {"indicator": indicator.name, "dimension": DIMENSION_LABELS[dimension]}
        )
    return indicator.person_path(person_field)


def _choice(path: str, values: list[str], default: str) -> Expression:
    return Case(
        *[When(**{path: value}, then=Value(value)) for value in values],
        default=Value(default),
        output_field=CharField(),
    )


# sex ---------------------------------------------------------------------------------------


def _sex(indicator: Indicator, date: Expression, viewer: Viewer) -> Expression:
    return _choice(_column(indicator, "sex", "sex"), list(Sex.values), UNKNOWN)


def _sex_keys(start, end, viewer) -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in Sex.choices]


# nationality group -------------------------------------------------------------------------

NATIONALITIES = {
    "JO": _("Jordanian"),
    "LB": _("Lebanese"),
    "IQ": _("Iraqi"),
    "SY": _("Syrian"),
    "PS": _("Palestinian"),
}
# Besides the host country's own nationality, the groups the programme reports.
REPORTED_NATIONALITIES = ("SY", "PS", "IQ")


def _nationality_groups(viewer: Viewer) -> list[str]:
    groups = [viewer.host]
    groups += [code for code in REPORTED_NATIONALITIES if code != viewer.host]
    return groups


def _nationality(indicator: Indicator, date: Expression, viewer: Viewer) -> Expression:
    path = _column(indicator, "nationality", "nationality")
    return _choice(path, _nationality_groups(viewer), OTHER)


def _nationality_keys(start, end, viewer) -> list[tuple[str, str]]:
    keys = [(code, str(NATIONALITIES.get(code, code))) for code in _nationality_groups(viewer)]
    return keys + [(OTHER, str(_("Other nationality")))]


# displacement status -----------------------------------------------------------------------


def _displacement(indicator: Indicator, date: Expression, viewer: Viewer) -> Expression:
    path = _column(indicator, "displacement", "displacement_status")
    return _choice(path, list(DisplacementStatus.values), UNKNOWN)


def _displacement_keys(start, end, viewer) -> list[tuple[str, str]]:
    keys = [(value, str(label)) for value, label in DisplacementStatus.choices]
    return keys + [(UNKNOWN, str(_("Not recorded")))]


# age group ---------------------------------------------------------------------------------

# (key, lowest age); each group runs to the next one's lowest age. Under 15 is reported apart:
# the programme serves adults, so a child counted anywhere is something to look at.
AGE_GROUPS = (("0-14", 0), ("15-17", 15), ("18-24", 18), ("25-34", 25), ("35-54", 35), ("55+", 55))


def _age(indicator: Indicator, date: Expression, viewer: Viewer) -> Expression:
    """Age in whole years on the counted row's date: from the date of birth when known, else
    from the year of birth (age reached this year)."""
    born = F(_column(indicator, "age", "date_of_birth"))
    birth_year = F(_column(indicator, "age", "birth_year"))
    birthday_to_come = Q(LessThan(ExtractMonth(date), ExtractMonth(born))) | Q(
        Exact(ExtractMonth(date), ExtractMonth(born)), LessThan(ExtractDay(date), ExtractDay(born))
    )
    from_date = (
        ExtractYear(date)
        - ExtractYear(born)
        - Case(When(birthday_to_come, then=Value(1)), default=Value(0))
    )
    age = Case(
        When(Q(**{f"{born.name}__isnull": False}), then=from_date),
        When(Q(**{f"{birth_year.name}__isnull": False}), then=ExtractYear(date) - birth_year),
        default=Value(None),
    )
    whens = []
    for index, (key, lowest) in enumerate(AGE_GROUPS):
        condition = Q(GreaterThanOrEqual(age, lowest))
        if index + 1 < len(AGE_GROUPS):
            condition &= Q(LessThan(age, AGE_GROUPS[index + 1][1]))
        whens.append(When(condition, then=Value(key)))
    return Case(*whens, default=Value(UNKNOWN), output_field=CharField())


def _age_keys(start, end, viewer) -> list[tuple[str, str]]:
    return [(key, key) for key, _lowest in AGE_GROUPS] + [(UNKNOWN, str(_("Age not known")))]


# disability (Washington Group short set) ---------------------------------------------------


def _disability(indicator: Indicator, date: Expression, viewer: Viewer) -> Expression:
    paths = [
        _column(indicator, "disability", f"wg_{domain}") for domain in WASHINGTON_GROUP_DOMAINS
    ]
    severe = [Difficulty.A_LOT, Difficulty.CANNOT]
    any_severe = reduce(or_, [Q(**{f"{path}__in": severe}) for path in paths])
    none_asked = Q(*[Q(**{f"{path}__isnull": True}) for path in paths])
    return Case(
        When(any_severe, then=Value("yes")),
        When(none_asked, then=Value(UNKNOWN)),
        default=Value("no"),
        output_field=CharField(),
    )


def _disability_keys(start, end, viewer) -> list[tuple[str, str]]:
    return [
        ("yes", str(_("With a disability"))),
        ("no", str(_("Without a disability"))),
        (UNKNOWN, str(_("Not asked"))),
    ]


# governorate -------------------------------------------------------------------------------

NONE = "none"


def _governorate(indicator: Indicator, date: Expression, viewer: Viewer) -> Expression:
    path = indicator.fields.get("governorate") or indicator.governorate
    if not path:
        raise DimensionRefused(
            _("“%(indicator)s” records no governorate.") % {"indicator": indicator.name}
        )
    return Coalesce(F(f"{path}__iso_code"), Value(NONE), output_field=CharField())


def _governorate_keys(start, end, viewer) -> list[tuple[str, str]]:
    governorates = Governorate.objects.filter(country__in=viewer.countries).order_by(
        "country", "name_en"
    )
    keys = [(g.iso_code, g.display_name) for g in governorates]
    return keys + [(NONE, str(_("No governorate recorded")))]


# owning unit -------------------------------------------------------------------------------

# Organisations that hold no programme records of their own.
NOT_UNITS = (Organisation.Kind.MINISTRY, Organisation.Kind.DONOR)


def _unit(indicator: Indicator, date: Expression, viewer: Viewer) -> Expression:
    return Cast(F(f"{indicator.owner}_id"), CharField())


def _unit_keys(start, end, viewer) -> list[tuple[str, str]]:
    organisations = Organisation.objects.filter(
        is_active=True, country__in=viewer.countries
    ).exclude(kind__in=NOT_UNITS)
    if viewer.organisation_ids is not None:
        organisations = organisations.filter(pk__in=sorted(viewer.organisation_ids))
    return [(str(o.pk), o.display_name) for o in organisations.order_by("name_en")]


# period ------------------------------------------------------------------------------------


def _first_of(kind: str, day: datetime.date) -> datetime.date:
    if kind == "year":
        return day.replace(month=1, day=1)
    if kind == "quarter":
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return day.replace(day=1)


def _next(kind: str, day: datetime.date) -> datetime.date:
    months = {"month": 1, "quarter": 3, "year": 12}[kind]
    month = day.month - 1 + months
    return day.replace(year=day.year + month // 12, month=month % 12 + 1, day=1)


def period_key(kind: str, day: datetime.date) -> str:
    if kind == "year":
        return f"{day.year}"
    if kind == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}-{day.month:02d}"


def period_start(kind: str, key: str) -> datetime.date | None:
    """The first day of the period `key` names, None when it names none."""
    try:
        if kind == "year":
            return datetime.date(int(key), 1, 1)
        if kind == "quarter":
            year, quarter = key.split("-Q")
            return datetime.date(int(year), (int(quarter) - 1) * 3 + 1, 1)
        year, month = key.split("-")
        return datetime.date(int(year), int(month), 1)
    except ValueError:
        return None


def period_keys(kind: str, start: datetime.date, end: datetime.date) -> list[str]:
    """The keys of the periods of `kind` that [start, end] touches, in order (no labels)."""
    keys = []
    current = _first_of(kind, start)
    while current <= end:
        keys.append(period_key(kind, current))
        current = _next(kind, current)
    return keys


def period_end(kind: str, first: datetime.date) -> datetime.date:
    return _next(kind, first) - datetime.timedelta(days=1)


def _period_label(kind: str, first: datetime.date) -> str:
    return _label_in(kind, first, get_language())


@functools.lru_cache(maxsize=4096)
def _label_in(kind: str, first: datetime.date, language: str | None) -> str:
    # Cached: a dashboard labels the same months dozens of times, each a date format.
    if kind == "year":
        return str(first.year)
    if kind == "quarter":
        return str(
            _("Q%(quarter)s %(year)s") % {"quarter": (first.month - 1) // 3 + 1, "year": first.year}
        )
    # The language's own month names (Arabic: كانون الثاني ... as Jordan writes them).
    return render.format_date(first, "YEAR_MONTH_FORMAT")


def _periods(kind: str) -> tuple[Callable, Callable, Callable]:
    def expression(indicator: Indicator, date: Expression, viewer: Viewer) -> Expression:
        return Trunc(date, kind, output_field=DateField())

    def keys(start: datetime.date, end: datetime.date, viewer: Viewer) -> list[tuple[str, str]]:
        result = []
        current = _first_of(kind, start)
        while current <= end:
            result.append((period_key(kind, current), _period_label(kind, current)))
            current = _next(kind, current)
        return result

    def key_of(value: object) -> str:
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, datetime.date):
            return period_key(kind, value)
        return UNKNOWN

    return expression, keys, key_of


def date_expression(indicator: Indicator, model) -> Expression:
    """The indicator's date as a date (a timestamp is taken on its local day)."""
    target = model
    parts = indicator.date.split("__")
    for part in parts[:-1]:
        target = target._meta.get_field(part).related_model
    if isinstance(target._meta.get_field(parts[-1]), DateTimeField):
        return TruncDate(indicator.date)
    return F(indicator.date)


DIMENSION_LABELS = {
    "sex": _("sex"),
    "nationality": _("nationality group"),
    "displacement": _("displacement status"),
    "age": _("age group"),
    "disability": _("disability"),
    "governorate": _("governorate"),
    "unit": _("unit"),
    "month": _("month"),
    "quarter": _("quarter"),
    "year": _("year"),
}


def _build() -> dict[str, Dimension]:
    dimensions = [
        Dimension("sex", DIMENSION_LABELS["sex"], True, _sex, _sex_keys),
        Dimension(
            "nationality", DIMENSION_LABELS["nationality"], True, _nationality, _nationality_keys
        ),
        Dimension(
            "displacement",
            DIMENSION_LABELS["displacement"],
            True,
            _displacement,
            _displacement_keys,
        ),
        Dimension("age", DIMENSION_LABELS["age"], True, _age, _age_keys),
        Dimension(
            "disability", DIMENSION_LABELS["disability"], True, _disability, _disability_keys
        ),
        Dimension(
            "governorate", DIMENSION_LABELS["governorate"], False, _governorate, _governorate_keys
        ),
        Dimension("unit", DIMENSION_LABELS["unit"], False, _unit, _unit_keys, fine=True),
    ]
    for kind in ("month", "quarter", "year"):
        expression, keys, key_of = _periods(kind)
        dimensions.append(
            Dimension(kind, DIMENSION_LABELS[kind], False, expression, keys, key_of, period=True)
        )
    return {d.code: d for d in dimensions}


DIMENSIONS: dict[str, Dimension] = _build()


def get(code: str) -> Dimension | None:
    return DIMENSIONS.get(code)


def key_value(dimension: Dimension, key: str) -> object:
    """What the dimension's alias holds for `key` (to filter on it)."""
    if dimension.period:
        return period_start(dimension.code, key)
    return key


def allowed(indicator: Indicator) -> list[str]:
    """The dimensions that can break `indicator` down (person ones need a person behind it)."""
    probe = Viewer(("JO",), None)
    codes = []
    for code, dimension in DIMENSIONS.items():
        try:
            dimension.expression(indicator, Value(None), probe)
        except DimensionRefused:
            continue
        codes.append(code)
    return codes
