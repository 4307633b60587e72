"""A busy database: a service call is retried, a write that can wait is skipped.

Another connection (a thread of its own) holds a write on an organisation row: on SQLite the
database's write lock, on PostgreSQL that row's lock. The calls under test wait for the lock
a few milliseconds only (`lock_wait`), so that they meet it busy at once.
"""

from __future__ import annotations

import threading

import pytest
from django.db import OperationalError, connection, transaction

from taawon.accounts.models import Organisation
from taawon.core import contention
from taawon.core.exceptions import ValidationFailed


def _hold_lock_on(organisation_id: int, held: threading.Event, release: threading.Event):
    """In a thread: change the organisation and keep the transaction open until `release`."""

    def hold() -> None:
        try:
            with transaction.atomic():
                Organisation.objects.filter(pk=organisation_id).update(name_en="Held")
                held.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=hold)
    thread.start()
    assert held.wait(10)
    return thread


def _rename(organisation_id: int, name: str) -> None:
    if connection.vendor == "postgresql":
        # Inside the transaction, where PostgreSQL's lock timeout is local.
        with contention.lock_wait(0.02):
            Organisation.objects.filter(pk=organisation_id).update(name_en=name)
    else:
        Organisation.objects.filter(pk=organisation_id).update(name_en=name)


def _noting_failures(failures: list, then: threading.Event | None = None):
    """An execute wrapper noting each statement the database refused (the BEGIN IMMEDIATE on
    SQLite, the update on PostgreSQL), and setting `then` at the first."""

    def wrapper(execute, sql, params, many, context):
        try:
            return execute(sql, params, many, context)
        except OperationalError:
            failures.append(sql)
            if then is not None:
                then.set()
            raise

    return wrapper


def _call_busy(service) -> None:
    if connection.vendor == "sqlite":
        with contention.lock_wait(0.02):  # before the transaction, whose BEGIN waits
            service()
    else:
        service()


# serialized_rollback: the flush after a transactional test would wipe the reference data
# (occupations, governorates) that migrations load and later tests read.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_service_that_finds_the_database_locked_runs_again_and_succeeds(personas):
    pk = personas.unit_a.pk
    held, release = threading.Event(), threading.Event()
    failures: list[str] = []

    @contention.retry_when_locked
    def rename() -> None:
        _rename(pk, "Renamed")

    thread = _hold_lock_on(pk, held, release)
    try:
        # The other writer finishes as soon as this one has met the lock once.
        with connection.execute_wrapper(_noting_failures(failures, then=release)):
            _call_busy(rename)
    finally:
        release.set()
        thread.join()

    assert len(failures) >= 1
    assert Organisation.objects.get(pk=pk).name_en == "Renamed"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_service_gives_up_after_its_attempts_and_says_why(personas):
    pk = personas.unit_a.pk
    held, release = threading.Event(), threading.Event()
    failures: list[str] = []

    @contention.retry_when_locked
    def rename() -> None:
        _rename(pk, "Renamed")

    thread = _hold_lock_on(pk, held, release)
    try:
        with (
            pytest.raises(OperationalError) as raised,
            connection.execute_wrapper(_noting_failures(failures)),
        ):
            _call_busy(rename)
    finally:
        release.set()
        thread.join()

    assert contention.is_busy(raised.value)
    assert len(failures) == contention.ATTEMPTS
    assert Organisation.objects.get(pk=pk).name_en == "Held"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_service_that_fails_otherwise_is_not_run_again(personas):
    attempts = []

    @contention.retry_when_locked
    def refuse() -> None:
        attempts.append(1)
        raise ValidationFailed("no")

    with pytest.raises(ValidationFailed):
        refuse()

    assert attempts == [1]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_write_that_can_wait_is_skipped_while_the_database_is_busy_then_done(personas):
    pk = personas.unit_b.pk
    held, release = threading.Event(), threading.Event()

    def rename() -> None:
        Organisation.objects.filter(pk=pk).update(name_en="Noted")

    thread = _hold_lock_on(pk, held, release)
    try:
        skipped = contention.write_unless_busy(rename, wait_s=0.02)
    finally:
        release.set()
        thread.join()
    done = contention.write_unless_busy(rename, wait_s=0.02)

    assert skipped is False
    assert done is True
    assert Organisation.objects.get(pk=pk).name_en == "Noted"
