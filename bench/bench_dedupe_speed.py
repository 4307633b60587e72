"""Duplicate detection at a million persons: the registration check and the batch run.

Targets (issue 3): the registration check against a registry of 1,000,000 persons answers in
at most 50 ms at the median and 200 ms at the 95th percentile, on SQLite and on PostgreSQL;
batch detection over the 1,000,000 persons takes at most 5 minutes and 4 GB on this 2-core
machine.

Registry: the demo scenario with a million job seekers, built with the demo's bulk path
(`taawon.people.bulk`, no audit rows) as bench_person_list builds its own; the population
plants about 7,400 persons registered twice in another unit, written differently. Each
database keeps its registry: a SQLite file under bench/.data/ and the PostgreSQL database
taawon_bench_dedupe. A later run finds it and skips the build; a first run copies the person
list bench's registry when that one is there (same scenario, same seed), else builds.

Registration check: the function a counsellor's form and the API call before saving
(`people.services.check_duplicates`: validation, then `find_duplicate_candidates`), for
probes of two kinds, half each: a registered person coming again to another unit, written
as the population writes its planted duplicates (other Latin spelling, Latin letters only,
day and month swapped, other Arabic spelling, a new phone), and a new person (with an
identity document, as most have). Median and p95 in ms, after a warm-up; the share of
returning persons whose first registration the check raised is reported beside them.
Baseline: what one writes without blocking: read every person and score the probe against
each with the same matcher (`person_match.compare`), for a few probes. At full size each
baseline probe reads a slice of `BASELINE_SLICE` persons and its time is scaled to the whole
registry (reading and scoring are linear in it).

Batch detection: the real path: `duplicates.services.start_detection`, whose task runs in the
same process (the immediate task backend), over the whole registry, with its default number
of comparing processes. Measured in a subprocess of its own: wall seconds, CPU seconds of the
process and its comparing processes (user + system, from getrusage; the machine is shared,
so the CPU figure is the steadier one), and peak memory: the largest total proportional set
size (PSS) of the process and its children, sampled every 0.2 s, beside ru_maxrss.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import random
import resource
import sqlite3
import statistics
import sys
import threading
import time
from pathlib import Path

from bench import phases
from bench.databases import (
    DATA,
    database_url,
    ensure_database,
    postgres_exists,
    server_connection,
)

# "medium" is for development (inner mode, `--size medium`): identical data at a tenth.
PERSONS = {"full": 1_000_000, "medium": 100_000, "quick": 20_000, "smoke": 300}
PROBES = {"full": 300, "medium": 300, "quick": 60, "smoke": 3}
WARM_UP = 10
BASELINE_PROBES = 3
BASELINE_SLICE = {"full": 10_000, "medium": 10_000, "quick": 10_000, "smoke": 300}
TARGET_MEDIAN_MS, TARGET_P95_MS = 50.0, 200.0
TARGET_BATCH_S, TARGET_BATCH_MB = 300.0, 4096.0
# Databases batch detection runs on (it reads the registry once, then works in memory, so
# the database matters for loading only); TAAWON_BENCH_DEDUPE_DETECT=sqlite narrows it.
DETECT_ON = tuple(os.environ.get("TAAWON_BENCH_DEDUPE_DETECT", "sqlite,postgres").split(","))
SEED = 2020  # the registry's: bench_person_list's too, so that its registry may be reused
PROBE_SEED = 3003
IMMEDIATE_TASKS = "django_tasks.backends.immediate.ImmediateBackend"


def _database_url(db: str, size: str, bench: str = "dedupe") -> str:
    if bench == "dedupe":
        return database_url(
            db, size, sqlite_name="dedupe_speed", postgres_name="taawon_bench_dedupe"
        )
    return database_url(db, size, sqlite_name="person_list", postgres_name="taawon_bench")


# ---- Outer mode: one subprocess per database and phase -----------------------------------


def run(options) -> dict:
    size = phases.size(options)
    databases = phases.databases(options)
    results: dict[str, dict] = {}
    started = time.perf_counter()
    builds = {db: phases.start("bench_dedupe_speed", db, size, "build") for db in databases}
    built = {db: phases.result(process) for db, process in builds.items()}
    print(f"   registries ready in {time.perf_counter() - started:.0f} s", flush=True)
    for db in databases:
        if built[db] is None:
            results.update(
                {
                    f"dedupe_speed.{db}.build": phases.failed(
                        db=db, size=size, phase="build", unit=""
                    )
                }
            )
            continue
        results.update(built[db])
        for phase in ("check", "detect") if db in DETECT_ON else ("check",):
            started = time.perf_counter()
            measured = phases.result(phases.start("bench_dedupe_speed", db, size, phase))
            if measured is None:
                results.update(
                    {
                        f"dedupe_speed.{db}.{phase}": phases.failed(
                            db=db, size=size, phase=phase, unit=""
                        )
                    }
                )
                continue
            results.update(measured)
            print(f"   {db}: {phase} measured in {time.perf_counter() - started:.0f} s", flush=True)
    return results


# ---- Inner mode ---------------------------------------------------------------------------


_DB = ""


def _log(message: str) -> None:
    print(f"     {_DB}: {message}", file=sys.stderr, flush=True)


def _ensure_postgres_database(url: str, template_url: str) -> None:
    """Create the database; from the person list bench's registry when that one is there."""
    import psycopg

    name, template = url.rpartition("/")[2], template_url.rpartition("/")[2]
    with server_connection(url) as conn:
        if postgres_exists(conn, name):
            return
        if postgres_exists(conn, template):
            try:
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
                _log(f"copied the registry of {template}")
                return
            except psycopg.Error as error:  # in use by someone: build instead
                _log(f"could not copy {template} ({error.__class__.__name__}); building")
    ensure_database(url)


def _ensure_sqlite_file(url: str, template_url: str) -> None:
    path = Path(url.removeprefix("sqlite:///"))
    template = Path(template_url.removeprefix("sqlite:///"))
    if path.exists() or not template.exists():
        return
    # The backup API copies a consistent state, write-ahead log included.
    with sqlite3.connect(template) as source, sqlite3.connect(path) as target:
        source.backup(target)
    source.close()
    target.close()
    _log(f"copied the registry of {template.name}")


def _build(db: str, size: str) -> dict:
    """Build the registry unless the database holds it; report the time of the build."""
    from django.core.management import call_command
    from django.db import connection

    from taawon.demo import reset, scenario
    from taawon.people.models import Person

    persons = PERSONS[size]
    call_command("migrate", interactive=False, verbosity=0)
    build_s = None
    if scenario.exists() and Person.objects.count() >= persons:
        _log(f"registry of {persons:,} persons found; build skipped")
    else:
        _log(f"building a registry of {persons:,} persons…")
        reset.empty_domain_tables()
        started = time.perf_counter()
        step = max(persons // 10, 1)

        def progress(done: int) -> None:
            if done % step < 5000 or done == persons:
                _log(f"  {done:,} persons, {time.perf_counter() - started:.0f} s")

        scenario.load(
            passwords={plan.username: "bench-only-password" for plan in scenario.USERS},
            persons=persons,
            seed=SEED,
            with_audit=False,
            with_employment=False,
            progress=progress,
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        build_s = time.perf_counter() - started
        _log(f"built in {build_s:.0f} s")
    record = DATA / f"dedupe_speed_{db}_{size}.build.json"
    if build_s is not None:
        built = {"seconds": round(build_s, 1), "built_at": time.strftime("%Y-%m-%dT%H:%M")}
        record.write_text(json.dumps(built) + "\n")
    built = json.loads(record.read_text()) if record.exists() else {}
    return {
        f"dedupe_speed.{db}.build": {
            "value": built.get("seconds"),
            "unit": "s",
            "baseline": None,
            "ratio": None,
            "params": {
                "persons": Person.objects.count(),
                "built_in_this_run": build_s is not None,
                "built_at": built.get("built_at"),
                "note": "bulk path of taawon.people.bulk without audit rows; "
                "no time when copied from the person list bench",
            },
        }
    }


# ---- Registration check -------------------------------------------------------------------


PERSON_COLUMNS = (
    "given_name_ar",
    "father_name_ar",
    "grandfather_name_ar",
    "family_name_ar",
    "given_name_en",
    "father_name_en",
    "grandfather_name_en",
    "family_name_en",
    "sex",
    "nationality",
    "displacement_status",
    "education_level",
    "phone",
    "date_of_birth",
    "birth_year",
    "birth_year_estimated",
    "governorate_id",
    "district_id",
)


def _units():
    """The scenario's employment units as population plans, each with its counsellor."""
    from taawon.accounts.models import User
    from taawon.demo import scenario
    from taawon.demo.population import UnitPlan
    from taawon.geo.models import District, Governorate

    units = []
    for plan in scenario.COOPERATIVES:
        counsellor = User.objects.get(username=f"counsellor_{plan.key}")
        organisation = counsellor.memberships.get().organisation
        governorate = Governorate.objects.get(pcode=plan.governorate)
        districts = list(
            District.objects.filter(governorate=governorate).values_list("pk", flat=True)
        )
        units.append(
            (
                UnitPlan(
                    organisation_id=organisation.pk,
                    governorate_id=governorate.pk,
                    district_ids=districts,
                    weight=plan.weight,
                    syrian_share=plan.syrian_share,
                    registered_by_id=counsellor.pk,
                ),
                organisation,
                counsellor,
            )
        )
    return units


def _probes(count: int) -> list[dict]:
    """Half returning persons written otherwise, half new persons; each as the form sends it."""
    import phonenumbers

    from taawon.demo import population as pop
    from taawon.geo.models import District, Governorate
    from taawon.people.models import Person
    from taawon.people.validation import PERSON_FIELDS

    rng = random.Random(PROBE_SEED)
    units = _units()
    by_organisation = {unit.organisation_id: (org, user) for unit, org, user in units}
    plans = [unit for unit, _org, _user in units]
    governorate_districts = {
        g: list(District.objects.filter(governorate_id=g).values_list("pk", flat=True))
        for g in Governorate.objects.filter(country="JO").values_list("pk", flat=True)
    }
    population = pop.Population(
        count=count,
        units=plans,
        governorate_districts=governorate_districts,
        seed=PROBE_SEED,
        duplicates=0,
    )
    last = Person.objects.order_by("-pk").values_list("pk", flat=True).first()
    total = Person.objects.count()

    def form_data(values: dict) -> dict:
        data = {k: v for k, v in values.items() if k in PERSON_FIELDS}
        data["governorate"] = values.get("governorate_id")
        data["district"] = values.get("district_id")
        # The generator draws some numbers no operator gives out, which the form refuses.
        if data.get("phone") and not phonenumbers.is_valid_number(
            phonenumbers.parse(data["phone"])
        ):
            data["phone"] = ""
        return data

    probes: list[dict] = []
    variations = list(pop.VARIATIONS)
    returning = count // 2
    attempts = 0
    while len(probes) < returning and attempts < returning * 5:
        attempts += 1
        pk = rng.randint(1, last)
        row = Person.objects.filter(pk=pk).values("owner_id", *PERSON_COLUMNS).first()
        if row is None:
            continue
        owner_id = row.pop("owner_id")
        original = pop.PersonRecord(
            index=pk, owner_id=owner_id, registered_on=datetime.date(2020, 7, 1), values=row
        )
        variation = variations[len(probes) % len(variations)]
        other = rng.choice([p for p in plans if p.organisation_id != owner_id] or plans)
        try:
            duplicate = population._duplicate(original, pk, other, variation)
        except (KeyError, ValueError):  # a name outside the tables' spellings: draw again
            continue
        organisation, user = by_organisation[other.organisation_id]
        probes.append(
            {
                "kind": f"returning:{variation}",
                "original": pk,
                "organisation": organisation,
                "user": user,
                "data": form_data(duplicate.values),
                "identifiers": {},
            }
        )
    index = pop.MAX_PERSONS - count  # identifier serials no registered person holds
    today = datetime.date(2021, 1, 15)
    governorates = sorted(governorate_districts)
    while len(probes) < count:
        unit = rng.choice(plans)
        syrian = rng.random() < pop.SYRIAN_SHARE
        record = population._person(
            index,
            unit=unit,
            syrian=syrian,
            female=rng.random() < pop.FEMALE_SHARE,
            registered_on=today,
            governorates=governorates,
        )
        index += 1
        organisation, user = by_organisation[unit.organisation_id]
        probes.append(
            {
                "kind": "new",
                "original": None,
                "organisation": organisation,
                "user": user,
                "data": form_data(record.values),
                "identifiers": dict(record.identifiers),
            }
        )
    rng.shuffle(probes)
    _log(f"{len(probes)} probes ({returning} returning persons) against {total:,} persons")
    return probes


def _check(probe: dict):
    from taawon.people.services import check_duplicates

    return check_duplicates(
        owner=probe["organisation"],
        data=probe["data"],
        identifiers=probe["identifiers"],
        user=probe["user"],
    )


def _p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _naive_ms(probe: dict, slice_size: int) -> tuple[float, int, int]:
    """The probe scored against every person of a slice, read as a naive check would:
    (ms, persons read, candidates found)."""
    from taawon.lib.person_match import compare
    from taawon.people import queries
    from taawon.people.models import Person
    from taawon.people.validation import validate

    started = time.perf_counter()
    clean = validate(
        owner=probe["organisation"], data=probe["data"], identifiers=probe["identifiers"]
    )
    blind = {kind: ids[1] for kind, ids in clean.identifiers.items() if ids}
    record = queries._values_record(clean.values, blind)
    persons = (
        Person.objects.exclude(status=Person.Status.MERGED)
        .order_by("pk")
        .prefetch_related("identifiers")
    )[:slice_size]
    read = found = 0
    for person in persons.iterator(chunk_size=2000):
        read += 1
        if compare(record, queries.person_record(person)).is_candidate:
            found += 1
    return (time.perf_counter() - started) * 1000, read, found


def _measure_check(db: str, size: str) -> dict:
    from django.db import connection

    from taawon.core.exceptions import ValidationFailed
    from taawon.people.models import Person

    persons = Person.objects.count()
    probes = _probes(PROBES[size])
    for probe in probes[:WARM_UP]:  # name tables, caches, prepared statements
        with contextlib.suppress(ValidationFailed):
            _check(probe)
    times: list[float] = []
    cpu_times: list[float] = []
    by_kind: dict[str, list[float]] = {}
    returning = raised = invalid = 0
    candidates = 0
    for probe in probes:
        started, cpu_started = time.perf_counter(), time.process_time()
        try:
            found = _check(probe)
        except ValidationFailed:
            invalid += 1
            continue
        elapsed = (time.perf_counter() - started) * 1000
        times.append(elapsed)
        cpu_times.append((time.process_time() - cpu_started) * 1000)
        kind = probe["kind"].split(":")[0]
        by_kind.setdefault(kind, []).append(elapsed)
        candidates += len(found)
        if probe["original"] is not None:
            returning += 1
            raised += any(c.person.pk == probe["original"] for c in found)
    median, p95 = statistics.median(times), _p95(times)
    _log(
        f"check: median {median:.1f} ms, p95 {p95:.1f} ms, max {max(times):.1f} ms; "
        f"CPU median {statistics.median(cpu_times):.1f} ms; {raised}/{returning} raised"
    )
    slice_size = min(BASELINE_SLICE[size], persons)
    naive = []
    for probe in probes[:BASELINE_PROBES]:
        ms, read, found = _naive_ms(probe, slice_size)
        naive.append(ms * persons / max(read, 1))
        _log(f"naive: {ms:.0f} ms for {read:,} persons ({found} candidates)")
    baseline = statistics.median(naive)
    params = {
        "database": connection.vendor,
        "persons": persons,
        "probes": len(times),
        "probes_returning": returning,
        "probes_new": len(times) - returning,
        "invalid_probes": invalid,
        "median_ms": round(median, 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(max(times), 2),
        # CPU of this process (the database's own work too on SQLite, not on PostgreSQL).
        "median_cpu_ms": round(statistics.median(cpu_times), 2),
        "p95_cpu_ms": round(_p95(cpu_times), 2),
        "median_ms_returning": round(statistics.median(by_kind.get("returning", [0])), 2),
        "median_ms_new": round(statistics.median(by_kind.get("new", [0])), 2),
        "returning_raised_share": round(raised / returning, 4) if returning else None,
        "candidates_per_check": round(candidates / len(times), 2),
        "function": "taawon.people.services.check_duplicates",
        "baseline_is": (
            f"every person read and scored with person_match.compare, median of "
            f"{len(naive)} probes"
            + (
                f", each on a slice of {slice_size:,} persons scaled to {persons:,}"
                if slice_size < persons
                else ""
            )
        ),
        "baseline_ms_per_probe": [round(ms, 1) for ms in naive],
    }
    return {
        f"dedupe_speed.{db}.registration_check_median": {
            "value": round(median, 2),
            "unit": "ms",
            "baseline": round(baseline, 1),
            "ratio": round(median / baseline, 6),
            "params": {
                **params,
                "target_ms": TARGET_MEDIAN_MS,
                "meets_target": median <= TARGET_MEDIAN_MS,
            },
        },
        f"dedupe_speed.{db}.registration_check_p95": {
            "value": round(p95, 2),
            "unit": "ms",
            "baseline": round(baseline, 1),
            "ratio": round(p95 / baseline, 6),
            "params": {
                **params,
                "target_ms": TARGET_P95_MS,
                "meets_target": p95 <= TARGET_P95_MS,
            },
        },
    }


# ---- Batch detection ----------------------------------------------------------------------


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as f:
                    todo.extend(int(child) for child in f.read().split())
        except OSError:
            continue
    return found


class _MemorySampler(threading.Thread):
    """The largest total PSS of this process and its children while it runs."""

    def __init__(self, every_s: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.every_s = every_s
        self.peak_kb = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            total = sum(_pss_kb(pid) for pid in _descendants(os.getpid()))
            self.peak_kb = max(self.peak_kb, total)
            self.stopped.wait(self.every_s)

    def stop(self) -> int:
        self.stopped.set()
        self.join()
        return self.peak_kb


def _cpu_s() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _measure_detect(db: str, size: str) -> dict:
    from django.db import connection

    from taawon.accounts.models import User
    from taawon.duplicates import detection, services
    from taawon.duplicates.models import DetectionRun, DuplicatePair

    # Every run starts from the same state: no pairs found before, no run in the way.
    DuplicatePair.objects.all().delete()
    DetectionRun.objects.all().delete()
    admin = User.objects.get(username="admin")
    sampler = _MemorySampler()
    sampler.start()
    cpu_before = _cpu_s()
    started = time.perf_counter()
    run = services.start_detection(started_by=admin)  # the task runs on commit, here
    wall = time.perf_counter() - started
    cpu = _cpu_s() - cpu_before
    peak_pss_mb = sampler.stop() / 1024
    run.refresh_from_db()
    if run.status != DetectionRun.Status.DONE:
        raise RuntimeError(f"detection ended {run.status}: {run.error}")
    max_rss_mb = (
        max(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        )
        / 1024
    )
    stats = run.stats
    _log(
        f"detection: {wall:.0f} s wall, {cpu:.0f} s CPU, peak {peak_pss_mb:.0f} MB PSS "
        f"({max_rss_mb:.0f} MB largest RSS); {stats}"
    )
    params = {
        "database": connection.vendor,
        "persons": run.persons_total,
        # Comparing processes: for the pairs left after the array screen, which compare sees.
        "workers": detection.default_workers(run.pairs_compared),
        "cpus": len(os.sched_getaffinity(0)),
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "peak_pss_mb": round(peak_pss_mb, 1),
        "max_rss_mb_one_process": round(max_rss_mb, 1),
        "pairs_compared": run.pairs_compared,
        # Scoring cost per candidate pair of blocking: the array screen and compare together.
        "scoring_us_per_pair": round(
            (stats.get("screen_seconds", 0) + stats.get("compare_seconds", 0))
            / max(stats.get("pairs", 0), 1)
            * 1e6,
            2,
        ),
        "pairs_found": run.pairs_found,
        "stats": stats,
        "function": "taawon.duplicates.services.start_detection (task run in process)",
    }
    return {
        f"dedupe_speed.{db}.batch_detection_wall": {
            "value": round(wall, 1),
            "unit": "s",
            "baseline": TARGET_BATCH_S,
            "ratio": round(wall / TARGET_BATCH_S, 4),
            "params": {**params, "baseline_is": "the 5-minute target"},
        },
        f"dedupe_speed.{db}.batch_detection_cpu": {
            "value": round(cpu, 1),
            "unit": "s",
            "baseline": TARGET_BATCH_S,
            "ratio": round(cpu / TARGET_BATCH_S, 4),
            "params": {**params, "baseline_is": "the 5-minute target (wall)"},
        },
        f"dedupe_speed.{db}.batch_detection_peak_memory": {
            "value": round(peak_pss_mb, 1),
            "unit": "MB",
            "baseline": TARGET_BATCH_MB,
            "ratio": round(peak_pss_mb / TARGET_BATCH_MB, 4),
            "params": {**params, "baseline_is": "the 4 GB target"},
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_dedupe_speed")
    parser.add_argument("--db", choices=("sqlite", "postgres"), required=True)
    parser.add_argument("--size", choices=sorted(PERSONS), default="full")
    parser.add_argument("--phase", choices=("build", "check", "detect"), required=True)
    args = parser.parse_args(argv)
    global _DB
    _DB = args.db
    url = _database_url(args.db, args.size)
    DATA.mkdir(parents=True, exist_ok=True)
    if args.phase == "build":
        template = _database_url(args.db, args.size, bench="person_list")
        if args.db == "postgres":
            _ensure_postgres_database(url, template)
        else:
            _ensure_sqlite_file(url, template)
            ensure_database(url)
    os.environ["TAAWON_DATABASE_URL"] = url
    os.environ["TAAWON_TASK_BACKEND"] = IMMEDIATE_TASKS
    from bench import setup_django

    setup_django()
    phases = {"build": _build, "check": _measure_check, "detect": _measure_detect}
    print(json.dumps(phases[args.phase](args.db, args.size), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
