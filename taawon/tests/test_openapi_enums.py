"""The OpenAPI document names each enum once. django-ninja gathers every schema's definitions
into one `components` table keyed by the class name, so two enums of the same name (a
vacancy's and a campaign's `Status`) would leave one of them describing the other's field."""

from __future__ import annotations

import json
from collections import defaultdict

from taawon.accounts.services import create_token
from taawon.api import api
from taawon.employment import rules
from taawon.employment.placements.models import Referral
from taawon.employment.tests.conftest import build_unit
from taawon.employment.tests.factories import ReferralFactory


def _enums_by_name() -> dict[str, set[tuple]]:
    """Every enum the API's inputs and answers use, as each schema alone describes it."""
    found: dict[str, set[tuple]] = defaultdict(set)
    for _prefix, router in api._routers:
        for view in router.path_operations.values():
            for operation in view.operations:
                models = [*operation.models, *operation.response_models.values()]
                # An answer without a body (204) has no model: ninja's NOT_SET.
                for model in (m for m in models if hasattr(m, "model_json_schema")):
                    definitions = model.model_json_schema().get("$defs", {})
                    for name, shape in definitions.items():
                        if "enum" in shape:
                            found[name].add(tuple(shape["enum"]))
    return found


def test_no_two_enums_share_a_name():
    shared = {name: values for name, values in _enums_by_name().items() if len(values) > 1}

    assert shared == {}


def test_each_enum_in_the_document_is_its_own():
    components = api.get_openapi_schema()["components"]["schemas"]
    enums = _enums_by_name()

    assert {"VacancyStatus", "ReferralStatus", "CampaignStatus"} <= set(enums)
    assert {"AwarenessTopic", "CounsellingTopic"} <= set(enums)
    for name, values in enums.items():
        assert {tuple(components[name]["enum"])} == values, name


def test_operation_ids_are_unchanged_by_the_names():
    operations = {
        operation["operationId"]
        for path in api.get_openapi_schema()["paths"].values()
        for operation in path.values()
    }

    assert {
        "taawon_employment_api_records_list_vacancies",
        "taawon_employment_api_records_update_referral",
        "taawon_employment_api_campaigns_list_campaigns",
    } <= operations


def test_a_referral_patch_documents_only_the_statuses_the_server_accepts(client, personas):
    """Each documented status is accepted on a referral; "hired", left out, is refused."""
    schemas = api.get_openapi_schema()["components"]["schemas"]
    documented = schemas["ReferralPatchIn"]["properties"]["status"]["enum"]
    assert documented == [str(status) for status in rules.MANUAL_STATUSES]
    assert set(documented) | {Referral.Status.HIRED} == set(Referral.Status.values)

    unit = build_unit(personas.unit_a, personas.counsellor_a)
    referral = ReferralFactory(
        job_seeker=unit.seeker, vacancy=unit.vacancy, referred_by=personas.counsellor_a
    )
    headers = {"Authorization": f"Bearer {create_token(user=personas.counsellor_a)}"}
    address = f"/api/v1/employment/referrals/{referral.pk}"

    def patch(status: str):
        return client.patch(
            address, {"status": status}, content_type="application/json", headers=headers
        )

    for status in documented:
        response = patch(status)
        assert response.status_code == 200, (status, response.content)
        assert response.json()["status"] == status
    refused = patch(Referral.Status.HIRED)
    assert refused.status_code == 400
    assert list(refused.json()["errors"]) == ["status"]


def test_no_two_schemas_share_a_name():
    """The same holds for every schema, not only enums: the unit indicators' answer and the
    indicator engine's once both described their indicators as `IndicatorOut`."""
    found: dict[str, set[str]] = defaultdict(set)
    for _prefix, router in api._routers:
        for view in router.path_operations.values():
            for operation in view.operations:
                models = [*operation.models, *operation.response_models.values()]
                for model in (m for m in models if hasattr(m, "model_json_schema")):
                    for name, shape in model.model_json_schema().get("$defs", {}).items():
                        found[name].add(json.dumps(shape, sort_keys=True))

    assert {name for name, shapes in found.items() if len(shapes) > 1} == set()
