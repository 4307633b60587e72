"""Several participants added to an awareness session at once: ticked in a search, or pasted
as identifiers or phone numbers; those not found or out of reach are listed back and nothing
is written for them; the list is added in one service call after a confirmation."""

import re

import pytest

from taawon.core.exceptions import ValidationFailed
from taawon.core.models import AuditEvent
from taawon.people.models import Person
from taawon.people.tests.factories import PersonFactory

from ..awareness import services
from ..awareness.queries import resolve_participant_list
from .factories import AwarenessSessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(personas):
    return AwarenessSessionFactory(
        owner=personas.unit_a, recorded_by=personas.counsellor_a, participants=[]
    )


@pytest.fixture
def people(personas):
    """Two persons of unit A (one known by national ID, one by phone) and one of unit B."""
    by_id = PersonFactory(owner=personas.unit_a, identifiers={"national_id": "9901234567"})
    by_phone = PersonFactory(owner=personas.unit_a, phone="+962791234501")
    elsewhere = PersonFactory(
        owner=personas.unit_b, identifiers={"unhcr_case": "945-12C01234"}, phone="+962791234599"
    )
    return by_id, by_phone, elsewhere


def url(session, suffix="participants/add/") -> str:
    return f"/en/employment/awareness/{session.pk}/{suffix}"


def test_a_pasted_list_is_read_by_identifier_and_phone_in_any_form(personas, people):
    by_id, by_phone, _elsewhere = people
    text = "990-123-4567\n٠٧٩١٢٣٤٥٠١ , 0790000000;945-12C01234\n\n123"

    found = resolve_participant_list(personas.counsellor_a, text, region="JO")

    assert found.found == [by_id, by_phone]
    # Unit B's person is out of reach: not found, like someone who does not exist.
    assert found.not_found == ["0790000000", "945-12C01234", "123"]
    assert found.bad == []


def test_the_paste_is_confirmed_then_added_in_one_call_and_the_rest_listed_back(
    client, personas, session, people
):
    by_id, by_phone, _elsewhere = people
    client.force_login(personas.counsellor_a)
    paste = "9901234567\n+962 79 123 4501\n0790000000, 123"
    events = AuditEvent.objects.count()

    asked = client.post(url(session), {"paste": paste})

    assert asked.status_code == 200
    page = asked.content.decode()
    assert "2 registered persons will be added to this session:" in page
    assert "0790000000" in page and "123" in page
    assert session.participants.count() == 0 and AuditEvent.objects.count() == events
    token = asked.context["token"]
    done = client.post(url(session), {"paste": paste, "confirm": token}, follow=True)
    assert set(session.participants.all()) == {by_id, by_phone}
    # One service call: one change recorded on the session.
    assert AuditEvent.objects.count() == events + 1
    page = done.content.decode()
    assert "2 participants were added." in page
    assert "Not added: 0790000000, 123" in page


def test_the_entries_not_found_are_listed_with_the_arabic_comma_on_arabic_pages(
    client, personas, session, people
):
    client.force_login(personas.counsellor_a)

    asked = client.post(
        url(session).replace("/en/", "/ar/"), {"paste": "9901234567\n0790000000\n123"}
    )

    listed = re.search(r'id="participants-not-found">(.*?)</p>', asked.content.decode(), re.S)
    assert listed, "the entries not found are listed"
    assert '0790000000</bdi>، <bdi dir="ltr">123' in listed.group(1)


def test_bad_entries_get_a_message_on_the_field_and_nothing_is_written(
    client, personas, session, people
):
    client.force_login(personas.counsellor_a)
    response = client.post(url(session), {"paste": "9901234567\n<script>\n!!!"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Neither an identifier nor a phone number: &lt;script&gt;, !!!" in page
    assert session.participants.count() == 0


def test_a_list_changed_since_it_was_shown_asks_again(client, personas, session, people):
    by_id, by_phone, _elsewhere = people
    client.force_login(personas.counsellor_a)
    paste = "9901234567, 0791234501"
    token = client.post(url(session), {"paste": paste}).context["token"]
    Person.objects.filter(pk=by_phone.pk).update(status=Person.Status.ARCHIVED)

    again = client.post(url(session), {"paste": paste, "confirm": token})

    assert again.status_code == 409
    assert "1 registered person will be added" in again.content.decode()
    assert session.participants.count() == 0


def test_persons_ticked_in_the_search_are_added_at_once_and_others_never(
    client, personas, session, people
):
    by_id, by_phone, elsewhere = people
    client.force_login(personas.counsellor_a)
    found = client.get(url(session, ""), {"q": by_phone.given_name_en}).content.decode()
    assert f'name="person" value="{by_phone.pk}"' in found

    client.post(url(session), {"person": [by_id.pk, by_phone.pk, elsewhere.pk]})

    assert set(session.participants.all()) == {by_id, by_phone}
    client.force_login(personas.counsellor_b)
    assert client.post(url(session), {"person": [by_id.pk]}).status_code == 404


def test_the_service_adds_all_or_none(personas, session, people):
    by_id, by_phone, _elsewhere = people
    Person.objects.filter(pk=by_phone.pk).update(status=Person.Status.ARCHIVED)
    by_phone.refresh_from_db()
    with pytest.raises(ValidationFailed):
        services.add_awareness_participants(
            session=session, people=[by_id, by_phone], added_by=personas.counsellor_a
        )
    assert session.participants.count() == 0
    added = services.add_awareness_participants(
        session=session, people=[by_id, by_id], added_by=personas.counsellor_a
    )
    assert added == [by_id] and list(session.participants.all()) == [by_id]
