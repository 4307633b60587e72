"""Anonymisation (erasure) and retention: what goes, what stays for the aggregates, who may."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from taawon.accounts.services import create_token
from taawon.core.audit import MASK
from taawon.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from taawon.core.models import AuditEvent
from taawon.people import queries, retention, services
from taawon.people.models import Consent, NameKey, Person, PersonIdentifier
from taawon.people.tasks import apply_retention_task

from .factories import PersonFactory, district_of, governorate

NUMBER = "5550001112"


def archived_long_ago(person: Person, *, days: int = 2000) -> Person:
    services.archive_person(person=person, archived_by=None)
    AuditEvent.objects.filter(
        object_type="people.person", object_id=str(person.pk), action="archive"
    ).update(at=timezone.now() - datetime.timedelta(days=days))
    return person


@pytest.fixture
def suad(personas):
    person = PersonFactory(
        owner=personas.unit_a,
        given_name_en="Suad",
        family_name_en="Hamdan",
        given_name_ar="سعاد",
        phone="+962791112223",
        date_of_birth=datetime.date(1990, 7, 14),
        nationality="SY",
        sex="female",
        governorate=governorate(),
        district=district_of(governorate()),
        identifiers={"national_id": NUMBER},
    )
    services.record_consent(
        person=person, purpose="sms", given=True, date=datetime.date(2024, 1, 2),
        recorded_by=personas.counsellor_a, note="Said yes at the office of Suad",
    )  # fmt: skip
    return person


def test_anonymising_blanks_what_identifies_and_keeps_what_aggregates_count(suad, personas):
    gov = suad.governorate_id

    services.anonymise_person(
        person=suad, anonymised_by=personas.admin_a, reason="Asked in writing"
    )

    suad.refresh_from_db()
    assert (suad.given_name_en, suad.family_name_en, suad.given_name_ar) == (
        services.ANONYMOUS_NAME_EN,
        "",
        services.ANONYMOUS_NAME_AR,
    )
    assert (suad.phone, suad.date_of_birth, suad.district_id) == ("", None, None)
    assert (suad.birth_year, suad.sex, suad.nationality, suad.governorate_id) == (
        1990,
        "female",
        "SY",
        gov,
    )
    assert suad.anonymised_at is not None
    assert not PersonIdentifier.objects.filter(person=suad).exists()
    assert not NameKey.objects.filter(person=suad).exists()
    assert Consent.objects.get(person=suad).note == ""
    assert Person.objects.filter(pk=suad.pk).exists()  # aggregates keep counting the row
    assert queries.identifier_holder(kind="national_id", value=NUMBER) is None
    event = AuditEvent.objects.get(action=AuditEvent.Action.ANONYMISE)
    assert event.actor == personas.admin_a and event.note == "Asked in writing"
    # No event of the record, the erasure's own included, still holds an erased value.
    trail = str(list(AuditEvent.objects.values_list("object_repr", "changes", "note")))
    for erased in ("Suad", "Hamdan", "سعاد", "791112223", "1990-07-14", NUMBER):
        assert erased not in trail, trail
    assert MASK in trail


def test_only_an_administrator_anonymises_with_a_reason_and_only_once(suad, personas):
    with pytest.raises(PermissionDenied):
        services.anonymise_person(person=suad, anonymised_by=personas.counsellor_a, reason="x")
    with pytest.raises(ValidationFailed):
        services.anonymise_person(person=suad, anonymised_by=personas.admin_a, reason=" ")
    suad.refresh_from_db()
    assert suad.given_name_en == "Suad"

    services.anonymise_person(person=suad, anonymised_by=personas.admin_a, reason="asked")

    with pytest.raises(Conflict):
        services.anonymise_person(person=suad, anonymised_by=personas.admin_a, reason="x")


def test_retention_anonymises_archived_persons_past_the_period_only(suad, personas, settings):
    settings.RETENTION_DAYS = 1825
    recent = archived_long_ago(PersonFactory(owner=personas.unit_a), days=100)
    active = PersonFactory(owner=personas.unit_a)
    archived_long_ago(suad)

    dry = retention.apply_retention(dry_run=True)

    assert (dry.due, dry.anonymised) == (1, [suad.pk])
    suad.refresh_from_db()
    assert suad.anonymised_at is None

    counts = apply_retention_task.enqueue().return_value

    assert counts == {"due": 1, "held": 0, "anonymised": 1}
    suad.refresh_from_db()
    assert suad.anonymised_at is not None
    event = AuditEvent.objects.get(action=AuditEvent.Action.ANONYMISE)
    assert event.actor is None and event.note == retention.REASON
    for other in (recent, active):
        other.refresh_from_db()
        assert other.anonymised_at is None
    # A shorter period catches the recent one; the command says what it did.
    settings.RETENTION_DAYS = 30
    call_command("apply-retention", "--dry-run")
    recent.refresh_from_db()
    assert recent.anonymised_at is None
    call_command("apply-retention")
    recent.refresh_from_db()
    assert recent.anonymised_at is not None


# ---- Erasure on request: the page and the API ------------------------------------------------


def test_the_page_asks_for_a_reason_and_confirmation_then_anonymises(client, suad, personas):
    url = f"/en/people/{suad.pk}/anonymise/"
    client.force_login(personas.counsellor_a)
    assert client.get(url).status_code == 403
    assert "anonymise" not in client.get(f"/en/people/{suad.pk}/").content.decode()
    client.force_login(personas.admin_a)
    assert f'href="{url}"' in client.get(f"/en/people/{suad.pk}/").content.decode()

    asked = client.get(url)

    assert asked.status_code == 200
    assert "This cannot be undone." in asked.content.decode()
    token = asked.context["token"]
    no_reason = client.post(url, {"confirm": token, "reason": ""})
    assert no_reason.status_code == 400
    unconfirmed = client.post(url, {"reason": "Asked in writing"})
    assert unconfirmed.status_code == 409
    suad.refresh_from_db()
    assert suad.anonymised_at is None

    done = client.post(url, {"confirm": token, "reason": "Asked in writing"})

    assert done.status_code == 302
    suad.refresh_from_db()
    assert suad.anonymised_at is not None and suad.given_name_en == services.ANONYMOUS_NAME_EN


def test_the_api_anonymises_for_administrators_only(client, suad, personas):
    def post(user, body):
        return client.post(
            f"/api/v1/persons/{suad.pk}/anonymise",
            body,
            content_type="application/json",
            headers={"Authorization": f"Bearer {create_token(user=user)}"},
        )

    assert post(personas.counsellor_a, {"reason": "asked"}).status_code == 403
    admin = personas.admin_a
    assert (
        "anonymise"
        in client.get(
            f"/api/v1/persons/{suad.pk}",
            headers={"Authorization": f"Bearer {create_token(user=admin)}"},
        ).json()["actions"]
    )

    response = post(admin, {"reason": "asked"})

    assert response.status_code == 200
    body = response.json()
    assert body["given_name_en"] == services.ANONYMOUS_NAME_EN and body["phone"] == ""
    assert body["anonymised_at"] is not None and body["identifiers"] == []
    assert post(admin, {"reason": "again"}).status_code == 409
