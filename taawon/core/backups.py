"""Encrypted backups of the whole database and their restore, on SQLite and PostgreSQL.

`taawon backup PATH` and `taawon restore PATH` call `create_backup` and `restore_backup`. The
file is `taawon.lib.encrypted_stream`: a header naming the vendor, then the database's content
in sealed chunks, streamed end to end so that a database of gigabytes is never held in memory.

- SQLite: the online backup API copies a consistent snapshot (writers in WAL mode go on) to a
  private temporary file beside the backup, which is compressed and encrypted into the backup.
  A restore decrypts to a temporary file and copies it into the live database with the same API.
- PostgreSQL: `pg_dump --format=custom` (already compressed) is piped into the encryption;
  a restore pipes the decrypted dump into `pg_restore --single-transaction`. Both tools must be
  on PATH and at least as new as the server (an older pg_dump refuses a newer server anyway).

A restore reads the whole file once to check every chunk before it changes anything, so a
damaged or cut file leaves the database as it was. The field-encryption keys
(TAAWON_FIELD_KEYS) are never in a backup: they are kept apart, and without them the
identifiers in a backup cannot be read.
"""

from __future__ import annotations

import datetime
import getpass
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Iterator
from importlib import metadata as package_metadata
from pathlib import Path
from typing import BinaryIO

from django.db.backends.base.base import BaseDatabaseWrapper

from taawon.lib import encrypted_stream

READ_SIZE = 1024 * 1024
VENDORS = {"sqlite", "postgresql"}
KEYS_REMINDER = (
    "The field-encryption keys (TAAWON_FIELD_KEYS) are not in the backup: keep them apart, "
    "in a safe place of their own; without them the identifiers in it cannot be read."
)


class BackupError(Exception):
    """A backup or a restore that cannot be done; the message says why and what to do."""


def read_passphrase(*, confirm: bool) -> str:
    """TAAWON_BACKUP_PASSPHRASE, or asked at the terminal; never taken from the command line."""
    passphrase = os.environ.get("TAAWON_BACKUP_PASSPHRASE", "")
    if passphrase:
        return passphrase
    if not sys.stdin.isatty():
        raise BackupError(
            "Set TAAWON_BACKUP_PASSPHRASE, or run this at a terminal to be asked for it."
        )
    passphrase = getpass.getpass("Backup passphrase: ")
    if not passphrase:
        raise BackupError("The passphrase is empty.")
    if confirm and getpass.getpass("The same passphrase again: ") != passphrase:
        raise BackupError("The two passphrases differ.")
    return passphrase


def create_backup(*, connection: BaseDatabaseWrapper, path: Path, passphrase: str) -> dict:
    """Write an encrypted backup of `connection`'s database to `path`; return its header."""
    vendor = _vendor(connection)
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} exists already; choose a new file name.")
    metadata = {
        "vendor": vendor,
        "taawon_version": _taawon_version(),
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "compression": "zlib" if vendor == "sqlite" else "none",
    }
    partial = path.with_name(path.name + ".partial")
    # The file appears under its name only once complete; until then only its owner reads it.
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as destination:
            if vendor == "sqlite":
                _backup_sqlite(connection, destination, path.parent, passphrase, metadata)
            else:
                _backup_postgresql(connection, destination, passphrase, metadata)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return metadata


def read_backup_header(path: Path) -> dict:
    """The header of a backup file, read without the passphrase (it is not secret)."""
    with open(path, "rb") as source:
        try:
            metadata, _ = encrypted_stream.read_header(source)
        except encrypted_stream.StreamError as exc:
            raise BackupError(str(exc)) from exc
    return metadata


def restore_backup(
    *, connection: BaseDatabaseWrapper, path: Path, passphrase: str, force: bool = False
) -> dict:
    """Replace the content of `connection`'s database by the backup at `path`; return its header.

    Refuses a backup of another vendor, a wrong passphrase, a damaged file and, unless `force`,
    a database that already has tables.
    """
    vendor = _vendor(connection)
    metadata = read_backup_header(path)
    if metadata.get("vendor") != vendor:
        raise BackupError(
            f"This is a backup of a {metadata.get('vendor')} database; the target is {vendor}."
        )
    tables = connection.introspection.table_names()
    if tables and not force:
        raise BackupError(
            f"The target database is not empty ({len(tables)} tables). Restore into an empty "
            "database, or pass --force to replace everything in this one."
        )
    if vendor == "postgresql":
        pg_restore = _client_tool(connection, "pg_restore")
    with open(path, "rb") as source:
        _verify(source, passphrase)
    with open(path, "rb") as source:
        chunks = _decrypted(source, passphrase)
        if vendor == "sqlite":
            _restore_sqlite(connection, chunks, Path(path).parent)
        else:
            _restore_postgresql(connection, chunks, pg_restore, tables if force else [])
    connection.close()
    return metadata


def _vendor(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in VENDORS:
        raise BackupError(
            f"Backups are made of SQLite and PostgreSQL only, not {connection.vendor}."
        )
    return connection.vendor


def _taawon_version() -> str:
    try:
        return package_metadata.version("taawon")
    except package_metadata.PackageNotFoundError:
        return "unknown"


def _verify(source: BinaryIO, passphrase: str) -> None:
    try:
        encrypted_stream.verify_stream(source, passphrase=passphrase)
    except encrypted_stream.StreamError as exc:
        raise BackupError(f"{exc} Nothing was restored.") from exc


def _decrypted(source: BinaryIO, passphrase: str) -> Iterator[bytes]:
    opened = encrypted_stream.open_stream(source, passphrase=passphrase)
    if opened.metadata.get("compression") != "zlib":
        yield from opened.chunks
        return
    decompressor = zlib.decompressobj()
    for chunk in opened.chunks:
        # Bounded output per call, so that a chunk that decompresses hugely is not held whole.
        data = decompressor.decompress(chunk, READ_SIZE)
        while data:
            yield data
            data = decompressor.decompress(decompressor.unconsumed_tail, READ_SIZE)
    yield decompressor.flush()


def _read_file(source: BinaryIO) -> Iterator[bytes]:
    while data := source.read(READ_SIZE):
        yield data


def _compressed(chunks: Iterator[bytes]) -> Iterator[bytes]:
    compressor = zlib.compressobj(6)
    for chunk in chunks:
        yield compressor.compress(chunk)
    yield compressor.flush()


# ---- SQLite


def _backup_sqlite(
    connection: BaseDatabaseWrapper,
    destination: BinaryIO,
    workdir: Path,
    passphrase: str,
    metadata: dict,
) -> None:
    connection.ensure_connection()
    with tempfile.TemporaryDirectory(dir=workdir, prefix=".taawon-backup-") as tmp:
        snapshot = Path(tmp) / "snapshot.sqlite3"
        target = sqlite3.connect(snapshot)
        try:
            # One step (pages=-1) under one read transaction: a consistent snapshot, while
            # writers in WAL mode carry on.
            connection.connection.backup(target)
        finally:
            target.close()
        with open(snapshot, "rb") as source:
            encrypted_stream.write_stream(
                destination,
                _compressed(_read_file(source)),
                passphrase=passphrase,
                metadata=metadata,
            )


def _restore_sqlite(
    connection: BaseDatabaseWrapper, chunks: Iterator[bytes], workdir: Path
) -> None:
    with tempfile.TemporaryDirectory(dir=workdir, prefix=".taawon-restore-") as tmp:
        snapshot = Path(tmp) / "snapshot.sqlite3"
        descriptor = os.open(snapshot, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
        source = sqlite3.connect(snapshot)
        try:
            (check,) = source.execute("PRAGMA quick_check").fetchone()
            if check != "ok":
                raise BackupError(f"The database inside the backup is damaged: {check}")
            connection.ensure_connection()
            source.backup(connection.connection)
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"The database inside the backup cannot be read: {exc}") from exc
        finally:
            source.close()


# ---- PostgreSQL


def _client_tool(connection: BaseDatabaseWrapper, name: str) -> str:
    """The path of pg_dump or pg_restore, if it is there and no older than the server."""
    tool = shutil.which(name)
    if tool is None:
        raise BackupError(
            f"{name} is not on PATH. Install the PostgreSQL client tools of the server's "
            "version (on Debian: apt-get install postgresql-client)."
        )
    answer = subprocess.run([tool, "--version"], capture_output=True, text=True, check=False)
    found = re.search(r"(\d+)(?:\.\d+)?", answer.stdout)
    if answer.returncode != 0 or found is None:
        raise BackupError(f"{tool} --version did not answer with a version: {answer.stderr}")
    client_major = int(found.group(1))
    connection.ensure_connection()
    server_major = connection.pg_version // 10000
    if client_major < server_major:
        raise BackupError(
            f"{tool} is from PostgreSQL {client_major}, older than the server's "
            f"{server_major}: install the client tools of version {server_major} or newer."
        )
    return tool


def _client_environment(connection: BaseDatabaseWrapper) -> dict[str, str]:
    # The password goes in the environment, never on a command line that `ps` shows.
    settings = connection.settings_dict
    env = dict(os.environ)
    for variable, value in (
        ("PGHOST", settings.get("HOST")),
        ("PGPORT", settings.get("PORT")),
        ("PGUSER", settings.get("USER")),
        ("PGPASSWORD", settings.get("PASSWORD")),
        ("PGDATABASE", settings.get("NAME")),
        ("PGSSLMODE", settings.get("OPTIONS", {}).get("sslmode")),
    ):
        if value:
            env[variable] = str(value)
    return env


def _backup_postgresql(
    connection: BaseDatabaseWrapper, destination: BinaryIO, passphrase: str, metadata: dict
) -> None:
    pg_dump = _client_tool(connection, "pg_dump")
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            [pg_dump, "--format=custom"],
            stdout=subprocess.PIPE,
            stderr=errors,
            env=_client_environment(connection),
        )
        try:
            encrypted_stream.write_stream(
                destination,
                _read_file(process.stdout),
                passphrase=passphrase,
                metadata=metadata,
            )
        finally:
            process.stdout.close()
            returncode = process.wait()
        if returncode != 0:
            errors.seek(0)
            raise BackupError(f"pg_dump failed: {errors.read().decode(errors='replace')}")


def _restore_postgresql(
    connection: BaseDatabaseWrapper, chunks: Iterator[bytes], pg_restore: str, tables: list[str]
) -> None:
    if tables:
        # --force: what pg_restore --clean would leave (tables the backup lacks) goes too.
        with connection.cursor() as cursor:
            quoted = ", ".join(connection.ops.quote_name(table) for table in tables)
            cursor.execute(f"DROP TABLE IF EXISTS {quoted} CASCADE")
            # And the schema's functions (trigger functions an app installs): the backup
            # brings its own, and pg_restore refuses one that exists.
            cursor.execute(
                "SELECT p.oid::regprocedure::text FROM pg_proc p "
                "JOIN pg_namespace n ON n.oid = p.pronamespace "
                "LEFT JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e' "
                "WHERE n.nspname = current_schema() AND d.objid IS NULL"
            )
            for (function,) in cursor.fetchall():
                cursor.execute(f"DROP FUNCTION IF EXISTS {function} CASCADE")
    connection.close()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            [
                pg_restore,
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={connection.settings_dict['NAME']}",
            ],
            stdin=subprocess.PIPE,
            stderr=errors,
            env=_client_environment(connection),
        )
        try:
            for chunk in chunks:
                process.stdin.write(chunk)
            process.stdin.close()
        except BrokenPipeError:
            pass
        finally:
            returncode = process.wait()
        if returncode != 0:
            errors.seek(0)
            raise BackupError(f"pg_restore failed: {errors.read().decode(errors='replace')}")
