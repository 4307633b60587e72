"""`taawon backup PATH`: an encrypted backup of the whole database (SQLite or PostgreSQL).

The passphrase comes from TAAWON_BACKUP_PASSPHRASE or is asked at the terminal (twice); it is
never an argument, which `ps` and shell histories would show. See taawon/core/backups.py for
the format, and the README's production section for a schedule and a restore drill.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from taawon.core import backups


class Command(BaseCommand):
    help = "Write an encrypted backup of the database to PATH (a new file)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The backup file to write; must not exist.")
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="The database alias of the settings (default: default).",
        )

    def handle(self, *args, path: Path, database: str, **options) -> None:
        try:
            passphrase = backups.read_passphrase(confirm=True)
            header = backups.create_backup(
                connection=connections[database], path=path, passphrase=passphrase
            )
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        size = path.stat().st_size
        self.stdout.write(
            f"Backup of the {header['vendor']} database written to {path} ({size:,} bytes, "
            f"Taawon {header['taawon_version']}, {header['created_at']})."
        )
        self.stdout.write(backups.KEYS_REMINDER)
