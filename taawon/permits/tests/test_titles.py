"""Permits in preparation are titled by their holder and kind; the hint to start an
application shows only to those who may; their history leaves out empty changes."""

import pytest
from django.urls import reverse
from django.utils import translation

from taawon.core.testing import PASSWORD

from .factories import application, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """URLs and names are read in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


NOTHING_CHANGED = "<td><bdi>—</bdi></td><td><bdi>—</bdi></td>"


def page(client, user, url: str) -> str:
    assert client.login(username=user.username, password=PASSWORD)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_an_application_is_titled_by_its_holder_and_kind(client, personas, world):
    permit = application(by=personas.counsellor_a, person=world.khaled, cooperative=world.coop_a)
    with translation.override("en"):
        html = page(client, personas.counsellor_a, permit.get_absolute_url())
        listing = page(client, personas.counsellor_a, reverse("permits:permit_list"))
        title = f"Work permit application — {world.khaled.display_name}"
    assert f'<h1 class="h3 mb-1">{title}</h1>' in html
    assert f"<title>{title} ·" in html
    assert f"Application {permit.pk}" not in html
    assert title in listing


def test_an_employer_specific_application_says_so(client, personas, world):
    permit = submitted(
        by=personas.counsellor_a,
        person=world.khaled,
        cooperative=world.coop_a,
        kind="employer",
        employer_name="Al-Salam Farms",
    )
    with translation.override("en"):
        html = page(client, personas.ministry_officer, permit.get_absolute_url())
        name = world.khaled.display_name
    assert f"Employer-specific work permit application — {name}" in html


@pytest.mark.parametrize(
    ("name", "shown"),
    [("counsellor_a", True), ("ministry_officer", False), ("viewer_a", False)],
)
def test_the_hint_to_apply_shows_only_to_who_may_apply(client, personas, name, shown):
    with translation.override("en"):
        html = page(client, getattr(personas, name), reverse("permits:permit_list"))
    assert ("Start an application from the person" in html) is shown


def test_a_permits_history_shows_no_empty_change(client, personas, world):
    permit = application(by=personas.counsellor_a, person=world.khaled, cooperative=world.coop_a)
    assert client.login(username="counsellor_a", password=PASSWORD)
    with translation.override("en"):
        html = client.get(permit.get_absolute_url()).content.decode()
    assert "Agriculture" in html  # the history shows what was set
    assert NOTHING_CHANGED not in html
