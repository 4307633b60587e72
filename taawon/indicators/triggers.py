"""The triggers that log every change of the tables the summarised indicators read
(indicators/summary.py), on SQLite and PostgreSQL.

A trigger writes (table, row id) to `indicators_change` after each insert and delete of a
watched table's row, and after an update of a column a fact is made of: whatever wrote the row
(the ORM, a bulk insert, an import's raw SQL, a cascade), the summary hears of it, inside the
writing transaction. They are (re)installed after every `migrate`, from the indicators'
definitions, so that a new summarised indicator is watched without a hand-written migration.
"""

from __future__ import annotations

from django.db import connection

from .summary import watched_tables

PREFIX = "taawon_ind_"
FUNCTION = "taawon_indicator_change"


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def statements(tables: dict[str, set[str]], vendor: str) -> list[str]:
    """The SQL that installs the triggers on `tables` (table -> columns watched on update)."""
    sql: list[str] = []
    if vendor == "postgresql":
        sql.append(
            f"CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN "
            "IF TG_OP = 'DELETE' THEN "
            "INSERT INTO indicators_change (source, row_id) VALUES (TG_TABLE_NAME, OLD.id); "
            "ELSE "
            "INSERT INTO indicators_change (source, row_id) VALUES (TG_TABLE_NAME, NEW.id); "
            "END IF; RETURN NULL; END $$"
        )
    for table in sorted(tables):
        columns = ", ".join(_quoted(c) for c in sorted(tables[table]))
        events = {
            "i": ("INSERT", "NEW"),
            "u": (f"UPDATE OF {columns}", "NEW"),
            "d": ("DELETE", "OLD"),
        }
        for suffix, (event, record) in events.items():
            name = _quoted(f"{PREFIX}{table}_{suffix}")
            if vendor == "postgresql":
                sql.append(f"DROP TRIGGER IF EXISTS {name} ON {_quoted(table)}")
                sql.append(
                    f"CREATE TRIGGER {name} AFTER {event} ON {_quoted(table)} "
                    f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()"
                )
            else:
                sql.append(f"DROP TRIGGER IF EXISTS {name}")
                sql.append(
                    f"CREATE TRIGGER {name} AFTER {event} ON {_quoted(table)} BEGIN "
                    f"INSERT INTO indicators_change (source, row_id) "
                    f"VALUES ('{table}', {record}.{_quoted('id')}); END"
                )
    return sql


def installed() -> list[tuple[str, str]]:
    """(trigger, table) of the triggers this module installed."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT t.tgname, c.relname FROM pg_trigger t "
                "JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname LIKE %s",
                [f"{PREFIX}%"],
            )
        else:
            cursor.execute(
                "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                [f"{PREFIX}%"],
            )
        return list(cursor.fetchall())


def uninstall() -> None:
    """Drop them all (a table no longer watched, or the change log migrated away)."""
    with connection.cursor() as cursor:
        for name, table in installed():
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {_quoted(name)} ON {_quoted(table)}")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {_quoted(name)}")


def install() -> None:
    uninstall()
    with connection.cursor() as cursor:
        for statement in statements(watched_tables(), connection.vendor):
            cursor.execute(statement)
