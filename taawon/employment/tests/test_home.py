"""The employment panels of the home page: each role's work, within the user's scope only."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from taawon.accounts.models import Membership, Organisation
from taawon.core.testing import PASSWORD

from ..seekers.models import JobSeeker
from .factories import TODAY, JobSeekerFactory, PersonFactory, PlacementFactory, ReferralFactory

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


def placed(unit, counsellor):
    referral = ReferralFactory(job_seeker=unit.seeker, vacancy=unit.vacancy, referred_by=counsellor)
    return PlacementFactory(referral=referral, placed_by=counsellor)


def figure(html: str, label: str) -> list[str]:
    row = re.search(rf"<th scope=\"row\">{label}</th>(.*?)</tr>", html, re.S)
    assert row, label
    return re.findall(r'<td class="num">(?:<bdi dir="ltr">)?([^<]+)', row.group(1))


def test_a_counsellor_sees_the_follow_ups_due_of_their_unit_only(client, personas, unit_a, unit_b):
    mine = placed(unit_a, personas.counsellor_a)
    theirs = placed(unit_b, personas.counsellor_b)
    html = home(client, personas.counsellor_a)
    assert "Follow-ups due" in html
    assert mine.get_absolute_url() in html
    assert theirs.get_absolute_url() not in html
    assert reverse("employment:placement_list") + "?due=1" in html


def test_a_counsellor_sees_their_job_seekers_waiting_for_a_referral(
    client, personas, unit_a, unit_b
):
    html = home(client, personas.counsellor_a)
    assert "Job seekers waiting for a referral" in html
    assert unit_a.seeker.get_absolute_url() in html
    assert unit_b.seeker.get_absolute_url() not in html
    ReferralFactory(
        job_seeker=unit_a.seeker, vacancy=unit_a.vacancy, referred_by=personas.counsellor_a
    )
    assert unit_a.seeker.get_absolute_url() not in home(client, personas.counsellor_a)


def test_the_oldest_registered_job_seeker_waits_first(client, personas, unit_a):
    newer = unit_a.seeker
    older = JobSeekerFactory(
        person=PersonFactory(owner=personas.unit_a), registered_by=personas.counsellor_a
    )
    JobSeeker.objects.filter(pk=older.pk).update(registered_on=TODAY)
    html = home(client, personas.counsellor_a)
    assert html.index(older.get_absolute_url()) < html.index(newer.get_absolute_url())


def test_a_unit_manager_sees_this_month_against_the_last(client, personas, unit_a, unit_b):
    manager = personas.viewer_a
    Membership.objects.create(user=manager, organisation=personas.coop_a, role="manager")
    html = home(client, manager)
    assert "This month in your units" in html
    # Unit A's job seeker registered today; unit B's is not the manager's.
    assert figure(html, "Registrations") == ["1", "0", "+1"]
    assert "Follow-ups due" not in html
    assert "This month in your units" not in home(client, personas.counsellor_a)


def test_the_country_office_sees_its_country_unit_by_unit(client, personas, unit_a, unit_b):
    lebanon = Organisation.objects.create(name_en="Coop LB", kind="cooperative", country="LB")
    Organisation.objects.create(
        name_en="Unit LB", kind="employment_unit", country="LB", parent=lebanon
    )
    html = home(client, personas.officer)
    assert "The country's employment units" in html
    assert figure(html, "<bdi>Unit A</bdi>") == ["1", "0"]
    assert figure(html, "<bdi>Unit B</bdi>") == ["1", "0"]
    assert "Unit LB" not in html
    assert "The country's employment units" not in home(client, personas.counsellor_a)


def test_the_aggregate_viewer_sees_indicators_with_small_cells_hidden(client, personas, unit_a):
    html = home(client, personas.aggregate)
    assert 'id="panel-indicators"' in html
    assert figure(html, "Registered job seekers") == ["&lt;5", "—", "—"]
    assert unit_a.seeker.get_absolute_url() not in html
    for language in ("en", "ar"):
        with translation.override(language):
            assert unit_a.person.display_name not in html
    with translation.override("en"):
        page = client.get(reverse("employment:unit_indicators"))
    assert page.status_code == 200
    assert figure(page.content.decode(), "Registered job seekers")[0] == "&lt;5"
    assert reverse("employment:job_seeker_list") not in page.content.decode()


def test_staff_see_the_indicators_unsuppressed(client, personas, unit_a):
    assert client.login(username="counsellor_a", password=PASSWORD)
    with translation.override("en"):
        page = client.get(reverse("employment:unit_indicators")).content.decode()
    assert figure(page, "Registered job seekers")[0] == "1"
    # The donor's indicators panel is not on staff's home (the menu names the page).
    assert 'id="panel-indicators"' not in home(client, personas.counsellor_a)
