"""Other users keep working while a permit import commits.

The import checks everything before its write transaction, which only inserts: on SQLite it
holds the one write lock for that long, and the others' writes wait for it (the busy timeout
of settings.py, then a retry of the service). 200 person registrations, from threads with
connections of their own, start the moment the import begins writing; none may fail. A read
with a bearer token at that moment succeeds (accounts/tests/test_token_busy.py shows that it
does not wait for the lock).

On SQLite the test run's database lives in memory with a shared cache, where a locked table
fails at once instead of waiting; these threads get a file database instead (a copy of the
test database, made when the test starts), as a server has.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client

from taawon.accounts import services as accounts
from taawon.core.testing import threads_on_a_file_database
from taawon.people import services as people
from taawon.people.models import Person
from taawon.permits.models import Permit
from taawon.permits.services import imports

from .import_files import csv_bytes
from .import_files import people as permit_rows

ROWS = 4_000
WRITES = 200
THREADS = 20


@pytest.fixture
def file_database():
    with threads_on_a_file_database():
        yield


def _in_thread(work):
    """Run `work` in a thread of its own, with its own database connection."""

    def run(*args):
        try:
            return work(*args)
        finally:
            connection.close()

    return run


@pytest.fixture
def token(personas) -> str:
    return accounts.create_token(user=personas.counsellor_a)


# serialized_rollback: the flush after a transactional test would wipe the reference data
# (occupations, governorates) that migrations load and later tests read.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_registrations_and_a_token_read_during_an_import_commit_all_succeed(
    personas, world, token, file_database
):
    data = csv_bytes(permit_rows(ROWS))
    writing = threading.Event()
    timeline: dict[str, float] = {}
    starts: list[float] = []

    def begin_writing() -> None:
        if not writing.is_set():
            timeline["writing"] = time.perf_counter()
            writing.set()

    def notice_writes(execute, sql, params, many, context):
        # SQLite: the first row inserted in the write transaction (the ids reserved before
        # it go through sqlite_sequence, in transactions of their own).
        inserting = sql.startswith("INSERT") and "sqlite_sequence" not in sql
        if connection.in_atomic_block and inserting:
            begin_writing()
        return execute(sql, params, many, context)

    @_in_thread
    def watch_copies() -> None:
        # PostgreSQL: the transaction only copies rows in (COPY, which no execute wrapper
        # sees); the server shows it running.
        while not writing.is_set():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() "
                    "AND state = 'active' AND query LIKE 'COPY %%'"
                )
                if cursor.fetchone():
                    begin_writing()
            time.sleep(0.002)

    @_in_thread
    def commit():
        try:
            with connection.execute_wrapper(notice_writes):
                return imports.import_file(
                    name="permits.csv", data=data, dry_run=False, imported_by=None
                )
        finally:
            timeline["committed"] = time.perf_counter()
            writing.set()  # should the import fail before writing, nobody waits forever

    @_in_thread
    def register(index: int) -> str:
        writing.wait(120)
        started = time.perf_counter()
        try:
            people.register_person(
                owner=personas.unit_a,
                data={
                    "given_name_en": "Rami",
                    "family_name_en": f"Concurrent{index}",
                    "sex": "male",
                    "birth_year": 1990,
                    "nationality": "JO",
                    "displacement_status": "host_community",
                },
                registered_by=personas.counsellor_a,
                duplicate_decision="new",
            )
        except Exception as error:  # every failure is counted, whatever it is
            return f"{type(error).__name__}: {error}"
        starts.append(started)
        return ""

    @_in_thread
    def read_with_token():
        writing.wait(120)
        response = Client().get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {token}")
        return response.status_code

    with ThreadPoolExecutor(max_workers=THREADS + 3) as pool:
        committing = pool.submit(commit)
        if connection.vendor == "postgresql":
            pool.submit(watch_copies)
        reading = pool.submit(read_with_token)
        failures = [f for f in pool.map(register, range(WRITES)) if f]
        outcome = committing.result()
        status = reading.result()

    assert outcome.committed, outcome.all_errors[:3]
    assert failures == [], failures[:5]
    assert status == 200
    # The registrations began while the import was writing, not after it.
    assert timeline["writing"] <= min(starts) < timeline["committed"]
    threads_db = connections.create_connection("default")
    try:
        with threads_db.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {Permit._meta.db_table}")
            assert cursor.fetchone()[0] == ROWS
            cursor.execute(
                f"SELECT COUNT(*) FROM {Person._meta.db_table} WHERE family_name_en LIKE %s",
                ["Concurrent%"],
            )
            assert cursor.fetchone()[0] == WRITES
    finally:
        threads_db.close()
