"""A whole call through the pages, as the programme officer, a cooperative and a reviewer do
it, in English and Arabic; and the API's refusals with field messages."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from taawon.core.testing import PASSWORD
from taawon.geo.models import Governorate

from ..models import Application, Award, Call, Tranche
from . import factories as f

pytestmark = pytest.mark.django_db


def _client(user, password=PASSWORD) -> Client:
    client = Client()
    assert client.login(username=user.username, password=password)
    return client


def test_a_whole_call_through_the_pages(personas):
    today = timezone.localdate()
    reviewer = f.reviewer("rev1")
    officer = _client(personas.officer)
    form = {
        "owner": personas.country_office.pk,
        "title": "Ventures now",
        "kind": "venture",
        "currency": "JOD",
        "budget": "6,000",
        "max_grant": "3000",
        "opens_on": (today - datetime.timedelta(days=1)).isoformat(),
        "closes_on": (today + datetime.timedelta(days=1)).isoformat(),
        "scoring_closes_on": (today + datetime.timedelta(days=30)).isoformat(),
        "score_max": "10",
        "eligibility": "Registered cooperative\nRefugee members",
        "criteria": "Viability: 70\nJobs: 20",
        "reviewers": "rev1",
    }
    refused = officer.post("/en/grants/calls/new/", form)
    assert refused.status_code == 200 and "add up to 90" in refused.content.decode()
    assert not Call.objects.exists()
    form["criteria"] = "Viability: 70\nJobs: 30"
    created = officer.post("/en/grants/calls/new/", form)
    call = Call.objects.get()
    assert created.status_code == 302 and call.budget == 6000 and call.panel.count() == 1
    officer.post(f"/en/grants/calls/{call.pk}/publish/")

    coop = _client(personas.admin_a)
    applied = coop.post(
        f"/en/grants/calls/{call.pk}/apply/",
        {
            "owner": personas.coop_a.pk,
            "name": "Greenhouse",
            "sector": "agriculture",
            "governorate": Governorate.objects.get(pcode="JO22").pk,
            "summary": "Tomatoes",
            "amount_requested": "٣٠٠٠",  # typed with Arabic-Indic digits
            "men_host": 2,
            "women_host": 1,
            "men_refugee": 2,
            "women_refugee": 1,
        },
    )
    assert applied.status_code == 302, applied.content.decode()[:2000]
    app = Application.objects.get()
    assert app.amount_requested == 3000 and app.jobs_planned == 6

    checks = {f"met_{c.pk}": "on" for c in call.eligibility.all()}
    assert officer.post(f"/en/grants/applications/{app.pk}/screen/", checks).status_code == 302
    panel = _client(reviewer, "x")
    panel.post(f"/en/grants/applications/{app.pk}/declare/", {"conflicted": "no"})
    criteria = list(call.criteria.all())
    out_of_scale = panel.post(
        f"/en/grants/applications/{app.pk}/score/",
        {f"criterion_{criteria[0].pk}": "12", f"criterion_{criteria[1].pk}": "5"},
    )
    assert "from 0 to 10" in out_of_scale.content.decode()
    panel.post(
        f"/en/grants/applications/{app.pk}/score/",
        {f"criterion_{criteria[0].pk}": "8", f"criterion_{criteria[1].pk}": "5"},
    )
    over = officer.post(
        f"/en/grants/applications/{app.pk}/award/",
        {"amount": "3000.5", "decided_on": today.isoformat()},
    )
    assert over.status_code == 200 and not Award.objects.exists()
    officer.post(
        f"/en/grants/applications/{app.pk}/award/",
        {"amount": "3000", "decided_on": today.isoformat()},
    )
    award = Award.objects.get()
    assert award.rank == 1
    officer.post(
        f"/en/grants/awards/{award.pk}/agreement/",
        {"reference": "GA-1", "signed_on": today.isoformat()},
    )
    officer.post(
        f"/en/grants/awards/{award.pk}/tranches/new/",
        {"amount": "3000", "planned_on": today.isoformat()},
    )
    tranche = Tranche.objects.get()
    officer.post(f"/en/grants/tranches/{tranche.pk}/approve/", {"approved_on": today.isoformat()})
    no_rate = officer.post(
        f"/en/grants/tranches/{tranche.pk}/pay/",
        {"paid_on": today.isoformat(), "reference": "T1", "paid_currency": "USD"},
    )
    assert "exchange rate" in no_rate.content.decode()
    officer.post(
        f"/en/grants/tranches/{tranche.pk}/pay/",
        {
            "paid_on": today.isoformat(),
            "reference": "T1",
            "paid_currency": "USD",
            "exchange_rate": "1.41",
            "rate_source": "official",
        },
    )
    tranche.refresh_from_db()
    assert (tranche.status, tranche.paid_amount) == ("paid", Decimal("4230.00"))
    coop.post(
        f"/en/grants/awards/{award.pk}/follow-up/",
        {
            "what": "jobs",
            "date": today.isoformat(),
            "count": "4",
            "sex": "female",
            "nationality": "SY",
        },
    )
    assert award.jobs.get().count == 4

    arabic = officer.get(f"/ar/grants/awards/{award.pk}/").content.decode()
    assert 'dir="rtl"' in arabic and "دينار أردني" in arabic and "دولار أمريكي" in arabic
    english = officer.get("/en/grants/report/").content.decode()
    assert "4 jobs: 0 men and 4 women" in english
    for page in (
        "/en/grants/",
        "/ar/grants/applications/",
        "/ar/grants/awards/",
        "/ar/grants/report/",
    ):
        assert officer.get(page).status_code == 200


def test_the_api_refuses_bad_input_with_field_messages(personas):
    reviewer = f.reviewer("rev1")
    call = f.open_call(personas, reviewers=(reviewer,))
    app = f.ready(
        call,
        personas.coop_a,
        name="A",
        by=personas.admin_a,
        officer=personas.officer,
        reviewers=(reviewer,),
    )
    api = _client(personas.officer)
    over = api.post(
        f"/api/v1/grants/applications/{app.pk}/award",
        {"amount": "-5", "decided_on": "2020-03-01"},
        content_type="application/json",
    )
    assert over.status_code == 400 and over.json()["errors"]["amount"]
    made = api.post(
        f"/api/v1/grants/applications/{app.pk}/award",
        {"amount": "3000", "decided_on": "2020-03-01"},
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["amount"] == "3000.000"
    award = Award.objects.get()
    # No agreement signed yet: no tranche.
    refused = api.post(
        f"/api/v1/grants/awards/{award.pk}/tranches",
        {"amount": "100", "planned_on": "2020-03-02"},
        content_type="application/json",
    )
    assert refused.status_code == 400
    panel = _client(reviewer, "x")
    scored = panel.get(f"/api/v1/grants/applications/{app.pk}").json()
    assert scored["rank"] == 1
    report = api.get("/api/v1/grants/report").json()
    assert report["funded"] == 1 and report["awarded"] == {"JOD": "3000.000"}


def test_the_follow_up_api_counts_a_placement_or_a_head_count(personas):
    reviewer = f.reviewer("rev1")
    call = f.open_call(personas, reviewers=(reviewer,))
    app = f.ready(
        call,
        personas.coop_a,
        name="A",
        by=personas.admin_a,
        officer=personas.officer,
        reviewers=(reviewer,),
    )
    award = f.award(app, personas.officer)
    coop = _client(personas.admin_a)
    url = f"/api/v1/grants/awards/{award.pk}/follow-up"
    unknown = coop.post(
        url,
        {"what": "jobs", "date": "2020-05-01", "placement_id": 987654},
        content_type="application/json",
    )
    assert unknown.status_code == 400 and "placement_id" in unknown.json()["errors"]
    counted = coop.post(
        url,
        {"what": "jobs", "date": "2020-05-01", "count": 3, "sex": "male", "nationality": "SY"},
        content_type="application/json",
    )
    assert counted.status_code == 201
    closed = coop.post(
        url,
        {"what": "status", "date": "2020-01-01", "status": "closed"},
        content_type="application/json",
    )
    assert closed.status_code == 400 and "as_of" in closed.json()["errors"]  # before the award
    assert award.jobs.get().count == 3
    body = {"what": "jobs", "date": "2020-05-01", "count": 1, "sex": "male", "nationality": "JO"}
    outsider = _client(personas.counsellor_b).post(url, body, content_type="application/json")
    assert outsider.status_code == 404
