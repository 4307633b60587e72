"""Load test: counsellors' daily paths through gunicorn, on the 1,000,000-person registry.

Target (issue 11): at 50 concurrent users, each thinking 1 to 3 s between steps, at least 25
requests per second for 5 minutes with a 95th percentile of at most 300 ms and no error, on
PostgreSQL (`load_counsellor.postgres`; SQLite is measured alike when asked, `--db sqlite`).

The data set is a copy of the person list benchmark's registry (built by it if missing; a copy
because the load test registers persons and referrals, and the person list benchmark counts
its registry to know it is whole), to which the build adds the employment benchmark's shapes of
employers, open vacancies and job seekers (bench_employment's builders) and the load test's
counsellors, members of one employment unit: `taawon_bench_load` on PostgreSQL,
bench/.data/load.sqlite3 for SQLite, kept between runs.

Measured: gunicorn (`bench.load_wsgi`, debug off, production settings but for cookies sent over
plain HTTP on loopback) on a free loopback port, and locust (bench/locustfile.py, headless, in
a process of its own) driving it: each user signs in through the login form, then searches
persons by name, opens job seekers with their top-10 vacancies, registers persons through the
duplicate check, refers job seekers and reads the API with a Bearer token. Bounded by time and by
a number of requests. The users are started at `spawn_rate` a second, each signing in (Argon2,
deliberately slow), and the run lasts that ramp plus `seconds`, so that `seconds` are spent at
full concurrency. Reported, for that steady state (the target's "50 concurrent users for 5
minutes"): requests per second, median, p95 and p99 of every request, failures (a status other
than the one expected), each path's own figures; the same for the whole run, ramp included
(`whole_run`); the server's 5xx answers from its access log, and the load average when the run
ended (the machine is shared).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench import bench_person_list, phases
from bench.databases import DATA, database_url, ensure_database, postgres_exists, server_connection

TARGET_P95_MS = 300.0
TARGET_RPS = 25.0
SEED = 2020
PASSWORD = "bench-only-password"
SIZES = {
    "full": {
        "seekers": 100_000,
        "vacancies": 10_000,
        "employers": 1_500,
        "counsellors": 50,
        "users": 50,
        "spawn_rate": 5,
        "seconds": 300,
        "max_requests": 30_000,
        "workers": 5,
    },
    "quick": {
        "seekers": 5_000,
        "vacancies": 500,
        "employers": 100,
        "counsellors": 20,
        "users": 20,
        "spawn_rate": 5,
        "seconds": 60,
        "max_requests": 5_000,
        "workers": 3,
    },
    "smoke": {
        "seekers": 100,
        "vacancies": 20,
        "employers": 10,
        "counsellors": 2,
        "users": 2,
        "spawn_rate": 2,
        "seconds": 8,
        "max_requests": 200,
        "workers": 1,
    },
}
# The queries the users type: the person list benchmark's, and names of the unit's own persons.
SAMPLED_NAMES = 200
SAMPLED_SEEKERS = 5_000


def _database_url(db: str, size: str) -> str:
    return database_url(db, size, sqlite_name="load", postgres_name="taawon_bench_load")


# ---- Outer mode ---------------------------------------------------------------------------


def run(options) -> dict:
    size = phases.size(options)
    results: dict[str, dict] = {}
    for db in phases.databases(options):
        entry = f"load_counsellor.{db}"
        # The registry the copy is made of; its build is skipped when it is there already.
        if phases.result(phases.start("bench_person_list", db, size, "build")) is None:
            results[entry] = phases.failed(db=db, size=size, phase="registry", unit="ms")
            continue
        for phase in ("build", "measure"):
            measured = phases.result(phases.start("bench_load_counsellor", db, size, phase))
            if measured is None:
                results[entry] = phases.failed(db=db, size=size, phase=phase, unit="ms")
                break
            results.update(measured)
    return results


# ---- Inner mode ---------------------------------------------------------------------------

_DB = ""


def _log(message: str) -> None:
    print(f"     {_DB}: {message}", file=sys.stderr, flush=True)


def _copy_registry(db: str, size: str, url: str) -> bool:
    """Make the load test's database a copy of the person list's registry unless it exists;
    whether it was made now."""
    source = bench_person_list._database_url(db, size)
    if db == "sqlite":
        path = Path(url.removeprefix("sqlite:///"))
        if path.exists():
            return False
        origin, target = sqlite3.connect(source.removeprefix("sqlite:///")), sqlite3.connect(path)
        with origin, target:
            origin.backup(target)
        origin.close()
        target.close()
        return True
    name, template = url.rpartition("/")[2], source.rpartition("/")[2]
    with server_connection(url) as conn:
        if postgres_exists(conn, name):
            return False
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return True


def _unit():
    """The employment unit the load test's counsellors work in: the one with most job seekers."""
    from django.db.models import Count

    from taawon.accounts.models import Organisation
    from taawon.employment.models import JobSeeker

    busiest = (
        JobSeeker.objects.values("owner")
        .annotate(seekers=Count("pk"))
        .order_by("-seekers", "owner")
        .first()
    )
    return Organisation.objects.get(pk=busiest["owner"])


def _counsellors(size: str) -> list[str]:
    return [f"load_counsellor_{i:02d}" for i in range(SIZES[size]["counsellors"])]


def _build(db: str, size: str) -> dict:
    from django.core.management import call_command
    from django.db import connection, transaction

    from bench import bench_employment as employment
    from taawon.accounts.models import Membership, Organisation, User
    from taawon.employment.demo.plan import JOBS
    from taawon.employment.models import JobSeeker
    from taawon.geo.models import District
    from taawon.occupations.models import Occupation
    from taawon.people.models import Person

    sizes = SIZES[size]
    call_command("migrate", interactive=False, verbosity=0)
    started = time.perf_counter()
    if JobSeeker.objects.count() < sizes["seekers"]:
        _log(f"adding {sizes['seekers']:,} job seekers, {sizes['vacancies']:,} vacancies…")
        employment._DB = _DB
        rng = random.Random(SEED)
        units = list(Organisation.objects.filter(kind=Organisation.Kind.EMPLOYMENT_UNIT))
        districts = list(District.objects.filter(governorate__country="JO"))
        codes = {j.isco for j in JOBS}
        occupations = {o.code: o for o in Occupation.objects.filter(code__in=codes)}
        with transaction.atomic():
            employers = employment._employers(rng, sizes["employers"], units, districts)
            employment._vacancies(rng, sizes["vacancies"], employers, occupations)
            employment._job_seekers(rng, sizes["seekers"], units, occupations)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    unit = _unit()
    for username in _counsellors(size):
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": "Load", "last_name": username[-2:]}
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
            Membership.objects.create(user=user, organisation=unit, role=Membership.Role.COUNSELLOR)
    elapsed = round(time.perf_counter() - started, 1)
    _log(f"data set ready in {elapsed:.0f} s")
    return {"persons": Person.objects.count(), "job_seekers": JobSeeker.objects.count()}


def _config(size: str, folder: Path) -> tuple[Path, dict]:
    """What the simulated users need (written to a file for locust), and the data set's size."""
    from django.db import connection

    from taawon.accounts.models import User
    from taawon.accounts.services import create_token
    from taawon.employment.models import JobSeeker, Vacancy
    from taawon.people.models import Person

    sizes = SIZES[size]
    rng = random.Random(SEED)
    unit = _unit()
    seekers = list(JobSeeker.objects.filter(owner=unit).values_list("pk", flat=True))
    seekers = rng.sample(seekers, min(len(seekers), SAMPLED_SEEKERS))
    last = Person.objects.filter(owner=unit).order_by("-pk").values_list("pk", flat=True).first()
    picked = [rng.randint(1, last or 1) for _ in range(SAMPLED_NAMES * 5)]
    names = Person.objects.filter(owner=unit, pk__in=picked).values_list(
        "given_name_en", "family_name_en", "given_name_ar", "family_name_ar"
    )[:SAMPLED_NAMES]
    queries = [q for _name, q, _governorate in bench_person_list.QUERIES]
    for given_en, family_en, given_ar, family_ar in names:
        queries.append(
            rng.choice((f"{given_en} {family_en}", f"{given_ar} {family_ar}", family_en))
        )
    usernames = _counsellors(size)
    token = create_token(user=User.objects.get(username=usernames[0]), name="load test")
    config = {
        "password": PASSWORD,
        "usernames": usernames,
        "token": token,
        "queries": [q.strip() for q in queries if q.strip()],
        "job_seekers": seekers,
        "max_requests": sizes["max_requests"],
        "times": str(folder / "times.json"),
    }
    path = folder / "config.json"
    path.write_text(json.dumps(config, ensure_ascii=False))
    data = {
        "persons": Person.objects.count(),
        "job_seekers": JobSeeker.objects.count(),
        "open_vacancies": Vacancy.objects.filter(status=Vacancy.Status.OPEN).count(),
        "unit_job_seekers": len(seekers),
    }
    connection.close()
    return path, data


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen, timeout_s: float = 120.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer /healthz in time")


def _number(value: str) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _read_stats(path: Path) -> tuple[dict, dict[str, dict]]:
    """The aggregated row of locust's stats CSV, and each request name's."""
    rows = list(csv.DictReader(path.open(encoding="utf-8")))

    def figures(row: dict) -> dict:
        return {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "rps": _number(row["Requests/s"]),
            "median_ms": _number(row["50%"]),
            "p95_ms": _number(row["95%"]),
            "p99_ms": _number(row["99%"]),
        }

    total = next(row for row in rows if row["Name"] == "Aggregated")
    paths = {row["Name"]: figures(row) for row in rows if row["Name"] != "Aggregated"}
    return figures(total), paths


def _percentile(ordered: list[float], share: float) -> float | None:
    """Nearest rank: the smallest latency that `share` of the requests did not exceed."""
    if not ordered:
        return None
    return round(ordered[max(0, math.ceil(share * len(ordered)) - 1)], 1)


def _figures(requests: list[list], seconds: float) -> dict:
    latencies = sorted(latency for _end, _name, latency, _failed in requests)
    return {
        "requests": len(requests),
        "failures": sum(1 for *_rest, failed in requests if failed),
        "rps": round(len(requests) / seconds, 2) if seconds > 0 else None,
        "median_ms": _percentile(latencies, 0.5),
        "p95_ms": _percentile(latencies, 0.95),
        "p99_ms": _percentile(latencies, 0.99),
    }


def _steady_state(path: Path) -> tuple[dict, dict[str, dict], float]:
    """Every request that ended once all users had signed in, overall and path by path, and
    the seconds of the sign-in ramp."""
    record = json.loads(path.read_text(encoding="utf-8"))
    requests = record["requests"]
    first = min((end - latency / 1000 for end, _n, latency, _f in requests), default=0.0)
    since = record["all_signed_in"] or first
    steady = [r for r in requests if r[0] >= since]
    seconds = record["ended"] - since
    names = sorted({name for _end, name, _latency, _failed in steady})
    paths = {n: _figures([r for r in steady if r[1] == n], seconds) for n in names}
    return _figures(steady, seconds), paths, round(since - first, 1)


def _server_errors(access_log: Path) -> int:
    # gunicorn's default access log line: ... "GET /path HTTP/1.1" STATUS SIZE ...
    errors = 0
    for line in access_log.read_text(errors="replace").splitlines():
        parts = line.split('" ', 1)
        if len(parts) == 2 and parts[1][:1] == "5":
            errors += 1
    return errors


def _measure(db: str, size: str, url: str) -> dict:
    sizes = SIZES[size]
    root = phases.ROOT
    with tempfile.TemporaryDirectory(prefix="taawon-load-") as tmp:
        folder = Path(tmp)
        config, data = _config(size, folder)
        port = _free_port()
        host = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "TAAWON_DATABASE_URL": url,
            # Loopback without TLS: the session cookie must travel over plain HTTP.
            "TAAWON_SECURE_COOKIES": "0",
            "TAAWON_LOG_LEVEL": "WARNING",
            "TAAWON_LOAD_CONFIG": str(config),
            # WhiteNoise looks for the collected files; the load test requests none.
            "TAAWON_STATIC_ROOT": str(folder),
        }
        env.pop("TAAWON_DEBUG", None)
        env.pop("TAAWON_DEMO", None)
        access_log = folder / "access.log"
        server = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "bench.load_wsgi:application",
                "--workers", str(sizes["workers"]), "--bind", f"127.0.0.1:{port}",
                "--access-logfile", str(access_log), "--error-logfile", str(folder / "error.log"),
                "--timeout", "60",
            ],
            cwd=root, env=env,
        )  # fmt: skip
        try:
            _wait_until_up(host, server)
            _log(
                f"gunicorn ({sizes['workers']} workers) up; locust: {sizes['users']} users "
                f"for {sizes['seconds']} s"
            )
            # The ramp (users signing in) comes on top of the steady state's seconds.
            run_time = sizes["seconds"] + math.ceil(sizes["users"] / sizes["spawn_rate"])
            started = time.perf_counter()
            subprocess.run(
                [
                    sys.executable, "-m", "locust", "-f", str(root / "bench" / "locustfile.py"),
                    "--headless", "--users", str(sizes["users"]),
                    "--spawn-rate", str(sizes["spawn_rate"]), "--run-time", f"{run_time}s",
                    "--host", host, "--csv", str(folder / "locust"), "--only-summary",
                    "--stop-timeout", "10", "--loglevel", "WARNING",
                ],
                cwd=root, env=env, stdout=subprocess.DEVNULL, timeout=run_time + 120,
            )  # fmt: skip
            wall = time.perf_counter() - started
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        load = os.getloadavg()
        whole, whole_by_name = _read_stats(folder / "locust_stats.csv")
        total, by_name, ramp = _steady_state(folder / "times.json")
        server_errors = _server_errors(access_log)
    p95 = total["p95_ms"]
    _log(
        f"after the {ramp:.0f} s ramp: {total['requests']:,} requests, {total['rps']:.1f}/s; "
        f"median {total['median_ms']} ms, p95 {p95} ms, p99 {total['p99_ms']} ms; "
        f"{total['failures']} failures; whole run: {whole['requests']:,} requests, p95 "
        f"{whole['p95_ms']} ms, {whole['failures']} failures; {server_errors} server errors; "
        f"load {load[0]:.1f}"
    )
    meets = (
        p95 is not None
        and p95 <= TARGET_P95_MS
        and (total["rps"] or 0) >= TARGET_RPS
        and total["failures"] == 0
        and whole["failures"] == 0
        and server_errors == 0
    )
    return {
        f"load_counsellor.{db}": {
            "value": p95,
            "unit": "ms",
            "baseline": TARGET_P95_MS,
            "ratio": round(p95 / TARGET_P95_MS, 4) if p95 is not None else None,
            "params": {
                "database": db,
                **data,
                "users": sizes["users"],
                "think_time_s": [1, 3],
                "run_seconds": sizes["seconds"],
                "spawn_rate": sizes["spawn_rate"],
                "wall_seconds": round(wall, 1),
                "gunicorn_workers": sizes["workers"],
                "requests": total["requests"],
                "requests_per_second": total["rps"],
                "median_ms": total["median_ms"],
                "p95_ms": p95,
                "p99_ms": total["p99_ms"],
                "failures": total["failures"],
                "server_errors": server_errors,
                "paths": by_name,
                "ramp_seconds": ramp,
                "whole_run": {**whole, "paths": whole_by_name},
                "load_average_1_5_15": [round(x, 2) for x in load],
                "baseline_is": "the 300 ms p95 target",
                "target": f"p95 <= {TARGET_P95_MS:.0f} ms at >= {TARGET_RPS:.0f} rps, 0 errors",
                "meets_target": meets,
            },
        }
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_load_counsellor")
    parser.add_argument("--db", choices=("sqlite", "postgres"), required=True)
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument("--phase", choices=("build", "measure"), required=True)
    args = parser.parse_args(argv)
    global _DB
    _DB = args.db
    url = _database_url(args.db, args.size)
    DATA.mkdir(parents=True, exist_ok=True)
    if args.phase == "build" and _copy_registry(args.db, args.size, url):
        _log("registry copied from the person list benchmark's")
    ensure_database(url)
    os.environ["TAAWON_DATABASE_URL"] = url
    from bench import setup_django

    setup_django()
    if args.phase == "build":
        _build(args.db, args.size)
        result: dict = {}
    else:
        result = _measure(args.db, args.size, url)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
