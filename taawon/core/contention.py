"""Writers meeting a busy database: a retry for a service call, a skip for a write that can wait.

On SQLite one writer at a time holds the database's write lock; the others wait for it up to
the busy timeout (settings.py) and then fail with "database is locked". On PostgreSQL the same
contention shows as a lock timeout, a deadlock or a serialization failure. Either way the
failed transaction rolled back whole, so running it again is safe, and that is all
`retry_when_locked` does: it runs the service in a transaction of its own and, when the
database answered busy, runs it again after a short pause. It never retries inside an outer
transaction (that one rolled back too: its owner decides), nor anything that raised another
error.

`write_unless_busy` is for writes that may be skipped, such as noting when a token was last
used: it waits for the lock a moment only, and a busy database skips the write instead of
failing the request that asked for it.
"""

from __future__ import annotations

import contextlib
import functools
import random
import time
from collections.abc import Callable, Iterator
from typing import ParamSpec, TypeVar

from django.db import OperationalError, connection, transaction

P = ParamSpec("P")
T = TypeVar("T")

# Attempts of a service call in all; the pauses between them grow, with jitter so that the
# writers that failed together do not all come back together.
ATTEMPTS = 4
FIRST_PAUSE_S = 0.05
# PostgreSQL's codes for contention: serialization failure, deadlock, lock not available.
_POSTGRES_BUSY = frozenset({"40001", "40P01", "55P03"})


def is_busy(error: BaseException) -> bool:
    """Whether `error` is the database saying it is busy, not that the work is wrong."""
    if not isinstance(error, OperationalError):
        return False
    if "database is locked" in str(error) or "database table is locked" in str(error):
        return True
    return getattr(error.__cause__, "sqlstate", None) in _POSTGRES_BUSY


def retry_when_locked(func: Callable[P, T]) -> Callable[P, T]:
    """Run the service `func` in a transaction, again (up to ATTEMPTS in all) when the
    database was busy. Only the work of `func` inside that transaction is repeated: side
    effects belong in `transaction.on_commit`, which a rolled-back attempt never runs."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        if connection.in_atomic_block:
            # An outer transaction rolled back with this one; its owner retries, or not.
            with transaction.atomic():
                return func(*args, **kwargs)
        pause = FIRST_PAUSE_S
        for attempt in range(1, ATTEMPTS + 1):
            try:
                with transaction.atomic():
                    return func(*args, **kwargs)
            except OperationalError as error:
                if attempt == ATTEMPTS or not is_busy(error):
                    raise
            time.sleep(pause * (1 + random.random()))  # jitter, not secrecy
            pause *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    return wrapper


@contextlib.contextmanager
def lock_wait(seconds: float) -> Iterator[None]:
    """Wait at most `seconds` for a lock in this block (SQLite's busy timeout, PostgreSQL's
    lock timeout), then as before. On SQLite, open it before the transaction (whose BEGIN
    IMMEDIATE is what waits); on PostgreSQL, inside the transaction (the setting is local to
    it, and a rollback undoes it)."""
    milliseconds = max(0, int(seconds * 1000))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA busy_timeout")
            before = cursor.fetchone()[0]
            cursor.execute(f"PRAGMA busy_timeout = {milliseconds}")
            try:
                yield
            finally:
                cursor.execute(f"PRAGMA busy_timeout = {int(before)}")
            return
        cursor.execute("SHOW lock_timeout")
        before = cursor.fetchone()[0]
        cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{milliseconds}ms"])
        yield
        cursor.execute("SELECT set_config('lock_timeout', %s, true)", [before])


def write_unless_busy(write: Callable[[], object], *, wait_s: float = 0.1) -> bool:
    """Run `write` in a transaction, waiting at most `wait_s` for the lock; a busy database
    skips it. True when it was written."""
    try:
        if connection.vendor == "sqlite":
            with lock_wait(wait_s), transaction.atomic():
                write()
        else:
            with transaction.atomic(), lock_wait(wait_s):
                write()
    except OperationalError as error:
        if not is_busy(error):
            raise
        return False
    return True
