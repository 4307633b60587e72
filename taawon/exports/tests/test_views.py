"""Exports of list pages: the list's rows and filters, its scope, pseudonymised unless a user
who may see names asks for them, formulas neutralised, large lists through the task."""

import os

import pytest
from django.urls import reverse

from taawon.core.models import AuditEvent
from taawon.employment.tests.factories import EmployerFactory
from taawon.exports.models import ExportJob
from taawon.exports.pseudonyms import pseudonym
from taawon.exports.services import purge_exports
from taawon.people.tests.factories import PersonFactory

from .conftest import export_url, hxl_rows, workbook_cells, workbook_rows

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example/","Coop")'


@pytest.fixture
def registry(personas):
    mine = [
        PersonFactory(owner=personas.unit_a, given_name_en="Mona", sex="female"),
        PersonFactory(owner=personas.unit_a, given_name_en="Omar", sex="male"),
    ]
    theirs = PersonFactory(owner=personas.unit_b, given_name_en="Canary", family_name_en="Bee")
    return mine, theirs


def test_people_export_holds_the_list_rows_pseudonymised(personas, registry, as_user):
    mine, theirs = registry
    response = as_user(personas.counsellor_a).get(export_url("people"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="people-')
    rows = workbook_rows(response)
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Person reference", "Sex", "Year of birth"]
    assert "Name (Latin)" not in header and "Phone" not in header
    # Scoped as the list: unit B's person is not there; newest first, like the page.
    assert [row[0] for row in body] == [pseudonym(mine[1].pk), pseudonym(mine[0].pk)]
    flat = repr(rows)
    assert "Mona" not in flat and "Canary" not in flat
    assert str(mine[0].pk) not in [str(row[0]) for row in body]


def test_the_pseudonym_is_stable_and_not_the_id(personas, registry):
    mine, _ = registry
    assert pseudonym(mine[0].pk) == pseudonym(mine[0].pk)
    assert pseudonym(mine[0].pk) != pseudonym(mine[1].pk)
    assert str(mine[0].pk) not in pseudonym(mine[0].pk)[2:] or len(pseudonym(mine[0].pk)) == 14


def test_the_list_filters_apply(personas, registry, as_user):
    mine, _ = registry
    response = as_user(personas.counsellor_a).get(export_url("people", sex="female"))
    body = workbook_rows(response)[1:]
    assert [row[0] for row in body] == [pseudonym(mine[0].pk)]


def test_headers_follow_the_users_language(personas, registry, as_user):
    sheet = workbook_cells(as_user(personas.counsellor_a).get(export_url("people", lang="ar")))
    header = [cell.value for cell in sheet[1]]
    assert "الجنس" in header and "المحافظة" in header
    assert sheet.sheet_view.rightToLeft


def test_identified_export_names_people_and_is_audited(personas, registry, as_user):
    mine, _ = registry
    client = as_user(personas.counsellor_a)
    response = client.get(export_url("people", identified="1", format="csv"))
    tags, rows = hxl_rows(response)
    assert "#person+name+i_en" in tags and "#contact+phone" in tags
    assert {row.get("#person+name+i_en").split()[0] for row in rows} == {"Mona", "Omar"}
    event = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).latest("pk")
    assert event.actor == personas.counsellor_a
    assert event.object_id == "exports.people"
    assert event.changes["filters"]["identified"] is True
    assert event.changes["filters"]["format"] == "csv"


def test_every_export_is_audited_even_pseudonymised(personas, registry, as_user):
    as_user(personas.counsellor_a).get(export_url("people", sex="male"))
    event = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).latest("pk")
    assert event.changes["filters"] == {"sex": "male", "format": "xlsx", "identified": False}


@pytest.mark.parametrize("role", ["viewer_a", "clerk_a"])
def test_roles_that_may_not_reveal_get_no_names(personas, registry, as_user, role):
    client = as_user(getattr(personas, role))
    assert client.get(export_url("people")).status_code == 200
    assert client.get(export_url("people", identified="1")).status_code == 403
    # The refused request wrote nothing: the one event is the pseudonymised export's.
    events = AuditEvent.objects.filter(
        action=AuditEvent.Action.EXPORT, actor=getattr(personas, role)
    )
    assert [event.changes["filters"]["identified"] for event in events] == [False]


@pytest.mark.parametrize("name", ["people", "job_seekers", "placements", "permits"])
def test_aggregate_viewers_and_outsiders_get_no_person_level_export(
    personas, registry, as_user, name
):
    for user in (personas.aggregate, personas.outsider):
        assert as_user(user).get(export_url(name)).status_code == 404
        assert as_user(user).get(export_url(name, format="csv")).status_code == 404


def test_the_ministry_exports_permits_but_not_the_registry(personas, registry, as_user):
    client = as_user(personas.ministry_officer)
    assert client.get(export_url("people")).status_code == 404
    assert client.get(export_url("permits")).status_code == 200
    assert client.get(export_url("permits", identified="1")).status_code == 403


def test_anonymous_users_are_sent_to_sign_in(client):
    response = client.get(export_url("people"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_unknown_format_is_a_400(personas, as_user):
    response = as_user(personas.counsellor_a).get(export_url("people", format="pdf"))
    assert response.status_code == 400
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_typed_formulas_stay_text(personas, as_user):
    EmployerFactory(owner=personas.unit_a, name_en=EVIL, name_ar="", owner_name=EVIL)
    client = as_user(personas.counsellor_a)
    sheet = workbook_cells(client.get(export_url("employers", identified="1")))
    evil = [cell for row in sheet.iter_rows() for cell in row if cell.value == EVIL]
    assert len(evil) == 2
    assert all(cell.data_type == "s" for cell in evil)
    _tags, rows = hxl_rows(client.get(export_url("employers", identified="1", format="csv")))
    assert rows[0].get("#org+employer+name") == "'" + EVIL
    assert rows[0].get("#contact+name") == "'" + EVIL


def test_the_list_page_offers_the_export_with_its_filters(personas, registry, as_user):
    client = as_user(personas.counsellor_a)
    page = client.get(reverse("people:person_list") + "?sex=female").content.decode()
    assert export_url("people") + "?sex=female&amp;format=xlsx" in page
    assert "identified=1" in page  # a counsellor may ask for names
    page = as_user(personas.viewer_a).get(reverse("people:person_list")).content.decode()
    assert export_url("people") + "?format=csv" in page
    assert "identified=1" not in page


class TestLargeExports:
    @pytest.fixture(autouse=True)
    def small_threshold(self, settings, tmp_path):
        settings.EXPORT_BACKGROUND_ROWS = 1
        settings.EXPORT_DIR = tmp_path / "exports"

    def test_a_large_list_goes_through_the_task_to_a_download(
        self, personas, registry, as_user, django_capture_on_commit_callbacks, settings
    ):
        client = as_user(personas.counsellor_a)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.get(export_url("people", format="xlsx", sex="", identified="1"))
        job = ExportJob.objects.get()
        assert response.status_code == 302
        assert response["Location"] == job.get_absolute_url()
        job.refresh_from_db()
        assert job.status == ExportJob.Status.DONE
        assert (job.rows_done, job.rows_total) == (2, 2)
        path = settings.EXPORT_DIR / job.file_name
        assert os.stat(path).st_mode & 0o777 == 0o600

        page = client.get(job.get_absolute_url())
        assert "2 of 2 rows written" in page.content.decode()
        download = client.get(reverse("exports:job_download", args=[job.pk]))
        rows = workbook_rows(download)
        assert len(rows) == 3 and "Name (Latin)" in rows[0]

        # The file is the requester's alone, administrators included.
        for other in (personas.counsellor_b, personas.admin, personas.admin_a):
            client = as_user(other)
            assert client.get(job.get_absolute_url()).status_code == 404
            assert client.get(reverse("exports:job_download", args=[job.pk])).status_code == 404

    def test_the_file_is_removed_after_a_day(
        self, personas, registry, as_user, django_capture_on_commit_callbacks, settings
    ):
        import datetime

        from django.utils import timezone

        client = as_user(personas.counsellor_a)
        with django_capture_on_commit_callbacks(execute=True):
            client.get(export_url("people", format="csv"))
        job = ExportJob.objects.get()
        path = settings.EXPORT_DIR / job.file_name
        assert path.exists()
        assert purge_exports(now=timezone.now() + datetime.timedelta(hours=23)) == 0
        assert purge_exports(now=timezone.now() + datetime.timedelta(hours=25)) == 1
        assert not path.exists()
        job.refresh_from_db()
        assert job.status == ExportJob.Status.EXPIRED
        assert client.get(reverse("exports:job_download", args=[job.pk])).status_code == 404

    def test_a_queued_job_shows_its_progress(self, personas, registry, as_user):
        # Not run (its on_commit never fires in this test): waiting, polled by htmx.
        client = as_user(personas.counsellor_a)
        response = client.get(export_url("people"))
        job = ExportJob.objects.get()
        assert job.status == ExportJob.Status.QUEUED
        page = client.get(response["Location"]).content.decode()
        assert 'hx-trigger="every 2s"' in page
        assert "0 of 2 rows written" in page


def test_expiring_permits_export_is_the_pages_list(personas, as_user):
    import datetime

    from django.utils import timezone

    from taawon.permits.tests.factories import cooperative_of, issued, person

    soon = timezone.localdate() + datetime.timedelta(days=10)
    permits = {}
    for side, unit, coop, counsellor in (
        ("A", personas.unit_a, personas.coop_a, personas.counsellor_a),
        ("B", personas.unit_b, personas.coop_b, personas.counsellor_b),
    ):
        permits[side] = issued(
            person=person(unit),
            cooperative=cooperative_of(coop),
            by=counsellor,
            decided_by=personas.ministry_officer,
            number=f"WP-{side}",
            issued_on=soon - datetime.timedelta(days=300),
            expires_on=soon,
        )
    body = workbook_rows(as_user(personas.counsellor_a).get(export_url("expiring_permits")))[1:]
    assert [row[0] for row in body] == ["WP-A"]
    assert body[0][1] == pseudonym(permits["A"].person_id)
    body = workbook_rows(as_user(personas.ministry_officer).get(export_url("expiring_permits")))
    assert sorted(row[0] for row in body[1:]) == ["WP-A", "WP-B"]
    # The page's own filter: nothing expires within 5 days.
    body = workbook_rows(as_user(personas.counsellor_a).get(export_url("expiring_permits", days=5)))
    assert body[1:] == []


def test_the_purge_command_expires_old_jobs(personas, settings, tmp_path):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    settings.EXPORT_DIR = tmp_path
    old = ExportJob.objects.create(
        requested_by=personas.counsellor_a,
        list_name="people",
        format="csv",
        language="en",
        status=ExportJob.Status.DONE,
        file_name="old.csv",
    )
    ExportJob.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=30)
    )
    (tmp_path / "old.csv").write_text("x")
    call_command("purge-exports", stdout=open(os.devnull, "w"))  # noqa: SIM115
    old.refresh_from_db()
    assert old.status == ExportJob.Status.EXPIRED
    assert not (tmp_path / "old.csv").exists()


def test_a_person_who_withheld_data_sharing_consent_is_not_named(personas, registry, as_user):
    import datetime

    from taawon.people.models import Consent
    from taawon.people.tests.factories import ConsentFactory

    mine, _ = registry
    ConsentFactory(
        person=mine[0],
        purpose=Consent.Purpose.DATA_SHARING,
        given=True,
        date=datetime.date(2020, 1, 1),
    )
    ConsentFactory(
        person=mine[0],
        purpose=Consent.Purpose.DATA_SHARING,
        given=False,
        date=datetime.date(2020, 6, 1),
    )
    client = as_user(personas.counsellor_a)
    _tags, rows = hxl_rows(client.get(export_url("people", identified="1", format="csv")))
    names = {row.get("#person+code"): row.get("#person+name+i_en") for row in rows}
    assert not names[pseudonym(mine[0].pk)]  # withdrawn: the reference only
    assert names[pseudonym(mine[1].pk)].startswith("Omar")
