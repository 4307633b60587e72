"""/api/v1/surveys: forms and submissions scoped as on the pages, review with its actions."""

import pytest

from taawon.accounts.services import create_token

from .. import services
from ..models import FormMedia
from .factories import PNG, household_form, household_xml, market_form


@pytest.fixture
def submission(personas):
    household_form(personas)
    return services.receive_submission(
        xml=household_xml(respondent="Amal"), files={}, user=personas.counsellor_a
    ).submission


def auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=user)}"}


def test_submissions_are_listed_for_their_organisation_only(client, personas, submission):
    mine = client.get("/api/v1/surveys/submissions", **auth(personas.counsellor_a)).json()
    assert [s["instance_id"] for s in mine["items"]] == [submission.instance_id]
    assert mine["items"][0]["actions"] == ["approve", "reject", "edit"]
    theirs = client.get("/api/v1/surveys/submissions", **auth(personas.counsellor_b)).json()
    assert theirs["items"] == []
    other = client.get(
        f"/api/v1/surveys/submissions/{submission.pk}", **auth(personas.counsellor_b)
    )
    assert other.status_code == 404
    one = client.get(f"/api/v1/surveys/submissions/{submission.pk}", **auth(personas.clerk_a))
    assert one.json()["data"]["respondent"] == "Amal" and one.json()["actions"] == []


def test_review_through_the_api(client, personas, submission):
    url = f"/api/v1/surveys/submissions/{submission.pk}/review"
    refused = client.post(
        url, {"action": "approve"}, content_type="application/json", **auth(personas.clerk_a)
    )
    assert refused.status_code == 403
    done = client.post(
        url,
        {"action": "approve", "note": "checked"},
        content_type="application/json",
        **auth(personas.counsellor_a),
    )
    assert done.status_code == 200 and done.json()["status"] == "approved"
    again = client.post(
        url, {"action": "reject"}, content_type="application/json", **auth(personas.counsellor_a)
    )
    assert again.status_code == 409


def test_forms_are_listed_with_their_versions(client, personas, submission):
    forms = client.get("/api/v1/surveys/forms", **auth(personas.counsellor_a)).json()["items"]
    assert [f["form_id"] for f in forms] == ["household"]
    detail = client.get(f"/api/v1/surveys/forms/{forms[0]['id']}", **auth(personas.officer))
    assert [v["version"] for v in detail.json()["versions"]] == ["1"]
    assert client.get("/api/v1/surveys/forms", **auth(personas.aggregate)).status_code == 404


def test_a_forms_media_files_are_listed_uploaded_or_missing(client, personas):
    form = market_form(personas)
    services.add_media(
        version=form.versions.get(), filename="logo.png", content=PNG, by=personas.officer
    )
    detail = client.get(f"/api/v1/surveys/forms/{form.pk}", **auth(personas.counsellor_a))
    media = {m["filename"]: m for m in detail.json()["media"]}
    assert set(media) == {"logo.png", "olive.jpg", "villages.csv"}
    assert media["logo.png"]["uploaded"] and media["logo.png"]["size"] == len(PNG)
    assert media["logo.png"]["md5"] == FormMedia.objects.get().md5
    assert not media["olive.jpg"]["uploaded"] and media["olive.jpg"]["md5"] is None
    other = client.get(f"/api/v1/surveys/forms/{form.pk}", **auth(personas.counsellor_b))
    assert other.status_code == 404
