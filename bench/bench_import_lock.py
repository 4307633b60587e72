"""How long a permit import's commit holds SQLite's write lock, seen from another connection.

Target (issue 11): at most 5 s for a 40,000-row file, so that the other users' writes, which
wait for the lock up to the busy timeout (20 s), never fail while an import commits.

The registry is the demo's (built once with its bulk path, kept under bench/.data/); the file
has 40,000 permits of holders the registry does not know, the costliest commit there is: each
row writes a permit, a person with their name keys and encrypted identifier, and their audit
events. The import runs as `taawon import-permits FILE` in a subprocess on a fresh copy of the
registry; meanwhile a prober in this process, on its own connection, takes the write lock
(BEGIN IMMEDIATE, then ROLLBACK) again and again, every few milliseconds. The longest it
waited for the lock is the longest the import held it (to within a probe). Each probe is a
writer that a user's request would be: none may fail.

On PostgreSQL, which has no database-wide write lock, the same probe takes the lock an insert
into the permits table takes (ROW EXCLUSIVE) and reports, as `import_lock_seconds.postgres`,
the longest a writer of that table waited.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench import phases
from bench.databases import DATA, database_url, ensure_database

PERSONS = {"full": 100_000, "quick": 5_000, "smoke": 400}
ROWS = {"full": 40_000, "quick": 40_000, "smoke": 300}
TARGET_S = 5.0
PROBE_PAUSE_S = 0.002
PROBE_TIMEOUT_S = 60.0
HEADERS = (
    "رقم التصريح",
    "رقم الوثيقة",
    "نوع الوثيقة",
    "الاسم",
    "الجنس",
    "الجنسية",
    "تاريخ الميلاد",
    "رقم تسجيل الجمعية",
    "القطاع",
    "تاريخ الإصدار",
    "تاريخ الانتهاء",
    "الرسوم",
)
GIVEN = ("محمد", "أحمد", "محمود", "خالد", "عمر", "يوسف", "إبراهيم", "علي", "حسن", "عبدالله")


def _database_url(db: str, size: str, *, run: bool = False) -> str:
    name = "import_lock_run" if run else "import_lock"
    return database_url(db, size, sqlite_name=name, postgres_name=f"taawon_bench_{name}")


def _file_path(size: str) -> Path:
    suffix = "" if size == "full" else f"_{size}"
    return DATA / f"import_lock{suffix}.csv"


# ---- Outer mode ---------------------------------------------------------------------------


def run(options) -> dict:
    return phases.build_then_measure(
        "bench_import_lock", "import_lock_seconds.{db}", options, unit="s"
    )


# ---- Inner mode ---------------------------------------------------------------------------


_DB = ""


def _log(message: str) -> None:
    print(f"     {_DB}: {message}", file=sys.stderr, flush=True)


def _build(db: str, size: str) -> dict:
    from django.core.management import call_command

    from taawon.demo import reset, scenario
    from taawon.demo.scenario import COOPERATIVES
    from taawon.people.models import Person

    call_command("migrate", interactive=False, verbosity=0)
    persons = PERSONS[size]
    if not (scenario.exists() and Person.objects.count() == persons):
        _log(f"building a registry of {persons:,} persons…")
        reset.empty_domain_tables()
        passwords = {plan.username: "bench-only-password" for plan in scenario.USERS}
        scenario.load(
            passwords=passwords, persons=persons, seed=2021, with_audit=False, with_employment=False
        )
    path = _file_path(size)
    cooperative = COOPERATIVES[0].registration_number
    # Holders nobody has registered (the number in their name is theirs alone): every row
    # registers a person, the most a row can write.
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(HEADERS) + "\n")
        for index in range(ROWS[size]):
            name = f"{GIVEN[index % 10]} {GIVEN[(index // 10) % 10]} الرقم {index}"
            out.write(
                f"LCK-{index:07d},7{index:08d}1,بطاقة الخدمة,{name},ذكر,سوري,"
                f"1990-01-{1 + index % 28:02d},{cooperative},زراعة,2024-01-01,2024-12-31,10\n"
            )
    return {"rows": ROWS[size]}


class _Prober(threading.Thread):
    """Takes the write lock (SQLite's; on PostgreSQL, the permits table's lock of an insert)
    from a connection of its own, again and again, noting how long each attempt waited and
    whether it failed."""

    def __init__(self, db: str, target: str) -> None:
        super().__init__(daemon=True)
        self.db, self.target = db, target
        self.stop = threading.Event()
        self.waits: list[float] = []
        self.failures = 0

    def _connect(self):
        if self.db == "sqlite":
            conn = sqlite3.connect(self.target, timeout=PROBE_TIMEOUT_S, isolation_level=None)
            return conn, ("BEGIN IMMEDIATE",)
        import psycopg

        from taawon.permits.models import Permit

        conn = psycopg.connect(self.target, autocommit=True)
        table = Permit._meta.db_table
        return conn, ("BEGIN", f'LOCK TABLE "{table}" IN ROW EXCLUSIVE MODE')

    def run(self) -> None:
        conn, statements = self._connect()
        try:
            while not self.stop.is_set():
                started = time.perf_counter()
                try:
                    for statement in statements:
                        conn.execute(statement)
                except Exception:  # any failure of a writer counts, whatever its kind
                    self.failures += 1
                    conn.execute("ROLLBACK")
                    continue
                self.waits.append(time.perf_counter() - started)
                conn.execute("ROLLBACK")
                time.sleep(PROBE_PAUSE_S)
        finally:
            conn.close()


def _measure(db: str, size: str) -> dict:
    from django.db import connections

    from bench.databases import server_connection

    connections.close_all()
    source, target = _database_url(db, size), _database_url(db, size, run=True)
    if db == "sqlite":
        source_path = Path(source.removeprefix("sqlite:///"))
        target_path = Path(target.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target_path}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(source_path, target_path)
        probe_target = str(target_path)
    else:
        name, template = target.rpartition("/")[2], source.rpartition("/")[2]
        with server_connection(source) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        probe_target = target
    path = _file_path(size)
    env = {**os.environ, "TAAWON_DATABASE_URL": target}
    prober = _Prober(db, probe_target)
    prober.start()
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "taawon", "import-permits", str(path)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    out = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    import_s = time.perf_counter() - started
    prober.stop.set()
    prober.join()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"import-permits failed:\n{out[-3000:]}")
    longest = max(prober.waits, default=0.0)
    _log(f"import {import_s:.1f} s; longest wait for the lock {longest:.2f} s")
    if db == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target_path}{suffix}").unlink(missing_ok=True)
    else:
        with server_connection(source) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{target.rpartition("/")[2]}"')
    return {
        f"import_lock_seconds.{db}": {
            "value": round(longest, 2),
            "unit": "s",
            "baseline": None,
            "ratio": None,
            "params": {
                "rows": ROWS[size],
                "registry_persons": PERSONS[size],
                "size": size,
                "import_s": round(import_s, 1),
                "import_peak_mb": round(usage.ru_maxrss / 1024),
                "probes": len(prober.waits),
                "probe_failures": prober.failures,
                "probes_waiting_over_1s": sum(wait > 1 for wait in prober.waits),
                "target_s": TARGET_S,
                "meets_target": longest <= TARGET_S and prober.failures == 0,
                "import_output": out.strip().splitlines()[:3],
                "load_average": round(os.getloadavg()[0], 1),
                "measured_as": (
                    "longest wait of BEGIN IMMEDIATE from another connection"
                    if db == "sqlite"
                    else "longest wait of an insert's lock on the permits table"
                ),
            },
        }
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_import_lock")
    parser.add_argument("--db", choices=("sqlite", "postgres"), required=True)
    parser.add_argument("--size", choices=sorted(PERSONS), default="full")
    parser.add_argument("--phase", choices=("build", "measure"), required=True)
    args = parser.parse_args(argv)
    global _DB
    _DB = args.db
    url = _database_url(args.db, args.size)
    ensure_database(url)
    DATA.mkdir(parents=True, exist_ok=True)
    os.environ["TAAWON_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taawon.settings")
    import django

    django.setup()
    phase = _build if args.phase == "build" else _measure
    result = phase(args.db, args.size)
    print(json.dumps(result, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
