"""Employment records for tests, made through the services (so the audit trail and the
invariants hold as in use), with names in Arabic and Latin script."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from taawon.geo.models import Governorate
from taawon.people.models import DisplacementStatus, Person, Sex

from ..awareness.models import AwarenessSession
from ..awareness.services import record_awareness_session
from ..employers.models import Employer, FarmVisit, Workplace
from ..employers.services import add_workplace, record_farm_visit, register_employer
from ..placements.models import Placement, Referral
from ..placements.services import place_job_seeker, refer_job_seeker
from ..seekers.models import JobSeeker
from ..seekers.services import register_job_seeker
from ..vacancies.models import Vacancy
from ..vacancies.services import post_vacancy

TODAY = datetime.date(2020, 9, 1)
FARMS = [
    ("Abu Khaled tomato farm", "مزرعة أبو خالد للبندورة", "Khaled Al-Sarhan"),
    ("Al-Ghor greenhouses", "بيوت الغور البلاستيكية", "Suleiman Al-Adwan"),
    ("Souf olive groves", "كروم زيتون سوف", "Mohammad Al-Otoum"),
    ("Ramtha vegetable farm", "مزرعة الرمثا للخضار", "Ahmad Al-Zoubi"),
]
PEOPLE = [
    ("Fatima", "فاطمة", "Al-Hourani", "الحوراني", Sex.FEMALE, "SY"),
    ("Omar", "عمر", "Al-Zoubi", "الزعبي", Sex.MALE, "JO"),
    ("Layla", "ليلى", "Al-Masri", "المصري", Sex.FEMALE, "JO"),
    ("Youssef", "يوسف", "Al-Shami", "الشامي", Sex.MALE, "SY"),
]


def governorate(iso_code: str = "JO-MA") -> Governorate:
    """A governorate shipped by geo's data migration (Mafraq unless told)."""
    return Governorate.objects.get(iso_code=iso_code)


class PersonFactory(factory.django.DjangoModelFactory):
    """A registry person written directly: this app only reads persons."""

    class Meta:
        model = Person

    class Params:
        n = factory.Sequence(int)

    given_name_en = factory.LazyAttribute(lambda o: PEOPLE[o.n % 4][0])
    given_name_ar = factory.LazyAttribute(lambda o: PEOPLE[o.n % 4][1])
    family_name_en = factory.LazyAttribute(lambda o: PEOPLE[o.n % 4][2])
    family_name_ar = factory.LazyAttribute(lambda o: PEOPLE[o.n % 4][3])
    sex = factory.LazyAttribute(lambda o: PEOPLE[o.n % 4][4])
    nationality = factory.LazyAttribute(lambda o: PEOPLE[o.n % 4][5])
    displacement_status = factory.LazyAttribute(
        lambda o: (
            DisplacementStatus.REFUGEE
            if o.nationality == "SY"
            else DisplacementStatus.HOST_COMMUNITY
        )
    )
    governorate = factory.LazyFunction(governorate)
    birth_year = 1990


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    class Params:
        n = factory.Sequence(int)

    kind = Employer.Kind.FARM
    name_en = factory.LazyAttribute(lambda o: FARMS[o.n % 4][0])
    name_ar = factory.LazyAttribute(lambda o: FARMS[o.n % 4][1])
    owner_name = factory.LazyAttribute(lambda o: FARMS[o.n % 4][2])
    sector = "A"
    size = Employer.Size.SMALL
    phone = "0791234567"
    governorate = factory.LazyFunction(governorate)

    @classmethod
    def _create(cls, model_class, *args, created_by=None, **kwargs):
        return register_employer(created_by=created_by, **kwargs)


class WorkplaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workplace

    name = factory.Sequence(lambda n: f"Field {n}")
    latitude = "32.34151"
    longitude = "36.20720"

    @classmethod
    def _create(cls, model_class, *args, created_by=None, **kwargs):
        return add_workplace(created_by=created_by, **kwargs)


class VacancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vacancy

    title = "Tomato pickers"
    occupation = "9211"  # crop farm labourers
    positions = 3
    start_date = TODAY
    end_date = datetime.date(2020, 11, 30)
    wage = Decimal("15.000")
    wage_period = "daily"
    hours_per_day = Decimal("8")

    @classmethod
    def _create(cls, model_class, *args, posted_by=None, **kwargs):
        return post_vacancy(posted_by=posted_by, **kwargs)


class JobSeekerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobSeeker

    occupations = ("9211",)
    skills = ("harvesting",)
    max_travel_km = 30

    @classmethod
    def _create(cls, model_class, *args, registered_by=None, **kwargs):
        return register_job_seeker(registered_by=registered_by, **kwargs)


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    referred_on = TODAY

    @classmethod
    def _create(cls, model_class, *args, referred_by=None, **kwargs):
        return refer_job_seeker(referred_by=referred_by, **kwargs)


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    start_date = TODAY
    contract_type = Placement.ContractType.SEASONAL
    wage = Decimal("15")
    wage_period = "daily"

    @classmethod
    def _create(cls, model_class, *args, placed_by=None, **kwargs):
        return place_job_seeker(placed_by=placed_by, **kwargs)


class FarmVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FarmVisit

    date = TODAY
    purpose = FarmVisit.Purpose.OUTREACH
    findings = "Twelve workers picking tomatoes; no shade near the field."

    @classmethod
    def _create(cls, model_class, *args, recorded_by=None, **kwargs):
        return record_farm_visit(recorded_by=recorded_by, **kwargs)


class AwarenessSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwarenessSession

    topic = AwarenessSession.Topic.OSH
    date = TODAY
    governorate = factory.LazyFunction(governorate)
    venue = "Cooperative hall"
    facilitator = "Rania Al-Hawamdeh"
    head_counts = factory.LazyFunction(lambda: {("female", "SY"): 6, ("male", "JO"): 9})

    @classmethod
    def _create(cls, model_class, *args, recorded_by=None, **kwargs):
        return record_awareness_session(recorded_by=recorded_by, **kwargs)
