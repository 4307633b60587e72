"""Empty the database of everything but reference data, for `taawon demo --reset`.

Reference data (places, value chains, occupations, permissions) is loaded by migrations and
never points at an organisation or a user; everything else does, directly or through rows
that do. So the tables to empty are those of Organisation, User and every model that
references one of them, transitively, plus sessions and queued tasks. New apps are covered
without a list to keep up to date.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, models

from taawon.accounts.models import Organisation

# Rows without a foreign key that still belong to the users and data being removed.
# The indicators' summary goes with the records it counts (its built marks stay: an empty
# summary of empty tables is complete, and the triggers keep it from the next record on).
ALSO_EMPTIED = (
    "sessions.Session",
    "django_tasks_db.DBTaskResult",
    "indicators.Fact",
    "indicators.Cell",
    "indicators.UniqueCell",
    "indicators.Change",
)


def domain_models() -> list[type[models.Model]]:
    """Models holding organisations' and users' data (see the module docstring)."""
    every = [m for m in apps.get_models(include_auto_created=True) if m._meta.managed]
    chosen: set[type[models.Model]] = {Organisation, get_user_model()}
    for label in ALSO_EMPTIED:
        try:
            chosen.add(apps.get_model(label))
        except (LookupError, ValueError):
            continue
    changed = True
    while changed:
        changed = False
        for model in every:
            if model in chosen:
                continue
            if any(
                field.is_relation and field.concrete and field.related_model in chosen
                for field in model._meta.get_fields()
            ):
                chosen.add(model)
                changed = True
    return sorted(chosen, key=lambda m: m._meta.label)


def empty_domain_tables() -> list[str]:
    """Delete every row of the domain tables; returns the tables emptied."""
    tables = [m._meta.db_table for m in domain_models()]
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        # PostgreSQL refuses to truncate tables with deferred foreign-key checks still pending
        # in the transaction (rows written earlier in it); run those checks now.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    statements = connection.ops.sql_flush(
        no_style(), tables, reset_sequences=True, allow_cascade=False
    )
    connection.ops.execute_sql_flush(statements)
    return tables
