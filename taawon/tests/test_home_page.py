"""The home page's queries are pinned for each persona: a panel listing more rows costs no
more queries (each reads its rows, with what they show, at once)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from taawon.core.testing import PASSWORD
from taawon.employment.tests.conftest import build_unit
from taawon.employment.tests.factories import PlacementFactory, ReferralFactory
from taawon.indicators import summary

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """URLs and names are read in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


# persona -> the home page's queries, whatever the number of rows its panels list
# Each count includes the one query the sign-in middlewares make per request.
QUERIES = {
    "admin": 5,
    # Staff who handle complaints: one query more, whether they are a focal point.
    "officer": 10,
    "ministry_officer": 7,
    "counsellor_a": 11,
    # The donor's panel counts its four indicators through the indicator engine: a total and a
    # sex by nationality table each, whatever the number of records; from the summary tables
    # (indicators/summary.py), each also asks whether changes wait and which are built.
    "aggregate": 31,
    "outsider": 4,
}


def work(personas, rows: int) -> None:
    for _ in range(rows):
        unit = build_unit(personas.unit_a, personas.counsellor_a)
        referral = ReferralFactory(
            job_seeker=unit.seeker, vacancy=unit.vacancy, referred_by=personas.counsellor_a
        )
        PlacementFactory(referral=referral, placed_by=personas.counsellor_a)
        build_unit(personas.unit_a, personas.counsellor_a)


def queries_of_home(client, user) -> int:
    assert client.login(username=user.username, password=PASSWORD)
    # The records written since the last figure are folded into the indicators' summary by
    # whoever reads one first: a cost of those writes (a statement or two a table touched),
    # not of the page, whose own queries are what is pinned here.
    summary.catch_up()
    with translation.override("en"), CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("home")).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_the_home_page_costs_a_fixed_number_of_queries(client, personas, name):
    user = getattr(personas, name)
    work(personas, 1)
    few = queries_of_home(client, user)
    work(personas, 3)
    assert queries_of_home(client, user) == few == QUERIES[name]
