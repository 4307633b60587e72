"""A read with a bearer token never fails, nor waits, because the database is busy writing:
noting when the token was last used is skipped then (and done by a later request)."""

import threading
import time

import pytest
from django.db import connection, transaction
from django.test import Client

from taawon.accounts import services
from taawon.accounts.models import ApiToken
from taawon.core.testing import threads_on_a_file_database

ME = "/api/v1/accounts/me"


# serialized_rollback: the flush after a transactional test would wipe the reference data
# (occupations, governorates) that migrations load and later tests read.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_token_read_while_another_connection_writes_answers_at_once(personas):
    token = services.create_token(user=personas.counsellor_a)
    row = ApiToken.objects.get()
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        # Another writer: SQLite's write lock, and on PostgreSQL the token row's lock too.
        try:
            with transaction.atomic():
                ApiToken.objects.filter(pk=row.pk).update(name="busy")
                held.set()
                release.wait(30)
        finally:
            connection.close()

    def read(results: dict) -> None:
        try:
            started = time.perf_counter()
            results["response"] = Client().get(ME, HTTP_AUTHORIZATION=f"Bearer {token}")
            results["elapsed"] = time.perf_counter() - started
        finally:
            connection.close()

    Client().get(ME)  # the API's first request sets it up: not what is timed
    results: dict = {}
    with threads_on_a_file_database():
        thread = threading.Thread(target=hold)
        thread.start()
        assert held.wait(10)
        try:
            reader = threading.Thread(target=read, args=(results,))
            reader.start()
            reader.join()
        finally:
            release.set()
            thread.join()
        response, elapsed = results["response"], results["elapsed"]
        after_busy = _last_used(row.pk)
        reader = threading.Thread(target=read, args=(results,))
        reader.start()
        reader.join()
        after_free = _last_used(row.pk)

    assert response.status_code == 200
    assert elapsed < 5  # not the busy timeout (20 s), nor the other writer's 30 s
    assert after_busy is None  # skipped while busy
    assert after_free is not None  # noted by the next request


def _last_used(pk: int):
    """Read in a thread, from the database the threads use."""
    found = {}

    def read() -> None:
        try:
            found["at"] = ApiToken.objects.get(pk=pk).last_used_at
        finally:
            connection.close()

    thread = threading.Thread(target=read)
    thread.start()
    thread.join()
    return found["at"]
