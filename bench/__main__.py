"""Run the benchmarks, print a table and write bench/results.json.

Each `bench/bench_<name>.py` module exposes `run(options) -> dict[str, dict]` returning
entries shaped as DESIGN.md says: {"<benchmark>": {"value": n, "unit": "s", "baseline": n,
"ratio": n, "params": {...}}}. `python -m bench -k person_list` runs only matching modules;
`--quick` asks modules for smaller sizes (a smoke run, not the reported figures).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taawon.settings")
    import django

    django.setup()


def _format(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("-k", dest="only", default="", help="run modules whose name contains this")
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--output", default=str(HERE / "results.json"))
    options = parser.parse_args(argv)
    _setup_django()

    results: dict[str, dict] = {}
    output = Path(options.output)
    if output.exists() and options.only:
        results.update(json.loads(output.read_text()))
    names = sorted(m.name for m in pkgutil.iter_modules([str(HERE)]) if m.name.startswith("bench_"))
    for name in names:
        if options.only and options.only not in name:
            continue
        module = importlib.import_module(f"bench.{name}")
        started = time.perf_counter()
        print(f"== {name}", flush=True)
        results.update(module.run(options))
        print(f"   ({time.perf_counter() - started:.0f} s)", flush=True)

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


if __name__ == "__main__":
    sys.exit(main())
