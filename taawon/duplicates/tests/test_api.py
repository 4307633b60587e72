"""/api/v1/duplicates: the queue, reviews, merges and runs over HTTP, scoped as the pages."""

import json

import pytest

from taawon.accounts.services import create_token
from taawon.duplicates.models import DetectionRun, DuplicatePair, Merge
from taawon.people.models import Person

from .factories import khaled, pair_of

API = "/api/v1/duplicates"


@pytest.fixture
def api(client):
    class Api:
        headers: dict = {}

        def as_user(self, user):
            self.headers = {"Authorization": f"Bearer {create_token(user=user)}"}
            return self

        def get(self, path, **params):
            return client.get(API + path, params, headers=self.headers)

        def post(self, path, body=None):
            return client.post(
                API + path,
                json.dumps(body or {}),
                content_type="application/json",
                headers=self.headers,
            )

    return Api()


@pytest.fixture
def in_a(personas):
    return pair_of(
        khaled(personas.unit_a, personas.counsellor_a, identifiers={"national_id": "5550001"}),
        khaled(personas.unit_a, personas.counsellor_a, given_name_en="Khalid"),
    )


@pytest.fixture
def across(personas):
    return pair_of(
        khaled(personas.unit_a, personas.counsellor_a, phone="+962790000001"),
        khaled(personas.unit_b, personas.counsellor_b, phone="+962790000001"),
    )


def test_the_queue_lists_only_pairs_of_persons_the_user_may_read(personas, api, in_a, across):
    body = api.as_user(personas.counsellor_a).get("/pairs").json()
    assert [item["id"] for item in body["items"]] == [in_a.pk]
    officer = api.as_user(personas.officer).get("/pairs").json()
    assert {item["id"] for item in officer["items"]} == {in_a.pk, across.pk}
    item = body["items"][0]
    assert item["person_a"]["name_ar"] == "خالد إبراهيم الزعبي"
    assert {"code", "label", "points", "detail"} <= set(item["reasons"][0])
    assert "5550001" not in json.dumps(body)


def test_a_pair_out_of_reach_is_a_404_for_every_action(personas, api, across):
    api.as_user(personas.counsellor_b)
    assert api.get(f"/pairs/{across.pk}").status_code == 404
    assert api.post(f"/pairs/{across.pk}/review", {"decision": "same"}).status_code == 404
    merge = api.post(f"/pairs/{across.pk}/merge", {"survivor": across.person_a_id})
    assert merge.status_code == 404
    assert merge.json()["detail"]


def test_review_confirms_or_rejects(personas, api, in_a):
    api.as_user(personas.counsellor_a)
    response = api.post(f"/pairs/{in_a.pk}/review", {"decision": "different"})
    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    bad = api.post(f"/pairs/{in_a.pk}/review", {"decision": "perhaps"})
    assert bad.status_code == 422
    assert "decision" in bad.json()["errors"]


def test_merge_then_undo(personas, api, in_a):
    api.as_user(personas.counsellor_a)
    response = api.post(f"/pairs/{in_a.pk}/merge", {"survivor": in_a.person_a_id})
    assert response.status_code == 201
    merge = response.json()
    assert merge["survivor"] == in_a.person_a_id and merge["merged"] == in_a.person_b_id
    # The decision between the two records is their own history: it stays, nothing else links.
    assert merge["moved"] == {} and merge["kept"] == {}
    assert Person.objects.get(pk=in_a.person_b_id).status == Person.Status.MERGED
    assert [m["id"] for m in api.get("/merges").json()["items"]] == [merge["id"]]

    undone = api.post(f"/merges/{merge['id']}/undo")
    assert undone.status_code == 200
    assert undone.json()["undone_at"] is not None
    assert Person.objects.get(pk=in_a.person_b_id).status == Person.Status.ACTIVE
    again = api.post(f"/merges/{merge['id']}/undo")
    assert again.status_code == 409


def test_a_survivor_outside_the_pair_is_a_field_error(personas, api, in_a):
    response = api.as_user(personas.counsellor_a).post(
        f"/pairs/{in_a.pk}/merge", {"survivor": 999999}
    )
    assert response.status_code == 400
    assert "survivor" in response.json()["errors"]
    assert not Merge.objects.exists()


def test_a_viewer_may_read_but_not_merge(personas, api, in_a):
    api.as_user(personas.viewer_a)
    assert api.get(f"/pairs/{in_a.pk}").status_code == 200
    response = api.post(f"/pairs/{in_a.pk}/merge", {"survivor": in_a.person_a_id})
    assert response.status_code == 403
    assert DuplicatePair.objects.get().status == DuplicatePair.Status.PENDING


def test_runs_start_for_managers_and_report_progress(
    personas, api, in_a, django_capture_on_commit_callbacks
):
    api.as_user(personas.officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/runs")
    assert response.status_code == 202
    run = api.get(f"/runs/{response.json()['id']}").json()
    assert run["status"] == "done" and run["percent"] == 100
    assert run["persons_done"] == run["persons_total"] == 2
    api.as_user(personas.counsellor_a)
    assert api.post("/runs").status_code == 403
    assert api.get(f"/runs/{run['id']}").status_code == 404
    assert DetectionRun.objects.count() == 1


def test_twins_merge_over_the_api_only_with_one_person(personas, api):
    pair = pair_of(
        khaled(personas.unit_a, personas.counsellor_a),
        khaled(personas.unit_a, personas.counsellor_a, given_name_ar="حسن", given_name_en="Hasan"),
        score=0.95,
    )
    api.as_user(personas.counsellor_a)
    refused = api.post(f"/pairs/{pair.pk}/merge", {"survivor": pair.person_a_id})
    assert refused.status_code == 400
    assert "one_person" in refused.json()["errors"]
    assert not Merge.objects.exists()
    done = api.post(f"/pairs/{pair.pk}/merge", {"survivor": pair.person_a_id, "one_person": True})
    assert done.status_code == 201
    pair.refresh_from_db()
    assert pair.reviewed_by == personas.counsellor_a
