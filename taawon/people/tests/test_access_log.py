"""The access log: person page views, identifier reveals and exports, seen by administrators
of the organisation (and above) only, with filters."""

import datetime

from django.utils import timezone

from taawon.core import audit
from taawon.core.models import AuditEvent

from .factories import PersonFactory

LOG = "/en/access-log/"


def rows(page) -> list[tuple[str, str, str]]:
    return [(e.actor.username, e.action, e.object_repr) for e in page.context["page_obj"]]


def test_views_reveals_and_exports_are_logged_and_listed_for_administrators(client, personas):
    mine = PersonFactory(
        owner=personas.unit_a, given_name_en="Rana", identifiers={"passport": "N1"}
    )
    theirs = PersonFactory(owner=personas.unit_b, given_name_en="Omar")
    client.force_login(personas.counsellor_a)
    client.get(f"/en/people/{mine.pk}/")
    identifier = mine.identifiers.get()
    client.post(f"/en/people/{mine.pk}/identifiers/{identifier.pk}/reveal/")
    audit.record_export(actor=personas.counsellor_a, name="permits.report", filters={"year": 2026})
    client.force_login(personas.counsellor_b)
    client.get(f"/en/people/{theirs.pk}/")
    # Views are one row each, and stay out of the record's history of changes.
    assert AuditEvent.objects.filter(action="view").count() == 2
    client.force_login(personas.counsellor_a)
    history = client.get(f"/en/people/{mine.pk}/history/").content.decode()
    assert "viewed</" not in history and "Viewed" not in history

    assert client.get(LOG).status_code == 404  # counsellors do not see it
    client.force_login(personas.admin_a)
    page = client.get(LOG)

    assert page.status_code == 200
    assert "Access log" in page.content.decode()  # the menu links it
    seen = rows(page)
    assert ("counsellor_a", "export", "permits.report") in seen
    assert ("counsellor_a", "view", mine.display_name) in seen
    assert any(action == "reveal" for _u, action, _o in seen)
    assert all(user != "counsellor_b" for user, _a, _o in seen)  # unit B is not theirs
    everything = rows(client.force_login(personas.admin) or client.get(LOG))
    assert ("counsellor_b", "view", theirs.display_name) in everything

    client.force_login(personas.admin_a)
    by_person = rows(client.get(LOG, {"person": mine.pk}))
    assert {action for _u, action, _o in by_person} == {"view", "reveal"}
    assert rows(client.get(LOG, {"kind": "export"})) == [
        ("counsellor_a", "export", "permits.report")
    ]
    assert rows(client.get(LOG, {"user": "nobody"})) == []
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert rows(client.get(LOG, {"start": tomorrow.isoformat()})) == []
    assert len(rows(client.get(LOG, {"end": tomorrow.isoformat()}))) == 3
    # Dates typed day first, as everywhere; text boxes, not the browser's mm/dd/yyyy input.
    assert rows(client.get(LOG, {"start": tomorrow.strftime("%d/%m/%Y")})) == []
    assert len(rows(client.get(LOG, {"end": tomorrow.strftime("%d/%m/%Y")}))) == 3
    assert 'type="date"' not in page.content.decode()
    assert 'placeholder="dd/mm/yyyy"' in page.content.decode()


def test_downloading_the_permit_report_is_logged_with_its_filters(client, personas):
    client.force_login(personas.admin)
    response = client.get("/en/permits/report.xlsx", {"start": "2026-01-01", "end": "2026-03-31"})

    assert response.status_code == 200
    event = AuditEvent.objects.get(action="export")
    assert (event.actor, event.object_id) == (personas.admin, "permits.report")
    assert event.changes == {"filters": {"start": "2026-01-01", "end": "2026-03-31"}}
