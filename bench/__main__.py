"""Run the benchmarks, print a table and write bench/results.json.

Each `bench/bench_<name>.py` module exposes `run(options) -> dict[str, dict]` returning
entries shaped as DESIGN.md says: {"<benchmark>": {"value": n, "unit": "s", "baseline": n,
"ratio": n, "params": {...}}}. `python -m bench -k person_list` runs only matching modules;
`--quick` (`--size quick`) asks modules for smaller sizes; `--size smoke` for tiny ones, in
databases of their own that are dropped afterwards (what the test suite runs, to check that
every benchmark still runs; never reported figures). `--db sqlite` runs on one database only;
`--output` writes the results elsewhere than bench/results.json.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _setup_django() -> None:
    from bench import setup_django

    setup_django()


def _format(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def _start_smoke_run() -> Path | None:
    """A run id and a temporary data folder, inherited by every phase's process; the folder
    (None when the caller gave one) is removed at the end."""
    os.environ.setdefault("TAAWON_BENCH_RUN", uuid.uuid4().hex[:12])
    if os.environ.get("TAAWON_BENCH_DATA"):
        return None
    folder = Path(tempfile.mkdtemp(prefix="taawon-bench-smoke-"))
    os.environ["TAAWON_BENCH_DATA"] = str(folder)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("-k", dest="only", default="", help="run modules whose name contains this")
    parser.add_argument("--quick", action="store_true", help="small sizes (--size quick)")
    parser.add_argument("--size", choices=("full", "quick", "smoke"), default=None)
    parser.add_argument(
        "--db", dest="databases", action="append", choices=("sqlite", "postgres"),
        help="run on this database only (repeatable); both by default",
    )  # fmt: skip
    parser.add_argument("--output", default=str(HERE / "results.json"))
    parser.add_argument(
        "--against", default=None, metavar="REF",
        help="the commit whose permit import runs right after this code's (HEAD~1; '' for none)",
    )  # fmt: skip
    options = parser.parse_args(argv)
    if options.against is not None:
        # Read by the phases' child processes (bench_permit_import.AGAINST_ENV).
        os.environ["TAAWON_BENCH_AGAINST"] = options.against
    options.size = options.size or ("quick" if options.quick else "full")
    options.quick = options.size != "full"
    smoke = options.size == "smoke"
    folder = _start_smoke_run() if smoke else None
    # Imported after the smoke run's environment is set: bench.databases reads it.
    from bench import databases, phases

    _setup_django()
    try:
        if smoke:
            for db in phases.databases(options):
                databases.migrate_smoke_template(db)
        results = _run_modules(options)
    finally:
        if smoke and "postgres" in phases.databases(options):
            databases.drop_smoke_databases()
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)

    output = Path(options.output)
    if output.exists() and options.only:
        results = {**json.loads(output.read_text()), **results}
    output.write_text(json.dumps(results, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    header = f"{'benchmark':<52} {'value':>10} {'unit':<6} {'baseline':>10} {'ratio':>8}"
    print("\n" + header + "\n" + "-" * len(header))
    for key in sorted(results):
        r = results[key]
        print(
            f"{key:<52} {_format(r.get('value')):>10} {r.get('unit', ''):<6} "
            f"{_format(r.get('baseline')):>10} {_format(r.get('ratio')):>8}"
        )
    print(f"\nwritten to {output}")
    return 0


def _run_modules(options) -> dict[str, dict]:
    results: dict[str, dict] = {}
    names = sorted(m.name for m in pkgutil.iter_modules([str(HERE)]) if m.name.startswith("bench_"))
    for name in names:
        if options.only and options.only not in name:
            continue
        module = importlib.import_module(f"bench.{name}")
        started = time.perf_counter()
        print(f"== {name}", flush=True)
        results.update(module.run(options))
        print(f"   ({time.perf_counter() - started:.0f} s)", flush=True)
    return results


if __name__ == "__main__":
    sys.exit(main())
