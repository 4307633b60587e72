"""The API beyond the core records: workplaces, counselling and follow-ups read and changed,
recommendations, campaigns, crop calendars, farm crops, the forecast, season notices and
the unit indicators; each scoped."""

import datetime

import pytest

from taawon.messaging.models import OutboundMessage

from ..campaigns.models import Campaign
from ..placements.models import Referral
from ..placements.services import place_job_seeker, record_follow_up, refer_job_seeker
from ..seasons.models import CropCalendar, FarmCrop
from ..seekers.services import record_counselling_session
from ..vacancies.services import close_vacancy
from .factories import FarmVisitFactory, PersonFactory, governorate
from .test_api import URL, Api
from .test_campaigns import draft, person_seeker
from .test_campaigns import season as season
from .test_matching import vacancy


@pytest.fixture
def api(client, personas):
    return lambda persona: Api(client, getattr(personas, persona))


@pytest.fixture
def placed(personas, unit_a):
    referral = refer_job_seeker(
        job_seeker=unit_a.seeker,
        vacancy=unit_a.vacancy,
        referred_on=datetime.date(2020, 9, 1),
        referred_by=personas.counsellor_a,
    )
    placement = place_job_seeker(
        referral=referral,
        start_date=datetime.date(2020, 9, 5),
        contract_type="seasonal",
        wage="15",
        wage_period="daily",
        placed_by=personas.counsellor_a,
    )
    follow_up = record_follow_up(
        placement=placement,
        checkpoint=1,
        date=datetime.date(2020, 10, 5),
        still_employed=True,
        recorded_by=personas.counsellor_a,
    )
    session = record_counselling_session(
        job_seeker=unit_a.seeker,
        date=datetime.date(2020, 8, 20),
        topics=["cv"],
        recorded_by=personas.counsellor_a,
    )
    return {"placement": placement, "follow_up": follow_up, "session": session}


def test_the_openapi_document_has_the_new_resources(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path, methods in {
        "/campaigns": {"get", "post"},
        "/campaigns/{campaign_id}": {"get", "patch"},
        "/campaigns/{campaign_id}/run": {"post"},
        "/campaigns/{campaign_id}/apply": {"post"},
        "/crop-calendars": {"get", "post"},
        "/crop-calendars/{calendar_id}": {"get", "patch"},
        "/farm-crops": {"get", "post"},
        "/farm-crops/{farm_crop_id}": {"get", "patch"},
        "/labour-forecast": {"get"},
        "/season-notices": {"post"},
        "/indicators": {"get"},
        "/job-seekers/{job_seeker_id}/recommended-vacancies": {"get"},
        "/vacancies/{vacancy_id}/recommended-job-seekers": {"get"},
        "/workplaces/{workplace_id}": {"get", "patch"},
        "/counselling/{session_id}": {"get", "patch"},
        "/follow-ups/{follow_up_id}": {"get", "patch"},
    }.items():
        assert methods <= set(paths[URL + path]), path


def test_workplaces_counselling_and_follow_ups_are_read_and_changed(api, unit_a, placed):
    reader = api("counsellor_a")
    assert reader.get(f"/workplaces/{unit_a.workplace.pk}").json()["name"] == unit_a.workplace.name
    listed = reader.get(f"/employers/{unit_a.employer.pk}/workplaces").json()["items"]
    assert [w["id"] for w in listed] == [unit_a.workplace.pk]
    sessions = reader.get(f"/job-seekers/{unit_a.seeker.pk}/counselling").json()["items"]
    assert [s["id"] for s in sessions] == [placed["session"].pk]
    changed = reader.patch(f"/counselling/{placed['session'].pk}", {"topics": ["cv", "interview"]})
    assert changed.json()["topics"] == ["cv", "interview"]
    bad = reader.patch(f"/counselling/{placed['session'].pk}", {"topics": []})
    assert bad.status_code == 400 and "topics" in bad.json()["errors"]
    follow_ups = reader.get(f"/placements/{placed['placement'].pk}/follow-ups").json()["items"]
    assert [f["id"] for f in follow_ups] == [placed["follow_up"].pk]
    left = reader.patch(
        f"/follow-ups/{placed['follow_up'].pk}", {"still_employed": False, "reason": "transport"}
    )
    assert left.json()["reason"] == "transport"
    early = reader.patch(f"/follow-ups/{placed['follow_up'].pk}", {"date": "2020-09-01"})
    assert early.status_code == 400 and list(early.json()["errors"]) == ["date"]


def test_another_unit_gets_404_on_workplaces_counselling_and_follow_ups(api, unit_a, placed):
    other = api("counsellor_b")
    for path in (
        f"/workplaces/{unit_a.workplace.pk}",
        f"/employers/{unit_a.employer.pk}/workplaces",
        f"/job-seekers/{unit_a.seeker.pk}/counselling",
        f"/counselling/{placed['session'].pk}",
        f"/placements/{placed['placement'].pk}/follow-ups",
        f"/follow-ups/{placed['follow_up'].pk}",
        f"/job-seekers/{unit_a.seeker.pk}/recommended-vacancies",
        f"/vacancies/{unit_a.vacancy.pk}/recommended-job-seekers",
    ):
        assert other.get(path).status_code == 404, path
    assert other.patch(f"/counselling/{placed['session'].pk}", {"notes": "x"}).status_code == 404
    assert other.patch(f"/follow-ups/{placed['follow_up'].pk}", {"note": "x"}).status_code == 404


def test_recommendations_both_ways(api, personas):
    a, ca = personas.unit_a, personas.counsellor_a
    job = vacancy(a, ca)
    seeker = person_seeker(a, ca, sex="female", refugee=True)
    reader = api("counsellor_a")
    vacancies = reader.get(f"/job-seekers/{seeker.pk}/recommended-vacancies").json()
    seekers = reader.get(f"/vacancies/{job.pk}/recommended-job-seekers").json()
    assert [m["vacancy"] for m in vacancies["matches"]] == [job.pk]
    assert vacancies["matches"][0]["can_refer"] is True
    assert {p["name"] for p in vacancies["matches"][0]["parts"]} >= {"occupation", "distance"}
    assert [m["job_seeker"] for m in seekers["matches"]] == [seeker.pk]
    # Unit B's counsellor reads none of unit A's vacancies.
    theirs = person_seeker(personas.unit_b, personas.counsellor_b, sex="male", refugee=False)
    other = api("counsellor_b").get(f"/job-seekers/{theirs.pk}/recommended-vacancies").json()
    assert other["matches"] == []


def test_a_campaign_is_drafted_run_and_applied(api, personas, season):
    jobs, _men, _women = season
    writer = api("counsellor_a")
    created = writer.post("/campaigns", {"name": "Harvest", "vacancies": [j.pk for j in jobs]})
    assert created.status_code == 201
    pk = created.json()["id"]
    renamed = writer.patch(f"/campaigns/{pk}", {"name": "Harvest 2020"})
    assert renamed.json()["name"] == "Harvest 2020"
    run = writer.post(f"/campaigns/{pk}/run")
    assert run.json()["proposed"] is True and run.json()["campaign"]["status"] == "proposed"
    assert len(writer.get(f"/campaigns/{pk}/assignments").json()["items"]) == 3
    applied = writer.post(f"/campaigns/{pk}/apply")
    assert applied.json() == {"created": 3, "skipped": []}
    assert Referral.objects.count() == 3
    assert [c["id"] for c in writer.get("/campaigns").json()["items"]] == [pk]
    other = api("counsellor_b")
    assert other.get(f"/campaigns/{pk}").status_code == 404
    assert other.post(f"/campaigns/{pk}/run").status_code == 404
    assert other.get("/campaigns").json()["items"] == []


def test_an_infeasible_floor_through_the_api_says_how_far_and_writes_nothing(
    api, personas, season, writes_nothing
):
    jobs, _men, _women = season
    campaign = draft(personas, jobs, refugee_share=90)
    writer = api("counsellor_a")
    with writes_nothing():
        response = writer.post(f"/campaigns/{campaign.pk}/run")
    assert response.status_code == 400
    assert "refugee_share" in response.json()["errors"]
    assert Campaign.objects.get(pk=campaign.pk).status == Campaign.Status.DRAFT


def test_a_placement_on_a_closed_vacancy_is_refused_through_the_api(
    api, personas, unit_a, writes_nothing
):
    writer = api("counsellor_a")
    referral = refer_job_seeker(
        job_seeker=unit_a.seeker,
        vacancy=unit_a.vacancy,
        referred_on=datetime.date(2020, 9, 1),
        referred_by=personas.counsellor_a,
    )
    close_vacancy(vacancy=unit_a.vacancy, closed_by=personas.counsellor_a)
    body = {
        "referral": referral.pk,
        "start_date": "2020-09-05",
        "contract_type": "seasonal",
        "wage": "15",
        "wage_period": "daily",
    }
    with writes_nothing():
        response = writer.post("/placements", body)
    assert response.status_code == 400 and "vacancy" in response.json()["errors"]


def test_calendars_farm_crops_forecast_and_notices_through_the_api(api, personas, unit_a):
    writer = api("counsellor_a")
    bad = writer.post(
        "/crop-calendars",
        {"crop": "tomatoes", "governorate": governorate().pk, "workers_per_dunum": "0"},
    )
    assert bad.status_code == 400 and list(bad.json()["errors"]) == ["workers_per_dunum"]
    month = (datetime.date.today().replace(day=1) + datetime.timedelta(days=40)).replace(day=1)
    created = writer.post(
        "/crop-calendars",
        {
            "crop": "tomatoes",
            "governorate": governorate().pk,
            "planting_months": [month.month],
            "workers_per_dunum": "0.5",
        },
    )
    assert created.status_code == 201
    calendar_id = created.json()["id"]
    assert writer.patch(f"/crop-calendars/{calendar_id}", {"notes": "Jordan Valley"}).json()[
        "notes"
    ] == ("Jordan Valley")
    crop = writer.post(
        "/farm-crops", {"employer": unit_a.employer.pk, "calendar": calendar_id, "dunums": "40"}
    )
    assert crop.status_code == 201 and crop.json()["crop"] == "tomatoes"
    assert writer.patch(f"/farm-crops/{crop.json()['id']}", {"dunums": "60"}).json()["dunums"] in (
        "60",
        "60.00",
    )
    forecast = writer.get("/labour-forecast", start=month.isoformat(), months=3).json()
    assert forecast["rows"][0]["workers"] == [30, 0, 0]
    assert forecast["rows"][0]["seasons"] == [{"month": month.isoformat(), "crops": ["tomatoes"]}]
    unit_a.person.phone = "+962791234567"
    unit_a.person.save(update_fields=["phone"])
    first = writer.post(
        "/season-notices", {"governorate": governorate().pk, "month": month.isoformat()}
    )
    second = writer.post(
        "/season-notices", {"governorate": governorate().pk, "month": month.isoformat()}
    )
    assert first.json()["queued"] == 1 and second.json()["counts"] == {"already": 1}
    assert OutboundMessage.objects.count() == 1

    other = api("counsellor_b")
    assert other.get(f"/crop-calendars/{calendar_id}").status_code == 404
    assert other.get(f"/farm-crops/{crop.json()['id']}").status_code == 404
    assert other.get("/crop-calendars").json()["items"] == []
    assert other.get("/farm-crops").json()["items"] == []
    assert other.get("/labour-forecast").json()["rows"] == []
    assert other.patch(f"/farm-crops/{crop.json()['id']}", {"dunums": "1"}).status_code == 404
    refused = other.post(
        "/farm-crops", {"employer": unit_a.employer.pk, "calendar": calendar_id, "dunums": "4"}
    )
    assert refused.status_code == 400 and "employer" in refused.json()["errors"]
    assert FarmCrop.objects.count() == 1 and CropCalendar.objects.count() == 1


def test_unit_indicators_through_the_api(api, personas, unit_a):
    FarmVisitFactory(employer=unit_a.employer, staff=[personas.counsellor_a], recorded_by=None)
    PersonFactory(owner=personas.unit_a)
    reader = api("counsellor_a")
    body = reader.get("/indicators", start="2000-01-01", end="2099-12-31").json()
    values = {i["code"]: i["value"] for i in body["indicators"]}
    assert values == {"farms_visited": 1, "jobs_secured": 0, "registered": 1, "placed": 0}
    other = api("counsellor_b")
    theirs = other.get("/indicators", start="2000-01-01", end="2099-12-31").json()
    assert {i["code"]: i["value"] for i in theirs["indicators"]}["registered"] == 0
    out = other.get("/indicators", start="2000-01-01", end="2099-12-31", unit=personas.unit_a.pk)
    assert out.status_code == 400 and "unit" in out.json()["errors"]
    backwards = reader.get("/indicators", start="2020-02-01", end="2020-01-01")
    assert backwards.status_code == 400 and "end" in backwards.json()["errors"]
