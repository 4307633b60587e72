"""Every list of the API pages the same way (core/api_pages.py). The lists are found in the
OpenAPI document, so a new list is checked here without being named."""

from __future__ import annotations

import re

import pytest

from taawon.accounts.models import Organisation
from taawon.accounts.services import create_token
from taawon.api import api
from taawon.core.api_pages import MAX_LIMIT, MAX_OFFSET, PageIn, fetch_page
from taawon.employment.tests.factories import JobSeekerFactory, PersonFactory

PAGE_FIELDS = {"items", "limit", "offset", "next_offset"}


def _lists() -> list[str]:
    document = api.get_openapi_schema()
    schemas = document["components"]["schemas"]
    found = []
    for path, operations in document["paths"].items():
        answer = operations.get("get", {}).get("responses", {}).get(200, {})
        ref = answer.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")
        shape = schemas[ref.rsplit("/", 1)[1]] if ref else {}
        if "next_offset" in shape.get("properties", {}):
            found.append(path)
    return sorted(found)


LISTS = _lists()


# A list under a record (`{job_seeker_id}`) is asked of a record made for the test: its maker
# by the name of the placeholder. A new placeholder without a maker fails with a KeyError.
MAKERS = {
    "job_seeker_id": lambda personas: JobSeekerFactory(
        person=PersonFactory(owner=personas.unit_a), registered_by=personas.counsellor_a
    ).pk,
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
    } <= set(LISTS)


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
