"""Retention spares the holder of a live permit (issued, not expired), not of an expired one."""

import datetime

from django.utils import timezone

from taawon.people import retention
from taawon.people.tests.test_retention import archived_long_ago

from .factories import issued


def test_retention_spares_a_live_permit_holder_only(personas, world, settings):
    settings.RETENTION_DAYS = 365
    today = timezone.localdate()
    issued(
        person=world.khaled,
        cooperative=world.coop_a,
        by=personas.counsellor_a,
        decided_by=personas.ministry_officer,
        issued_on=today - datetime.timedelta(days=30),
        expires_on=today + datetime.timedelta(days=300),
    )
    issued(
        person=world.mariam,
        cooperative=world.coop_b,
        by=personas.counsellor_b,
        decided_by=personas.ministry_officer,
    )  # expired in 2024
    archived_long_ago(world.khaled)
    archived_long_ago(world.mariam)

    result = retention.apply_retention()

    assert (result.due, result.held, result.anonymised) == (2, 1, [world.mariam.pk])
    world.khaled.refresh_from_db()
    assert world.khaled.anonymised_at is None and world.khaled.given_name_en == "Khaled"
