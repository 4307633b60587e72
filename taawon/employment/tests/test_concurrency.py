"""Many counsellors placing into the same vacancy at once never overbook it.

Each thread has its own database connection (Django opens one per thread) and calls the service
at the same moment, released together by a barrier. On PostgreSQL the vacancy row lock makes
all but one wait, and each then counts the placements committed before it; on SQLite every
write transaction begins IMMEDIATE, so the same service runs one transaction at a time.

The in-memory SQLite database of the test run uses a shared cache, where a connection that
finds the write lock taken fails at once ("database table is locked") instead of waiting as a
file database does (the timeout in settings.py). `_waiting` gives back that waiting, so the
threads still race for the lock and the test still checks what the service counts under it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import pytest
from django.db import OperationalError, connection

from taawon.core.exceptions import ValidationFailed

from ..placements.models import Placement, Referral
from ..placements.services import place_job_seeker
from ..vacancies.models import Vacancy
from .factories import (
    EmployerFactory,
    JobSeekerFactory,
    PersonFactory,
    ReferralFactory,
    VacancyFactory,
)

POSITIONS = 3
COUNSELLORS = 12
MAX_WAITS = 100_000
T = TypeVar("T")


def _waiting(call: Callable[[], T]) -> T:
    for _attempt in range(MAX_WAITS):
        try:
            return call()
        except OperationalError as error:
            # The transaction rolled back whole; anything else is a real failure.
            if connection.vendor != "sqlite" or "locked" not in str(error):
                raise
            time.sleep(0.001)
    raise AssertionError("the SQLite write lock was never free")


# serialized_rollback: the flush after a transactional test would wipe the reference data
# (occupations, governorates) that migrations load and later tests read.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_counsellors_placing_at_the_same_moment_never_fill_more_positions_than_there_are(
    personas,
):
    employer = EmployerFactory(owner=personas.unit_a, created_by=personas.counsellor_a)
    vacancy = VacancyFactory(
        employer=employer, positions=POSITIONS, posted_by=personas.counsellor_a
    )
    referral_ids = [
        ReferralFactory(
            job_seeker=JobSeekerFactory(
                person=PersonFactory(owner=personas.unit_a), registered_by=personas.counsellor_a
            ),
            vacancy=vacancy,
            referred_by=personas.counsellor_a,
        ).pk
        for _ in range(COUNSELLORS)
    ]
    users = [personas.counsellor_a, personas.clerk_a, personas.officer]
    start = threading.Barrier(COUNSELLORS)

    def place(index: int) -> str:
        try:
            referral = Referral.objects.select_related("vacancy").get(pk=referral_ids[index])
            user = type(personas.counsellor_a).objects.get(pk=users[index % len(users)].pk)
            start.wait(timeout=30)
            _waiting(
                lambda: place_job_seeker(
                    referral=referral,
                    start_date=referral.referred_on,
                    contract_type="seasonal",
                    wage="15",
                    wage_period="daily",
                    placed_by=user,
                )
            )
            return "placed"
        except ValidationFailed as error:
            return "full" if "vacancy" in error.field_errors else repr(error.field_errors)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=COUNSELLORS) as pool:
        outcomes = list(pool.map(place, range(COUNSELLORS)))

    assert sorted(outcomes) == ["full"] * (COUNSELLORS - POSITIONS) + ["placed"] * POSITIONS
    assert Placement.objects.filter(vacancy=vacancy).count() == POSITIONS
    assert Referral.objects.filter(vacancy=vacancy, status="hired").count() == POSITIONS
    assert Vacancy.objects.get(pk=vacancy.pk).status == Vacancy.Status.FILLED
