"""The demo's young job seekers (15 to 17 on the day the demo is built, since ages are counted
on the day of each decision) and hazardous vacancies of the next season, so that the
safeguards of `taawon.protection` show in one unit: the 15-year-old is recommended nothing
(below Jordan's minimum working age of 16), the 16- and 17-year-olds are recommended the
strawberry picking but never the pesticide spraying or the tractor, and a referral of one of
them to the spraying is refused with the reason. No one is placed: a placement starts on a
day the programme's indicators count, and the brief's quarter must keep its figures (the young
workers report is shown by the tests)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from taawon.accounts.models import Organisation, User
from taawon.people import services as people_services

from ..employers.models import Employer
from ..placements import services as placement_services
from ..seekers import services as seeker_services
from ..seekers.models import JobSeeker
from ..vacancies import services as vacancy_services
from .plan import NEXT_SEASON, NEXT_SEASON_LAST, START

# (given, family) in Latin and Arabic, sex, age, nationality, referred to the picking
YOUNG = (
    ("Ahmad", "Al-Khalidi", "أحمد", "الخالدي", "male", 15, "SY", False),
    ("Rahaf", "Al-Hariri", "رهف", "الحريري", "female", 16, "SY", False),
    ("Mahmoud", "Al-Omari", "محمود", "العمري", "male", 17, "JO", False),
    ("Sara", "Al-Qudah", "سارة", "القضاة", "female", 17, "JO", True),
)
BEFORE_THE_QUARTER = START - datetime.timedelta(days=1)
# title (English), title (Arabic, in the description), ISCO-08, tasks, positions, hours a day
VACANCIES = (
    ("Pesticide spraying, greenhouses", "رش المبيدات في البيوت البلاستيكية", "9211",
     ["pesticides", "extreme_heat"], 4, Decimal("6")),
    ("Tractor driver", "سائق جرار زراعي", "8341", ["machinery"], 1, Decimal("8")),
    ("Strawberry picking, mornings", "قطف الفراولة، فترة صباحية", "9211", [], 6, Decimal("6")),
)  # fmt: skip


def _born(today: datetime.date, age: int) -> datetime.date:
    return today.replace(year=today.year - age, day=1) - datetime.timedelta(days=40)


def young_workers(organisation: Organisation, actor: User | None) -> tuple[int, int]:
    """Post the vacancies and register the young job seekers of the unit `organisation`;
    refer the 17-year-old girl to the picking. Returns (vacancies, job seekers)."""
    employer = (
        Employer.objects.filter(owner=organisation, kind=Employer.Kind.FARM).order_by("pk").first()
    )
    if employer is None:
        return 0, 0
    vacancies = [
        vacancy_services.post_vacancy(
            employer=employer,
            title=title,
            description=title_ar,
            occupation=code,
            tasks=tasks,
            positions=positions,
            start_date=NEXT_SEASON + datetime.timedelta(days=14),
            end_date=NEXT_SEASON_LAST,
            wage=Decimal("12.000"),
            wage_period="daily",
            hours_per_day=hours,
            days_per_week=6,
            skills=["harvesting"],
            posted_by=actor,
        )
        for title, title_ar, code, tasks, positions, hours in VACANCIES
    ]
    picking = vacancies[-1]
    today = timezone.localdate()
    seekers = []
    for given_en, family_en, given_ar, family_ar, sex, age, nationality, referred in YOUNG:
        person = people_services.register_person(
            owner=organisation,
            data={
                "given_name_en": given_en,
                "family_name_en": family_en,
                "given_name_ar": given_ar,
                "family_name_ar": family_ar,
                "sex": sex,
                "date_of_birth": _born(today, age),
                "nationality": nationality,
                "displacement_status": "refugee" if nationality == "SY" else "host_community",
                "governorate": employer.governorate_id,
                "district": employer.district_id,
            },
            registered_by=actor,
            duplicate_decision="new",
        )
        seeker = seeker_services.register_job_seeker(
            person=person,
            occupations=["9211", "8341"] if sex == "male" else ["9211"],
            skills=["harvesting"],
            max_travel_km=40,
            expected_wage=Decimal("12"),
            work_permit_status="not_needed" if nationality == "JO" else "valid",
            work_permit_sector="agriculture" if nationality == "SY" else "",
            registered_by=actor,
        )
        # Registered before the brief's quarter, so that its figures and the period the
        # dashboards open on (the latest with a registration) stay as they are.
        JobSeeker.objects.filter(pk=seeker.pk).update(registered_on=BEFORE_THE_QUARTER)
        seekers.append(seeker)
        if referred:
            placement_services.refer_job_seeker(
                job_seeker=seeker, vacancy=picking, referred_by=actor
            )
    return len(vacancies), len(seekers)
