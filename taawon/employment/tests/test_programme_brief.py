"""The programme brief's table, reproduced from a data set built here with its exact counts.

"6 units established between 7.1.2020 until 9.30.2020: 140 farms visited, 2000 jobs secured,
1620 registered job seekers (24% Syrian, 36.5% female), 1300 placed job seekers (23% Syrian,
34.9% female)." Behind those shares: 389 Syrians and 591 women registered, 299 Syrians and 454
women placed. The data set holds exactly that in the quarter, spread over six units, and
around it what must not count: a farm visited only after the quarter, a business visited in
it, job seekers registered before and after it, a merged duplicate, placements before and
after it, and 700 job seekers placed twice (two jobs secured, one person placed).
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from django.test import Client, TestCase
from django.utils import translation

from taawon.accounts.models import Organisation
from taawon.accounts.services import create_token
from taawon.core.testing import build_personas
from taawon.occupations.models import Occupation
from taawon.people.models import Person

from ..employers.models import Employer, FarmVisit
from ..placements.models import Placement, Referral
from ..seekers.models import JobSeeker
from ..unit import aggregates, indicators
from ..vacancies.models import Vacancy
from .factories import governorate

START, END = datetime.date(2020, 7, 1), datetime.date(2020, 9, 30)
QUARTER = "start=2020-07-01&end=2020-09-30"
# (Syrian, woman, placed in the quarter): how many job seekers registered in the quarter.
CELLS = {
    (True, True, True): 104,
    (True, False, True): 195,
    (False, True, True): 350,
    (False, False, True): 651,
    (True, True, False): 30,
    (True, False, False): 60,
    (False, True, False): 107,
    (False, False, False): 123,
}
FARMS = 140
PLACED_TWICE = 700  # 1,300 placed, 2,000 jobs
POSITIONS = 20  # per farm's vacancy: 2,800 positions for 2,000 jobs and the controls


def _day(n: int, count: int) -> datetime.date:
    """The n-th of `count` days spread over the quarter."""
    return START + datetime.timedelta(days=n * ((END - START).days + 1) // count)


class BriefData:
    """The rows, written in bulk: each row as valid as a service would make it."""

    def __init__(self, units: list[Organisation]) -> None:
        self.units = units
        self.occupation = Occupation.objects.get(code="9211")
        self.governorate = governorate()
        self.n = 0

    def persons(self, specs: list[tuple[bool, bool]], **values) -> list[Person]:
        rows = []
        for syrian, woman in specs:
            self.n += 1
            rows.append(
                Person(
                    owner=self.units[self.n % len(self.units)],
                    given_name_en=f"Seeker{self.n}",
                    given_name_ar="سالم",
                    family_name_en="Brief",
                    family_name_ar="التقرير",
                    sex="female" if woman else "male",
                    nationality="SY" if syrian else "JO",
                    displacement_status="refugee" if syrian else "host_community",
                    birth_year=1990,
                    **values,
                )
            )
        return Person.objects.bulk_create(rows)

    @staticmethod
    def seekers(persons: list[Person], days: list[datetime.date]) -> list[JobSeeker]:
        return JobSeeker.objects.bulk_create(
            JobSeeker(owner_id=p.owner_id, person=p, registered_on=day)
            for p, day in zip(persons, days, strict=True)
        )

    def farms(self, count: int, kind: str = Employer.Kind.FARM) -> list[Employer]:
        return Employer.objects.bulk_create(
            Employer(
                owner=self.units[i % len(self.units)],
                kind=kind,
                sector="A" if kind == Employer.Kind.FARM else "C",
                name_en=f"Farm {i}",
                name_ar=f"مزرعة {i}",
                owner_name="Owner",
                size=Employer.Size.SMALL,
                governorate=self.governorate,
            )
            for i in range(count)
        )

    @staticmethod
    def visits(employers: list[Employer], day: datetime.date) -> None:
        FarmVisit.objects.bulk_create(
            FarmVisit(owner_id=e.owner_id, employer=e, date=day, purpose="outreach")
            for e in employers
        )

    def vacancies(self, farms: list[Employer]) -> list[Vacancy]:
        return Vacancy.objects.bulk_create(
            Vacancy(
                owner_id=farm.owner_id,
                employer=farm,
                title="Vegetable pickers",
                occupation=self.occupation,
                positions=POSITIONS,
                start_date=START,
                end_date=END,
                wage=Decimal("15"),
                wage_period="daily",
                hours_per_day=Decimal("8"),
            )
            for farm in farms
        )

    @staticmethod
    def placements(hires: list[tuple[JobSeeker, Vacancy, datetime.date]]) -> None:
        # A vacancy's owner, not the job seeker's: units refer to each other's employers.
        referrals = Referral.objects.bulk_create(
            Referral(
                owner_id=vacancy.owner_id,
                job_seeker=seeker,
                vacancy=vacancy,
                referred_on=day,
                status=Referral.Status.HIRED,
                status_on=day,
            )
            for seeker, vacancy, day in hires
        )
        Placement.objects.bulk_create(
            Placement(
                owner_id=referral.owner_id,
                referral=referral,
                vacancy=referral.vacancy,
                job_seeker=referral.job_seeker,
                start_date=day,
                contract_type="seasonal",
                wage=Decimal("15"),
                wage_period="daily",
            )
            for referral, (_seeker, _vacancy, day) in zip(referrals, hires, strict=True)
        )


def build_brief_quarter(personas) -> list[Organisation]:
    """The brief's quarter in six units (A, B and four more of the same country), and what
    must not count; the units."""
    units = [personas.unit_a, personas.unit_b] + [
        Organisation.objects.create(
            name_en=f"Unit {letter}",
            name_ar=f"الوحدة {letter}",
            kind=Organisation.Kind.EMPLOYMENT_UNIT,
            country=personas.unit_a.country,
            parent=personas.unit_a.parent,
        )
        for letter in "CDEF"
    ]
    data = BriefData(units)
    specs = [(s, w, p) for (s, w, p), count in CELLS.items() for _ in range(count)]
    persons = data.persons([(s, w) for s, w, _p in specs])
    days = [_day(i, len(persons)) for i in range(len(persons))]
    seekers = data.seekers(persons, days)

    farms = data.farms(FARMS)
    data.visits(farms, START)
    data.visits(farms[:60], END)  # visited twice: a farm counts once
    data.visits(data.farms(3, Employer.Kind.BUSINESS), START + datetime.timedelta(days=3))
    data.visits(data.farms(2), END + datetime.timedelta(days=1))
    vacancies = data.vacancies(farms)

    placed = [
        (seeker, day) for seeker, day, spec in zip(seekers, days, specs, strict=True) if spec[2]
    ]
    # Each unit places its own job seekers in its own farms' vacancies.
    of_unit: dict[int, list[Vacancy]] = {}
    for vacancy in vacancies:
        of_unit.setdefault(vacancy.owner_id, []).append(vacancy)
    hires = []
    for i, (seeker, day) in enumerate(placed):
        theirs = of_unit[seeker.owner_id]
        start = min(day + datetime.timedelta(days=1), END)
        hires.append((seeker, theirs[i % len(theirs)], start))
        if i < PLACED_TWICE:  # the earliest registered have the time for a second job
            later = min(start + datetime.timedelta(days=30), END)
            hires.append((seeker, theirs[(i + 1) % len(theirs)], later))

    # What must not count: registered before and after the quarter (one of them placed
    # before it), a merged duplicate registered in it, a placement after it.
    before, after, merged = data.persons([(True, True), (False, True), (True, True)])
    early, late, _merged = data.seekers(
        [before, after, merged],
        [START - datetime.timedelta(days=30), END + datetime.timedelta(days=1), START],
    )
    Person.objects.filter(pk=merged.pk).update(status=Person.Status.MERGED, merged_into=persons[0])
    hires.append((early, vacancies[0], START - datetime.timedelta(days=1)))
    first = placed[0][0]
    hires.append((first, of_unit[first.owner_id][2], END + datetime.timedelta(days=1)))
    data.placements(hires)
    return units


def cells(html: str, label: str) -> list[str]:
    """A row of the indicators table: number, Syrians, women, as shown."""
    row = re.search(rf'<th scope="row">{re.escape(label)}</th>(.*?)</tr>', html, re.S)
    assert row, label
    return [
        " ".join(re.sub(r"<[^>]+>", " ", cell).split())
        for cell in re.findall(r'<td class="num">(.*?)</td>', row.group(1), re.S)
    ]


class ProgrammeBrief(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.personas = build_personas()
        cls.units = build_brief_quarter(cls.personas)

    def test_the_six_units_give_the_briefs_counts_for_the_quarter(self):
        result = indicators.unit_indicators(self.personas.officer, start=START, end=END)

        assert result["farms_visited"].value == 140
        jobs = result["jobs_secured"]
        assert jobs.value == 2000
        registered = result["registered"]
        assert (registered.value, registered.syrians, registered.women) == (1620, 389, 591)
        placed = result["placed"]
        assert (placed.value, placed.syrians, placed.women) == (1300, 299, 454)

    def test_the_shares_round_to_the_published_figures(self):
        result = indicators.unit_indicators(self.personas.officer, start=START, end=END)

        registered, placed = result["registered"], result["placed"]
        # As published: "24% Syrian, 36.5% female"; "23% Syrian, 34.9% female".
        assert round(registered.syrian_percent) == 24
        assert round(registered.women_percent, 1) == 36.5
        assert round(placed.syrian_percent) == 23
        assert round(placed.women_percent, 1) == 34.9

    def test_each_unit_counts_its_own_and_the_units_add_up(self):
        officer = self.personas.officer
        by_unit = [
            indicators.unit_indicators(officer, start=START, end=END, unit_id=unit.pk)
            for unit in self.units
        ]
        totals = (("farms_visited", 140), ("jobs_secured", 2000), ("registered", 1620))
        for code, total in (*totals, ("placed", 1300)):
            assert sum(r[code].value for r in by_unit) == total
        mine = indicators.unit_indicators(self.personas.counsellor_a, start=START, end=END)
        assert mine["registered"].value == by_unit[0]["registered"].value < 1620

    def test_the_page_shows_the_table_in_english_and_arabic(self):
        client = Client()
        client.force_login(self.personas.officer)
        for language in ("en", "ar"):
            with translation.override(language):
                response = client.get(f"/{language}/employment/indicators/?{QUARTER}")
            html = response.content.decode()
            assert response.status_code == 200
            with translation.override(language):
                labels = {code: str(label) for code, label in indicators.LABELS.items()}
            assert cells(html, labels["farms_visited"])[0] == "140"
            assert cells(html, labels["jobs_secured"])[0] == "2000"
            registered = cells(html, labels["registered"])
            placed = cells(html, labels["placed"])
            percent = re.compile(r"[.٫,]")
            assert [percent.sub(".", c) for c in registered] == [
                "1620",
                "24.0% (389)",
                "36.5% (591)",
            ]
            assert [percent.sub(".", c) for c in placed] == [
                "1300",
                "23.0% (299)",
                "34.9% (454)",
            ]

    def test_the_donor_gets_the_same_table_from_the_page_and_the_api(self):
        donor = self.personas.aggregate
        shown = aggregates.unit_indicators(donor, start=START, end=END)
        assert [i.value for i in shown.indicators] == [140, 2000, 1620, 1300]
        assert (shown["registered"].syrians, shown["placed"].women) == (389, 454)

        client = Client()
        client.force_login(donor)
        page = client.get(f"/en/employment/indicators/?{QUARTER}").content.decode()
        assert cells(page, "Placed job seekers")[0] == "1300"
        token = create_token(user=donor)
        body = client.get(
            f"/api/v1/employment/indicators?{QUARTER}",
            headers={"Authorization": f"Bearer {token}"},
        ).json()
        values = {i["code"]: (i["value"], i["syrians"], i["women"]) for i in body["indicators"]}
        assert values["registered"] == (1620, 389, 591)
        assert values["placed"] == (1300, 299, 454)
        assert values["farms_visited"][0] == 140 and values["jobs_secured"][0] == 2000
        assert body["suppressed"] is True
