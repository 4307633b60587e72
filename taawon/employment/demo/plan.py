"""What the demo employment data is made of: the brief's targets, the jobs the units' employers
offer, names, and the words counsellors write. Plain data and small helpers, no database."""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from taawon.accounts.models import Membership, Organisation, User
from taawon.geo.models import District, Governorate
from taawon.people.models import Person

from ..employers.models import Employer
from ..placements.models import FollowUp
from ..seekers.models import JobSeeker
from ..vacancies.models import Vacancy

# The brief's quarter: the six units, opened in July 2020, report from 1 July to 30 September.
START = datetime.date(2020, 7, 1)
END = datetime.date(2020, 9, 30)
NEXT_SEASON = datetime.date(2020, 10, 1)  # vacancies posted for the winter vegetables, olives
NEXT_SEASON_LAST = datetime.date(2020, 12, 15)
REPORTED = datetime.date(2021, 1, 15)  # when the 3-month follow-ups had been made
# The brief's table for that quarter, for 1,620 registered job seekers (the demo's persons
# carry its 24% Syrians and 36.5% women: taawon.demo.population).
SEEKERS = 1620
FARMS_VISITED = 140
JOBS_SECURED = 2000  # placements starting in the quarter; some job seekers had two jobs
PLACED = 1300  # job seekers placed at least once
PLACED_SYRIANS = 299  # 23.0%
PLACED_WOMEN = 454  # 34.9%
BUSINESSES_PER_FARM = 0.2  # the units' employers that are not farms (not in "farms visited")
SECOND_VISITS_PER_EMPLOYER = 0.3
OPEN_POSITIONS_PER_JOB = 0.2  # positions posted for the next season, still open at the end
AWARENESS = 60  # sessions, ten a unit
STAFF_ROLES = {Membership.Role.COUNSELLOR, Membership.Role.DATA_CLERK, Membership.Role.MANAGER}


@dataclass(frozen=True)
class Job:
    """A kind of job the units' employers offer: ISCO-08 unit group, share, wage, skills."""

    isco: str
    title_en: str
    weight: float
    daily_wage: tuple[float, float]
    skills: tuple[str, ...]
    sector: str = "agriculture"  # of the work permit the job needs

    @property
    def farm(self) -> bool:
        return self.sector == "agriculture"


JOBS = (
    Job("9211", "Vegetable pickers", 34, (12, 16), ("harvesting", "sorting_packing")),
    Job("9211", "Greenhouse workers", 12, (13, 17), ("greenhouse", "planting", "irrigation")),
    Job("9212", "Livestock farm workers", 6, (12, 15), ("livestock", "milking")),
    Job("9213", "Farm workers", 8, (12, 15), ("harvesting", "livestock")),
    Job(
        "6112",
        "Olive and date palm workers",
        8,
        (14, 18),
        ("olive_harvest", "date_palm", "pruning"),
    ),
    Job(
        "6111",
        "Vegetable growers",
        4,
        (15, 20),
        ("planting", "irrigation", "pesticide_application"),
    ),
    Job("8341", "Tractor drivers", 3, (18, 25), ("tractor",)),
    Job("9321", "Packing house workers", 7, (12, 15), ("sorting_packing",), "manufacturing"),
    Job("7514", "Food processing workers", 4, (13, 17), ("food_processing",), "manufacturing"),
    Job("7513", "Dairy makers", 3, (14, 18), ("dairy_processing", "milking"), "manufacturing"),
    Job("9313", "Construction labourers", 6, (15, 20), ("masonry",), "construction"),
    Job("7123", "Plasterers", 2, (20, 28), ("plastering",), "construction"),
    Job("9412", "Kitchen helpers", 3, (12, 15), ("cooking", "cleaning"), "food_services"),
)
# ISIC section of a business by the sector of its jobs.
SECTION = {"manufacturing": "C", "construction": "F", "food_services": "I", "agriculture": "A"}

FAMILIES = (
    ("الزعبي", "Al-Zoubi"), ("العمري", "Al-Omari"), ("الخوالدة", "Al-Khawaldeh"),
    ("المساعيد", "Al-Masaeed"), ("الشبول", "Al-Shboul"), ("العتوم", "Al-Otoum"),
    ("العدوان", "Al-Adwan"), ("الطراونة", "Al-Tarawneh"), ("الحجايا", "Al-Hajaya"),
    ("الحوامدة", "Al-Hawamdeh"), ("السرحان", "Al-Sarhan"), ("المجالي", "Al-Majali"),
    ("القضاة", "Al-Qudah"), ("بني هاني", "Bani Hani"), ("الرواشدة", "Al-Rawashdeh"),
    ("الدعجة", "Al-Daja"), ("الخزاعلة", "Al-Khazaleh"), ("العبادي", "Al-Abbadi"),
)  # fmt: skip
GIVEN = (
    ("محمد", "Mohammad"), ("أحمد", "Ahmad"), ("خالد", "Khaled"), ("عمر", "Omar"),
    ("سليمان", "Suleiman"), ("إبراهيم", "Ibrahim"), ("يوسف", "Youssef"), ("علي", "Ali"),
    ("حسن", "Hassan"), ("عودة", "Odeh"), ("فيصل", "Faisal"), ("ماجد", "Majed"),
)  # fmt: skip
FARM_KINDS = (
    ("مزرعة {family} للخضار", "{family} vegetable farm"),
    ("مزارع {family}", "{family} farms"),
    ("بيوت {family} البلاستيكية", "{family} greenhouses"),
    ("مزرعة {family} للزيتون", "{family} olive farm"),
    ("مزرعة {family} للمواشي", "{family} livestock farm"),
    ("نخيل {family}", "{family} date palms"),
)
BUSINESS_KINDS = {
    "manufacturing": ("مصنع {family} للأغذية", "{family} food factory"),
    "construction": ("شركة {family} للمقاولات", "{family} contracting"),
    "food_services": ("مطعم {family}", "{family} restaurant"),
}
FINDINGS = (
    "Workers pick from 6 am; water tank on site but no shade near the greenhouses.",
    "Owner plans to hire for the tomato season; asked about flexible work permits.",
    "Pesticide store unlocked next to the workers' rest area; discussed with the owner.",
    "Women workers asked for separate toilets; owner agreed to set one up.",
    "Transport by open pick-up; explained the risks and the OSH checklist.",
    "Good practice: first-aid kit, drinking water, written daily wage list.",
)
NEXT_STEPS = (
    "Send the vacancy list to the unit; follow up in two weeks.",
    "Owner to put up a shaded rest area before the harvest.",
    "Invite the workers to the next OSH awareness session.",
    "Refer job seekers with greenhouse experience.",
    "Check the separate toilets at the next visit.",
)
VENUES = ("Cooperative hall", "Municipality hall", "Community centre", "Farm, under the trees")
FACILITATORS = (
    "Ministry of Labour inspector",
    "ILO OSH trainer",
    "Cooperative counsellor",
    "Jordan Valley Authority extension officer",
)
# Probability that a farm visit finds each OSH item in place (yes), or that it does not apply.
OSH_YES = {
    "drinking_water": 0.85,
    "toilets": 0.6,
    "separate_sanitation": 0.3,
    "shade_and_breaks": 0.5,
    "first_aid": 0.45,
    "protective_equipment": 0.4,
    "pesticide_storage": 0.55,
    "pesticide_reentry": 0.5,
    "machinery": 0.6,
    "safe_transport": 0.35,
    "working_hours": 0.7,
    "no_child_labour": 0.9,
    "written_terms": 0.3,
    "covid19": 0.65,
}
LEFT_REASONS = (
    (FollowUp.Reason.CONTRACT_ENDED, 45),
    (FollowUp.Reason.RESIGNED_WAGE, 12),
    (FollowUp.Reason.RESIGNED_CONDITIONS, 10),
    (FollowUp.Reason.TRANSPORT, 10),
    (FollowUp.Reason.CARE_DUTIES, 9),
    (FollowUp.Reason.HEALTH, 4),
    (FollowUp.Reason.DISMISSED, 4),
    (FollowUp.Reason.PERMIT, 3),
    (FollowUp.Reason.MOVED, 3),
)


ACTION_PLANS = (
    "Apply for a flexible agricultural work permit through the cooperative.",
    "Refer to greenhouse vacancies in the valley; call back next week.",
    "Join the OSH awareness session; prepare for the olive season.",
    "Enrol in the cooperative's food processing training.",
    "Visit the packing house with the counsellor for an interview.",
)


OTHER_TOPICS = ("Social security for farm workers", "Harassment at work", "Heat stress")


@dataclass
class Unit:
    """One employment unit's place, staff, persons, and the records made for it."""

    organisation: Organisation
    governorate: Governorate
    districts: list[District]
    staff: list[User | None]
    persons: list[Person]
    employers: list[Employer] = field(default_factory=list)
    vacancies: list[Vacancy] = field(default_factory=list)
    seekers: list[JobSeeker] = field(default_factory=list)
    sought: dict[int, list[str]] = field(default_factory=dict)  # job seeker id -> ISCO codes
    job_of: dict[int, Job] = field(default_factory=dict)  # job seeker id -> the job first sought
    registered: dict[int, datetime.date] = field(default_factory=dict)  # person id -> day
    seeker_of: dict[int, JobSeeker] = field(default_factory=dict)  # person id -> profile


def day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, max((last - first).days, 0)))


def near(rng: random.Random, place: Governorate | District) -> tuple[Decimal, Decimal]:
    """A point a few kilometres from the place's centroid (0.04° is about 4 km)."""
    return (
        (place.latitude + Decimal(rng.uniform(-0.04, 0.04))).quantize(Decimal("0.00001")),
        (place.longitude + Decimal(rng.uniform(-0.04, 0.04))).quantize(Decimal("0.00001")),
    )


def wage(rng: random.Random, low: float, high: float) -> Decimal:
    return Decimal(rng.randrange(int(low * 2), int(high * 2) + 1)) / 2  # half dinars


def weighted(rng: random.Random, pairs: Sequence[tuple[Any, float]]) -> Any:
    return rng.choices([item for item, _w in pairs], weights=[w for _i, w in pairs])[0]


def jobs(farm: bool) -> list[tuple[Job, float]]:
    return [(job, job.weight) for job in JOBS if job.farm == farm]
