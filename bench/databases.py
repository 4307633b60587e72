"""Where the benchmarks keep their data sets: SQLite files under bench/.data/ (git ignores it)
and PostgreSQL databases on TAAWON_BENCH_PG_SERVER, built once and kept between runs.

A smoke run (`python -m bench --size smoke`, what the test suite runs) keeps nothing: its
SQLite files go to a temporary folder (TAAWON_BENCH_DATA) and its PostgreSQL databases are
named `<name>_smoke_<run>` (TAAWON_BENCH_RUN, fresh for each run), so that they can never be
the data sets a real run keeps; every database of the run is a copy of one migrated template,
and all of them are dropped at its end.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

DATA = Path(os.environ.get("TAAWON_BENCH_DATA") or Path(__file__).resolve().parent / ".data")
PG_SERVER = os.environ.get("TAAWON_BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
SMOKE = "smoke"


def smoke_run() -> str:
    run = os.environ.get("TAAWON_BENCH_RUN", "")
    if not run.isalnum():
        raise RuntimeError("a smoke run needs TAAWON_BENCH_RUN (python -m bench sets it)")
    return run.lower()


def database_url(db: str, size: str, *, sqlite_name: str, postgres_name: str) -> str:
    """The URL of one benchmark's data set: `db` "sqlite" or "postgres", `size` "full" or a
    smaller size, which gets a name of its own."""
    suffix = "" if size == "full" else f"_{size}"
    if size == SMOKE:
        suffix = f"_{SMOKE}_{smoke_run()}"
    if db == "sqlite":
        return f"sqlite:///{DATA / f'{sqlite_name}{suffix}.sqlite3'}"
    return f"{PG_SERVER}/{postgres_name}{suffix}"


def server_connection(url: str):
    """An autocommit connection to the server of the PostgreSQL database `url`, for CREATE
    DATABASE and DROP DATABASE (which cannot run inside the database itself)."""
    import psycopg

    server, _sep, _name = url.rpartition("/")
    return psycopg.connect(f"{server}/postgres", autocommit=True)


def postgres_exists(conn, name: str) -> bool:
    return bool(conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone())


def ensure_database(url: str) -> None:
    """Create the database `url` unless it is there. Outside a smoke run a SQLite file needs
    nothing (connecting creates it); in a smoke run both are copies of the run's template."""
    name = url.rpartition("/")[2]
    smoke = f"_{SMOKE}_" in name
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        template = Path(_template_url("sqlite").removeprefix("sqlite:///")) if smoke else None
        if path.exists() or template is None or path == template or not template.exists():
            return
        # The backup API copies a consistent state, write-ahead log included.
        source, target = sqlite3.connect(template), sqlite3.connect(path)
        with source, target:
            source.backup(target)
        source.close()
        target.close()
        return
    template = _template_url("postgres").rpartition("/")[2] if smoke else ""
    with server_connection(url) as conn:
        if postgres_exists(conn, name):
            return
        if template and template != name and postgres_exists(conn, template):
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        else:
            conn.execute(f'CREATE DATABASE "{name}"')


def _template_url(db: str) -> str:
    return database_url(db, SMOKE, sqlite_name="template", postgres_name="taawon_bench_template")


def migrate_smoke_template(db: str) -> None:
    """Migrate the run's template once, in a process of its own (settings bind one database
    per process); each benchmark's database is then a copy of it."""
    url = _template_url(db)
    ensure_database(url)
    env = {**os.environ, "TAAWON_DATABASE_URL": url}
    subprocess.run([sys.executable, "-m", "taawon", "migrate", "-v", "0"], env=env, check=True)


def drop_smoke_databases() -> list[str]:
    """Drop every PostgreSQL database of this smoke run; the names dropped."""
    suffix = f"_{SMOKE}_{smoke_run()}"
    with server_connection(f"{PG_SERVER}/postgres") as conn:
        names = [
            row[0]
            for row in conn.execute("SELECT datname FROM pg_database").fetchall()
            if row[0].endswith(suffix)
        ]
        for name in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return names
