"""Seasonal campaigns: drafting, running with floors, infeasible floors, applying, pages."""

from decimal import Decimal

import pytest

from taawon.core.exceptions import ValidationFailed
from taawon.core.models import AuditEvent

from ..campaigns import services as campaign_services
from ..campaigns.models import Campaign, CampaignAssignment
from ..campaigns.services import (
    InfeasibleFloors,
    apply_campaign,
    draft_campaign,
    propose_allocation,
    run_campaign,
    update_campaign,
)
from ..placements.models import Referral
from ..placements.services import refer_job_seeker
from .factories import JobSeekerFactory, PersonFactory, governorate
from .test_matching import district, vacancy


def person_seeker(owner, counsellor, *, sex: str, refugee: bool, **fields):
    person = PersonFactory(
        owner=owner,
        district=district(),
        governorate=governorate("JO-MA"),
        sex=sex,
        nationality="SY" if refugee else "JO",
        displacement_status="refugee" if refugee else "host_community",
    )
    values = {
        "occupations": ["9211"],
        "skills": ["harvesting"],
        "max_travel_km": 30,
        "expected_wage": Decimal("15"),
        "experience_years": 2,
        "work_permit_status": "not_needed",
    }
    values.update(fields)
    return JobSeekerFactory(person=person, registered_by=counsellor, **values)


@pytest.fixture
def season(personas):
    """Two vacancies (3 positions) and five job seekers of unit A: men score higher."""
    a, ca = personas.unit_a, personas.counsellor_a
    jobs = [vacancy(a, ca, positions=2), vacancy(a, ca, positions=1, title="Packers")]
    men = [
        person_seeker(a, ca, sex="male", refugee=False, experience_years=5),
        person_seeker(a, ca, sex="male", refugee=False, experience_years=5),
        person_seeker(a, ca, sex="male", refugee=False, experience_years=5),
    ]
    women = [
        person_seeker(a, ca, sex="female", refugee=True, experience_years=0),
        person_seeker(a, ca, sex="female", refugee=False, experience_years=0),
    ]
    return jobs, men, women


def draft(personas, jobs, **floors) -> Campaign:
    return draft_campaign(
        owner=personas.unit_a,
        name="Tomato harvest 2020",
        vacancies=jobs,
        drafted_by=personas.counsellor_a,
        **floors,
    )


def test_a_campaign_without_floors_proposes_the_best_allocation(personas, season):
    jobs, men, _women = season
    campaign = draft(personas, jobs)

    propose_allocation(campaign=campaign, run_by=personas.counsellor_a)

    campaign.refresh_from_db()
    assert campaign.status == "proposed"
    assert campaign.positions == 3
    assignments = CampaignAssignment.objects.filter(campaign=campaign)
    assert {a.job_seeker_id for a in assignments} == {m.pk for m in men}
    assert sorted(a.vacancy_id for a in assignments) == sorted([jobs[0].pk] * 2 + [jobs[1].pk])


def test_a_womens_floor_changes_who_goes_and_the_report_says_binding(personas, season):
    jobs, _men, women = season
    campaign = draft(personas, jobs, women_share=50)

    propose_allocation(campaign=campaign, run_by=personas.counsellor_a)

    campaign.refresh_from_db()
    chosen = set(campaign.assignments.values_list("job_seeker_id", flat=True))
    assert chosen >= {w.pk for w in women}
    statuses = {r["vacancy"]: r["status"] for r in campaign.floor_report}
    assert "binding" in statuses.values()


def test_an_infeasible_refugee_floor_says_how_far_and_writes_nothing(
    personas, season, writes_nothing
):
    jobs, _men, _women = season
    campaign = draft(personas, jobs, refugee_share=80)

    with writes_nothing(), pytest.raises(InfeasibleFloors) as raised:
        propose_allocation(campaign=campaign, run_by=personas.counsellor_a)

    message = raised.value.field_errors["refugee_share"][0]
    assert "80%" in message
    assert "needs 3 refugees" in message
    assert "1 are among the candidates (2 short)" in message
    assert "At most 33% can be met" in message


def test_applying_creates_every_referral_in_one_action_and_skips_the_invalid(personas, season):
    jobs, men, _women = season
    campaign = draft(personas, jobs)
    propose_allocation(campaign=campaign, run_by=personas.counsellor_a)
    # Since the run, one of them was referred to their proposed vacancy by hand.
    taken = campaign.assignments.get(job_seeker=men[0])
    refer_job_seeker(job_seeker=men[0], vacancy=taken.vacancy, referred_by=personas.counsellor_a)

    applied = apply_campaign(campaign=campaign, applied_by=personas.counsellor_a)

    assert applied.created == 2
    assert [a.job_seeker_id for a, _reason in applied.skipped] == [men[0].pk]
    assert "already referred" in applied.skipped[0][1]
    assert Referral.objects.filter(note="Campaign: Tomato harvest 2020").count() == 2
    campaign.refresh_from_db()
    assert campaign.status == "applied"
    assert AuditEvent.objects.filter(
        object_type="employment.campaign", object_id=str(campaign.pk), note__contains="created: 2"
    ).exists()
    with pytest.raises(ValidationFailed):
        apply_campaign(campaign=campaign, applied_by=personas.counsellor_a)


def test_changing_a_proposed_campaign_takes_it_back_to_draft(personas, season):
    jobs, _men, _women = season
    campaign = draft(personas, jobs)
    propose_allocation(campaign=campaign, run_by=personas.counsellor_a)

    update_campaign(campaign=campaign, updated_by=personas.counsellor_a, vacancies=[jobs[0]])

    campaign.refresh_from_db()
    assert campaign.status == "draft"
    assert not campaign.assignments.exists()


def test_a_campaign_takes_only_vacancies_in_reach(personas, season, unit_b):
    jobs, _men, _women = season

    with pytest.raises(ValidationFailed) as raised:
        draft(personas, [jobs[0], unit_b.vacancy])

    assert "vacancies" in raised.value.field_errors


def test_a_big_campaign_runs_in_the_background(
    personas, season, monkeypatch, django_capture_on_commit_callbacks
):
    jobs, _men, _women = season
    campaign = draft(personas, jobs)
    monkeypatch.setattr(campaign_services, "INLINE_PAIRS", 1)

    with django_capture_on_commit_callbacks(execute=True):
        done = run_campaign(campaign=campaign, run_by=personas.counsellor_a)

    assert done is False
    campaign.refresh_from_db()
    assert campaign.status == "proposed"
    assert campaign.assignments.count() == 3


def test_a_background_run_refused_keeps_the_reason_and_no_proposal(
    personas, season, monkeypatch, django_capture_on_commit_callbacks
):
    jobs, _men, _women = season
    campaign = draft(personas, jobs, refugee_share=80)
    monkeypatch.setattr(campaign_services, "INLINE_PAIRS", 1)

    with django_capture_on_commit_callbacks(execute=True):
        run_campaign(campaign=campaign, run_by=personas.counsellor_a)

    campaign.refresh_from_db()
    assert campaign.status == "draft"
    assert "2 short" in campaign.run_error
    assert not campaign.assignments.exists()


# ---- Pages --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_counsellor_drafts_runs_reviews_and_applies_a_campaign(
    client, personas, season, language
):
    jobs, _men, _women = season
    client.force_login(personas.counsellor_a)
    assert client.get(f"/{language}/employment/campaigns/new/").status_code == 200

    response = client.post(
        f"/{language}/employment/campaigns/new/",
        {"name": "Olive season", "vacancies": [j.pk for j in jobs], "women_share": "30"},
    )
    campaign = Campaign.objects.get(name="Olive season")
    assert response.status_code == 302
    client.post(f"/{language}/employment/campaigns/{campaign.pk}/run/")
    review = client.get(f"/{language}/employment/campaigns/{campaign.pk}/").content.decode()
    assert f'lang="{language}"' in review
    assert "100%" in review  # fill rate: 3 of 3
    assert review.count("<tr>") >= 3 + 2 + 2
    apply = f"/{language}/employment/campaigns/{campaign.pk}/apply/"
    asked = client.get(apply)
    assert asked.status_code == 200 and Referral.objects.count() == 0
    client.post(apply, {"confirm": asked.context["plan"].token})

    assert Referral.objects.count() == 3
    assert client.get(f"/{language}/employment/campaigns/").status_code == 200


def test_an_infeasible_run_from_the_page_shows_the_floor_and_how_far(client, personas, season):
    jobs, _men, _women = season
    campaign = draft(personas, jobs, refugee_share=80)
    client.force_login(personas.counsellor_a)

    response = client.post(f"/en/employment/campaigns/{campaign.pk}/run/", follow=True)

    page = response.content.decode()
    assert "At least 80% refugees over the campaign cannot be met" in page
    assert not CampaignAssignment.objects.exists()


def test_another_units_counsellor_gets_404_on_a_campaign(client, personas, season):
    jobs, _men, _women = season
    campaign = draft(personas, jobs)
    client.force_login(personas.counsellor_b)

    for page in ("", "edit/"):
        assert client.get(f"/en/employment/campaigns/{campaign.pk}/{page}").status_code == 404
    for action in ("run/", "apply/"):
        assert client.post(f"/en/employment/campaigns/{campaign.pk}/{action}").status_code == 404
    assert campaign.name not in client.get("/en/employment/campaigns/").content.decode()
