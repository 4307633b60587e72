"""`taawon season-notices [--enqueue] [--date YYYY-MM-DD] [--months-ahead N]`: season SMS.

Run it daily or monthly, from cron (`30 6 * * * taawon season-notices`) or let the worker run it
(`--enqueue` hands `taawon.employment.tasks.send_season_notices_task` to `taawon db_worker`).
Ahead of each crop season that starts N months later (default 1), every employment unit sends
the job seekers who could work it one SMS in their language; a notice is never queued twice, so
running it every day sends nothing more.
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...tasks import send_season_notices_task


class Command(BaseCommand):
    help = (
        "Queue the season notices (SMS) for the crop seasons starting next month "
        "(once per job seeker and season; run daily or monthly)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the work to the background worker (taawon db_worker) instead.",
        )
        parser.add_argument(
            "--date", default="", help="Run as if today were this date (YYYY-MM-DD)."
        )
        parser.add_argument(
            "--months-ahead", type=int, default=1, help="How far ahead a season starts (1-6)."
        )

    def handle(self, *args, enqueue: bool, date: str, months_ahead: int, **options) -> None:
        if date:
            try:
                datetime.date.fromisoformat(date)
            except ValueError as exc:
                raise CommandError(f"--date must look like 2026-03-31, not {date!r}.") from exc
        if not 1 <= months_ahead <= 6:
            raise CommandError("--months-ahead must be between 1 and 6.")
        arguments = {"today": date or None, "months_ahead": months_ahead}
        if enqueue:
            result = send_season_notices_task.enqueue(**arguments)
            self.stdout.write(f"Queued for the worker (task {result.id}).")
            return
        counts = send_season_notices_task.call(**arguments)
        queued = counts.get("queued", 0)
        others = ", ".join(f"{key}: {n}" for key, n in sorted(counts.items()) if key != "queued")
        self.stdout.write(f"{queued} notice(s) queued" + (f" ({others})." if others else "."))
