"""Every list of the API pages the same way (core/api_pages.py). The lists are found in the
OpenAPI document, so a new list is checked here without being named."""

from __future__ import annotations

import re

import pytest

from taawon.accounts.models import Organisation
from taawon.accounts.services import create_token
from taawon.api import api
from taawon.core.api_pages import MAX_LIMIT, MAX_OFFSET, PageIn, fetch_page
from taawon.employment.campaigns.services import draft_campaign
from taawon.employment.tests.factories import (
    EmployerFactory,
    JobSeekerFactory,
    PersonFactory,
    PlacementFactory,
    ReferralFactory,
    VacancyFactory,
)

PAGE_FIELDS = {"items", "limit", "offset", "next_offset"}


def _answers() -> dict[str, dict]:
    """{path: the JSON schema of its 200 answer} for every GET of the API."""
    document = api.get_openapi_schema()
    schemas = document["components"]["schemas"]
    found = {}
    for path, operations in document["paths"].items():
        answer = operations.get("get", {}).get("responses", {}).get(200, {})
        shape = answer.get("content", {}).get("application/json", {}).get("schema", {})
        ref = shape.get("$ref")
        found[path] = schemas[ref.rsplit("/", 1)[1]] if ref else shape
    return found


def _lists() -> list[str]:
    # A list is any answer that is an array or holds `items`: one without the page's fields
    # is then a list in another shape, which test_no_list_answers_in_another_shape refuses.
    return sorted(
        path
        for path, shape in _answers().items()
        if shape.get("type") == "array" or "items" in shape.get("properties", {})
    )


LISTS = _lists()


# A list under a record (`{job_seeker_id}`) is asked of a record made for the test: its maker
# by the name of the placeholder. A new placeholder without a maker fails with a KeyError.
def _seeker(personas):
    return JobSeekerFactory(
        person=PersonFactory(owner=personas.unit_a), registered_by=personas.counsellor_a
    )


def _vacancy(personas):
    employer = EmployerFactory(owner=personas.unit_a, created_by=personas.counsellor_a)
    return VacancyFactory(employer=employer, posted_by=personas.counsellor_a)


def _placement(personas):
    referral = ReferralFactory(
        job_seeker=_seeker(personas), vacancy=_vacancy(personas), referred_by=personas.counsellor_a
    )
    return PlacementFactory(referral=referral, placed_by=personas.counsellor_a)


def _campaign(personas):
    return draft_campaign(
        owner=personas.unit_a,
        name="Harvest",
        vacancies=[_vacancy(personas)],
        drafted_by=personas.counsellor_a,
    )


def _award(personas):
    from taawon.grants.tests import factories as grants

    reviewer = grants.reviewer("pages_reviewer")
    call = grants.open_call(personas, reviewers=(reviewer,))
    application = grants.ready(
        call,
        personas.coop_a,
        name="Pages venture",
        by=personas.officer,
        officer=personas.officer,
        reviewers=(reviewer,),
    )
    return grants.award(application, personas.officer)


MAKERS = {
    "job_seeker_id": lambda personas: _seeker(personas).pk,
    "employer_id": lambda personas: EmployerFactory(owner=personas.unit_a).pk,
    "placement_id": lambda personas: _placement(personas).pk,
    "campaign_id": lambda personas: _campaign(personas).pk,
    "award_id": lambda personas: _award(personas).pk,
}


@pytest.fixture
def get(client, personas):
    headers = {"Authorization": f"Bearer {create_token(user=personas.admin)}"}

    def answer(path, **params):
        for name in re.findall(r"{(\w+)}", path):
            path = path.replace(f"{{{name}}}", str(MAKERS[name](personas)))
        return client.get(path, params, headers=headers)

    return answer


def test_the_lists_of_every_app_are_found():
    assert {
        "/api/v1/persons",
        "/api/v1/cooperatives",
        "/api/v1/duplicates/pairs",
        "/api/v1/duplicates/merges",
        "/api/v1/permits",
        "/api/v1/permits/expiring",
        "/api/v1/permits/imports",
        "/api/v1/employment/employers",
        "/api/v1/employment/vacancies",
        "/api/v1/employment/referrals",
        "/api/v1/employment/placements",
        "/api/v1/employment/campaigns",
        "/api/v1/employment/awareness-sessions",
        "/api/v1/employment/job-seekers/{job_seeker_id}/counselling",
        "/api/v1/employment/employers/{employer_id}/workplaces",
        "/api/v1/employment/placements/{placement_id}/follow-ups",
        "/api/v1/employment/campaigns/{campaign_id}/assignments",
        "/api/v1/cooperatives/value-chains",
        "/api/v1/indicators",
        "/api/v1/indicators/dimensions",
    } <= set(LISTS)


def test_no_list_answers_in_another_shape():
    # A bare array, or `items` without `next_offset`, is a second pagination format (or none).
    others = {
        path: shape.get("type") if shape.get("type") == "array" else sorted(shape["properties"])
        for path, shape in _answers().items()
        if path in LISTS and set(shape.get("properties", {})) != PAGE_FIELDS
    }
    assert not others


def test_every_page_schema_is_described_in_the_openapi_document():
    schemas = api.get_openapi_schema()["components"]["schemas"]
    for name in (
        "PersonListOut",
        "CooperativeListOut",
        "PermitListOut",
        "ImportListOut",
        "VacancyListOut",
        "ReferralListOut",
        "CampaignListOut",
    ):
        assert set(schemas[name]["properties"]) == PAGE_FIELDS
        assert "next_offset" in schemas[name]["description"]


@pytest.mark.parametrize("path", LISTS)
def test_every_list_answers_in_one_shape(get, path):
    response = get(path, limit=1)

    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == PAGE_FIELDS
    assert (body["limit"], body["offset"]) == (1, 0)


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("limit", 0),
        ("limit", MAX_LIMIT + 1),
        ("limit", "ten"),
        ("offset", -1),
        ("offset", MAX_OFFSET + 1),
        ("offset", 10**40),
    ],
)
def test_a_limit_or_offset_out_of_range_is_a_field_error(get, path, field, value):
    response = get(path, **{field: value})

    assert response.status_code == 422
    body = response.json()
    assert body["detail"]
    assert list(body["errors"]) == [field]


@pytest.mark.parametrize("path", LISTS)
def test_the_largest_offset_is_an_empty_last_page(get, path):
    response = get(path, offset=MAX_OFFSET, limit=MAX_LIMIT)

    assert response.status_code == 200, response.content
    assert response.json()["items"] == []
    assert response.json()["next_offset"] is None


def test_a_page_reads_one_row_more_and_never_counts(personas, django_assert_num_queries):
    organisations = Organisation.objects.order_by("pk")
    total = organisations.count()

    with django_assert_num_queries(1):
        first = fetch_page(organisations, PageIn(limit=3, offset=0))
    last = fetch_page(organisations, PageIn(limit=3, offset=total - 3))

    assert [o.pk for o in first["items"]] == [o.pk for o in organisations[:3]]
    assert first["next_offset"] == 3
    assert len(last["items"]) == 3 and last["next_offset"] is None
    assert fetch_page(organisations, PageIn(limit=3, offset=total - 4))["next_offset"] == total - 1
