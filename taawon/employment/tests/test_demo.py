import random

import pytest
from django.db.models import Count, F

from taawon.core.models import AuditEvent
from taawon.people.models import Person

from ..awareness.models import AwarenessSession
from ..demo import PLACED, SEEKERS, load_demo
from ..demo.plan import END, START
from ..employers.models import Employer, FarmVisit
from ..placements.models import FollowUp, Placement, Referral
from ..seekers.models import CounsellingSession, JobSeeker
from ..vacancies.models import Vacancy
from .factories import PersonFactory

PER_UNIT = 81  # a twentieth of the brief's 1,620 job seekers, in each of two units


@pytest.fixture
def demo(personas):
    persons = {
        unit.pk: [PersonFactory(owner=unit) for _ in range(PER_UNIT)]
        for unit in (personas.unit_a, personas.unit_b)
    }
    archived = persons[personas.unit_a.pk][0]
    Person.objects.filter(pk=archived.pk).update(status=Person.Status.ARCHIVED)
    summary = load_demo(
        rng=random.Random(2020),
        units=[personas.unit_a, personas.unit_b],
        persons_by_unit={pk: [p.pk for p in people] for pk, people in persons.items()},
        users={
            u.username: u
            for u in (
                personas.counsellor_a,
                personas.clerk_a,
                personas.counsellor_b,
                personas.officer,
            )
        },
    )
    return summary, archived


def test_the_demo_never_overbooks_a_vacancy_and_keeps_its_status_true(demo):
    vacancies = Vacancy.objects.annotate(hired=Count("placements"))

    assert not vacancies.filter(hired__gt=F("positions")).exists()
    assert not vacancies.filter(status="open", hired__gte=F("positions")).exists()
    assert not vacancies.filter(status="filled", hired__lt=F("positions")).exists()
    assert vacancies.filter(status="filled").exists()


def test_the_demo_places_the_briefs_share_of_job_seekers_in_its_quarter(demo):
    summary, archived = demo
    seekers = JobSeeker.objects.count()
    placements = Placement.objects.filter(start_date__range=(START, END))
    placed = placements.values("job_seeker").distinct().count()

    assert seekers == 2 * PER_UNIT - 1  # the archived person has no profile
    assert not JobSeeker.objects.filter(person=archived).exists()
    # 1,300 placed and 2,000 jobs for 1,620 job seekers, to the nearest whole one.
    assert placed == round(seekers * PLACED / SEEKERS)
    assert placements.count() == Placement.objects.count() == round(seekers * 2000 / SEEKERS)
    assert summary.placements == Placement.objects.count()
    assert Referral.objects.filter(status="hired").count() == Placement.objects.count()
    assert Referral.objects.exclude(status="hired").count() > 0.2 * seekers


def test_the_demo_follows_the_calendar_registered_referred_placed_followed_up(demo):
    assert not JobSeeker.objects.exclude(registered_on__range=(START, END)).exists()
    assert not Referral.objects.filter(referred_on__lt=F("job_seeker__registered_on")).exists()
    hired = Placement.objects.select_related("referral")
    assert not hired.filter(referral__status_on__lt=F("referral__referred_on")).exists()
    assert not hired.filter(start_date__lt=F("referral__status_on")).exists()
    assert not FollowUp.objects.filter(date__lte=F("placement__start_date")).exists()
    assert not CounsellingSession.objects.filter(date__lt=F("job_seeker__registered_on")).exists()
    assert not FarmVisit.objects.exclude(date__range=(START, END)).exists()
    # A second job starts after the first one ended.
    for seeker in JobSeeker.objects.annotate(jobs=Count("placements")).filter(jobs__gt=1):
        first, second = sorted(seeker.placements.all(), key=lambda p: p.start_date)
        assert first.end_date is not None and first.end_date < second.start_date
    # Every farm is visited in the quarter.
    farms = Employer.objects.filter(kind=Employer.Kind.FARM)
    assert farms.filter(visits__date__range=(START, END)).distinct().count() == farms.count()


def test_the_demo_records_every_kind_of_work_with_its_author(demo, personas):
    summary, _archived = demo

    assert summary.visits == FarmVisit.objects.count() > 0
    assert summary.employers == Employer.objects.count()
    assert summary.awareness_sessions == AwarenessSession.objects.count() >= 2
    assert FollowUp.objects.filter(still_employed=False).exclude(reason="").exists()
    assert not FollowUp.objects.filter(date__lt=F("placement__start_date")).exists()
    assert set(Employer.objects.values_list("owner_id", flat=True)) == {
        personas.unit_a.pk,
        personas.unit_b.pk,
    }
    authors = set(
        AuditEvent.objects.filter(object_type="employment.placement").values_list(
            "actor__username", flat=True
        )
    )
    assert authors == {"counsellor_a", "counsellor_b"}


def test_the_demo_has_crop_calendars_farm_crops_and_a_campaign(demo):
    from ..campaigns.models import Campaign
    from ..seasons.models import CropCalendar, FarmCrop

    summary, _archived = demo
    assert CropCalendar.objects.count() == 12  # six crops in each unit's governorate
    assert FarmCrop.objects.count() == summary.farm_crops > 0
    assert Campaign.objects.count() == summary.campaigns >= 1
