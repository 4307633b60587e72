"""A participant represents a funded venture of the grants app (an award), chosen among the
ventures the user reads; the award's page and API list the training of its people, as far as
the reader reads the events."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from taawon.accounts.services import create_token
from taawon.core.exceptions import ValidationFailed
from taawon.core.testing import PASSWORD
from taawon.grants.tests import factories as g
from taawon.training import queries, services
from taawon.training.forms import ParticipantForm
from taawon.training.models import Participant

from .factories import event, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def ventures(personas):
    """Cooperative A's funded venture and cooperative B's (both of the country office's call)."""
    rev = g.reviewer("rev1")
    call = g.open_call(personas, reviewers=(rev,))
    funded = []
    for owner, name, by in (
        (personas.coop_a, "Olive press", personas.admin_a),
        (personas.coop_b, "Dairy of B", personas.officer),
    ):
        app = g.ready(call, owner, name=name, by=by, officer=personas.officer, reviewers=(rev,))
        funded.append(g.award(app, personas.officer))
    ours, theirs = funded
    return ours, theirs


def _client(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_the_form_offers_only_the_ventures_the_user_reads(personas, ventures):
    ours, theirs = ventures
    form = ParticipantForm(user=personas.admin_a)
    assert list(form.fields["venture"].queryset) == [ours]
    choices = [label for _value, label in form.fields["venture"].choices]
    assert "Olive press" in choices and "Dairy of B" not in choices
    bad = ParticipantForm(
        {"person": person(personas.unit_a).pk, "venture": theirs.pk, "role": "member"},
        user=personas.admin_a,
    )
    assert not bad.is_valid() and "venture" in bad.errors


def test_the_page_links_a_readable_venture_and_refuses_another_by_field(personas, ventures):
    ours, theirs = ventures
    e = event(personas.unit_a)
    client = _client(personas.admin_a)
    url = reverse("training:participant_add", args=[e.pk])
    who = person(personas.unit_a)
    refused = client.post(url, {"person": who.pk, "venture": theirs.pk, "role": "member"})
    assert refused.status_code == 200 and "venture" in refused.context["form"].errors
    assert not Participant.objects.filter(event=e).exists()
    added = client.post(url, {"person": who.pk, "venture": ours.pk, "role": "manager"})
    assert added.status_code == 302
    assert Participant.objects.get(event=e, person=who).venture == ours
    assert "Olive press" in client.get(e.get_absolute_url()).content.decode()


def test_the_service_refuses_a_venture_the_user_does_not_read(personas, ventures):
    _ours, theirs = ventures
    e = event(personas.unit_a)
    with pytest.raises(ValidationFailed) as refused:
        services.add_participant(
            event=e, person=person(personas.unit_a), venture=theirs, by=personas.admin_a
        )
    assert "venture" in refused.value.field_errors
    assert not Participant.objects.filter(event=e).exists()


def test_the_api_takes_a_readable_venture_and_refuses_another_by_field(client, personas, ventures):
    ours, theirs = ventures
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=personas.admin_a, name='t')}"}
    e = event(personas.unit_a)
    url = f"/api/v1/training/events/{e.pk}/participants"
    who = person(personas.unit_a)
    bad = client.post(
        url, {"person_id": who.pk, "venture_id": theirs.pk}, content_type="application/json", **auth
    )
    assert bad.status_code == 400 and "venture_id" in bad.json()["errors"]
    assert not Participant.objects.filter(event=e).exists()
    good = client.post(
        url, {"person_id": who.pk, "venture_id": ours.pk}, content_type="application/json", **auth
    )
    assert good.status_code == 201 and good.json()["venture_id"] == ours.pk


def test_the_export_names_a_venture_only_to_its_readers(personas, ventures):
    _ours, theirs = ventures
    # The system (by=None) links any venture; cooperative A's staff read the event, not B's award.
    e = event(personas.unit_a)
    services.add_participant(event=e, person=person(personas.unit_a), venture=theirs, by=None)
    assert [p.venture_label for p in queries.participant_list(personas.admin_a)] == [""]
    assert [p.venture_label for p in queries.participant_list(personas.officer)] == ["Dairy of B"]


def test_the_award_lists_the_training_its_reader_reads(personas, ventures):
    ours, _theirs = ventures
    seen = event(personas.unit_a, title="My.Coop for the olive press")
    done = services.add_participant(
        event=seen, person=person(personas.unit_a), venture=ours, by=personas.admin_a
    )
    Participant.objects.filter(pk=done.pk).update(completed=True)
    hidden = event(personas.unit_b, title="Unit B course")
    services.add_participant(event=hidden, person=person(personas.unit_b), venture=ours, by=None)

    page = _client(personas.admin_a).get(ours.get_absolute_url()).content.decode()
    assert "My.Coop for the olive press" in page and "Unit B course" not in page
    token = create_token(user=personas.admin_a, name="t")
    rows = (
        Client()
        .get(f"/api/v1/grants/awards/{ours.pk}/training", HTTP_AUTHORIZATION=f"Bearer {token}")
        .json()["items"]
    )
    assert [(r["event"], r["completed"], r["certified"]) for r in rows] == [
        ("My.Coop for the olive press", True, False)
    ]
    office = create_token(user=personas.officer, name="t")
    everything = Client().get(
        f"/api/v1/grants/awards/{ours.pk}/training", HTTP_AUTHORIZATION=f"Bearer {office}"
    )
    assert {r["event"] for r in everything.json()["items"]} == {
        "My.Coop for the olive press",
        "Unit B course",
    }
    theirs_training = Client().get(
        f"/api/v1/grants/awards/{_theirs.pk}/training", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert theirs_training.status_code == 404
