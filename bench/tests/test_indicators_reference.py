"""The dashboard benchmark's data set and its DuckDB reference, at smoke size, on the suite's
database: about three events a person are built, and DuckDB's four-way tables add up to what
the database itself counts. (The engine's timing is covered by test_smoke once
taawon.indicators is there.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def _phase(phase: str, db: str, env: dict) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "bench.bench_indicators", "--db", db, "--size", "smoke"]
        + ["--phase", phase],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_dashboard_data_set_is_built_and_duckdb_counts_what_the_database_counts(tmp_path):
    postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    db = "postgres" if postgres else "sqlite"
    run = uuid.uuid4().hex[:12]
    env = {**os.environ, "TAAWON_BENCH_RUN": run, "TAAWON_BENCH_DATA": str(tmp_path / "data")}
    server = os.environ["TAAWON_DATABASE_URL"].rpartition("/")[0] if postgres else None
    if server:
        env["TAAWON_BENCH_PG_SERVER"] = server
    try:
        built = _phase("build", db, env)
        reference = _phase("duckdb", db, env)["indicators_dashboard.duckdb"]
    finally:
        if server:
            import psycopg

            with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
                conn.execute(
                    f'DROP DATABASE IF EXISTS "taawon_bench_indicators_smoke_{run}" WITH (FORCE)'
                )

    assert built["persons"] == 300
    assert built["events"] >= 2.5 * built["persons"]
    assert all(built[kind] > 0 for kind in ("referrals", "placements", "permits"))
    params = reference["params"]
    assert params["totals_agree"] is True
    assert set(params["totals"]) == {
        "persons_registered",
        "job_seekers_registered",
        "counselling_sessions",
        "referrals",
        "job_seekers_placed",
        "jobs_secured",
        "permits_issued",
        "permits_renewed",
    }
    assert all(total > 0 for total in params["totals"].values()), params["totals"]
    assert params["totals"]["persons_registered"] == 300  # all registered July-December 2020
    assert reference["unit"] == "ms" and reference["value"] > 0
    # The reference's cells were kept beside the data for the engine's phase to compare with.
    cells = json.loads(
        (tmp_path / "data" / "indicators_dashboard_smoke_reference.json").read_text()
    )
    assert sum(row[-1] for row in cells["jobs_secured"]) == params["totals"]["jobs_secured"]
    sexes = {row[0] for rows in cells.values() for row in rows}
    groups = {row[1] for rows in cells.values() for row in rows}
    assert sexes == {"female", "male"}
    assert groups <= {"JO", "SY", "PS", "IQ", "other"} and {"JO", "SY"} <= groups
