"""Django's SQLite backend, with the database file and its -wal/-shm files readable by the
owner only.

The file holds the whole registry (names, phones, and the encrypted identifiers beside their
blind indexes); a umask of 022 would leave it readable by every account on the machine. The
file is created 0600 before SQLite opens it, so that SQLite gives its -wal and -shm files the
same mode, and an existing file (and its companions) is brought back to 0600 on each new
connection.
"""

from __future__ import annotations

import os
from typing import Any

from django.db.backends.sqlite3 import base

OWNER_ONLY = 0o600


def restrict_database_files(path: str) -> None:
    """Create `path` 0600 if absent; set 0600 on it and its -wal, -shm and -journal files."""
    if not path or path == ":memory:" or path.startswith("file:"):
        return
    if not os.path.exists(path):
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, OWNER_ONLY))
    for name in (path, f"{path}-wal", f"{path}-shm", f"{path}-journal"):
        try:
            if os.stat(name).st_mode & 0o777 != OWNER_ONLY:
                os.chmod(name, OWNER_ONLY)
        except FileNotFoundError:
            continue


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        restrict_database_files(str(conn_params.get("database", "")))
        connection = super().get_new_connection(conn_params)
        # the init_command switched to WAL: the -wal/-shm files may be new
        restrict_database_files(str(conn_params.get("database", "")))
        return connection
