"""Money cannot be over-committed by requests at the same moment: awards under one call and
tranches of one award, each thread with its own connection, released together by a barrier.
On PostgreSQL the call's (or the award's) row lock makes all but one wait; each then sums what
was committed before it. (SQLite runs one writer at a time; see employment's concurrency test
for the waiting its in-memory test database needs.)"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import TypeVar

import pytest
from django.db import OperationalError, connection

from taawon.accounts.models import User
from taawon.core.exceptions import ValidationFailed

from .. import services
from ..models import Application, Award, Tranche
from . import factories as f

THREADS = 8
T = TypeVar("T")


def _waiting(call: Callable[[], T]) -> T:
    for _attempt in range(100_000):
        try:
            return call()
        except OperationalError as error:
            if connection.vendor != "sqlite" or "locked" not in str(error):
                raise
            time.sleep(0.001)
    raise AssertionError("the SQLite write lock was never free")


def _race(work: Callable[[int], str]) -> list[str]:
    start = threading.Barrier(THREADS)

    def run(index: int) -> str:
        try:
            start.wait(timeout=30)
            return _waiting(lambda: work(index))
        except ValidationFailed as error:
            return "refused:" + ",".join(sorted(error.field_errors))
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        return list(pool.map(run, range(THREADS)))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_awards_at_the_same_moment_never_exceed_the_calls_budget(personas):
    panel = (f.reviewer("rev1"),)
    # Room for three grants of 3,000 out of eight eligible, scored applications; each award
    # passes over better-ranked ones, so each gives the reason.
    call = f.open_call(personas, budget="9000", reviewers=panel)
    ids = [
        f.ready(
            call,
            personas.coop_a,
            name=f"Venture {i}",
            by=personas.admin_a,
            officer=personas.officer,
            reviewers=panel,
            values=(i % 10, 5),
        ).pk
        for i in range(THREADS)
    ]
    officer_id = personas.officer.pk

    def award(index: int) -> str:
        app = Application.objects.get(pk=ids[index])
        services.award_grant(
            application=app,
            amount="3000",
            decided_on=f.DECIDED,
            departure_reason="Same moment",
            by=User.objects.get(pk=officer_id),
        )
        return "awarded"

    outcomes = _race(award)
    assert sorted(outcomes) == ["awarded"] * 3 + ["refused:amount"] * (THREADS - 3)
    assert Award.objects.filter(call=call).count() == 3
    assert services.awarded_total(call) == Decimal("9000")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_tranches_at_the_same_moment_never_exceed_the_award(personas):
    panel = (f.reviewer("rev1"),)
    call = f.open_call(personas, reviewers=panel)
    app = f.ready(
        call,
        personas.coop_a,
        name="V",
        by=personas.admin_a,
        officer=personas.officer,
        reviewers=panel,
    )
    award = f.award(app, personas.officer, "3000")
    officer_id = personas.officer.pk

    def plan(index: int) -> str:
        services.plan_tranche(
            award=Award.objects.get(pk=award.pk),
            amount="1000",
            planned_on=f.DECIDED,
            by=User.objects.get(pk=officer_id),
        )
        return "planned"

    outcomes = _race(plan)
    assert sorted(outcomes) == ["planned"] * 3 + ["refused:amount"] * (THREADS - 3)
    assert Tranche.objects.filter(award=award).count() == 3
    assert services.committed(award) == Decimal("3000")
    numbers = sorted(Tranche.objects.filter(award=award).values_list("number", flat=True))
    assert numbers == [1, 2, 3]
