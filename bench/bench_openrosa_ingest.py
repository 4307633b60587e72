"""OpenRosa ingest: ODK Collect's submissions received through gunicorn, counted afterwards.

Target (issue 16): at least 100 submissions a second sustained from 8 concurrent clients on
loopback, each submission with one small attachment (a 2 KB JPEG), signing in as ODK Collect
does (a collection token in the server URL, `/openrosa/key/<token>/`: one indexed lookup of the
token's SHA-256 digest, no password hasher), with zero lost and zero duplicated; then the same
run with every submission sent twice (the two copies shuffled among the others, so that some
arrive at once), storing each once. `openrosa_ingest.postgres` (and `.sqlite` when asked) in
submissions per second; the baseline is the target, 100 a second; the lost and duplicated
counts, from the database after each run, are in the params.

Build: a fresh database (`taawon_bench_openrosa`, bench/.data/openrosa.sqlite3) migrated, with
a unit, a counsellor, the household form (a group, a repeat, a photo) and a token. Measure:
gunicorn (`bench.load_wsgi`) on a free loopback port, and 8 client threads in this process,
each with its own keep-alive connection, POSTing multipart bodies as ODK Collect does.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench import phases
from bench.databases import DATA, database_url, ensure_database

TARGET_PER_S = 100.0
CLIENTS = 8
SIZES = {
    "full": {"submissions": 10_000, "workers": 4},
    "quick": {"submissions": 1_000, "workers": 3},
    "smoke": {"submissions": 40, "workers": 2},
}
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 8  # 2 KB
BOUNDARY = "----taawonbench7MA4YWxkTrZu0gW"


def run(options) -> dict:
    return phases.build_then_measure(
        "bench_openrosa_ingest", "openrosa_ingest.{db}", options, unit="1/s"
    )


_DB = ""


def _log(message: str) -> None:
    print(f"     {_DB}: {message}", file=sys.stderr, flush=True)


def _database_url(db: str, size: str) -> str:
    return database_url(db, size, sqlite_name="openrosa", postgres_name="taawon_bench_openrosa")


def _config_path(db: str, size: str) -> Path:
    return DATA / f"openrosa_{db}_{size}.json"


def _build(db: str, size: str) -> dict:
    from django.core.management import call_command

    from taawon.accounts.models import Membership, Organisation, User
    from taawon.accounts.services import create_token
    from taawon.surveys import services
    from taawon.surveys.models import SurveyForm
    from taawon.surveys.tests.factories import household_sheets
    from taawon.surveys.workbook import xlsx

    call_command("migrate", interactive=False, verbosity=0)
    unit = Organisation.objects.filter(name_en="Bench ingest unit").first()
    if unit is None:
        office = Organisation.objects.create(
            name_en="Bench ingest office", kind=Organisation.Kind.COUNTRY_OFFICE, country="IQ"
        )
        coop = Organisation.objects.create(
            name_en="Bench ingest cooperative",
            kind=Organisation.Kind.COOPERATIVE,
            country="IQ",
            parent=office,
        )
        unit = Organisation.objects.create(
            name_en="Bench ingest unit",
            kind=Organisation.Kind.EMPLOYMENT_UNIT,
            country="IQ",
            parent=coop,
        )
    user = User.objects.filter(username="bench_enumerator").first()
    if user is None:
        user = User.objects.create_user(username="bench_enumerator", password=None)
        Membership.objects.create(user=user, organisation=unit, role=Membership.Role.COUNSELLOR)
    if not SurveyForm.objects.filter(form_id="household").exists():
        services.upload_form(
            owner=unit, content=xlsx(household_sheets()), uploaded_by=None, assigned=[unit]
        )
    token = create_token(user=user, name="bench")
    _config_path(db, size).write_text(json.dumps({"token": token}))
    return {"ok": True}


def _xml(instance_id: str, number: int) -> bytes:
    return (
        '<?xml version="1.0"?><data xmlns:jr="http://openrosa.org/javarosa" '
        'xmlns:orx="http://openrosa.org/xforms" id="household" version="1">'
        f"<respondent>Respondent {number}</respondent><works>yes</works>"
        f"<place><village>Village {number % 97}</village></place>"
        "<members><member_name>Omar</member_name><member_age>12</member_age></members>"
        "<members><member_name>Huda</member_name><member_age>40</member_age></members>"
        f"<photo>photo.jpg</photo><meta><instanceID>{instance_id}</instanceID></meta></data>"
    ).encode()


def _body(xml: bytes) -> bytes:
    parts = []
    for field, name, kind, content in (
        ("xml_submission_file", "submission.xml", "text/xml", xml),
        ("photo.jpg", "photo.jpg", "image/jpeg", JPEG),
    ):
        parts.append(
            (
                f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{field}"; '
                f'filename="{name}"\r\nContent-Type: {kind}\r\n\r\n'
            ).encode()
            + content
            + b"\r\n"
        )
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


def _send_all(port: int, token: str, bodies: list[bytes]) -> tuple[float, Counter]:
    """POST every body from CLIENTS threads, each on its own keep-alive connection; the
    seconds taken and the statuses answered."""
    local = threading.local()
    statuses: Counter = Counter()
    lock = threading.Lock()
    path = f"/openrosa/key/{token}/submission"
    headers = {
        "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
        "X-OpenRosa-Version": "1.0",
    }

    def send(body: bytes) -> None:
        for attempt in range(3):
            conn = getattr(local, "conn", None)
            if conn is None:
                conn = local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            try:
                conn.request("POST", path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                with lock:
                    statuses[response.status] += 1
                return
            except (OSError, http.client.HTTPException):
                # A dropped keep-alive connection: ODK Collect sends again, and so do we.
                conn.close()
                local.conn = None
                if attempt == 2:
                    with lock:
                        statuses["connection_error"] += 1

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        list(pool.map(send, bodies))
    return time.perf_counter() - started, statuses


def _counts(prefix: str) -> tuple[int, int, int]:
    """(rows, distinct instance ids, attachments) stored for instance ids with `prefix`."""
    from taawon.surveys.models import Attachment, Submission

    rows = Submission.objects.filter(instance_id__startswith=prefix)
    return (
        rows.count(),
        rows.values("instance_id").distinct().count(),
        Attachment.objects.filter(submission__instance_id__startswith=prefix).count(),
    )


def _wait_until_up(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer /healthz in time")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _measure(db: str, size: str) -> dict:
    from django.db import connections

    token = json.loads(_config_path(db, size).read_text())["token"]
    count = SIZES[size]["submissions"]
    workers = SIZES[size]["workers"]
    run_id = uuid.uuid4().hex[:8]
    once_prefix, twice_prefix = f"uuid:bench-{run_id}-a-", f"uuid:bench-{run_id}-b-"
    once = [_body(_xml(f"{once_prefix}{n}", n)) for n in range(count)]
    twice = [_body(_xml(f"{twice_prefix}{n}", n)) for n in range(count)] * 2
    random.Random(7).shuffle(twice)
    connections.close_all()
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="taawon-openrosa-") as tmp:
        env = {
            **os.environ,
            "TAAWON_DATABASE_URL": _database_url(db, size),
            "TAAWON_LOG_LEVEL": "WARNING",
            "TAAWON_STATIC_ROOT": tmp,
        }
        env.pop("TAAWON_DEBUG", None)
        env.pop("TAAWON_DEMO", None)
        server = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "bench.load_wsgi:application",
                "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
                "--error-logfile", str(Path(tmp) / "error.log"), "--timeout", "120",
            ],
            cwd=phases.ROOT, env=env,
        )  # fmt: skip
        try:
            _wait_until_up(port, server)
            _log(f"gunicorn ({workers} workers) up; {count:,} submissions from {CLIENTS} clients")
            once_s, once_statuses = _send_all(port, token, once)
            _log(f"once: {count / once_s:.0f}/s {dict(once_statuses)}")
            twice_s, twice_statuses = _send_all(port, token, twice)
            _log(f"twice: {len(twice) / twice_s:.0f} requests/s {dict(twice_statuses)}")
        finally:
            server.terminate()
            server.wait(timeout=60)
    rows, distinct, files = _counts(once_prefix)
    rows2, distinct2, files2 = _counts(twice_prefix)
    rate = count / once_s
    return {
        f"openrosa_ingest.{db}": {
            "value": round(rate, 1),
            "unit": "1/s",
            "baseline": TARGET_PER_S,
            "ratio": round(rate / TARGET_PER_S, 2),
            "params": {
                "size": size,
                "submissions": count,
                "clients": CLIENTS,
                "gunicorn_workers": workers,
                "attachment_bytes": len(JPEG),
                "seconds": round(once_s, 1),
                "lost": count - distinct,
                "duplicated": rows - distinct,
                "attachments_stored": files,
                "statuses": {str(k): v for k, v in once_statuses.items()},
                "twice_requests": len(twice),
                "twice_seconds": round(twice_s, 1),
                "twice_submissions_per_s": round(count / twice_s, 1),
                "twice_lost": count - distinct2,
                "twice_duplicated": rows2 - distinct2,
                "twice_attachments_stored": files2,
                "twice_statuses": {str(k): v for k, v in twice_statuses.items()},
                "load_average": round(os.getloadavg()[0], 1),
            },
        }
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_openrosa_ingest")
    parser.add_argument("--db", choices=("sqlite", "postgres"), required=True)
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
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
