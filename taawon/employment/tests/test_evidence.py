"""Why nothing fits, said: the open vacancies each hard constraint left out for a job seeker,
and the positions each campaign floor left empty, on the pages and in the API; and the
referrals panels that follow a Refer made with htmx."""

import pytest
from django.utils import translation

from .. import matching
from ..campaigns.services import propose_allocation
from ..placements.services import refer_job_seeker
from ..seekers.models import JobSeeker
from .test_api import Api
from .test_campaigns import draft
from .test_campaigns import season as season
from .test_matching import case as case
from .test_matching import seeker, vacancy


def counts(found) -> dict[str, int]:
    return {e.code: e.count for e in found.excluded}


def test_it_counts_the_open_vacancies_each_constraint_left_out(personas, case):
    s, v = case
    found = matching.recommend_vacancies(personas.counsellor_a, s)
    # Six open vacancies of unit A; unit B's is out of reach and not counted.
    assert found.open_vacancies == 6
    assert counts(found) == {"conditions": 1, "distance": 1}
    assert len(found.matches) == 4


def test_when_nothing_fits_the_page_and_the_api_say_why(personas, case, client):
    s, v = case
    JobSeeker.objects.filter(pk=s.pk).update(max_travel_km=1)
    s.refresh_from_db()
    refer_job_seeker(job_seeker=s, vacancy=v["best"], referred_by=personas.counsellor_a)

    found = matching.recommend_vacancies(personas.counsellor_a, s)
    assert found.matches == []
    # Each vacancy once, under the first constraint it breaks: referred, then conditions.
    assert counts(found) == {"referred": 1, "conditions": 1, "distance": 4}
    with translation.override("en"):
        assert found.excluded_summary == (
            "6 open vacancies: 1 already referred to, 1 without a condition this person needs "
            "(transport, childcare...), 4 too far (beyond the 1 km this person can travel)"
        )

    client.force_login(personas.counsellor_a)
    page = client.get(f"/en/employment/job-seekers/{s.pk}/").content.decode()
    assert "No open vacancy fits yet." in page
    assert "4 too far (beyond the 1 km this person can travel)" in page

    body = (
        Api(client, personas.counsellor_a).get(f"/job-seekers/{s.pk}/recommended-vacancies").json()
    )
    assert body["open_vacancies"] == 6
    assert {e["code"]: e["count"] for e in body["excluded"]} == {
        "referred": 1,
        "conditions": 1,
        "distance": 4,
    }
    assert "4 too far" in body["excluded_summary"]


def test_a_floor_that_leaves_positions_empty_says_how_many(personas, season, client):
    jobs, _men, _women = season
    # Two women for three positions: at 95% women in each vacancy only they can go.
    campaign = draft(personas, jobs, women_share=95)
    propose_allocation(campaign=campaign, run_by=personas.counsellor_a)
    campaign.refresh_from_db()

    assert campaign.assignments.count() == 2
    assert {r["floor_left_empty"] for r in campaign.floor_report} == {1}
    assert sum(r["left_empty"] for r in campaign.floor_report) >= 1
    expected = (
        "At least 95% women in each vacancy: left 1 of the 3 positions empty (33%) that could "
        "be filled without it."
    )
    client.force_login(personas.counsellor_a)
    page = client.get(f"/en/employment/campaigns/{campaign.pk}/").content.decode()
    assert expected in page
    assert "position left empty because of this floor." in page

    body = Api(client, personas.counsellor_a).get(f"/campaigns/{campaign.pk}").json()
    (effect,) = body["floors_left_empty"]
    assert (effect["group"], effect["scope"], effect["left_empty"]) == ("women", "vacancy", 1)
    assert effect["text"] == expected


def test_a_floor_that_costs_nothing_says_so(personas, season, client):
    jobs, _men, _women = season
    campaign = draft(personas, jobs, refugee_share=20)
    propose_allocation(campaign=campaign, run_by=personas.counsellor_a)
    campaign.refresh_from_db()
    assert campaign.assignments.count() == 3
    (effect,) = matching.floor_effects(campaign.floor_report, campaign.positions)
    assert effect["left_empty"] == 0
    assert effect["text"].endswith("left no position empty.")


# ---- Panels that follow an htmx action -----------------------------------------------------


@pytest.fixture
def pair(personas):
    a, ca = personas.unit_a, personas.counsellor_a
    return seeker(a, ca), vacancy(a, ca, title="Olive pickers")


def refer(client, s, v, back):
    return client.post(
        "/en/employment/refer/",
        {"job_seeker": s.pk, "vacancy": v.pk, "back": back},
        HTTP_HX_REQUEST="true",
    ).content.decode()


def test_refer_on_the_job_seeker_page_updates_its_referrals_panel(client, personas, pair):
    s, v = pair
    client.force_login(personas.counsellor_a)
    page = client.get(f"/en/employment/job-seekers/{s.pk}/").content.decode()
    assert 'id="seeker-referrals"' in page and "Not referred yet." in page
    assert "hx-swap-oob" not in page

    answer = refer(client, s, v, "seeker")
    assert "Referred" in answer
    assert 'id="seeker-referrals" aria-live="polite" hx-swap-oob="true"' in answer
    assert "Olive pickers" in answer and "Not referred yet." not in answer

    again = refer(client, s, v, "seeker")  # refused: the panel has not changed
    assert "already referred" in again and "hx-swap-oob" not in again


def test_refer_on_the_vacancy_page_updates_its_referrals_table(client, personas, pair):
    s, v = pair
    client.force_login(personas.counsellor_a)
    page = client.get(f"/en/employment/vacancies/{v.pk}/").content.decode()
    assert 'id="vacancy-referrals"' in page and "No one was referred yet." in page

    answer = refer(client, s, v, "vacancy")
    assert 'id="vacancy-referrals" aria-live="polite" hx-swap-oob="true"' in answer
    assert s.get_absolute_url() in answer
    assert "No one was referred yet." not in answer
