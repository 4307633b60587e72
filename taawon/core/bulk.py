"""Rows written straight to a model's table, many at a time: the bulk path of the registry's
bulk registration (`taawon.people.bulk`) and of the permit import.

Going through model instances and `bulk_create` costs about 2 ms a row, too slow for a million
persons or 180,000 permits. Here each row is the tuple of values Django would send (columns
and conversions come from the model's fields), written with COPY on PostgreSQL and multi-row
INSERTs on SQLite. Nothing is validated and no signal is sent: callers write rows they have checked.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction

# Values of these field types go to the database as they are.
_PLAIN_FIELDS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.ForeignKey,
    models.AutoField,
    models.BigAutoField,
)


# Rows in one INSERT on SQLite, within its limit of bound values a statement.
ROWS_PER_STATEMENT = 500


def _variable_limit(raw) -> int:
    """SQLite's limit of bound values a statement (32,766 since 3.32; 999 before)."""
    return raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)


class BulkTable:
    """The rows of one model, written straight to its table."""

    def __init__(self, model: type[models.Model], *, with_id: bool) -> None:
        self.model = model
        self.connection = connections[DEFAULT_DB_ALIAS]
        fields = [f for f in model._meta.concrete_fields if with_id or not f.primary_key]
        self.attnames = [f.attname for f in fields]
        # Per column: name, default, converter (None: the value goes as it is), and a memo of
        # converted values for dates and times, which repeat (one moment a registration day).
        self.spec = [
            (
                f.attname,
                f.get_default(),
                None if isinstance(f, _PLAIN_FIELDS) or f.primary_key else f.get_db_prep_save,
                {} if isinstance(f, models.DateField) else None,
            )
            for f in fields
        ]
        quote = self.connection.ops.quote_name
        self.sql_table = quote(model._meta.db_table)
        self.sql_columns = ", ".join(quote(f.column) for f in fields)

    def row(self, values: dict[str, Any]) -> tuple:
        row = []
        for name, default, prepare, memo in self.spec:
            value = values.get(name, default)
            if prepare is not None and value is not None:
                if memo is None:
                    value = prepare(value, self.connection)
                elif value in memo:
                    value = memo[value]
                else:
                    converted = prepare(value, self.connection)
                    memo[value] = converted
                    value = converted
            row.append(value)
        return tuple(row)

    def insert(self, rows: Sequence[tuple]) -> None:
        if not rows:
            return
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                copy_sql = f"COPY {self.sql_table} ({self.sql_columns}) FROM STDIN"
                with cursor.cursor.copy(copy_sql) as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                self._insert_sqlite(cursor, rows)

    def _insert_sqlite(self, cursor, rows: Sequence[tuple]) -> None:
        """Many rows a statement: each statement on a table with triggers (the indicators'
        change log, `taawon.indicators.triggers`) opens a statement journal, about 50 µs, which
        row-at-a-time executemany paid 40,000 times in a permit import, under the write lock."""
        width = len(self.attnames)
        per_statement = max(
            1, min(ROWS_PER_STATEMENT, _variable_limit(self.connection.connection) // width)
        )
        one = "(" + ", ".join(["%s"] * width) + ")"
        head = f"INSERT INTO {self.sql_table} ({self.sql_columns}) VALUES "
        full = head + ", ".join([one] * per_statement)
        whole = len(rows) - len(rows) % per_statement
        if whole:
            cursor.executemany(
                full,
                [
                    [value for row in rows[start : start + per_statement] for value in row]
                    for start in range(0, whole, per_statement)
                ],
            )
        if whole < len(rows):
            rest = rows[whole:]
            cursor.execute(head + ", ".join([one] * len(rest)), [v for row in rest for v in row])

    def reserve_ids(self, count: int) -> list[int]:
        """`count` primary keys taken now, before the transaction that will insert the rows,
        as a sequence gives them: no one else gets them, and rows never inserted leave a gap.
        So the rows can be built before that transaction, which then only inserts them."""
        if count == 0 or connection.vendor == "postgresql":
            return self.new_ids(count)  # nextval is outside any transaction already
        table = self.model._meta.db_table
        # A short write transaction of its own moves the table's AUTOINCREMENT counter past
        # the ids taken; SQLite never gives an id at or below it again.
        with transaction.atomic(), connection.cursor() as cursor:
            ids = self.new_ids(count)
            cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
            cursor.execute(
                "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, ids[-1]]
            )
        return ids

    def new_ids(self, count: int) -> list[int]:
        """`count` primary keys for rows about to be inserted in this transaction."""
        if count == 0:
            return []
        table = self.model._meta.db_table
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [table, count],
                )
                return [row[0] for row in cursor.fetchall()]
            if connection.vendor == "sqlite":
                # The transaction holds SQLite's write lock from its start (IMMEDIATE mode,
                # see settings), so no one else takes these ids meanwhile.
                cursor.execute(f"SELECT MAX(id) FROM {self.sql_table}")
                highest = cursor.fetchone()[0] or 0
                cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
                sequence = cursor.fetchone()
                first = max(highest, sequence[0] if sequence else 0) + 1
                return list(range(first, first + count))
        # Taawon runs on these two databases only (settings refuse any other).
        raise ImproperlyConfigured(f"no bulk id reservation for {connection.vendor}")
