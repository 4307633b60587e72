"""The import pages: upload, mapping, the dry run's result, commit, the errors spreadsheet; in
English and Arabic, for each kind of user, and another organisation's import is a 404."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from ..models import Permit, PermitImport
from .import_files import HEADERS, csv_bytes, people

NO_WORKER = "No background worker seems to be running"


@pytest.fixture
def url():
    def build(name: str, *args, lang: str = "en") -> str:
        with translation.override(lang):
            return reverse(f"permits:{name}", args=args)

    return build


class Client:
    """The test client, with the tasks a request queues (on commit) run before it returns,
    as the worker would run them."""

    def __init__(self, client, capture):
        self.client, self.capture = client, capture

    def get(self, *args, **kwargs):
        return self.client.get(*args, **kwargs)

    def post(self, *args, **kwargs):
        with self.capture(execute=True):
            return self.client.post(*args, **kwargs)


@pytest.fixture
def login(client, django_capture_on_commit_callbacks):
    def as_user(user):
        client.force_login(user)
        return Client(client, django_capture_on_commit_callbacks)

    return as_user


def upload(client, url, data, *, name="permits.csv", owner=None, lang="en"):
    payload = {"file": SimpleUploadedFile(name, data)}
    if owner is not None:
        payload["owner"] = owner.pk
    return client.post(url("import_upload", lang=lang), payload)


def test_a_check_waiting_for_a_worker_says_none_is_running_and_how_to_start_one(
    personas, world, login, url, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = login(personas.ministry_officer)
    upload(client, url, csv_bytes(people(2)))
    batch = PermitImport.objects.get()
    task = DBTaskResult.objects.get()  # the check, queued; no worker takes it
    assert batch.status == PermitImport.Status.CHECKING
    assert NO_WORKER not in client.get(url("import_detail", batch.pk)).content.decode()

    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    page = client.get(url("import_detail", batch.pk)).content.decode()
    assert NO_WORKER in page and "taawon db_worker" in page
    # The polled part carries it too, so an open page learns it without a reload.
    partial = client.get(url("import_detail", batch.pk), HTTP_HX_REQUEST="true")
    assert NO_WORKER in partial.content.decode()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_file_is_checked_then_imported_from_the_pages(personas, world, login, url, lang):
    client = login(personas.ministry_officer)
    response = upload(client, url, csv_bytes(people(3)), lang=lang)
    batch = PermitImport.objects.get()
    assert response.status_code == 302
    assert response.url == url("import_detail", batch.pk, lang=lang)
    assert batch.status == PermitImport.Status.CHECKED
    assert batch.owner == personas.ministry
    assert batch.counts["create"] == 3
    assert not Permit.objects.exists()

    page = client.get(response.url).content.decode()
    assert url("import_commit", batch.pk, lang=lang) in page
    assert ('dir="rtl"' if lang == "ar" else 'dir="ltr"') in page

    response = client.post(url("import_commit", batch.pk, lang=lang))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == PermitImport.Status.COMMITTED
    assert batch.content is None
    assert Permit.objects.filter(source=batch).count() == 3
    assert client.get(url("import_list", lang=lang)).status_code == 200


def test_a_file_with_errors_lists_them_downloads_them_and_cannot_be_committed(
    personas, world, login, url, writes_nothing
):
    client = login(personas.ministry_officer)
    rows = people(5)
    rows[2][HEADERS.index("Fee")] = "ten"
    upload(client, url, csv_bytes(rows))
    batch = PermitImport.objects.get()
    assert batch.error_count == 1
    page = client.get(url("import_detail", batch.pk)).content.decode()
    assert "ten" in page
    assert url("import_commit", batch.pk) not in page

    with writes_nothing():
        client.post(url("import_commit", batch.pk))
    batch.refresh_from_db()
    assert batch.status == PermitImport.Status.CHECKED

    response = client.get(url("import_errors", batch.pk, lang="ar"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:3] == (4, "Fee", "not_a_number")
    assert sheet.sheet_view.rightToLeft


def test_a_file_whose_headers_differ_goes_through_the_mapping_step(personas, world, login, url):
    client = login(personas.ministry_officer)
    headers = tuple(f"col {i}" for i in range(len(HEADERS)))
    response = upload(client, url, csv_bytes(people(2), headers=headers))
    batch = PermitImport.objects.get()
    assert response.url == url("import_mapping", batch.pk)
    page = client.get(response.url).content.decode()
    assert "col 11" in page
    keys = [
        "permit_number",
        "identifier",
        "name_ar",
        "name_en",
        "sex",
        "nationality",
        "date_of_birth",
        "cooperative",
        "sector",
        "issued_on",
        "expires_on",
        "fee_paid",
    ]
    mapping = dict(zip(keys, headers, strict=True))
    # The same header twice is a field error, and nothing is checked.
    response = client.post(url("import_mapping", batch.pk), {**mapping, "fee_paid": "col 0"})
    assert response.status_code == 200
    assert "already chosen" in response.content.decode()
    response = client.post(url("import_mapping", batch.pk), {**mapping, "date_order": "day"})
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == PermitImport.Status.CHECKED, batch.errors
    assert batch.day_first is True
    assert batch.counts["create"] == 2


def test_an_unreadable_file_is_kept_as_failed_with_its_reason(personas, world, login, url):
    client = login(personas.ministry_officer)
    response = upload(client, url, b"%PDF-1.7 not a sheet", name="permits.xlsx")
    batch = PermitImport.objects.get()
    assert batch.status == PermitImport.Status.FAILED
    assert batch.content is None
    page = client.get(response.url).content.decode()
    assert "not a spreadsheet" in page


def test_an_empty_upload_is_a_field_error(personas, world, login, url):
    client = login(personas.ministry_officer)
    response = upload(client, url, b"")
    assert response.status_code == 200
    assert not PermitImport.objects.exists()
    assert "is-invalid" in response.content.decode()


def test_the_result_polls_while_the_worker_runs_and_htmx_gets_the_fragment(
    personas, world, login, url
):
    client = login(personas.ministry_officer)
    upload(client, url, csv_bytes(people(1)))
    batch = PermitImport.objects.get()
    PermitImport.objects.filter(pk=batch.pk).update(status=PermitImport.Status.CHECKING)
    page = client.get(url("import_detail", batch.pk)).content.decode()
    assert 'hx-trigger="every 2s"' in page
    fragment = client.get(url("import_detail", batch.pk), HTTP_HX_REQUEST="true")
    assert b"<html" not in fragment.content
    assert b'id="progress"' in fragment.content


def test_who_may_upload(personas, world, login, url):
    # The ministry's lists are the ministry's to import (README, role table).
    refused = (personas.admin_a, personas.officer, personas.counsellor_a, personas.viewer_a)
    for user in (*refused, personas.outsider):
        assert login(user).get(url("import_upload")).status_code == 403
    for user in (personas.ministry_officer, personas.admin):
        assert login(user).get(url("import_upload")).status_code == 200


def test_another_organisation_import_is_a_404(personas, world, login, url):
    upload(login(personas.ministry_officer), url, csv_bytes(people(1)))
    batch = PermitImport.objects.get()
    client = login(personas.admin_a)
    for name in ("import_detail", "import_errors", "import_mapping"):
        assert client.get(url(name, batch.pk)).status_code == 404
    for name in ("import_commit", "import_check"):
        assert client.post(url(name, batch.pk)).status_code == 404
    assert url("import_detail", batch.pk) not in client.get(url("import_list")).content.decode()
    batch.refresh_from_db()
    assert batch.status == PermitImport.Status.CHECKED


def test_a_50_mb_upload_is_a_field_error_and_nothing_is_kept(personas, world, login, url):
    client = login(personas.ministry_officer)
    big = csv_bytes(people(1)) + b"x" * (50 * 2**20)
    response = upload(client, url, big)
    assert response.status_code == 200
    assert "40 MB" in response.content.decode()
    assert not PermitImport.objects.exists()
