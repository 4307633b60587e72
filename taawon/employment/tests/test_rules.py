"""The employment rules checked from both ends: for each record's state and each persona, the
actions the API lists (and the page shows as buttons) are exactly those that succeed when
tried. Reach is the unit's: its staff, its cooperative's and the country office's change its
records; a viewer reads them; anyone else does not find them."""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from django.urls import reverse

from .. import rules
from ..awareness.models import AwarenessSession
from ..campaigns.models import Campaign
from ..campaigns.services import apply_campaign, draft_campaign, propose_allocation
from ..placements.models import Placement, Referral
from ..placements.services import record_follow_up, set_referral_status
from ..vacancies.models import Vacancy
from ..vacancies.services import close_vacancy
from .conftest import build_unit
from .factories import (
    AwarenessSessionFactory,
    JobSeekerFactory,
    PersonFactory,
    PlacementFactory,
    ReferralFactory,
    VacancyFactory,
)
from .test_api import Api

CHANGERS = ("admin", "officer", "admin_a", "counsellor_a", "clerk_a")
READERS_ONLY = ("viewer_a",)
OUT_OF_REACH = ("counsellor_b", "outsider", "aggregate", "ministry_officer")
PERSONAS = (*CHANGERS, *READERS_ONLY, *OUT_OF_REACH)
START = datetime.date(2020, 9, 1)


def tried(call) -> int:
    """The status `call()` answers, with whatever it wrote rolled back."""
    with transaction.atomic():
        status = call().status_code
        transaction.set_rollback(True)
    return status


def check_table(client, personas, path: str, want: list[str], names: tuple, attempts) -> None:
    """For each persona: the record at `path` lists `want` (changers), nothing (readers) or is
    not found; each action of `names` succeeds exactly when listed."""
    for name in PERSONAS:
        api = Api(client, getattr(personas, name))
        response = api.get(path)
        if name in OUT_OF_REACH:
            assert response.status_code == 404, (path, name)
            listed = []
        else:
            listed = response.json()["actions"]
            assert listed == (want if name in CHANGERS else []), (path, name)
        for action in names:
            status = tried(lambda a=action, api=api: attempts[a](api))
            if action in listed:
                assert status in (200, 201), (path, name, action, status)
            else:
                # Refused for who they are (403, 404) or for the state (400, 409).
                assert status in (400, 403, 404, 409), (path, name, action, status)


@pytest.fixture
def unit(personas):
    return build_unit(personas.unit_a, personas.counsellor_a)


def spare_seeker(personas):
    person = PersonFactory(owner=personas.unit_a)
    return JobSeekerFactory(person=person, registered_by=personas.counsellor_a)


# ---- Vacancies ------------------------------------------------------------------------------

VACANCY_TABLE = {
    "open": ["change", "close", "refer"],
    "filled": ["change", "close"],
    "closed": ["change", "reopen"],
}


def make_vacancy(state: str, personas, unit) -> Vacancy:
    ca = personas.counsellor_a
    if state == "filled":
        vacancy = VacancyFactory(employer=unit.employer, positions=1, posted_by=ca)
        referral = ReferralFactory(job_seeker=unit.seeker, vacancy=vacancy, referred_by=ca)
        PlacementFactory(referral=referral, placed_by=ca)
        vacancy.refresh_from_db()
        return vacancy
    if state == "closed":
        close_vacancy(vacancy=unit.vacancy, closed_by=ca)
    unit.vacancy.refresh_from_db()
    return unit.vacancy


@pytest.mark.parametrize("state", list(VACANCY_TABLE))
def test_the_api_lists_exactly_the_vacancy_actions_that_succeed(client, personas, unit, state):
    vacancy = make_vacancy(state, personas, unit)
    assert vacancy.status == state
    seeker = spare_seeker(personas)
    attempts = {
        "change": lambda api: api.patch(f"/vacancies/{vacancy.pk}", {"title": "Pickers"}),
        "close": lambda api: api.post(f"/vacancies/{vacancy.pk}/close"),
        "reopen": lambda api: api.post(f"/vacancies/{vacancy.pk}/reopen"),
        "refer": lambda api: api.post(
            "/referrals", {"job_seeker": seeker.pk, "vacancy": vacancy.pk}
        ),
    }
    check_table(
        client,
        personas,
        f"/vacancies/{vacancy.pk}",
        VACANCY_TABLE[state],
        rules.VACANCY_ACTIONS,
        attempts,
    )


# ---- Referrals ------------------------------------------------------------------------------

REFERRAL_TABLE = {
    "referred": ["change_status", "place"],
    "interviewed": ["change_status", "place"],
    "rejected": ["change_status"],
    "did_not_attend": ["change_status"],
    "hired": [],
    "referred, vacancy closed": ["change_status"],
}


def make_referral(state: str, personas, unit) -> Referral:
    ca = personas.counsellor_a
    referral = ReferralFactory(job_seeker=unit.seeker, vacancy=unit.vacancy, referred_by=ca)
    status = state.split(",")[0]
    if status == "hired":
        PlacementFactory(referral=referral, placed_by=ca)
    elif status != "referred":
        set_referral_status(referral=referral, status=status, changed_by=ca)
    if state.endswith("closed"):
        close_vacancy(vacancy=unit.vacancy, closed_by=ca)
    referral.refresh_from_db()
    return referral


@pytest.mark.parametrize("state", list(REFERRAL_TABLE))
def test_the_api_lists_exactly_the_referral_actions_that_succeed(client, personas, unit, state):
    referral = make_referral(state, personas, unit)
    attempts = {
        "change_status": lambda api: api.patch(
            f"/referrals/{referral.pk}", {"status": "interviewed"}
        ),
        "place": lambda api: api.post(
            "/placements",
            {
                "referral": referral.pk,
                "start_date": str(START),
                "contract_type": "seasonal",
                "wage": "15",
                "wage_period": "daily",
            },
        ),
    }
    check_table(
        client,
        personas,
        f"/referrals/{referral.pk}",
        REFERRAL_TABLE[state],
        rules.REFERRAL_ACTIONS,
        attempts,
    )


# ---- Placements -----------------------------------------------------------------------------

PLACEMENT_TABLE = {0: ["change", "follow_up"], 1: ["change", "follow_up"], 2: ["change"]}


def make_placement(follow_ups: int, personas, unit) -> Placement:
    ca = personas.counsellor_a
    referral = ReferralFactory(job_seeker=unit.seeker, vacancy=unit.vacancy, referred_by=ca)
    placement = PlacementFactory(referral=referral, placed_by=ca)
    for checkpoint in (1, 3)[:follow_ups]:
        record_follow_up(
            placement=placement,
            checkpoint=checkpoint,
            date=START + datetime.timedelta(days=30 * checkpoint),
            still_employed=True,
            recorded_by=ca,
        )
    return placement


@pytest.mark.parametrize("follow_ups", list(PLACEMENT_TABLE))
def test_the_api_lists_exactly_the_placement_actions_that_succeed(
    client, personas, unit, follow_ups
):
    placement = make_placement(follow_ups, personas, unit)
    checkpoint = (1, 3, 3)[follow_ups]
    attempts = {
        "change": lambda api: api.patch(f"/placements/{placement.pk}", {"contract_type": "daily"}),
        "follow_up": lambda api: api.post(
            f"/placements/{placement.pk}/follow-ups",
            {"checkpoint": checkpoint, "date": "2021-01-05", "still_employed": True},
        ),
    }
    check_table(
        client,
        personas,
        f"/placements/{placement.pk}",
        PLACEMENT_TABLE[follow_ups],
        rules.PLACEMENT_ACTIONS,
        attempts,
    )


# ---- Campaigns ------------------------------------------------------------------------------

CAMPAIGN_TABLE = {
    "draft": ["change", "run"],
    "proposed": ["change", "run", "apply"],
    "running": [],
    "applied": [],
}


def make_campaign(state: str, personas, unit) -> Campaign:
    ca = personas.counsellor_a
    campaign = draft_campaign(
        owner=personas.unit_a, name="Harvest", vacancies=[unit.vacancy], drafted_by=ca
    )
    if state in ("proposed", "applied"):
        propose_allocation(campaign=campaign, run_by=ca)
    if state == "applied":
        apply_campaign(campaign=campaign, applied_by=ca)
    if state == "running":
        # What run_campaign leaves while the background task works on a big campaign.
        Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.RUNNING)
    campaign.refresh_from_db()
    return campaign


@pytest.mark.parametrize("state", list(CAMPAIGN_TABLE))
def test_the_api_lists_exactly_the_campaign_actions_that_succeed(client, personas, unit, state):
    campaign = make_campaign(state, personas, unit)
    assert campaign.status == state
    attempts = {
        "change": lambda api: api.patch(f"/campaigns/{campaign.pk}", {"name": "Olives"}),
        "run": lambda api: api.post(f"/campaigns/{campaign.pk}/run"),
        "apply": lambda api: api.post(f"/campaigns/{campaign.pk}/apply"),
    }
    check_table(
        client,
        personas,
        f"/campaigns/{campaign.pk}",
        CAMPAIGN_TABLE[state],
        rules.CAMPAIGN_ACTIONS,
        attempts,
    )


# ---- Awareness sessions ---------------------------------------------------------------------


def test_the_api_lists_exactly_the_awareness_actions_that_succeed(client, personas):
    session: AwarenessSession = AwarenessSessionFactory(
        owner=personas.unit_a, recorded_by=personas.counsellor_a
    )
    attempts = {
        "change": lambda api: api.patch(f"/awareness-sessions/{session.pk}", {"venue": "Hall"}),
    }
    check_table(
        client,
        personas,
        f"/awareness-sessions/{session.pk}",
        ["change"],
        rules.AWARENESS_ACTIONS,
        attempts,
    )


def test_the_lists_carry_the_same_actions_as_the_records(client, personas, unit):
    referral = make_referral("interviewed", personas, unit)
    api = Api(client, personas.counsellor_a)

    for path, pk in (("/vacancies", unit.vacancy.pk), ("/referrals", referral.pk)):
        listed = [item["actions"] for item in api.get(path).json()["items"] if item["id"] == pk]
        assert listed == [api.get(f"{path}/{pk}").json()["actions"]], path


# ---- Pages ----------------------------------------------------------------------------------

VACANCY_PAGES = {
    "change": ("vacancy_edit", None),
    "close": ("vacancy_close", {}),
    "reopen": ("vacancy_reopen", {}),
    "refer": ("vacancy_refer", None),
}


@pytest.mark.parametrize("state", list(VACANCY_TABLE))
def test_the_vacancy_page_shows_exactly_the_buttons_that_succeed(client, personas, unit, state):
    vacancy = make_vacancy(state, personas, unit)
    for name in ("counsellor_a", "officer", "viewer_a", "counsellor_b"):
        client.force_login(getattr(personas, name))
        response = client.get(vacancy.get_absolute_url())
        if name == "counsellor_b":
            assert response.status_code == 404
            continue
        want = VACANCY_TABLE[state] if name in CHANGERS else []
        shown = [action for action, on in response.context["actions"].items() if on]
        assert shown == want, (state, name)
        for action, (page, data) in VACANCY_PAGES.items():
            address = reverse(f"employment:{page}", args=[vacancy.pk])
            assert (
                f'href="{address}"' in response.text or f'action="{address}"' in response.text
            ) == (action in want), (state, name, action)
            if data is None:
                continue
            with transaction.atomic():
                answer = client.post(address, data)
                after = Vacancy.objects.get(pk=vacancy.pk).status
                transaction.set_rollback(True)
            assert (after != vacancy.status) == (action in want), (state, name, action)
            assert answer.status_code in (302, 404), (state, name, action)


def test_the_referral_rows_show_the_buttons_of_their_actions(client, personas, unit):
    placeable = make_referral("interviewed", personas, unit)
    other = ReferralFactory(
        job_seeker=spare_seeker(personas), vacancy=unit.vacancy, referred_by=personas.counsellor_a
    )
    set_referral_status(referral=other, status="rejected", changed_by=personas.counsellor_a)
    client.force_login(personas.counsellor_a)

    page = client.get(unit.vacancy.get_absolute_url()).text

    for referral in (placeable, other):
        status = reverse("employment:referral_status", args=[referral.pk])
        place = reverse("employment:placement_create", args=[referral.pk])
        assert status in page
        assert (place in page) == (referral == placeable)
    client.force_login(personas.viewer_a)
    page = client.get(unit.vacancy.get_absolute_url()).text
    assert reverse("employment:referral_status", args=[placeable.pk]) not in page


@pytest.mark.parametrize("state", list(CAMPAIGN_TABLE))
def test_the_campaign_page_shows_exactly_the_buttons_of_its_actions(client, personas, unit, state):
    campaign = make_campaign(state, personas, unit)
    pages = {"change": "campaign_edit", "run": "campaign_run", "apply": "campaign_apply"}
    for name in ("counsellor_a", "viewer_a"):
        client.force_login(getattr(personas, name))
        response = client.get(campaign.get_absolute_url())
        want = CAMPAIGN_TABLE[state] if name in CHANGERS else []
        for action, page in pages.items():
            address = reverse(f"employment:{page}", args=[campaign.pk])
            assert (address in response.text) == (action in want), (state, name, action)


@pytest.mark.parametrize("follow_ups", list(PLACEMENT_TABLE))
def test_the_placement_page_offers_a_follow_up_while_one_is_missing(
    client, personas, unit, follow_ups
):
    placement = make_placement(follow_ups, personas, unit)
    address = reverse("employment:follow_up_create", args=[placement.pk])
    for name in ("counsellor_a", "viewer_a"):
        client.force_login(getattr(personas, name))
        shown = address in client.get(placement.get_absolute_url()).text
        page = client.get(address).status_code
        assert shown == (name in CHANGERS and follow_ups < 2), (name, follow_ups)
        assert (page == 200) == shown, (name, follow_ups, page)
