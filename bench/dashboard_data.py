"""The data set of the dashboard benchmark (bench_indicators): the demo's registry of persons
(the person list benchmark's builder, same seed; copied from that benchmark's data set when it
is there at the same size), the employment units' employers and vacancies with the demo's own
records for a few persons of each unit, then in bulk about 3 events a person: job seeker
registrations (0.6 a person), counselling sessions (1.0), referrals (0.7) of which placements
(0.3), and work permits (0.4). Persons were registered July to December 2020 (the demo's
calendar); their events follow within the next months.

Run inside a benchmark process whose settings point at the data set's database.
"""

from __future__ import annotations

import datetime
import sqlite3
import sys
import time
from pathlib import Path

from bench.databases import server_connection

PERSONS = {"full": 1_000_000, "quick": 20_000, "smoke": 300}
# Persons of each unit who get the demo's own employment records (and its vacancies).
DEMO_SEEKERS_PER_UNIT = {"full": 270, "quick": 100, "smoke": 5}
# Events a person, in bulk: about 3 in all.
JOB_SEEKERS = 0.6
SESSIONS = 1.0
REFERRALS = 0.7
PLACEMENTS = 0.3
PERMITS = 0.4
SEED = 2020  # the person list benchmark's, so that its registry can be reused
CHUNK = 50_000

_DB = ""


def set_database(db: str) -> None:
    """The database named in progress lines."""
    global _DB
    _DB = db


def _log(message: str) -> None:
    print(f"     {_DB}: {message}", file=sys.stderr, flush=True)


def copy_person_registry(db: str, size: str, url: str) -> bool:
    """Start from the person list benchmark's registry (same builder, same seed) when it is
    there at this size and this data set is new: hours saved at full size."""
    from bench.bench_person_list import _database_url as person_list_url

    source = person_list_url(db, size)
    if db == "sqlite":
        source_path = Path(source.removeprefix("sqlite:///"))
        target_path = Path(url.removeprefix("sqlite:///"))
        if not source_path.exists() or target_path.exists() and target_path.stat().st_size:
            return False
        if size == "smoke":
            return False
        _log(f"copying the person registry of {source_path.name}…")
        with sqlite3.connect(source_path) as src, sqlite3.connect(target_path) as dst:
            src.backup(dst)
        return True
    if size == "smoke":
        return False
    name, source_name = url.rpartition("/")[2], source.rpartition("/")[2]
    with server_connection(url) as conn:
        rows = conn.execute(
            "SELECT datname FROM pg_database WHERE datname IN (%s, %s)", [name, source_name]
        ).fetchall()
        present = {row[0] for row in rows}
        if name in present or source_name not in present:
            return False
        _log(f"copying the person registry of {source_name}…")
        try:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source_name}"')
        except Exception as error:  # someone is connected to the source: build instead
            _log(f"copy refused ({error}); building")
            return False
    return True


def build(db: str, size: str) -> dict:
    from django.core.management import call_command

    from taawon.demo import scenario
    from taawon.employment.models import JobSeeker
    from taawon.people.models import Person

    persons = PERSONS[size]
    call_command("migrate", interactive=False, verbosity=0)
    registry = scenario.exists() and Person.objects.count() == persons
    if registry and JobSeeker.objects.count() >= _expected_job_seekers(persons):
        _log(f"data set of {persons:,} persons found; build skipped")
        return counts()
    started = time.perf_counter()
    # No registry, or a build that stopped half-way through the events: start again.
    if not registry or JobSeeker.objects.exists():
        from taawon.demo import reset

        reset.empty_domain_tables()
        _log(f"building a registry of {persons:,} persons…")
        passwords = {plan.username: "bench-only-password" for plan in scenario.USERS}
        scenario.load(
            passwords=passwords,
            persons=persons,
            seed=SEED,
            with_audit=False,
            with_employment=False,
        )
    _log(f"registry ready at {time.perf_counter() - started:.0f} s; events…")
    _events(size)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    _log(f"built in {time.perf_counter() - started:.0f} s")
    return {**counts(), "build_s": round(time.perf_counter() - started, 1)}


def _expected_job_seekers(persons: int) -> int:
    return round(persons * JOB_SEEKERS * 0.9)


def counts() -> dict:
    from taawon.employment.models import CounsellingSession, JobSeeker, Placement, Referral
    from taawon.people.models import Person
    from taawon.permits.models import Permit

    counts = {
        "persons": Person.objects.count(),
        "job_seekers": JobSeeker.objects.count(),
        "counselling_sessions": CounsellingSession.objects.count(),
        "referrals": Referral.objects.count(),
        "placements": Placement.objects.count(),
        "permits": Permit.objects.count(),
    }
    counts["events"] = sum(v for k, v in counts.items() if k != "persons")
    return counts


def _events(size: str) -> None:
    """The employment units' employers and vacancies (the demo's, with its records for a few
    persons of each unit), then the bulk of the events for everyone else."""
    import random

    import numpy as np
    from django.db import transaction

    from taawon.accounts.models import Membership, Organisation, User
    from taawon.cooperatives.models import Cooperative
    from taawon.employment.demo import load_demo
    from taawon.employment.models import (
        CounsellingSession,
        JobSeeker,
        Placement,
        Referral,
        Vacancy,
    )
    from taawon.people.models import Person
    from taawon.permits.models import Permit

    rng = np.random.default_rng(SEED)
    units = list(
        Organisation.objects.filter(pk__in=Person.objects.values("owner_id").distinct()).order_by(
            "pk"
        )
    )
    sample = DEMO_SEEKERS_PER_UNIT[size]
    persons_by_unit = {
        unit.pk: list(
            Person.objects.filter(owner=unit).order_by("pk").values_list("pk", flat=True)[:sample]
        )
        for unit in units
    }
    load_demo(
        rng=random.Random(SEED),
        units=units,
        persons_by_unit=persons_by_unit,
        users=list(User.objects.all()),
    )
    counsellor = {
        m.organisation_id: m.user_id
        for m in Membership.objects.filter(organisation__in=units).order_by("-role", "user_id")
    }
    anyone = User.objects.order_by("pk").values_list("pk", flat=True).first()
    vacancies = list(
        Vacancy.objects.order_by("pk").values_list(
            "pk", "owner_id", "wage", "wage_period", "currency"
        )
    )
    cooperatives = list(Cooperative.objects.order_by("pk").values_list("pk", flat=True))
    rows = list(
        Person.objects.filter(job_seeker__isnull=True, status=Person.Status.ACTIVE)
        .order_by("pk")
        .values_list("pk", "owner_id", "nationality", "created_at")
    )
    n = len(rows)
    _log(f"{n:,} persons without events; {len(vacancies)} vacancies")
    person_pk = np.array([r[0] for r in rows], dtype=np.int64)
    owner = np.array([r[1] for r in rows], dtype=np.int64)
    registered = np.array([r[3].date().toordinal() for r in rows], dtype=np.int64)
    host = np.array([r[2] == "JO" for r in rows])
    del rows

    def date(ordinal: int) -> datetime.date:
        return datetime.date.fromordinal(int(ordinal))

    # Job seekers: a share of the persons, registered within a month of the person.
    seekers = np.sort(rng.choice(n, size=round(n * JOB_SEEKERS), replace=False))
    seeker_day = registered[seekers] + rng.integers(0, 30, size=len(seekers))
    seeker_pk = np.zeros(len(seekers), dtype=np.int64)
    for first in range(0, len(seekers), CHUNK):
        part = range(first, min(first + CHUNK, len(seekers)))
        made = [
            JobSeeker(
                owner_id=int(owner[seekers[i]]),
                person_id=int(person_pk[seekers[i]]),
                registered_on=date(seeker_day[i]),
            )
            for i in part
        ]
        with transaction.atomic():
            JobSeeker.objects.bulk_create(made, batch_size=2000)
        seeker_pk[first : first + len(made)] = [m.pk for m in made]
    _log(f"{len(seekers):,} job seekers")

    def per_seeker(count: int) -> np.ndarray:
        return np.sort(rng.integers(0, len(seekers), size=count))

    # Counselling sessions, within four months of registration.
    chosen = per_seeker(round(n * SESSIONS))
    days = seeker_day[chosen] + rng.integers(0, 120, size=len(chosen))
    _bulk(
        CounsellingSession,
        (
            {
                "owner_id": int(owner[seekers[s]]),
                "job_seeker_id": int(seeker_pk[s]),
                "date": date(d),
                "counsellor_id": counsellor.get(int(owner[seekers[s]]), anyone),
                "topics": ["job_search"],
            }
            for s, d in zip(chosen, days, strict=True)
        ),
    )
    _log(f"{len(chosen):,} counselling sessions")

    # Referrals, each job seeker to distinct vacancies; the first ones hired and placed.
    chosen = per_seeker(round(n * REFERRALS))
    hired = np.zeros(len(chosen), dtype=bool)
    hired[rng.choice(len(chosen), size=min(round(n * PLACEMENTS), len(chosen)), replace=False)] = (
        True
    )
    offset = rng.integers(0, len(vacancies), size=len(seekers))
    days = seeker_day[chosen] + rng.integers(0, 150, size=len(chosen))
    waits = rng.integers(0, 8, size=len(chosen))
    statuses = np.array(["rejected", "did_not_attend", "interviewed", "referred"])
    other = statuses[rng.integers(0, 4, size=len(chosen))]
    seen: dict[int, int] = {}
    placements = []
    for first in range(0, len(chosen), CHUNK):
        made: list = []
        hires: list = []
        for i in range(first, min(first + CHUNK, len(chosen))):
            s = int(chosen[i])
            k = seen.get(s, 0)
            seen[s] = k + 1
            if k >= len(vacancies):  # one referral a vacancy: this job seeker has had them all
                continue
            v = vacancies[(int(offset[s]) + k) % len(vacancies)]
            referred = date(days[i])
            made.append(
                Referral(
                    owner_id=v[1],
                    job_seeker_id=int(seeker_pk[s]),
                    vacancy_id=v[0],
                    referred_on=referred,
                    status="hired" if hired[i] else str(other[i]),
                    status_on=referred + datetime.timedelta(days=int(waits[i])),
                )
            )
            hires.append((s, v) if hired[i] else None)
        with transaction.atomic():
            Referral.objects.bulk_create(made, batch_size=2000)
        placements += [
            Placement(
                owner_id=int(owner[seekers[hire[0]]]),
                referral_id=referral.pk,
                vacancy_id=hire[1][0],
                job_seeker_id=referral.job_seeker_id,
                start_date=referral.status_on,
                contract_type="open_ended",
                wage=hire[1][2],
                wage_period=hire[1][3],
                currency=hire[1][4],
            )
            for referral, hire in zip(made, hires, strict=True)
            if hire is not None
        ]
        if len(placements) >= CHUNK:
            with transaction.atomic():
                Placement.objects.bulk_create(placements, batch_size=2000)
            placements = []
    with transaction.atomic():
        Placement.objects.bulk_create(placements, batch_size=2000)
    _log(f"{len(chosen):,} referrals, {int(hired.sum()):,} placements")

    # Work permits: mostly refugees (the host country's own nationals need none), one each,
    # a fifth of them renewals of an earlier permit of the same person.
    weights = np.where(host, 0.1, 1.0)
    holders = np.sort(
        rng.choice(n, size=min(round(n * PERMITS), n), replace=False, p=weights / weights.sum())
    )
    renewal = rng.random(len(holders)) < 0.2
    issued = registered[holders] + rng.integers(-200, 330, size=len(holders))
    sectors = np.array(["agriculture", "construction", "other"])[
        rng.integers(0, 3, size=len(holders))
    ]
    numbers = iter(range(1, 10**9))
    first_permits: list[Permit] = []
    renewed: list[tuple[int, int]] = []
    for i, h in enumerate(holders):
        day = date(issued[i])
        if renewal[i]:
            day_before = day - datetime.timedelta(days=365)
            renewed.append((i, len(first_permits)))
            day = day_before
        first_permits.append(
            _permit(Permit, person_pk[h], owner[h], cooperatives, day, sectors[i], next(numbers))
        )
    with transaction.atomic():
        Permit.objects.bulk_create(first_permits, batch_size=2000)
    renewals = [
        _permit(
            Permit,
            person_pk[holders[i]],
            owner[holders[i]],
            cooperatives,
            date(issued[i]),
            sectors[i],
            next(numbers),
            previous_id=first_permits[j].pk,
        )
        for i, j in renewed
    ]
    with transaction.atomic():
        Permit.objects.bulk_create(renewals, batch_size=2000)
    _log(f"{len(first_permits) + len(renewals):,} permits")


def _permit(model, person, owner, cooperatives, issued, sector, number, previous_id=None):
    return model(
        owner_id=int(owner),
        person_id=int(person),
        cooperative_id=cooperatives[int(person) % len(cooperatives)],
        sector=str(sector),
        kind="flexible",
        status="issued",
        applied_on=issued - datetime.timedelta(days=20),
        submitted_on=issued - datetime.timedelta(days=15),
        permit_number=f"BENCH{number:09d}",
        issued_on=issued,
        expires_on=issued + datetime.timedelta(days=365),
        decided_on=issued,
        previous_id=previous_id,
    )


def _bulk(model, values) -> None:
    from django.db import transaction

    batch = []
    for row in values:
        batch.append(model(**row))
        if len(batch) >= CHUNK:
            with transaction.atomic():
                model.objects.bulk_create(batch, batch_size=2000)
            batch = []
    with transaction.atomic():
        model.objects.bulk_create(batch, batch_size=2000)
