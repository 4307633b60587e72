"""An uploaded permits spreadsheet is encrypted in the database and kept no longer than needed."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from taawon.core.models import AuditEvent

from ..models import PermitImport
from ..rules import import_owners
from ..services import imports, retention
from .import_files import csv_bytes, people


def upload(personas, *, age_days: int = 0) -> PermitImport:
    user = personas.ministry_officer
    data = csv_bytes(people(2))
    batch = imports.upload_import(
        name="permits.csv", data=data, owner=import_owners(user)[0], uploaded_by=user
    )
    if age_days:
        PermitImport.objects.filter(pk=batch.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=age_days)
        )
    return batch


def stored_bytes(batch: PermitImport) -> bytes | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT content FROM permits_permitimport WHERE id = %s", [batch.pk])
        value = cursor.fetchone()[0]
    return None if value is None else bytes(value)


def test_the_file_is_stored_encrypted_and_read_back_in_clear(personas, world):
    batch = upload(personas)
    clear = csv_bytes(people(2))
    stored = stored_bytes(batch)
    assert stored and clear not in stored
    # the identity numbers of the file are nowhere in the stored bytes
    identifier = people(2)[0][1]
    assert str(identifier).encode() not in stored
    assert PermitImport.objects.get(pk=batch.pk).content == clear


def test_the_purge_drops_committed_and_expired_files_and_keeps_recent_ones(personas, world):
    recent = upload(personas, age_days=2)
    expired = upload(personas, age_days=8)
    committed = upload(personas)
    PermitImport.objects.filter(pk=committed.pk).update(status=PermitImport.Status.COMMITTED)
    running = upload(personas, age_days=30)
    PermitImport.objects.filter(pk=running.pk).update(status=PermitImport.Status.CHECKING)

    assert retention.purge_import_files() == 2

    assert stored_bytes(recent) is not None
    assert stored_bytes(running) is not None
    assert stored_bytes(expired) is None
    assert stored_bytes(committed) is None
    assert PermitImport.objects.get(pk=expired.pk).status == PermitImport.Status.FAILED
    assert PermitImport.objects.get(pk=committed.pk).status == PermitImport.Status.COMMITTED
    assert AuditEvent.objects.filter(object_id=str(expired.pk), note__contains="purged").exists()


def test_the_retention_period_comes_from_the_settings(personas, world, settings):
    settings.UPLOAD_RETENTION_DAYS = 1
    batch = upload(personas, age_days=2)
    call_command("purge-import-files", stdout=io.StringIO())
    assert stored_bytes(batch) is None


@pytest.mark.parametrize("status", [PermitImport.Status.COMMITTING])
def test_a_commit_under_way_keeps_its_file(personas, world, status):
    batch = upload(personas, age_days=30)
    PermitImport.objects.filter(pk=batch.pk).update(status=status)
    assert retention.purge_import_files() == 0
