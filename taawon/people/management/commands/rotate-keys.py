"""`taawon rotate-keys [--batch-size N] [--max-batches N]`: rewrite identifiers under the new key.

Put the new Fernet key first in TAAWON_FIELD_KEYS (keep the old ones after it), run this until
it says "finished" (an interrupted run resumes from its checkpoint), then drop the old keys.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...keys import BATCH_SIZE, rotate_keys


class Command(BaseCommand):
    help = "Re-encrypt identifiers and recompute their blind index under the first field key."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument(
            "--max-batches", type=int, default=None, help="Stop after this many batches."
        )

    def handle(self, *args, batch_size: int, max_batches: int | None, **options) -> None:
        if batch_size < 1 or (max_batches is not None and max_batches < 1):
            raise CommandError("--batch-size and --max-batches must be at least 1.")
        progress = rotate_keys(batch_size=batch_size, max_batches=max_batches)
        state = "finished" if progress.finished else f"{progress.remaining} left, run it again"
        self.stdout.write(f"{progress.rewritten} identifier(s) rewritten; {state}.")
