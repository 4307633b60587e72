"""Retention spares a person with a referral awaiting its outcome or a placement running."""

import pytest

from taawon.people import retention
from taawon.people.tests.test_retention import archived_long_ago

from .factories import JobSeekerFactory, PersonFactory, PlacementFactory, ReferralFactory

pytestmark = pytest.mark.django_db


def test_retention_spares_open_referrals_and_running_placements(personas, unit_a, settings):
    settings.RETENTION_DAYS = 365
    a, actor, vacancy = personas.unit_a, personas.counsellor_a, unit_a.vacancy
    referred, placed, done = (
        JobSeekerFactory(person=PersonFactory(owner=a), registered_by=actor) for _ in range(3)
    )
    ReferralFactory(job_seeker=referred, vacancy=vacancy, referred_by=actor)
    hire = ReferralFactory(job_seeker=placed, vacancy=vacancy, referred_by=actor)
    PlacementFactory(referral=hire, placed_by=actor)
    for seeker in (referred, placed, done):
        archived_long_ago(seeker.person)

    result = retention.apply_retention()

    assert (result.due, result.held, result.anonymised) == (3, 2, [done.person_id])
