"""`taawon restore PATH [--force]`: put an encrypted backup back into the database.

Refuses a wrong passphrase, a damaged or cut file, a backup of another database vendor, and a
database that already has tables (unless --force, which replaces everything in it). The whole
file is checked before the database is touched. Migrations the backup is older than are
applied afterwards.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from taawon.core import backups


class Command(BaseCommand):
    help = "Restore the encrypted backup at PATH into the database (empty, or with --force)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The backup file written by `taawon backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace everything in a database that is not empty.",
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="The database alias of the settings (default: default).",
        )

    def handle(self, *args, path: Path, force: bool, database: str, **options) -> None:
        connection = connections[database]
        try:
            backups.read_backup_header(path)
            passphrase = backups.read_passphrase(confirm=False)
            header = backups.restore_backup(
                connection=connection, path=path, passphrase=passphrase, force=force
            )
        except (backups.BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored the backup of {header['created_at']} (Taawon {header['taawon_version']}) "
            f"into the {header['vendor']} database."
        )
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            self.stdout.write(
                f"The backup is older than this version: applying {len(plan)} migration(s)."
            )
            call_command("migrate", database=database, interactive=False, verbosity=1)
        self.stdout.write(backups.KEYS_REMINDER)
