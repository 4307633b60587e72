"""The work permits panels of the home page: each role's work, within the user's scope only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from taawon.core.testing import PASSWORD

from .factories import application, issued, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """URLs and names are read in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


def home(client, user) -> str:
    assert client.login(username=user.username, password=PASSWORD)
    with translation.override("en"):
        return client.get(reverse("home")).content.decode()


def ending_soon(personas, *, person, cooperative):
    today = timezone.localdate()
    return issued(
        by=personas.counsellor_a if person.owner == personas.unit_a else personas.counsellor_b,
        decided_by=personas.ministry_officer,
        person=person,
        cooperative=cooperative,
        issued_on=today - datetime.timedelta(days=300),
        expires_on=today + datetime.timedelta(days=10),
    )


def test_a_counsellor_sees_the_permits_of_their_unit_ending_soon(client, personas, world):
    mine = ending_soon(personas, person=world.khaled, cooperative=world.coop_a)
    theirs = ending_soon(personas, person=world.mariam, cooperative=world.coop_b)
    html = home(client, personas.counsellor_a)
    assert "Permits expiring within 30 days" in html
    assert mine.get_absolute_url() in html
    assert theirs.get_absolute_url() not in html
    assert "Permits expiring within" not in home(client, personas.ministry_officer)


def test_the_ministry_sees_the_applications_waiting_oldest_first(client, personas, world):
    older = submitted(by=personas.counsellor_a, person=world.khaled, cooperative=world.coop_a)
    newer = submitted(by=personas.counsellor_b, person=world.mariam, cooperative=world.coop_b)
    type(older).objects.filter(pk=older.pk).update(
        submitted_on=timezone.localdate() - datetime.timedelta(days=45)
    )
    html = home(client, personas.ministry_officer)
    assert "Applications waiting for a decision" in html
    assert html.index(older.get_absolute_url()) < html.index(newer.get_absolute_url())
    assert "1 application has waited more than 30 days." in html
    assert '<span class="badge text-bg-primary">2</span>' in html
    assert "Applications waiting for a decision" not in home(client, personas.counsellor_a)


def test_the_ministry_never_sees_a_draft_waiting(client, personas, world):
    draft = application(by=personas.counsellor_a, person=world.khaled, cooperative=world.coop_a)
    html = home(client, personas.ministry_officer)
    assert draft.get_absolute_url() not in html
    assert "No application is waiting for a decision." in html


def test_the_country_office_sees_the_permits_issued_by_cooperative(client, personas, world):
    today = timezone.localdate()
    issued(
        by=personas.counsellor_a,
        decided_by=personas.ministry_officer,
        person=world.khaled,
        cooperative=world.coop_a,
        issued_on=today,
        expires_on=today + datetime.timedelta(days=365),
    )
    html = home(client, personas.officer)
    assert "Work permits issued in the country" in html
    # Escaped as the page writes it: the factory's names cycle, and one holds an apostrophe.
    assert escape(world.coop_a.name_en) in html
    assert escape(world.coop_b.name_en) not in html  # nothing issued there this year
    assert "Work permits issued in the country" not in home(client, personas.counsellor_a)
