"""`taawon purge-import-files [--enqueue]`: drop the uploaded permits spreadsheets no longer
needed (committed, or older than TAAWON_UPLOAD_RETENTION_DAYS). Run it daily from cron."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from taawon.permits.services import retention
from taawon.permits.tasks import purge_import_files


class Command(BaseCommand):
    help = (
        "Drop the stored file of committed permit imports and of those uploaded more than "
        "TAAWON_UPLOAD_RETENTION_DAYS days ago (run daily)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the work to the background worker (taawon db_worker) instead.",
        )

    def handle(self, *args, enqueue: bool, **options) -> None:
        if enqueue:
            result = purge_import_files.enqueue()
            self.stdout.write(f"Queued for the worker (task {result.id}).")
            return
        purged = retention.purge_import_files()
        self.stdout.write(f"{purged} uploaded file(s) purged.")
