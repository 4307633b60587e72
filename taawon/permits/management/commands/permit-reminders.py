"""`taawon permit-reminders [--enqueue] [--date YYYY-MM-DD]`: queue today's expiry reminders.

Run it once a day, from cron (`15 6 * * * taawon permit-reminders`) or let the worker run it
(`--enqueue` hands `taawon.permits.tasks.send_expiry_reminders` to `taawon db_worker`). Each
holder gets one SMS per permit 30 days and 7 days before expiry, in the permit's message
language, through the message backend of the settings (the log by default); running it twice,
or every day, sends nothing more.
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser

from taawon.permits.services import reminders
from taawon.permits.tasks import send_expiry_reminders


class Command(BaseCommand):
    help = (
        "Queue the SMS reminders to holders whose work permit expires in 30 or 7 days "
        "(once per permit and period; run daily)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the work to the background worker (taawon db_worker) instead.",
        )
        parser.add_argument(
            "--date",
            default="",
            help="Run as if today were this date (YYYY-MM-DD), to catch up a missed day.",
        )

    def handle(self, *args, enqueue: bool, date: str, **options) -> None:
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as exc:
                raise CommandError(f"--date must look like 2026-03-31, not {date!r}.") from exc
        if enqueue:
            if today is not None:
                raise CommandError("--date runs here; it cannot be combined with --enqueue.")
            result = send_expiry_reminders.enqueue()
            self.stdout.write(f"Queued for the worker (task {result.id}).")
            return
        counts = reminders.queue_expiry_reminders(today=today)
        queued = counts.get("queued", 0)
        others = ", ".join(f"{key}: {n}" for key, n in sorted(counts.items()) if key != "queued")
        self.stdout.write(f"{queued} reminder(s) queued" + (f" ({others})." if others else "."))
