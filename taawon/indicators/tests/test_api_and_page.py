"""The API and the page over the engine: the same figures, scope and refusals."""

from __future__ import annotations

import pytest

from taawon.accounts.services import create_token

QUARTER = "start=2020-07-01&end=2020-09-30"


def api(client, user, path):
    token = create_token(user=user)
    return client.get(f"/api/v1/indicators{path}", headers={"Authorization": f"Bearer {token}"})


@pytest.mark.django_db
def test_the_api_lists_indicators_with_their_dimensions(client, personas):
    response = api(client, personas.counsellor_a, "")
    assert response.status_code == 200
    listed = {i["code"]: i for i in response.json()["items"]}
    assert listed["job_seekers_placed"]["unit"] == "persons"
    assert "sex" in listed["job_seekers_placed"]["dimensions"]
    assert "sex" not in listed["farms_visited"]["dimensions"]
    assert "governorate" in listed["farms_visited"]["dimensions"]
    dimensions = {
        d["code"]: d for d in api(client, personas.counsellor_a, "/dimensions").json()["items"]
    }
    assert [k["key"] for k in dimensions["sex"]["keys"]] == ["female", "male"]
    assert dimensions["month"]["keys"] is None
    # The donor is offered nothing finer than a governorate.
    donor = {i["code"]: i for i in api(client, personas.aggregate, "").json()["items"]}
    assert "unit" not in donor["jobs_secured"]["dimensions"]
    assert api(client, personas.ministry_officer, "").status_code == 404


@pytest.mark.django_db
def test_the_api_gives_the_cross_table_in_the_callers_scope(client, personas, data_set):
    path = f"/job_seekers_placed?{QUARTER}&by=month&by=sex"
    body = api(client, personas.counsellor_a, path).json()
    assert body["total"] == 2
    assert body["dimensions"] == ["month", "sex"]
    cells = {(c["keys"]["month"], c["keys"]["sex"]): c["value"] for c in body["cells"]}
    assert cells[("2020-08", "female")] == 1 and cells[("2020-07", "male")] == 0
    assert {c["keys"]["sex"]: c["value"] for c in body["col_totals"]} == {"female": 1, "male": 1}
    assert [k["key"] for k in body["keys"]["month"]] == ["2020-07", "2020-08", "2020-09"]
    theirs = api(client, personas.counsellor_b, f"/job_seekers_registered?{QUARTER}").json()
    assert theirs["total"] == 1
    women = api(client, personas.counsellor_a, f"/job_seekers_registered?{QUARTER}&sex=female")
    assert women.json()["total"] == 2 and women.json()["filters"] == {"sex": "female"}


@pytest.mark.django_db
def test_the_api_reads_dates_day_first_as_the_forms_do(client, personas, data_set):
    iso = api(client, personas.counsellor_a, f"/job_seekers_placed?{QUARTER}&by=sex").json()
    path = "/job_seekers_placed?start=01/07/2020&end=30/09/2020&by=sex"
    day_first = api(client, personas.counsellor_a, path).json()
    assert (day_first["start"], day_first["end"]) == ("2020-07-01", "2020-09-30")
    assert day_first["cells"] == iso["cells"] and day_first["total"] == iso["total"] == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "field", "status"),
    [
        (f"/nothing?{QUARTER}", "indicator", 400),
        (f"/jobs_secured?{QUARTER}&by=colour", "by", 400),
        (f"/jobs_secured?{QUARTER}&by=sex&by=age&by=month", "by", 400),
        (f"/farms_visited?{QUARTER}&by=sex", "by", 400),
        ("/jobs_secured?start=2020-09-30&end=2020-07-01", "end", 400),
        ("/jobs_secured?start=yesterday&end=2020-07-01", "start", 400),
        ("/jobs_secured?end=2020-07-01", "start", 400),
        ("/jobs_secured?start=07/01/20&end=2020-09-30", "start", 400),
        ("/jobs_secured?start=31/02/2020&end=2020-09-30", "start", 400),
        (f"/jobs_secured?{QUARTER}&sex=unknown-value", "sex", 400),
    ],
)
def test_the_api_refuses_bad_parameters_naming_them(client, personas, path, field, status):
    response = api(client, personas.officer, path)
    assert response.status_code == status
    assert field in response.json()["errors"]


@pytest.mark.django_db
def test_the_api_shows_the_donor_suppressed_figures(client, personas, data_set):
    body = api(client, personas.aggregate, f"/job_seekers_registered?{QUARTER}&by=sex").json()
    assert body["suppressed"] is True
    assert body["total"] == 6
    assert {c["keys"]["sex"]: c["value"] for c in body["cells"]} == {"female": "x", "male": "x"}
    refused = api(client, personas.aggregate, "/jobs_secured?start=2020-07-02&end=2020-09-30")
    assert refused.status_code == 400 and "start" in refused.json()["errors"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_page_shows_the_table_with_links_to_the_records(client, personas, data_set, language):
    client.force_login(personas.counsellor_a)
    url = (
        f"/{language}/indicators/?indicator=job_seekers_registered&period=quarter"
        "&day=2020-08-01&rows=governorate&columns=sex"
    )
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert 'id="indicator-table"' in text
    assert f"/{language}/employment/job-seekers/?governorate=" in text
    partial = client.get(url, headers={"HX-Request": "true"})
    assert partial.status_code == 200 and "<html" not in partial.content.decode()


@pytest.mark.django_db
def test_the_page_defaults_to_the_latest_period_with_figures(client, personas, data_set):
    client.force_login(personas.counsellor_b)
    # Unit B's only persons: a job seeker registered today, so this quarter has figures.
    response = client.get("/en/indicators/?indicator=jobs_secured&period=year")
    assert response.status_code == 200
    client.force_login(personas.counsellor_a)
    text = client.get("/en/indicators/?indicator=jobs_secured&period=quarter").content.decode()
    # Unit A's latest placement starts on 5 October 2020: the fourth quarter of 2020.
    assert "2020" in text and ">1<" in text


@pytest.mark.django_db
def test_the_page_refuses_bad_choices_and_strangers(client, personas):
    client.force_login(personas.officer)
    response = client.get("/en/indicators/?indicator=farms_visited&period=quarter&rows=sex")
    assert response.status_code == 400
    assert "counts no persons" in response.content.decode()
    response = client.get(
        "/en/indicators/?indicator=jobs_secured&period=custom&start=2020-09-30&end=2020-07-01"
    )
    assert response.status_code == 400
    assert "The period ends before it starts." in response.content.decode()
    client.force_login(personas.outsider)
    assert client.get("/en/indicators/").status_code == 404


@pytest.mark.django_db
def test_the_donor_sees_suppressed_figures_without_links(client, personas, data_set):
    client.force_login(personas.aggregate)
    response = client.get(
        "/en/indicators/?indicator=job_seekers_registered&period=quarter&day=2020-08-01&rows=sex"
    )
    assert response.status_code == 200
    text = response.content.decode()
    # Two small counts (and the total of 6 published): both withheld.
    assert text.count('<td class="num fw-semibold">x\n</td>') == 2
    assert "withheld" in text
    assert "/employment/job-seekers/" not in text
    refused = client.get("/en/indicators/?indicator=jobs_secured&period=quarter&rows=unit")
    assert refused.status_code == 400


@pytest.mark.django_db
def test_the_openapi_document_describes_the_indicator_operations(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "get" in paths["/api/v1/indicators"]
    assert "get" in paths["/api/v1/indicators/dimensions"]
    operation = paths["/api/v1/indicators/{code}"]["get"]
    assert operation["operationId"] == "indicators_table"
    assert {p["name"] for p in operation["parameters"]} >= {"code", "start", "end", "by"}
