"""`taawon apply-retention [--dry-run] [--enqueue]`: anonymise archived persons past retention.

Archived persons are anonymised TAAWON_RETENTION_DAYS (default 1825, five years) after their
archiving, unless they hold a live permit or an open referral or placement. Run it daily
from cron, or hand it to the worker with --enqueue; --dry-run only counts.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from ...retention import apply_retention
from ...tasks import apply_retention_task


class Command(BaseCommand):
    help = "Anonymise the archived persons past the retention period (TAAWON_RETENTION_DAYS)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the work to the background worker (taawon db_worker) instead.",
        )

    def handle(self, *args, dry_run: bool, enqueue: bool, **options) -> None:
        if enqueue and not dry_run:
            result = apply_retention_task.enqueue()
            self.stdout.write(f"Queued for the worker (task {result.id}).")
            return
        result = apply_retention(dry_run=dry_run)
        verb = "would be anonymised" if dry_run else "anonymised"
        self.stdout.write(
            f"{len(result.anonymised)} person(s) {verb}; {result.held} kept for a live permit "
            f"or an open record ({result.due} past the retention period)."
        )
