"""Who reads what: a cooperative its own applications, a reviewer only what they review, the
country office the whole country; on the pages and the API alike (404 out of reach)."""

from __future__ import annotations

import pytest
from django.test import Client

from taawon.core.testing import PASSWORD

from .. import queries
from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas):
    rev = f.reviewer("rev1")
    call = f.open_call(personas, reviewers=(rev,))
    mine = f.application(call, personas.coop_a, name="Ours", by=personas.admin_a)
    theirs = f.application(call, personas.coop_b, name="Theirs", by=personas.officer)
    other_call = f.open_call(personas)
    unreviewed = f.application(other_call, personas.coop_b, name="Elsewhere", by=personas.officer)
    return rev, call, mine, theirs, unreviewed


def _client(user) -> Client:
    client = Client()
    assert client.login(
        username=user.username, password=PASSWORD if user.username != "rev1" else "x"
    )
    return client


def test_a_cooperative_reads_its_own_applications_only(personas, world):
    _rev, _call, mine, theirs, unreviewed = world
    seen = set(queries.applications_for(personas.admin_a))
    assert seen == {mine}
    client = _client(personas.admin_a)
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/grants/applications/{theirs.pk}").status_code == 404
    listed = client.get("/api/v1/grants/applications").json()["items"]
    assert [row["name"] for row in listed] == ["Ours"]


def test_a_reviewer_reads_only_the_applications_they_review(personas, world):
    rev, call, mine, theirs, unreviewed = world
    assert set(queries.applications_for(rev)) == {mine, theirs}
    client = _client(rev)
    assert client.get(theirs.get_absolute_url()).status_code == 200
    assert client.get(unreviewed.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/grants/applications/{unreviewed.pk}").status_code == 404


def test_the_country_office_reads_every_application_of_the_country(personas, world):
    _rev, _call, mine, theirs, unreviewed = world
    assert set(queries.applications_for(personas.officer)) == {mine, theirs, unreviewed}


def test_people_without_grants_read_nothing(personas, world):
    _rev, call, mine, _t, _u = world
    for user in (personas.aggregate, personas.outsider, personas.ministry_officer):
        assert not queries.applications_for(user).exists()
        client = _client(user)
        assert client.get("/en/grants/").status_code == 404
        assert client.get(mine.get_absolute_url()).status_code == 404


def test_a_reviewer_cannot_award_and_a_cooperative_cannot_screen(personas, world):
    rev, call, mine, _t, _u = world
    assert _client(rev).post(f"/en/grants/applications/{mine.pk}/award/", {}).status_code == 403
    assert (
        _client(personas.admin_a).get(f"/en/grants/applications/{mine.pk}/screen/").status_code
        == 403
    )
