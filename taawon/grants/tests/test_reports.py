"""The grants report and indicators on a hand-built data set: ventures by sector and
governorate, money awarded and paid (and what was paid in another currency), jobs by sex and
nationality through a placement and head counts, survival at 6 and 12 months; the exports."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.http import QueryDict

from taawon.employment.placements.services import refer_job_seeker
from taawon.employment.tests.factories import (
    EmployerFactory,
    JobSeekerFactory,
    PersonFactory,
    PlacementFactory,
    VacancyFactory,
)
from taawon.exports import registry as exports
from taawon.exports.tests.conftest import export_url, workbook_rows
from taawon.indicators import engine
from taawon.indicators import registry as indicators

from .. import figures, queries, services
from . import factories as f

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2021, 6, 1)


@pytest.fixture
def funded(personas):
    panel = (f.reviewer("rev1"),)
    call = f.open_call(personas, budget="10000", reviewers=panel)

    def venture(name, sector, values):
        app = f.ready(
            call,
            personas.coop_a,
            name=name,
            by=personas.admin_a,
            officer=personas.officer,
            reviewers=panel,
            values=values,
            sector=sector,
        )
        return f.award(app, personas.officer, "3000")

    stones = venture("Stones", "construction", (9, 9))
    tiles = venture("Tiles", "construction", (8, 8))
    greens = venture("Greens", "agriculture", (7, 7))
    # Stones: 3,000 paid in two tranches; Tiles: 1,000 paid in US dollars; Greens: nothing paid.
    for amount in ("1000", "2000"):
        t = services.plan_tranche(
            award=stones, amount=amount, planned_on=f.DECIDED, by=personas.officer
        )
        services.approve_tranche(tranche=t, approved_on=f.DECIDED, by=personas.officer)
        services.pay_tranche(tranche=t, paid_on=f.DECIDED, reference="R", by=personas.officer)
    t = services.plan_tranche(award=tiles, amount="1000", planned_on=f.DECIDED, by=personas.officer)
    services.approve_tranche(tranche=t, approved_on=f.DECIDED, by=personas.officer)
    services.pay_tranche(
        tranche=t,
        paid_on=f.DECIDED,
        reference="USD",
        paid_currency="USD",
        exchange_rate="1.41",
        rate_source="official",
        by=personas.officer,
    )
    # Jobs: one Syrian woman placed by the unit, and head counts.
    woman = PersonFactory(owner=personas.unit_a, sex="female", nationality="SY")
    employer = EmployerFactory(owner=personas.unit_a, created_by=personas.counsellor_a)
    vacancy = VacancyFactory(employer=employer, posted_by=personas.counsellor_a)
    placement = PlacementFactory(
        referral=refer_job_seeker(
            job_seeker=JobSeekerFactory(person=woman, registered_by=personas.counsellor_a),
            vacancy=vacancy,
            referred_by=personas.counsellor_a,
            referred_on=f.DECIDED,
        ),
        placed_by=personas.counsellor_a,
        start_date=f.DECIDED,
    )
    services.record_jobs(
        award=stones, placement=placement, recorded_on=f.DECIDED, by=personas.officer
    )
    for award, count, sex, nationality in (
        (stones, 4, "male", "JO"),
        (stones, 2, "male", "SY"),
        (tiles, 3, "female", "JO"),
        (greens, 5, "male", "SY"),
    ):
        services.record_jobs(
            award=award,
            recorded_on=f.DECIDED,
            count=count,
            sex=sex,
            nationality=nationality,
            by=personas.officer,
        )
    # Status over time: Tiles closes after 8 months, Greens has no follow-up after month 2.
    for award in (stones, tiles, greens):
        services.record_status(
            award=award, status="operating", as_of=f.DECIDED, by=personas.officer
        )
    services.record_status(
        award=tiles, status="closed", as_of=datetime.date(2020, 11, 1), by=personas.officer
    )
    services.record_status(
        award=greens, status="paused", as_of=datetime.date(2020, 5, 1), by=personas.officer
    )
    return call, stones, tiles, greens


def test_the_report_reproduces_the_hand_built_figures(personas, funded):
    report = queries.report(personas.officer, today=TODAY)
    assert report["funded"] == 3
    assert report["by_sector"] == {"construction": 2, "agriculture": 1}
    assert sum(report["by_governorate"].values()) == 3
    assert report["awarded"] == {"JOD": Decimal("9000")}
    assert report["paid"] == {"JOD": Decimal("4000")}
    assert report["paid_other"] == [
        {
            "award_currency": "JOD",
            "paid_currency": "USD",
            "amount": Decimal("1000"),
            "paid_amount": Decimal("1410.00"),
        }
    ]
    assert report["jobs"] == {
        ("female", "SY"): 1,
        ("male", "JO"): 4,
        ("male", "SY"): 7,
        ("female", "JO"): 3,
    }
    assert (report["jobs_total"], report["jobs_men"], report["jobs_women"]) == (15, 11, 4)
    six, twelve = report["survival"]
    # Awarded 1 March 2020: at 6 months (1 September) all three run (Greens paused); at 12
    # months Tiles is closed.
    assert (six.followed, six.surviving, twelve.followed, twelve.surviving) == (3, 3, 3, 2)
    assert twelve.percent == Decimal("66.7")


def test_the_report_is_scoped(personas, funded):
    assert queries.report(personas.admin_a, today=TODAY)["funded"] == 3  # its own ventures
    assert queries.report(personas.counsellor_b, today=TODAY)["funded"] == 0


def test_the_indicators_count_ventures_money_and_jobs_by_sex_and_nationality(personas, funded):
    def total(code, **kwargs):
        return engine.compute(
            personas.officer, code, start="2020-01-01", end="2020-12-31", **kwargs
        )

    assert total("grants_ventures_funded").total == 3
    assert total("grants_awarded_jod").total == Decimal("9000")
    assert total("grants_paid_jod").total == Decimal("4000")
    jobs = total("grants_jobs_created", by=["sex"])
    assert jobs.total == 15
    assert (jobs.value("male"), jobs.value("female")) == (11, 4)
    by_nationality = total("grants_jobs_created", by=["nationality"])
    assert (by_nationality.value("SY"), by_nationality.value("JO")) == (8, 7)
    assert "grants_awarded_lbp" in {i.code for i in indicators.all_indicators()}


def test_the_exports_hold_what_the_lists_show(client, personas, funded):
    call, *_ = funded
    awards = exports.get("grant_awards")
    assert awards.rows(personas.officer, QueryDict()).count() == 3
    assert not awards.rows(personas.counsellor_b, QueryDict()).exists()
    client.force_login(personas.officer)
    for name in ("grant_calls", "grant_applications", "grant_awards"):
        response = client.get(export_url(name))
        assert response.status_code == 200, name
        rows = workbook_rows(response)
        assert len(rows) > 1
    assert "Stones" in repr(workbook_rows(client.get(export_url("grant_awards"))))


def test_survival_without_a_follow_up_is_not_counted_as_surviving():
    awarded = datetime.date(2020, 1, 31)
    assert figures.add_months(awarded, 1) == datetime.date(2020, 2, 29)
    result = figures.survival([(awarded, [])], 6, TODAY)
    assert (result.followed, result.surviving) == (1, 0)
    assert figures.survival([(TODAY, [(TODAY, "operating")])], 6, TODAY).followed == 0
