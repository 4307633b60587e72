"""Running a benchmark's phases (build, measure, ...) in child processes.

Each `bench_<name>` module runs itself as `python -m bench.bench_<name> --db DB --size SIZE
--phase PHASE`: a fresh process per database and phase, so that settings (the database URL)
and peak memory belong to that phase alone. The child prints progress to stderr and its result,
one JSON object, as the last line of stdout.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# "smoke": the test suite's run, seconds a module, to check that each benchmark still runs and
# reports its entries; "quick": a smaller run by hand; "full": the reported figures.
SIZES = ("full", "quick", "smoke")
DATABASES = ("sqlite", "postgres")


def size(options) -> str:
    """The size `python -m bench` asked for (`--size`, or `--quick`)."""
    if getattr(options, "size", None):
        return options.size
    return "quick" if getattr(options, "quick", False) else "full"


def databases(options) -> tuple[str, ...]:
    """The databases to run on (`--db`); both by default."""
    return tuple(getattr(options, "databases", None) or DATABASES)


def start(module: str, db: str, size: str, phase: str) -> subprocess.Popen:
    """Start `python -m bench.<module>` for one database and phase; read it with `result`."""
    command = [sys.executable, "-m", f"bench.{module}", "--db", db, "--size", size]
    return subprocess.Popen(
        [*command, "--phase", phase], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )


def result(process: subprocess.Popen) -> dict | None:
    """The child's result, or None when it failed (its error went to the console)."""
    out, _err = process.communicate()
    if process.returncode != 0:
        return None
    return json.loads(out.strip().splitlines()[-1])


def failed(*, db: str, size: str, phase: str, unit: str, baseline: float | None = None) -> dict:
    """The results.json entry of a phase that failed (said on the console too)."""
    print(f"   {db}: {phase} failed; skipped", flush=True)
    return {
        "value": None,
        "unit": unit,
        "baseline": baseline,
        "ratio": None,
        "params": {"error": f"{phase} failed", "size": size},
    }


def build_then_measure(module: str, name: str, options, *, unit: str) -> dict:
    """Each database in turn: its "build" phase, then its "measure" phase, alone on the
    machine. `name` is the entry's name with `{db}`; a failed phase is reported under it."""
    size_ = size(options)
    results: dict[str, dict] = {}
    for db in databases(options):
        entry = name.format(db=db)
        for phase in ("build", "measure"):
            measured = result(start(module, db, size_, phase))
            if measured is None:
                results[entry] = failed(db=db, size=size_, phase=phase, unit=unit)
                break
            if phase == "measure":
                results.update(measured)
    return results
