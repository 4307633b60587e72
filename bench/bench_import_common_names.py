"""A permit import's dry run against a registry where the commonest names repeat, as in Jordan.

Target (issue 11): a 180,000-row file against 1,000,000 persons in under 1 GB, where the code
before took 5.3 GB and 126 s for 10,000 rows against 47,000 persons (its name blocks held every
holder of "Mohammad" and "Ahmad" for every row).

The registry is the demo's (its names drawn by rank from Jordanian and Syrian tables, the
commonest given and family names held by tens of thousands at a million), built once per
database and kept. Every row of the file is a holder the registry does not know by document
(a service card it has never seen) under the name, sex and date of birth of a registry person
drawn at random, so that every row goes through the duplicate check, most of them with the
commonest names. The dry run (`taawon import-permits FILE --dry-run`) runs as a subprocess;
its wall time, CPU time and peak memory (rusage from wait4) are reported.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from bench import phases
from bench.databases import DATA, database_url, ensure_database

SEED = 11
PERSONS = {"full": 1_000_000, "quick": 50_000, "smoke": 400}
ROWS = {"full": 180_000, "quick": 10_000, "smoke": 200}
TARGET_MB = 1024
HEADERS = (
    "رقم التصريح",
    "رقم الوثيقة",
    "نوع الوثيقة",
    "الاسم",
    "Name (English)",
    "الجنس",
    "الجنسية",
    "تاريخ الميلاد",
    "رقم تسجيل الجمعية",
    "القطاع",
    "تاريخ الإصدار",
    "تاريخ الانتهاء",
    "الرسوم",
)


def _database_url(db: str, size: str) -> str:
    return database_url(
        db, size, sqlite_name="import_common_names", postgres_name="taawon_bench_common"
    )


def _file_path(db: str, size: str) -> Path:
    suffix = "" if size == "full" else f"_{size}"
    return DATA / f"import_common_names_{db}{suffix}.csv"


# ---- Outer mode ---------------------------------------------------------------------------


def run(options) -> dict:
    return phases.build_then_measure(
        "bench_import_common_names", "permit_import_common_names.{db}", options, unit="s"
    )


# ---- Inner mode ---------------------------------------------------------------------------

_DB = ""


def _log(message: str) -> None:
    print(f"     {_DB}: {message}", file=sys.stderr, flush=True)


def _build(db: str, size: str) -> dict:
    from django.core.management import call_command
    from django.db import connection

    from taawon.demo import reset, scenario
    from taawon.people.models import Person

    call_command("migrate", interactive=False, verbosity=0)
    persons = PERSONS[size]
    path = _file_path(db, size)
    built = scenario.exists() and Person.objects.count() == persons
    if not built:
        _log(f"building a registry of {persons:,} persons…")
        reset.empty_domain_tables()
        passwords = {plan.username: "bench-only-password" for plan in scenario.USERS}
        scenario.load(
            passwords=passwords, persons=persons, seed=2020, with_audit=False, with_employment=False
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
    if built and path.exists():
        return {"rows": ROWS[size]}
    _write_file(path, ROWS[size])
    return {"rows": ROWS[size]}


def _write_file(path: Path, rows: int) -> None:
    from taawon.demo.scenario import COOPERATIVES
    from taawon.people.models import Person

    rng = random.Random(SEED)
    top = Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    wanted = sorted({rng.randrange(1, top + 1) for _ in range(rows * 2)})
    columns = ("given", "father", "grandfather", "family")
    fields = [f"{part}_name_{script}" for script in ("ar", "en") for part in columns]
    people = []
    for start in range(0, len(wanted), 2_000):
        people.extend(
            Person.objects.filter(pk__in=wanted[start : start + 2_000]).values_list(
                *fields, "sex", "date_of_birth"
            )
        )
    rng.shuffle(people)
    cooperative = COOPERATIVES[0].registration_number
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(HEADERS) + "\n")
        for index, values in enumerate(people[:rows]):
            arabic = " ".join(v for v in values[:4] if v)
            latin = " ".join(v for v in values[4:8] if v)
            born = values[9].isoformat() if values[9] else ""
            sex = "ذكر" if values[8] == "male" else "أنثى"
            out.write(
                f"CMN-{index:07d},6{index:08d}3,بطاقة الخدمة,{arabic},{latin},{sex},سوري,"
                f"{born},{cooperative},زراعة,2024-01-01,2024-12-31,10\n"
            )


def _measure(db: str, size: str) -> dict:
    from django.db import connection

    vendor = connection.vendor
    path = _file_path(db, size)
    env = {**os.environ, "TAAWON_DATABASE_URL": _database_url(db, size)}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "taawon", "import-permits", str(path), "--dry-run"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    out = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: the file has row errors
        raise RuntimeError(f"import-permits failed:\n{out[-3000:]}")
    peak_mb = usage.ru_maxrss / 1024
    cpu_s = usage.ru_utime + usage.ru_stime
    _log(f"dry run {elapsed:.1f} s ({cpu_s:.1f} s CPU), {peak_mb:.0f} MB")
    return {
        f"permit_import_common_names.{db}": {
            "value": round(elapsed, 1),
            "unit": "s",
            "baseline": None,
            "ratio": None,
            "params": {
                "database": vendor,
                "size": size,
                "rows": ROWS[size],
                "registry_persons": PERSONS[size],
                "phase": "dry run (the duplicate check of every row)",
                "peak_mb": round(peak_mb),
                "cpu_s": round(cpu_s, 1),
                "target_mb": TARGET_MB,
                "meets_target": peak_mb <= TARGET_MB,
                "load_average": round(os.getloadavg()[0], 1),
                "output": [line for line in out.strip().splitlines() if "Holders" in line][:1],
            },
        }
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_import_common_names")
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
    print(json.dumps(phase(args.db, args.size), ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
