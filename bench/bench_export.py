"""XLSX export of a 100,000-row list through the real export code path, streamed.

Target (issue 12): at most 20 s and 500 MB for 100,000 rows.

The list is the person registry's (the page's default filters), exported by the programme
officer, who reads the whole country: `taawon.exports.services.run_export_job`, what the
worker runs for a list above the background threshold (rows read with `.iterator()`, written
by openpyxl's write-only workbook through the export sanitiser, pseudonymised). Peak memory
is the process's peak resident size (ru_maxrss), Django and the app included, so each
measurement runs in a fresh process of its own: "measure" (the export) and "baseline" (the
same rows and values appended to a normal, not write-only, openpyxl workbook, which holds
every cell in memory, then made safe with `neutralise_sheet` and saved).

The registry is built once per database (the demo's bulk path, no audit rows) and kept:
bench/.data/export*.sqlite3, and taawon_bench_export* on PostgreSQL. SQLite, the embedded
default, is measured unless `--db postgres` alone is asked for.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from bench import phases
from bench.databases import DATA, database_url, ensure_database

ROWS = {"full": 100_000, "quick": 20_000, "smoke": 300}
TARGET_S = 20.0
TARGET_MB = 500.0
SEED = 2020
ENTRY = "export_xlsx_100k"


def _database_url(db: str, size: str) -> str:
    return database_url(db, size, sqlite_name="export", postgres_name="taawon_bench_export")


# ---- Outer mode -----------------------------------------------------------------------------


def run(options) -> dict:
    size = phases.size(options)
    db = phases.databases(options)[0]
    outcome: dict[str, dict | None] = {}
    for phase in ("build", "measure", "baseline"):
        outcome[phase] = phases.result(phases.start("bench_export", db, size, phase))
        if outcome[phase] is None:
            return {ENTRY: phases.failed(db=db, size=size, phase=phase, unit="s")}
    measured, baseline = outcome["measure"], outcome["baseline"]
    seconds, base_seconds = measured["seconds"], baseline["seconds"]
    print(
        f"   {db}: export {seconds:.1f} s, peak {measured['peak_mb']:.0f} MB; "
        f"naive openpyxl {base_seconds:.1f} s, peak {baseline['peak_mb']:.0f} MB",
        flush=True,
    )
    return {
        ENTRY: {
            "value": round(seconds, 2),
            "unit": "s",
            "baseline": round(base_seconds, 2),
            "ratio": round(seconds / base_seconds, 4) if base_seconds else None,
            "params": {
                "database": db,
                "size": size,
                "rows": measured["rows"],
                "columns": measured["columns"],
                "cpu_seconds": measured.get("cpu_seconds"),
                "load_average": measured.get("load"),
                "peak_mb": measured["peak_mb"],
                "file_mb": measured["file_mb"],
                "baseline_is": "openpyxl normal workbook of the same rows, in memory",
                "baseline_cpu_seconds": baseline.get("cpu_seconds"),
                "baseline_peak_mb": baseline["peak_mb"],
                "baseline_file_mb": baseline["file_mb"],
                "start_peak_mb": measured["start_peak_mb"],
                "target_s": TARGET_S,
                "target_mb": TARGET_MB,
                "meets_target": seconds <= TARGET_S and measured["peak_mb"] <= TARGET_MB,
            },
        }
    }


# ---- Inner mode ---------------------------------------------------------------------------


_DB = ""


def _log(message: str) -> None:
    print(f"     {_DB}: {message}", file=sys.stderr, flush=True)


def _peak_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _build(size: str) -> dict:
    from django.core.management import call_command
    from django.db import connection

    from taawon.demo import reset, scenario
    from taawon.people.models import Person

    persons = ROWS[size]
    call_command("migrate", interactive=False, verbosity=0)
    if scenario.exists() and Person.objects.count() == persons:
        _log(f"registry of {persons:,} persons found; build skipped")
        return {"built": False}
    _log(f"building a registry of {persons:,} persons…")
    reset.empty_domain_tables()
    started = time.perf_counter()
    scenario.load(
        passwords={plan.username: "bench-only-password" for plan in scenario.USERS},
        persons=persons,
        seed=SEED,
        with_audit=False,
        with_employment=False,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    _log(f"built in {time.perf_counter() - started:.0f} s")
    return {"built": True}


def _officer():
    from taawon.accounts.models import User

    return User.objects.get(username="officer")


def _measure(size: str) -> dict:
    from django.conf import settings

    from taawon.exports import registry, services
    from taawon.exports.models import ExportJob

    start_peak = _peak_mb()
    officer = _officer()
    export = registry.get("people")
    with tempfile.TemporaryDirectory(prefix="taawon-bench-export-") as folder:
        settings.EXPORT_DIR = Path(folder)
        job = ExportJob.objects.create(
            requested_by=officer, list_name=export.name, format="xlsx", language="en"
        )
        started, cpu = time.perf_counter(), time.process_time()
        job = services.run_export_job(job=job)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        if job.status != ExportJob.Status.DONE:
            raise RuntimeError(f"the export ended {job.status}")
        file_mb = services.job_path(job).stat().st_size / 2**20
        job.delete()
    columns, _values = registry.reader(officer, export, identified=False)
    _log(f"{job.rows_done:,} rows in {seconds:.1f} s, peak {_peak_mb():.0f} MB")
    return {
        "seconds": seconds,
        "cpu_seconds": round(cpu, 2),
        "load": round(os.getloadavg()[0], 1),
        "rows": job.rows_done,
        "columns": len(columns),
        "peak_mb": _peak_mb(),
        "start_peak_mb": start_peak,
        "file_mb": round(file_mb, 2),
    }


def _baseline(size: str) -> dict:
    from django.http import QueryDict
    from openpyxl import Workbook

    from taawon.exports import registry
    from taawon.lib.tabular.sanitise import neutralise_sheet

    officer = _officer()
    export = registry.get("people")
    columns, values = registry.reader(officer, export, identified=False)
    started, cpu = time.perf_counter(), time.process_time()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([str(column.header) for column in columns])
    rows = 0
    for row in export.rows(officer, QueryDict("")):
        # openpyxl refuses aware datetimes; the export's writer drops the zone the same way.
        sheet.append([_naive(value) for value in values(row)])
        rows += 1
    neutralise_sheet(sheet)
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as target:
        workbook.save(target.name)
        file_mb = os.path.getsize(target.name) / 2**20
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    _log(f"naive: {rows:,} rows in {seconds:.1f} s, peak {_peak_mb():.0f} MB")
    return {
        "seconds": seconds,
        "cpu_seconds": round(cpu, 2),
        "rows": rows,
        "peak_mb": _peak_mb(),
        "file_mb": round(file_mb, 2),
    }


def _naive(value):
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_export")
    parser.add_argument("--db", choices=("sqlite", "postgres"), required=True)
    parser.add_argument("--size", choices=sorted(ROWS), default="full")
    parser.add_argument("--phase", choices=("build", "measure", "baseline"), required=True)
    args = parser.parse_args(argv)
    global _DB
    _DB = args.db
    url = _database_url(args.db, args.size)
    DATA.mkdir(parents=True, exist_ok=True)
    ensure_database(url)
    os.environ["TAAWON_DATABASE_URL"] = url
    from bench import setup_django

    setup_django()
    phase = {"build": _build, "measure": _measure, "baseline": _baseline}[args.phase]
    print(json.dumps(phase(args.size), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
