"""`taawon rebuild-name-keys [--batch-size N]`: recompute every person's name keys.

Run once after an upgrade that changes how names are read (the phonetic keys of some
spellings, the lexicon): search and duplicate blocking read only the stored keys.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...services import rebuild_name_keys


class Command(BaseCommand):
    help = "Recompute the name keys (search and duplicate blocking) of every person."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, batch_size: int, **options) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        after, total = 0, 0
        while True:
            changed, after = rebuild_name_keys(after=after, batch_size=batch_size)
            total += changed
            if not after:
                break
        self.stdout.write(f"{total} person(s) had their name keys rewritten.")
