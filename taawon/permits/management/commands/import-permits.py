"""`taawon import-permits FILE [--dry-run]`: import the ministry's list of issued permits.

The same import as the upload page, without the mapping step: columns are found by their
headers (English or Arabic; `--column key=Header` corrects one), dates in the file's own
day/month order unless `--day-first` or `--month-first` says. Nothing is written when any
row has an error; `--errors FILE.xlsx` writes them all to a spreadsheet.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from taawon.accounts.models import Organisation, User
from taawon.accounts.queries import pick_owner
from taawon.core.exceptions import DomainError
from taawon.lib.tabular import errors_to_xlsx

from ... import rules
from ...importing.columns import SPECS
from ...importing.messages import HEADINGS, message_for
from ...services import imports

SHOWN_ERRORS = 50


class Command(BaseCommand):
    help = "Import a spreadsheet (.xlsx or .csv) of issued work permits; --dry-run to check it."
    # The checks import every URLconf and API router: seconds that an import does not need.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check only; write nothing")
        order = parser.add_mutually_exclusive_group()
        order.add_argument("--day-first", action="store_true", help="dates are dd/mm/yyyy")
        order.add_argument("--month-first", action="store_true", help="dates are mm/dd/yyyy")
        parser.add_argument(
            "--column",
            action="append",
            default=[],
            metavar="KEY=HEADER",
            help=f"which header holds a column; keys: {', '.join(s.key for s in SPECS)}",
        )
        parser.add_argument("--errors", type=Path, help="write every error to this .xlsx")
        parser.add_argument("--as", dest="username", help="record the import as this user")
        parser.add_argument(
            "--owner",
            type=int,
            help="with --as: the id of the organisation the user imports for (if several)",
        )
        parser.add_argument("--language", default="en", choices=("en", "ar"))

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        user = owner = None
        if options["username"]:
            user = User.objects.filter(username=options["username"]).first()
            if user is None:
                raise CommandError(f"No user {options['username']}.")
            owner = self._owner(user, options["owner"])
        day_first = imports.AUTO
        if options["day_first"] or options["month_first"]:
            day_first = bool(options["day_first"])
        with translation.override(options["language"]), path.open("rb") as data:
            mapping = self._mapping(options["column"], path, data)
            outcome = imports.import_file(
                name=path.name,
                data=data,
                dry_run=options["dry_run"],
                imported_by=user,
                owner=owner,
                mapping=mapping,
                day_first=day_first,
            )
            self._report(outcome, options)
        if not outcome.ok:
            raise CommandError("Nothing was imported: correct the errors and run again.")

    def _owner(self, user: User, owner_id: int | None) -> Organisation:
        owners = rules.import_owners(user)
        try:
            return pick_owner(user, owner_id, "permits", choices=owners)
        except DomainError:
            listed = ", ".join(f"{o.pk} ({o.name_en})" for o in owners) or "none"
            raise CommandError(
                f"{user.username} imports for {listed}; choose one with --owner ID."
            ) from None

    def _mapping(self, pairs: list[str], path: Path, data) -> dict | None:
        if not pairs:
            return None
        from taawon.lib.tabular import FileError, open_table, suggest_mapping

        try:
            with open_table(path.name, data) as table:
                mapping = suggest_mapping(table.headers, SPECS)
        except FileError:
            return None  # the import reports it
        finally:
            data.seek(0)
        for pair in pairs:
            key, sep, header = pair.partition("=")
            if not sep or key not in mapping:
                raise CommandError(f"--column {pair}: write KEY=HEADER with a known key.")
            mapping[key] = header or None
        return mapping

    def _report(self, outcome: imports.ImportOutcome, options) -> None:
        out = self.stdout
        counts = outcome.counts
        if outcome.mapping:
            order = {True: "day first", False: "month first", None: "not settled"}
            out.write(f"Date order: {order[outcome.day_first]}")
        if counts:
            done = (
                ("created", "updated", "left")
                if outcome.committed
                else (
                    "would create",
                    "update",
                    "leave",
                )
            )
            out.write(
                f"Rows: {counts.get('rows', 0)}; {done[0]} {counts.get('create', 0)}, "
                f"{done[1]} {counts.get('update', 0)}, {done[2]} {counts.get('unchanged', 0)} "
                "as they are."
            )
            out.write(
                f"Holders: {counts.get('persons_by_identifier', 0)} found by identifier, "
                f"{counts.get('persons_by_duplicate_check', 0)} by the duplicate check, "
                f"{counts.get('persons_new', 0)} new."
            )
        errors = outcome.all_errors
        for error in errors[:SHOWN_ERRORS]:
            where = f"row {error.row}, {error.column}: " if hasattr(error, "row") else ""
            self.stderr.write(f"{where}{message_for(error)} [{error.code}]")
        if len(errors) > SHOWN_ERRORS:
            self.stderr.write(f"… and {len(errors) - SHOWN_ERRORS} more errors.")
        if errors and options["errors"]:
            options["errors"].write_bytes(
                errors_to_xlsx(
                    errors,
                    headings=[str(h) for h in HEADINGS],
                    message=message_for,
                    right_to_left=options["language"] == "ar",
                )
            )
            out.write(f"Errors written to {options['errors']}.")
        if outcome.committed:
            out.write(self.style.SUCCESS("Imported."))
        elif outcome.ok:
            out.write("Dry run: nothing was written.")
