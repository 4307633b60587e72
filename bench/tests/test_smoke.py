"""Every benchmark still runs: `python -m bench --size smoke` on the suite's database.

Tiny sizes, in databases of the run's own (a temporary folder for SQLite, `*_smoke_<run>`
databases for PostgreSQL, dropped at the end), results to a temporary file: bench/results.json
and the data sets real runs keep are never touched. No timing is asserted; the entries must
have the shape DESIGN.md documents, and no phase may have failed.
"""

from __future__ import annotations

import hashlib
import json
import numbers
import os
import pkgutil
import subprocess
import sys
import uuid
from pathlib import Path

from django.conf import settings

BENCH = Path(__file__).resolve().parents[1]
ROOT = BENCH.parent
# The names each module's entries start with.
PREFIXES = {
    "bench_dedupe_quality": ("dedupe_febrl3_", "dedupe_registry_"),
    "bench_dedupe_speed": ("dedupe_speed.{db}.",),
    "bench_employment": ("employment_top10.{db}",),
    "bench_export": ("export_xlsx_100k",),
    "bench_import_common_names": ("permit_import_common_names.{db}",),
    "bench_import_lock": ("import_lock_seconds.{db}",),
    "bench_indicators": ("indicators_dashboard.{db}", "indicators_dashboard.duckdb"),
    "bench_load_counsellor": ("load_counsellor.{db}",),
    "bench_matching": ("matching_",),
    "bench_openrosa_ingest": ("openrosa_ingest.{db}",),
    "bench_permit_import": ("permit_import.{db}",),
    "bench_person_list": ("person_list.{db}.",),
}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def _suite_database() -> tuple[str, str | None]:
    """ "sqlite" or "postgres", and the PostgreSQL server the suite uses."""
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        url = os.environ["TAAWON_DATABASE_URL"]
        return "postgres", url.rpartition("/")[0]
    return "sqlite", None


def _postgres_databases(server: str) -> set[str]:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        return {row[0] for row in conn.execute("SELECT datname FROM pg_database")}


def test_every_benchmark_runs_at_smoke_size_and_reports_entries_of_the_documented_shape(
    tmp_path,
):
    db, server = _suite_database()
    run = uuid.uuid4().hex[:12]
    results_file = BENCH / "results.json"
    kept_before = _digest(results_file)
    kept_data = sorted(p.name for p in (BENCH / ".data").glob("*"))
    output = tmp_path / "results.json"
    env = {**os.environ, "TAAWON_BENCH_RUN": run, "TAAWON_BENCH_DATA": str(tmp_path / "data")}
    if server:
        env["TAAWON_BENCH_PG_SERVER"] = server

    # The permit import's comparison with an earlier commit runs too, against HEAD: a commit
    # every checkout has.
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    command = [sys.executable, "-m", "bench", "--size", "smoke", "--db", db, "--against", "HEAD"]
    done = subprocess.run(
        [*command, "--output", str(output)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )

    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    results = json.loads(output.read_text())
    modules = sorted(
        m.name for m in pkgutil.iter_modules([str(BENCH)]) if m.name.startswith("bench_")
    )
    assert modules == sorted(PREFIXES), "a new benchmark module: add its entries' prefix here"
    for module, prefixes in PREFIXES.items():
        names = tuple(p.format(db=db) for p in prefixes)
        assert any(key.startswith(names) for key in results), f"{module} reported nothing"
    other = "postgres" if db == "sqlite" else "sqlite"
    assert not [key for key in results if f".{other}" in key], "ran on the other database"
    for key, entry in results.items():
        assert set(entry) == {"value", "unit", "baseline", "ratio", "params"}, key
        assert "error" not in entry["params"], (key, entry["params"])
        assert isinstance(entry["value"], numbers.Real) and not isinstance(entry["value"], bool)
        for field in ("baseline", "ratio"):
            assert entry[field] is None or isinstance(entry[field], numbers.Real), (key, field)
        assert isinstance(entry["unit"], str) and isinstance(entry["params"], dict), key
    compared = results[f"permit_import.{db}"]["params"]
    assert compared["previous_commit"] == head, compared
    assert compared["previous_s"] > 0 and "within_10_percent_of_previous" in compared
    # Nothing kept: the reported results, the real data sets, the run's databases.
    assert _digest(results_file) == kept_before
    assert sorted(p.name for p in (BENCH / ".data").glob("*")) == kept_data
    if server:
        assert not [name for name in _postgres_databases(server) if name.endswith(f"_smoke_{run}")]
