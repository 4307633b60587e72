import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from taawon.people.tests.factories import governorate

from .. import reports
from ..models import Permit
from .factories import cooperative_of, person

START = datetime.date(2020, 1, 1)
END = datetime.date(2020, 12, 31)


# ---- Calculations, no database ------------------------------------------------------------


def test_percent_rounds_half_up_to_one_decimal():
    # The brief's table: 170,938 men and 8,507 women of 179,445 permits.
    assert reports.percent(170_938, 179_445) == Decimal("95.3")
    assert reports.percent(8_507, 179_445) == Decimal("4.7")
    # 68,681 permits through cooperatives were "38% of the total for Syrian refugees".
    assert reports.percent(68_681, 179_445) == Decimal("38.3")
    assert reports.percent(1, 8) == Decimal("12.5")
    assert reports.percent(1, 0) is None
    assert reports.percent(3, None) is None


def test_shares_sort_largest_first_unless_told_to_keep_the_order():
    rows = reports.shares([("f", "Women", 1), ("m", "Men", 3)])
    assert [(r.key, r.count, r.share) for r in rows] == [
        ("m", 3, Decimal("75.0")),
        ("f", 1, Decimal("25.0")),
    ]
    kept = reports.shares([("f", "Women", 1), ("m", "Men", 3)], keep_order=True)
    assert [r.key for r in kept] == ["f", "m"]
    assert [r.share for r in reports.shares([("x", "X", 0)])] == [None]


# ---- The report on a hand-built data set ----------------------------------------------------


def _permit(holder, cooperative, owner, number, issued_on, *, sector="agriculture", **extra):
    return Permit.objects.create(
        person=holder,
        cooperative=cooperative,
        owner=owner,
        sector=sector,
        status=extra.pop("status", Permit.Status.ISSUED),
        permit_number=number,
        issued_on=issued_on,
        expires_on=issued_on + datetime.timedelta(days=365),
        **extra,
    )


@pytest.fixture
def data_set(personas):
    """Eight permits issued in 2020 and two outside it or never issued:

    cooperative A (Mafraq): 5 (men 4, women 1; SY 4, JO 1; agriculture 4, construction 1)
    cooperative B (Irbid):  3 (men 2, women 1; SY 3;       agriculture 1, construction 1, other 1)
    """
    coop_a = cooperative_of(personas.coop_a, governorate=governorate("JO-MA"))
    coop_b = cooperative_of(personas.coop_b, governorate=governorate("JO-IR"))
    a, b = personas.unit_a, personas.unit_b

    def holder(owner, sex, nationality="SY"):
        return person(owner, sex=sex, nationality=nationality)

    day = datetime.date(2020, 3, 1)
    _permit(holder(a, "male"), coop_a, a, "A1", START)
    _permit(holder(a, "male"), coop_a, a, "A2", day)
    _permit(holder(a, "male"), coop_a, a, "A3", day, sector="construction")
    _permit(holder(a, "male", "JO"), coop_a, a, "A4", day)
    _permit(
        holder(a, "female"),
        coop_a,
        a,
        "A5",
        END,
        status=Permit.Status.CANCELLED,
        cancelled_on=END,
        cancellation_reason="Left",
    )
    _permit(holder(b, "male"), coop_b, b, "B1", day, sector="construction")
    _permit(holder(b, "male"), coop_b, b, "B2", day, sector="other")
    _permit(holder(b, "female"), coop_b, b, "B3", day)
    # Outside the period, and an application never issued: not counted.
    _permit(holder(b, "female"), coop_b, b, "B4", datetime.date(2019, 12, 31))
    Permit.objects.create(
        person=holder(b, "male"), cooperative=coop_b, owner=b, sector="agriculture"
    )
    return coop_a, coop_b


def rows(section):
    return [(r.label, r.count, r.share) for r in section]


def test_the_report_counts_the_period_by_sex_nationality_sector_cooperative_and_place(
    personas, data_set
):
    coop_a, coop_b = data_set
    report = reports.permit_report(personas.officer, start=START, end=END, national_total=20)
    assert report.total == 8
    assert rows(report.by_sex) == [
        ("Male", 6, Decimal("75.0")),
        ("Female", 2, Decimal("25.0")),
    ]
    assert [(r.key, r.count, r.share) for r in report.by_nationality] == [
        ("SY", 7, Decimal("87.5")),
        ("JO", 1, Decimal("12.5")),
    ]
    assert [(r.key, r.count, r.share) for r in report.by_sector] == [
        ("agriculture", 5, Decimal("62.5")),
        ("construction", 2, Decimal("25.0")),
        ("other", 1, Decimal("12.5")),
    ]
    assert [(r.key, r.count, r.share) for r in report.by_cooperative] == [
        (str(coop_a.pk), 5, Decimal("62.5")),
        (str(coop_b.pk), 3, Decimal("37.5")),
    ]
    assert [(r.label, r.count) for r in report.by_governorate] == [("Mafraq", 5), ("Irbid", 3)]
    assert report.syrians == 7
    assert report.share_of_national == Decimal("35.0")


def test_the_report_is_scoped_to_the_users_reach(personas, data_set):
    report = reports.permit_report(personas.counsellor_b, start=START, end=END)
    assert report.total == 3
    assert rows(report.by_sex) == [("Male", 2, Decimal("66.7")), ("Female", 1, Decimal("33.3"))]
    assert report.share_of_national is None
    assert reports.permit_report(personas.outsider, start=START, end=END).total == 0
    # The ministry sees the whole country's permits.
    assert reports.permit_report(personas.ministry_officer, start=START, end=END).total == 8


def test_the_xlsx_holds_the_same_numbers(personas, data_set):
    report = reports.permit_report(personas.officer, start=START, end=END, national_total=20)
    sheet = load_workbook(io.BytesIO(reports.to_xlsx(report))).active
    values = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    assert ("Male", 6, 0.75) in values
    assert ("Female", 2, 0.25) in values
    assert ("Total", 8, 1) in values
    assert ("Share", 0.35, None) in values
