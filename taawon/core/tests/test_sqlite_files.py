"""The SQLite database and its -wal/-shm files are readable by their owner only."""

import os
import stat

from django.db import connection
from django.db.utils import load_backend

from taawon.core.sqlite.base import restrict_database_files


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_database_and_its_wal_files_are_created_owner_only(tmp_path, django_db_blocker):
    old_umask = os.umask(0o022)  # the usual umask, which would give 0644
    try:
        path = tmp_path / "taawon.sqlite3"
        settings = {**connection.settings_dict, "NAME": str(path)}
        backend = load_backend("taawon.core.sqlite")
        wrapper = backend.DatabaseWrapper(settings, alias="permissions-test")
        with django_db_blocker.unblock(), wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("CREATE TABLE t (x INTEGER)")
            cursor.execute("INSERT INTO t VALUES (1)")
        wal_files = [p for p in tmp_path.iterdir() if p.name.endswith(("-wal", "-shm"))]
        assert wal_files, "WAL mode left its -wal and -shm files"
        assert {p.name: mode(p) for p in tmp_path.iterdir()} == {
            p.name: 0o600 for p in tmp_path.iterdir()
        }
        wrapper.close()
    finally:
        os.umask(old_umask)


def test_an_existing_world_readable_database_is_brought_back_to_owner_only(tmp_path):
    path = tmp_path / "old.sqlite3"
    for name in (path, f"{path}-wal"):
        with open(name, "wb"):
            pass
        os.chmod(name, 0o644)
    restrict_database_files(str(path))
    assert mode(path) == 0o600
    assert mode(f"{path}-wal") == 0o600
