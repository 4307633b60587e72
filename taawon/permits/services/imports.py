"""Importing the ministry's lists of issued permits: a dry run, then an all-or-nothing commit.

`import_file` is the one path every interface takes (the `taawon import-permits` command, the
upload pages through their background tasks, the API): it opens the file safely, reads every
row (first pass, no registry), meets the rows with the registry (second pass), and either
reports what a commit would do, or does it: every check first, then the writes alone in one
short transaction. Any error, in any row, and nothing is written.

The upload pages keep the file in a PermitImport row between steps (`upload_import`,
`set_mapping`, `start_check`, `start_commit`); the tasks run `run_check` and `run_commit`.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import BinaryIO

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taawon.accounts.models import Organisation, User
from taawon.cooperatives.models import Cooperative
from taawon.core import audit
from taawon.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from taawon.lib.tabular import (
    FileError,
    RowError,
    open_table,
    suggest_mapping,
    validate_mapping,
)

from .. import queries, rules
from ..importing.columns import SPECS
from ..importing.reading import CooperativeIndex, date_order, read_file
from ..importing.resolving import resolve
from ..importing.writing import stage, write
from ..models import PermitImport

AUTO = "auto"  # the file's own day/month order, inferred from its dates
MAX_STORED_ERRORS = 50_000
# Where phone numbers without a country code are from, when the import has no owner.
DEFAULT_REGION = "JO"
# The file is kept out of the audit trail; its name and size are enough.
IMPORT_SENSITIVE = ("content", "errors")
CHANGED_MEANWHILE = (
    "The registry changed while the file was being imported; nothing was written. Check the "
    "file again."
)


@dataclass
class ImportOutcome:
    """What an import found, and did: counts, and every error of the file or of its rows."""

    headers: list[str] = field(default_factory=list)
    mapping: dict[str, str | None] = field(default_factory=dict)
    day_first: bool | None = None
    file_errors: list[FileError] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.file_errors and not self.errors

    @property
    def all_errors(self) -> list[RowError | FileError]:
        return [*self.file_errors, *self.errors]


def _cooperatives(owner: Organisation | None) -> CooperativeIndex:
    """The cooperatives a file may name: those of the import's owner (all of them for the
    command line). The registry is read whole: a few hundred cooperatives a country."""
    qs = Cooperative.objects.all() if owner is None else queries.importable_cooperatives(owner)
    return CooperativeIndex(qs.values_list("pk", "registration_number", "name_ar", "name_en"))


def _check_may_import(user: User | None, owner: Organisation | None) -> None:
    """The command line (no user) imports for anyone; a user for an organisation of theirs."""
    if user is None:
        return
    if owner is None or owner not in rules.import_owners(user):
        raise PermissionDenied(
            _(
                "Only a cooperative's or the country office's managers, or a ministry officer, "
                "import permits."
            )
        )


def import_file(
    *,
    name: str,
    data: bytes | BinaryIO,
    dry_run: bool,
    imported_by: User | None,
    owner: Organisation | None = None,
    mapping: Mapping[str, str | None] | None = None,
    day_first: bool | None | str = AUTO,
    batch: PermitImport | None = None,
    today: datetime.date | None = None,
) -> ImportOutcome:
    """Check (dry_run) or import the permits in the file `name` with content `data`.

    `mapping` gives the file's header for each column key (default: suggested from the
    headers); `day_first` the file's date order (default: inferred). `imported_by` None is
    the system (the command line); a user imports for `owner`, one of `import_owners(user)`,
    and its rows may name that owner's cooperatives only.
    """
    _check_may_import(imported_by, owner)
    today = today or timezone.localdate()
    outcome = ImportOutcome()
    try:
        table = open_table(name, data)
    except FileError as error:
        outcome.file_errors = [error]
        return outcome
    cooperatives = _cooperatives(owner)
    with table:
        outcome.headers = list(table.headers)
        outcome.mapping = dict(mapping or suggest_mapping(table.headers, SPECS))
        outcome.file_errors = validate_mapping(table.headers, outcome.mapping, SPECS)
        if outcome.file_errors:
            return outcome
        region = owner.country if owner is not None else DEFAULT_REGION
        try:
            outcome.day_first = (
                date_order(table, outcome.mapping) if day_first == AUTO else day_first
            )
            rows, outcome.errors, numbers = read_file(
                table,
                outcome.mapping,
                day_first=outcome.day_first,
                cooperatives=cooperatives,
                today=today,
                phone_region=region,
            )
        except FileError as error:
            outcome.file_errors = [error]
            return outcome
    header = {spec.key: outcome.mapping.get(spec.key) or spec.key for spec in SPECS}
    outcome.counts["rows"] = len(rows) + len({e.row for e in outcome.errors})
    allowed = None if owner is None else cooperatives.ids
    resolution = resolve(rows, header=header, numbers_in_file=numbers, cooperatives=allowed)
    del rows  # the resolution holds the rows it keeps; the rest may go
    _finish(outcome, resolution)
    if dry_run or not outcome.ok:
        return outcome
    # Every check, and every read, before the write transaction: on SQLite it holds the
    # database's one write lock, which everyone else's writes wait for (see `write`).
    staged = stage(resolution.rows, imported_by=imported_by, batch=batch, today=today)
    try:
        with transaction.atomic():
            outcome.counts.update(write(staged))
    except IntegrityError:
        # Someone recorded one of the file's permit numbers or identity documents between
        # the check and the write: nothing is written, and a new check shows what changed.
        outcome.file_errors = [FileError("changed_meanwhile", CHANGED_MEANWHILE, {})]
        return outcome
    outcome.committed = True
    return outcome


def _finish(outcome: ImportOutcome, resolution) -> ImportOutcome:
    outcome.errors = sorted([*outcome.errors, *resolution.errors], key=lambda e: (e.row, e.column))
    outcome.counts.update(resolution.counts)
    outcome.counts["rows_with_errors"] = len({e.row for e in outcome.errors})
    return outcome


# ---- The upload pages' steps --------------------------------------------------------------


def _error_json(error: RowError | FileError) -> dict:
    return {
        "row": getattr(error, "row", None),
        "column": getattr(error, "column", ""),
        "code": error.code,
        "message": error.message,
        "params": {
            k: v if isinstance(v, str | int | float | None) else str(v)
            for k, v in error.params.items()
        },
    }


def errors_from_json(items: list[dict]) -> list[RowError | FileError]:
    return [
        RowError(i["row"], i["column"], i["code"], i["message"], i["params"])
        if i.get("row") is not None
        else FileError(i["code"], i["message"], i["params"])
        for i in items
    ]


def _size(data: bytes | BinaryIO) -> int:
    if isinstance(data, bytes | bytearray):
        return len(data)
    start = data.tell()
    size = data.seek(0, io.SEEK_END) - start
    data.seek(start)
    return size


@transaction.atomic
def upload_import(
    *, name: str, data: bytes | BinaryIO, owner: Organisation, uploaded_by: User
) -> PermitImport:
    """Keep an uploaded file (bytes or a seekable stream) and suggest its column mapping; a
    file that cannot be read is kept, without its content, as failed with its error, so that
    the user sees why."""
    _check_may_import(uploaded_by, owner)
    batch = PermitImport(
        owner=owner,
        filename=PurePath(name).name[:255],
        size=min(_size(data), 2**31 - 1),
        created_by=uploaded_by,
        updated_by=uploaded_by,
    )
    try:
        with open_table(name, data) as table:
            batch.headers = list(table.headers)
            batch.mapping = suggest_mapping(table.headers, SPECS)
        if not isinstance(data, bytes | bytearray):
            data.seek(0)
            data = data.read()
        batch.content = bytes(data)
    except FileError as error:
        batch.status = PermitImport.Status.FAILED
        batch.file_error = _error_json(error)
        batch.errors = [batch.file_error]
        batch.error_count = 1
    batch.save()
    audit.record_create(uploaded_by, batch, sensitive=IMPORT_SENSITIVE)
    return batch


def _lock(batch: PermitImport, *statuses: str) -> PermitImport:
    locked = PermitImport.objects.select_for_update().get(pk=batch.pk)
    if locked.status not in statuses:
        raise Conflict(_("This import has moved on; reload the page."))
    return locked


@transaction.atomic
def set_mapping(
    *,
    batch: PermitImport,
    mapping: Mapping[str, str | None],
    day_first: bool | None | str,
    changed_by: User,
) -> PermitImport:
    """Record which of the file's headers holds each column, and the file's date order."""
    _check_may_import(changed_by, batch.owner)
    batch = _lock(batch, PermitImport.Status.UPLOADED, PermitImport.Status.CHECKED)
    clean = {key: value or None for key, value in mapping.items()}
    problems = validate_mapping(batch.headers, clean, SPECS)
    if problems:
        raise ValidationFailed(
            field_errors={str(p.params.get("key") or "__all__"): [p.message] for p in problems}
        )
    before = audit.snapshot(batch, ["mapping", "day_first", "status"])
    batch.mapping = clean
    batch.day_first = None if day_first == AUTO else day_first
    batch.status = PermitImport.Status.UPLOADED
    batch.counts, batch.errors, batch.error_count = {}, [], 0
    batch.updated_by = changed_by
    batch.save()
    audit.record_update(changed_by, batch, before)
    return batch


def _start(batch: PermitImport, by: User, status: str, task_name: str, *statuses: str):
    _check_may_import(by, batch.owner)
    batch = _lock(batch, *statuses)
    before = audit.snapshot(batch, ["status"])
    batch.status = status
    batch.updated_by = by
    batch.save(update_fields=["status", "updated_by", "updated_at"])
    audit.record_update(by, batch, before)

    def enqueue() -> None:
        from .. import tasks

        getattr(tasks, task_name).enqueue(batch.pk)

    transaction.on_commit(enqueue)
    return batch


@transaction.atomic
def start_check(*, batch: PermitImport, started_by: User) -> PermitImport:
    """Ask the worker for a dry run of the file with its mapping."""
    return _start(
        batch,
        started_by,
        PermitImport.Status.CHECKING,
        "check_permit_import",
        PermitImport.Status.UPLOADED,
        PermitImport.Status.CHECKED,
    )


@transaction.atomic
def start_commit(*, batch: PermitImport, started_by: User) -> PermitImport:
    """Ask the worker to import a file whose dry run found no error."""
    if batch.status == PermitImport.Status.CHECKED and batch.error_count:
        raise Conflict(_("Correct the errors and upload the file again."))
    return _start(
        batch,
        started_by,
        PermitImport.Status.COMMITTING,
        "commit_permit_import",
        PermitImport.Status.CHECKED,
    )


def _store(batch: PermitImport, outcome: ImportOutcome, status: str) -> None:
    errors = outcome.all_errors
    before = audit.snapshot(batch, ["status", "counts", "error_count"])
    batch.status = status
    batch.counts = outcome.counts
    batch.error_count = len(errors)
    batch.errors = [_error_json(e) for e in errors[:MAX_STORED_ERRORS]]
    batch.file_error = _error_json(outcome.file_errors[0]) if outcome.file_errors else {}
    batch.checked_at = timezone.now()
    if outcome.committed:
        batch.committed_at = timezone.now()
        batch.content = None  # the permits are in the database now; the file may go
    batch.save()
    audit.record_update(batch.created_by, batch, before)


def run_check(*, batch: PermitImport) -> PermitImport:
    """The dry run (the worker's side of `start_check`)."""
    outcome = _run(batch, dry_run=True)
    with transaction.atomic():
        _store(batch, outcome, PermitImport.Status.CHECKED)
    return batch


def run_commit(*, batch: PermitImport) -> PermitImport:
    """The commit (the worker's side of `start_commit`); on any error, nothing is written and
    the import is back to checked, with its errors."""
    outcome = _run(batch, dry_run=False)
    status = PermitImport.Status.COMMITTED if outcome.committed else PermitImport.Status.CHECKED
    with transaction.atomic():
        _store(batch, outcome, status)
    return batch


def _run(batch: PermitImport, *, dry_run: bool) -> ImportOutcome:
    try:
        return import_file(
            name=batch.filename,
            data=bytes(batch.content or b""),
            dry_run=dry_run,
            imported_by=batch.created_by,
            owner=batch.owner,
            mapping=batch.mapping,
            day_first=AUTO if batch.day_first is None else batch.day_first,
            batch=batch,
        )
    except PermissionDenied as error:
        return ImportOutcome(file_errors=[FileError("permission_denied", str(error.message), {})])
