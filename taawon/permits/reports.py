"""Reports on permits issued in a period: by sex, nationality, sector, cooperative and
governorate, and the cooperatives' share of the national total for Syrians.

The shape follows the Ministry of Labour's report in the programme brief ("January 1, 2016
to January 31, 2020: 170,938 men (95.2%), 8,507 women (4.8%), 179,445 in all"). Counts come
from scoped queries (`issued_between`); shares are computed by `shares` and `percent`, plain
functions tested without a database. A permit counts in the period of its issue date,
whatever became of it later (expired, renewed or cancelled).
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from taawon.accounts.models import User
from taawon.cooperatives.models import Cooperative
from taawon.geo.countries import country_name
from taawon.geo.models import Governorate
from taawon.people.models import Sex

from . import queries
from .models import Permit, Sector

SYRIA = "SY"
ONE_DECIMAL = Decimal("0.1")


# ---- Calculations (no database) -------------------------------------------------------------


def percent(part: int, whole: int | None) -> Decimal | None:
    """`part` as a percentage of `whole`, to one decimal (half up); None when `whole` is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    count: int
    share: Decimal | None  # percent of the report's total, one decimal


def shares(counts: Iterable[tuple[str, str, int]], *, keep_order: bool = False) -> list[Row]:
    """Rows of (key, label, count) with each one's share of their sum; largest first unless
    `keep_order` (a fixed order such as men, then women)."""
    items = [(str(key), str(label), int(count)) for key, label, count in counts]
    total = sum(count for _key, _label, count in items)
    if not keep_order:
        items.sort(key=lambda item: (-item[2], item[1]))
    return [Row(key, label, count, percent(count, total)) for key, label, count in items]


@dataclass
class PermitReport:
    start: datetime.date
    end: datetime.date
    total: int = 0
    by_sex: list[Row] = field(default_factory=list)
    by_nationality: list[Row] = field(default_factory=list)
    by_sector: list[Row] = field(default_factory=list)
    by_cooperative: list[Row] = field(default_factory=list)
    by_governorate: list[Row] = field(default_factory=list)
    syrians: int = 0
    national_total: int | None = None
    share_of_national: Decimal | None = None  # Syrians' permits here, in percent of national

    def sections(self) -> list[tuple[str, list[Row]]]:
        return [
            (_("By sex"), self.by_sex),
            (_("By nationality"), self.by_nationality),
            (_("By sector"), self.by_sector),
            (_("By cooperative"), self.by_cooperative),
            (_("By governorate of the cooperative"), self.by_governorate),
        ]


# ---- Reads ----------------------------------------------------------------------------------


def issued_between(user: User, start: datetime.date, end: datetime.date) -> QuerySet[Permit]:
    """Permits `user` may read that were issued from `start` to `end`, both included."""
    return queries.permits_for(user).filter(
        issued_on__gte=start, issued_on__lte=end, permit_number__isnull=False
    )


def _counts(qs: QuerySet[Permit], by: str) -> dict[object, int]:
    return {
        row[by]: row["n"] for row in qs.order_by().values(by).annotate(n=Count("id")).order_by()
    }


def permit_report(
    user: User,
    *,
    start: datetime.date,
    end: datetime.date,
    national_total: int | None = None,
) -> PermitReport:
    """The report of permits issued in [start, end] within `user`'s reach."""
    qs = issued_between(user, start, end)
    report = PermitReport(start=start, end=end, national_total=national_total)

    by_sex = _counts(qs, "person__sex")
    report.total = sum(by_sex.values())
    report.by_sex = shares(
        [
            *((sex.value, sex.label, by_sex.get(sex.value, 0)) for sex in (Sex.MALE, Sex.FEMALE)),
            *(
                ("", _("Not recorded"), count)
                for key, count in by_sex.items()
                if key not in Sex.values
            ),
        ],
        keep_order=True,
    )

    language = get_language()
    report.by_nationality = shares(
        (
            code or "",
            country_name(code, language) if code else _("Not recorded"),
            count,
        )
        for code, count in _counts(qs, "person__nationality").items()
    )
    sectors = _counts(qs, "sector")
    report.by_sector = shares(
        ((s.value, s.label, sectors.get(s.value, 0)) for s in Sector), keep_order=True
    )

    by_cooperative = _counts(qs, "cooperative_id")
    names = {c.pk: c.display_name for c in Cooperative.objects.filter(pk__in=list(by_cooperative))}
    report.by_cooperative = shares(
        (str(pk), names.get(pk, str(pk)), count) for pk, count in by_cooperative.items()
    )

    by_governorate = _counts(qs, "cooperative__governorate_id")
    name_field = "name_ar" if language == "ar" else "name_en"
    governorates = dict(
        Governorate.objects.filter(pk__in=[pk for pk in by_governorate if pk]).values_list(
            "pk", name_field
        )
    )
    report.by_governorate = shares(
        (str(pk or ""), governorates.get(pk) or _("Not recorded"), count)
        for pk, count in by_governorate.items()
    )

    report.syrians = qs.filter(person__nationality=SYRIA).count()
    report.share_of_national = percent(report.syrians, national_total)
    return report


# ---- Export ---------------------------------------------------------------------------------


def to_xlsx(report: PermitReport) -> bytes:
    """The report as one worksheet: the period, the sex table, each breakdown, the share."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from taawon.lib.tabular.sanitise import neutralise_sheet

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Work permits")[:31]
    if get_language() == "ar":
        sheet.sheet_view.rightToLeft = True
    bold = Font(bold=True)

    def heading(text: str) -> None:
        sheet.append([])
        sheet.append([text])
        sheet.cell(row=sheet.max_row, column=1).font = bold

    def table(rows: list[Row]) -> None:
        sheet.append([_("Group"), _("Permits"), _("Share")])
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        for row in rows:
            sheet.append([row.label, row.count, _fraction(row.share)])
            sheet.cell(row=sheet.max_row, column=3).number_format = "0.0%"
        sheet.append([_("Total"), report.total, 1 if report.total else None])
        sheet.cell(row=sheet.max_row, column=3).number_format = "0.0%"
        for cell in sheet[sheet.max_row]:
            cell.font = bold

    sheet.append([_("Work permits issued through cooperatives")])
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    sheet.append([_("Period"), report.start, report.end])
    for column in (2, 3):
        sheet.cell(row=2, column=column).number_format = "yyyy-mm-dd"
    for title, rows in report.sections():
        heading(title)
        table(rows)
    heading(_("Share of the national total for Syrians"))
    sheet.append([_("Permits for Syrians issued through cooperatives"), report.syrians])
    sheet.append([_("National total of permits for Syrians"), report.national_total])
    sheet.append([_("Share"), _fraction(report.share_of_national)])
    sheet.cell(row=sheet.max_row, column=2).number_format = "0.0%"
    sheet.column_dimensions["A"].width = 48
    sheet.column_dimensions["B"].width = 14
    sheet.column_dimensions["C"].width = 14
    neutralise_sheet(sheet)  # group labels are cooperative names, typed by users
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fraction(share: Decimal | None) -> float | None:
    return None if share is None else float(share / 100)
