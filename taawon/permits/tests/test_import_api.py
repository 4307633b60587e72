"""The import API: upload for a dry run, read the status, counts and errors, set the mapping,
commit; who may, and another organisation's import is a 404."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from taawon.accounts import services as account_services
from taawon.indicators.models import Change, Fact

from ..models import Permit, PermitImport
from .import_files import HEADERS, csv_bytes, people

BASE = "/api/v1/permits/imports"


@pytest.fixture
def api(client, django_capture_on_commit_callbacks):
    """Requests as a user's bearer token; queued tasks run before the response returns."""

    def as_user(user):
        token = account_services.create_token(user=user, name="test")
        auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

        class Api:
            def get(self, path, **kwargs):
                return client.get(path, **auth, **kwargs)

            def post(self, path, data=None, **kwargs):
                with django_capture_on_commit_callbacks(execute=True):
                    return client.post(path, data, **auth, **kwargs)

        return Api()

    return as_user


def send(api, data, name="permits.csv", **extra):
    return api.post(BASE, {"file": SimpleUploadedFile(name, data), **extra})


def result(api, response):
    """The import once its task has run (the response says "checking" or "committing")."""
    return api.get(f"{BASE}/{response.json()['id']}").json()


def test_an_upload_is_checked_then_committed(personas, world, api):
    client = api(personas.ministry_officer)
    response = send(client, csv_bytes(people(3)))
    assert response.status_code == 202, response.content
    assert response.json()["status"] == "checking"
    body = result(client, response)
    assert body["status"] == "checked"
    assert body["counts"]["create"] == 3
    assert body["error_count"] == 0
    assert not Permit.objects.exists()

    response = client.post(f"{BASE}/{body['id']}/commit")
    assert response.status_code == 202
    assert result(client, response)["status"] == "committed"
    assert Permit.objects.count() == 3
    assert client.get(BASE).json()["items"][0]["id"] == body["id"]
    # The worker folded the new permits into the indicators' summary after the commit.
    assert not Change.objects.exists()
    counted = Fact.objects.filter(indicator__in=["permits_issued", "permits_renewed"])
    assert counted.count() == Permit.objects.filter(issued_on__isnull=False).count() > 0


def test_errors_are_read_by_page_and_block_the_commit(personas, world, api, writes_nothing):
    client = api(personas.ministry_officer)
    rows = people(4)
    rows[1][HEADERS.index("Issue date")] = "yesterday"
    rows[3][HEADERS.index("Fee")] = "=2*5"
    body = result(client, send(client, csv_bytes(rows)))
    assert body["error_count"] == 2
    page = client.get(f"{BASE}/{body['id']}?errors_limit=1&errors_offset=1").json()
    assert page["errors"] == [
        {
            "row": 5,
            "column": "Fee",
            "code": "formula",
            "message": page["errors"][0]["message"],
            "value": "=2*5",
        }
    ]
    with writes_nothing():
        response = client.post(f"{BASE}/{body['id']}/commit")
    assert response.status_code == 409
    response = client.get(f"{BASE}/{body['id']}/errors.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == [3, 5]


def test_a_file_with_other_headers_is_mapped_then_checked(personas, world, api):
    client = api(personas.ministry_officer)
    headers = tuple(f"c{i}" for i in range(len(HEADERS)))
    response = send(client, csv_bytes(people(2), headers=headers))
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "uploaded"
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
    bad = client.post(
        f"{BASE}/{body['id']}/mapping",
        {"mapping": {"permit_number": "nope"}},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert bad.json()["errors"]
    response = client.post(
        f"{BASE}/{body['id']}/mapping",
        {"mapping": dict(zip(keys, headers, strict=True)), "date_order": "auto"},
        content_type="application/json",
    )
    assert response.status_code == 202, response.content
    assert result(client, response)["counts"]["create"] == 2


def test_a_bad_file_is_kept_as_failed_with_its_reason(personas, world, api):
    body = send(api(personas.ministry_officer), b"", name="permits.csv").json()
    assert body["status"] == "failed"
    assert body["file_error"]["code"] == "empty"


def test_who_may_import_and_another_organisation_import_is_a_404(personas, world, api):
    for user in (personas.counsellor_a, personas.admin_a, personas.officer):
        assert send(api(user), csv_bytes(people(1))).status_code == 403
    body = send(api(personas.ministry_officer), csv_bytes(people(1))).json()
    other = api(personas.admin_a)
    assert other.get(f"{BASE}/{body['id']}").status_code == 404
    assert other.get(f"{BASE}/{body['id']}/errors.xlsx").status_code == 404
    assert other.post(f"{BASE}/{body['id']}/commit").status_code == 404
    assert other.get(BASE).json()["items"] == []
    assert PermitImport.objects.get().status == "checked"
