"""`taawon backup` and `taawon restore` on the test database (SQLite or PostgreSQL).

Data made through the services (persons with encrypted identifiers, permits, their audit
events) is backed up, restored into a second, empty database, and compared table by table:
the same rows, hashed in order, on both sides.
"""

from __future__ import annotations

import hashlib
import io
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections

from taawon.core import backups
from taawon.core.models import AuditEvent
from taawon.lib import encrypted_stream
from taawon.people.models import Person
from taawon.permits.models import Permit
from taawon.permits.tests.factories import cooperative_of, issued, person

PASSPHRASE = "a long passphrase kept in the safe"
# Committed data, so that pg_dump, another session, sees it; serialized_rollback: the flush after
# a transactional test would wipe the reference data (governorates) for the tests after it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def data(personas, monkeypatch):
    monkeypatch.setenv("TAAWON_BACKUP_PASSPHRASE", PASSPHRASE)
    coop = cooperative_of(personas.coop_a, registration_number="1187/1993")
    names = [("Khaled", "خالد"), ("Mariam", "مريم"), ("Omar", "عمر"), ("Huda", "هدى")]
    families = [
        ("Al-Hourani", "الحوراني"),
        ("Al-Shami", "الشامي"),
        ("Haddad", "حداد"),
        ("Nasser", "ناصر"),
    ]
    for n, ((given_en, given_ar), (family_en, family_ar)) in enumerate(
        zip(names, families, strict=True)
    ):
        holder = person(
            personas.unit_a,
            given_name_en=given_en,
            given_name_ar=given_ar,
            family_name_en=family_en,
            family_name_ar=family_ar,
            registered_by=personas.counsellor_a,
            identifiers={"moi_card": f"MOI-100000{n}"},
        )
        issued(
            person=holder,
            cooperative=coop,
            by=personas.counsellor_a,
            decided_by=personas.ministry_officer,
        )
    assert Person.objects.count() == 4 and Permit.objects.count() == 4
    assert AuditEvent.objects.count() > 8


@pytest.fixture
def empty_database(tmp_path):
    """A connection to a second database with nothing in it (not in the settings)."""
    default = connections["default"]
    if default.vendor == "sqlite":
        name = str(tmp_path / "restored.sqlite3")
    else:
        name = f"{default.settings_dict['NAME']}_restored_{uuid.uuid4().hex[:8]}"
        with default.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
    # A connection made here, outside the settings (which the test case would forbid), but
    # reachable by its alias, as Django's transaction.atomic(using=alias) looks it up.
    target = default.__class__({**default.settings_dict, "NAME": name}, alias="restore_target")
    connections["restore_target"] = target
    yield target
    target.close()
    del connections["restore_target"]
    if default.vendor == "postgresql":
        with default.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def _plain(value):
    return bytes(value) if isinstance(value, memoryview) else value


def fingerprint(connection) -> dict[str, tuple[int, str]]:
    """Each table's row count and a hash of all its rows in order of all their columns."""
    result = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [
                c.name for c in connection.introspection.get_table_description(cursor, table)
            ]
            order = ", ".join(str(i + 1) for i in range(len(columns)))
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY {order}")
            digest = hashlib.sha256()
            count = 0
            for row in cursor.fetchall():
                digest.update(repr(tuple(_plain(v) for v in row)).encode())
                count += 1
            result[table] = (count, digest.hexdigest())
    return result


def test_a_restored_backup_has_every_row_of_every_table(data, empty_database, tmp_path):
    path = tmp_path / "taawon.backup"
    out = io.StringIO()
    call_command("backup", str(path), stdout=out)
    assert "TAAWON_FIELD_KEYS" in out.getvalue()
    assert path.stat().st_mode & 0o077 == 0
    assert not list(tmp_path.glob(".taawon-*")) and not list(tmp_path.glob("*.partial"))
    # The identifiers were encrypted at rest; the backup shows neither them nor the names.
    content = path.read_bytes()
    assert b"MOI-1000001" not in content and "خالد".encode() not in content

    header = backups.restore_backup(connection=empty_database, path=path, passphrase=PASSPHRASE)

    source = fingerprint(connections["default"])
    restored = fingerprint(empty_database)
    assert header["vendor"] == connections["default"].vendor
    assert source[Person._meta.db_table][0] == 4
    assert source[AuditEvent._meta.db_table][0] > 8
    assert restored == source


def test_it_refuses_a_wrong_passphrase_and_leaves_the_database_empty(
    data, empty_database, tmp_path
):
    path = tmp_path / "taawon.backup"
    call_command("backup", str(path), stdout=io.StringIO())
    with pytest.raises(backups.BackupError, match="passphrase is wrong"):
        backups.restore_backup(connection=empty_database, path=path, passphrase="guess")
    assert empty_database.introspection.table_names() == []


@pytest.mark.parametrize("damage", ["flipped byte", "truncated"])
def test_it_refuses_a_damaged_backup_before_touching_the_database(
    data, empty_database, tmp_path, damage
):
    path = tmp_path / "taawon.backup"
    call_command("backup", str(path), stdout=io.StringIO())
    content = bytearray(path.read_bytes())
    if damage == "flipped byte":
        content[len(content) // 2] ^= 0x40
    else:
        del content[-1000:]
    path.write_bytes(bytes(content))
    with pytest.raises(backups.BackupError, match="Nothing was restored"):
        backups.restore_backup(connection=empty_database, path=path, passphrase=PASSPHRASE)
    assert empty_database.introspection.table_names() == []


def test_it_refuses_a_backup_of_another_vendor(empty_database, tmp_path):
    other = "postgresql" if connections["default"].vendor == "sqlite" else "sqlite"
    path = tmp_path / "other.backup"
    with open(path, "wb") as out:
        encrypted_stream.write_stream(
            out, [b"x"], passphrase=PASSPHRASE, metadata={"vendor": other}
        )
    with pytest.raises(backups.BackupError, match=f"backup of a {other} database"):
        backups.restore_backup(connection=empty_database, path=path, passphrase=PASSPHRASE)


def test_restore_refuses_a_database_with_tables_unless_forced(data, personas, tmp_path):
    path = tmp_path / "taawon.backup"
    call_command("backup", str(path), stdout=io.StringIO())
    before = fingerprint(connections["default"])
    person(personas.unit_a, given_name_en="After the backup")

    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(path), stdout=io.StringIO())
    assert Person.objects.count() == 5

    out = io.StringIO()
    call_command("restore", str(path), "--force", stdout=out)
    assert "Restored the backup" in out.getvalue() and "TAAWON_FIELD_KEYS" in out.getvalue()
    assert Person.objects.count() == 4
    assert fingerprint(connections["default"]) == before


def test_backup_will_not_overwrite_a_file(tmp_path, monkeypatch):
    monkeypatch.setenv("TAAWON_BACKUP_PASSPHRASE", PASSPHRASE)
    path = tmp_path / "taawon.backup"
    path.write_bytes(b"an older backup")
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", str(path), stdout=io.StringIO())
    assert path.read_bytes() == b"an older backup"


def test_it_needs_a_passphrase_without_a_terminal(tmp_path, monkeypatch):
    monkeypatch.delenv("TAAWON_BACKUP_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with pytest.raises(CommandError, match="TAAWON_BACKUP_PASSPHRASE"):
        call_command("backup", str(tmp_path / "x.backup"), stdout=io.StringIO())
    assert not Path(tmp_path / "x.backup").exists()


def test_postgresql_backups_need_client_tools_no_older_than_the_server(tmp_path, monkeypatch):
    monkeypatch.setenv("TAAWON_BACKUP_PASSPHRASE", PASSPHRASE)
    tools = tmp_path / "bin"
    tools.mkdir()
    old_pg_dump = tools / "pg_dump"
    old_pg_dump.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
    old_pg_dump.chmod(0o755)
    monkeypatch.setenv("PATH", str(tools))
    path = tmp_path / "taawon.backup"
    if connections["default"].vendor == "sqlite":
        # SQLite's backup is done in process: no client tool is needed.
        call_command("backup", str(path), stdout=io.StringIO())
        assert path.exists()
        return
    with pytest.raises(CommandError, match="from PostgreSQL 9, older than the server's"):
        call_command("backup", str(path), stdout=io.StringIO())
    old_pg_dump.unlink()
    with pytest.raises(CommandError, match="pg_dump is not on PATH"):
        call_command("backup", str(path), stdout=io.StringIO())
    assert not path.exists() and not list(tmp_path.glob("*.partial"))
