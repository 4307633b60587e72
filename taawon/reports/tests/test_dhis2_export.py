"""The DHIS2 export: a dataValueSets document of the officer's figures through the configured
mapping (API and page), checked against DHIS2's structure; a bad mapping answered 400 with its
problems listed; no export for anyone but programme officers and managers of the country."""

from __future__ import annotations

import json

import pytest

from taawon.accounts.services import create_token
from taawon.indicators.engine import compute
from taawon.lib.tests.test_dhis2 import assert_valid_data_value_set

QUARTER = "start=2020-07-01&end=2020-09-30"
MAPPING = {
    "attributeOptionCombo": "HllvX50cXC0",
    "orgUnits": {"JO": "Cntry000JO1", "JO-MA": "Zx5CvB7nMa3"},
    "indicators": {
        "job_seekers_registered": {
            "dataElement": "fbfJHSPpUQD",
            "categoryOptionCombos": [
                {"keys": {}, "id": "HllvX50cXC0"},
                {"keys": {"sex": "female"}, "id": "Fe6MaLe0000"},
                {"keys": {"sex": "male"}, "id": "Ma7LeMaLe00"},
                {"keys": {"sex": "female", "nationality": "SY"}, "id": "FsY1nAt0001"},
            ],
        },
        "jobs_secured": {
            "dataElement": "cYeuwXTCPkU",
            "categoryOptionCombos": [{"keys": {}, "id": "HllvX50cXC0"}],
        },
    },
}


@pytest.fixture
def mapping_file(settings, tmp_path):
    def write(mapping) -> None:
        path = tmp_path / "mapping.json"
        path.write_text(json.dumps(mapping))
        settings.DHIS2_MAPPING = str(path)

    write(MAPPING)
    return write


def api(client, user, query=QUARTER):
    token = create_token(user=user)
    return client.get(
        f"/api/v1/indicators/dhis2?{query}", headers={"Authorization": f"Bearer {token}"}
    )


def values(document) -> dict:
    return {
        (v["dataElement"], v["orgUnit"], v["categoryOptionCombo"]): v["value"]
        for v in document["dataValues"]
    }


@pytest.mark.django_db
def test_the_api_writes_the_quarters_data_value_set(client, personas, data_set, mapping_file):
    response = api(client, personas.officer)
    assert response.status_code == 200
    document = response.json()
    assert_valid_data_value_set(document)
    assert {v["period"] for v in document["dataValues"]} == {"2020Q3"}
    found = values(document)
    assert found[("fbfJHSPpUQD", "Cntry000JO1", "HllvX50cXC0")] == "6"
    assert found[("fbfJHSPpUQD", "Cntry000JO1", "Fe6MaLe0000")] == "2"
    assert found[("fbfJHSPpUQD", "Cntry000JO1", "Ma7LeMaLe00")] == "4"
    assert found[("fbfJHSPpUQD", "Cntry000JO1", "FsY1nAt0001")] == "1"
    assert found[("cYeuwXTCPkU", "Cntry000JO1", "HllvX50cXC0")] == "3"
    mafraq = compute(
        personas.officer,
        "job_seekers_registered",
        start="2020-07-01",
        end="2020-09-30",
        filters={"governorate": "JO-MA"},
    )
    assert found[("fbfJHSPpUQD", "Zx5CvB7nMa3", "HllvX50cXC0")] == str(mafraq.total)
    assert len(found) == 10  # 5 combinations, 2 organisation units
    assert all(v["attributeOptionCombo"] == "HllvX50cXC0" for v in document["dataValues"])


@pytest.mark.django_db
def test_a_mapping_naming_a_missing_indicator_is_refused_with_its_problems(
    client, personas, mapping_file
):
    mapping_file(
        {
            **MAPPING,
            "orgUnits": {"JO": "Cntry000JO1", "XX-ZZ": "Zx5CvB7nMa3"},
            "indicators": {
                **MAPPING["indicators"],
                "no_such_indicator": {
                    "dataElement": "bad",
                    "categoryOptionCombos": [{"keys": {"colour": "red"}, "id": "HllvX50cXC0"}],
                },
            },
        }
    )
    response = api(client, personas.officer)
    assert response.status_code == 400
    problems = " ".join(response.json()["errors"]["mapping"])
    assert "indicators.no_such_indicator: There is no indicator “no_such_indicator”" in problems
    assert "“bad” is not a DHIS2 identifier" in problems
    assert "There is no disaggregation “colour”" in problems
    assert "orgUnits.XX-ZZ" in problems
    client.force_login(personas.officer)
    page = client.get(f"/en/reports/dhis2/?{QUARTER}")
    assert page.status_code == 400
    assert "no_such_indicator" in page.content.decode()
    # In Arabic, each problem in Arabic, its place in the file as written.
    arabic = client.get(f"/ar/reports/dhis2/?{QUARTER}").content.decode()
    assert "indicators.no_such_indicator: لا يوجد مؤشر «no_such_indicator»" in arabic
    assert "There is no" not in arabic


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("start=2020-07-01&end=2020-08-15", "start"),
        ("start=2020-09-30&end=2020-07-01", "end"),
        ("start=never&end=2020-07-01", "start"),
    ],
)
def test_a_period_dhis2_has_no_name_for_is_refused(client, personas, mapping_file, query, field):
    response = api(client, personas.officer, query)
    assert response.status_code == 400
    assert field in response.json()["errors"]


@pytest.mark.django_db
def test_no_mapping_configured_is_a_clear_400(client, personas, settings):
    settings.DHIS2_MAPPING = ""
    response = api(client, personas.officer)
    assert response.status_code == 400
    assert "TAAWON_DHIS2_MAPPING" in response.json()["errors"]["mapping"][0]


@pytest.mark.django_db
def test_only_programme_officers_export(client, personas, mapping_file):
    for user in (
        personas.counsellor_a,
        personas.admin_a,
        personas.aggregate,
        personas.ministry_officer,
    ):
        assert api(client, user).status_code == 404
        client.force_login(user)
        assert client.get(f"/en/reports/dhis2/?{QUARTER}").status_code == 404
    assert api(client, personas.admin).status_code == 200


@pytest.mark.django_db
def test_the_page_downloads_the_file(client, personas, data_set, mapping_file):
    client.force_login(personas.officer)
    assert client.get("/en/reports/dhis2/").status_code == 200
    response = client.get(f"/en/reports/dhis2/?{QUARTER}")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert_valid_data_value_set(json.loads(response.content))
