"""`taawon purge-exports [--enqueue]`: remove the files of list exports past their day
(TAAWON_EXPORT_RETENTION_HOURS). Run it hourly or daily from cron."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from taawon.exports import services
from taawon.exports.tasks import purge_exports


class Command(BaseCommand):
    help = (
        "Remove the files of list exports requested more than TAAWON_EXPORT_RETENTION_HOURS "
        "hours ago (run hourly or daily)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the work to the background worker (taawon db_worker) instead.",
        )

    def handle(self, *args, enqueue: bool, **options) -> None:
        if enqueue:
            result = purge_exports.enqueue()
            self.stdout.write(f"Queued for the worker (task {result.id}).")
            return
        expired = services.purge_exports()
        self.stdout.write(f"{expired} export file(s) removed.")
