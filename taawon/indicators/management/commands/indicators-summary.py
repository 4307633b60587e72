"""`taawon indicators-summary [--rebuild | --check]`: the summary tables of the big indicators.

Without an option, says which indicators are kept in the summary and how many changes wait to
be folded in. `--rebuild` builds them from the records: once after the upgrade that brings the
summary to a database already holding records (until then those indicators are counted from
the records, slower but right). `--check` compares them with the records and fails if they
differ.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...models import Change, Fact
from ...summary import (
    analyse,
    built_codes,
    differences,
    rebuild_all,
    summarised_indicators,
)


class Command(BaseCommand):
    help = "Show, rebuild or check the summary tables of the big indicators."

    def add_arguments(self, parser: CommandParser) -> None:
        action = parser.add_mutually_exclusive_group()
        action.add_argument("--rebuild", action="store_true", help="Build them from the records.")
        action.add_argument("--check", action="store_true", help="Compare them with the records.")

    def handle(self, *args, rebuild: bool, check: bool, **options) -> None:
        if rebuild:
            for code, facts in rebuild_all().items():
                self.stdout.write(f"{code}: {facts} row(s) counted")
            analyse()
            return
        built = built_codes()
        if check:
            wrong = {i.code: differences(i) for i in summarised_indicators() if i.code in built}
            for code, count in wrong.items():
                self.stdout.write(f"{code}: {'right' if not count else f'{count} difference(s)'}")
            if any(wrong.values()):
                raise CommandError("The summary differs from the records: run --rebuild.")
            return
        for indicator in summarised_indicators():
            if indicator.code in built:
                facts = Fact.objects.filter(indicator=indicator.code).count()
                self.stdout.write(f"{indicator.code}: kept ({facts} row(s) counted)")
            else:
                self.stdout.write(f"{indicator.code}: not built, counted from the records")
        self.stdout.write(f"{Change.objects.count()} change(s) waiting to be folded in")
