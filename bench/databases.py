"""Where the benchmarks keep their data sets: SQLite files under bench/.data/ (git ignores it)
and PostgreSQL databases on TAAWON_BENCH_PG_SERVER, built once and kept between runs."""

from __future__ import annotations

import os
from pathlib import Path

DATA = Path(__file__).resolve().parent / ".data"
PG_SERVER = os.environ.get("TAAWON_BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")


def database_url(db: str, size: str, *, sqlite_name: str, postgres_name: str) -> str:
    """The URL of one benchmark's data set: `db` "sqlite" or "postgres", `size` "full" or a
    smaller size, which gets a name of its own."""
    suffix = "" if size == "full" else f"_{size}"
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


def ensure_postgres_database(url: str) -> None:
    """Create the PostgreSQL database `url` unless it is there."""
    name = url.rpartition("/")[2]
    with server_connection(url) as conn:
        if not postgres_exists(conn, name):
            conn.execute(f'CREATE DATABASE "{name}"')
