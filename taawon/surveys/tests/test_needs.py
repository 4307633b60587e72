"""The cooperative needs assessment: its analysis by governorate and value chain, the most
frequent needs and weaknesses, the page in both languages and its export, on assessments
received through the OpenRosa service in Iraq."""

import io
import random

import pytest
from openpyxl import load_workbook

from taawon.accounts.models import Membership, Organisation, User

from .. import needs, services
from ..demo import assessment_xml


@pytest.fixture
def iraq(personas):
    office = Organisation.objects.create(
        name_en="ILO Iraq",
        name_ar="منظمة العمل الدولية - العراق",
        kind=Organisation.Kind.COUNTRY_OFFICE,
        country="IQ",
    )
    enumerator = User.objects.create_user(username="enumerator", password="x")
    Membership.objects.create(user=enumerator, organisation=office, role="data_clerk")
    officer = User.objects.create_user(username="iraq_officer", password="x")
    Membership.objects.create(user=officer, organisation=office, role="manager")
    forms = services.install_shipped_forms(owner=office, assigned=[office], by=None)
    rng = random.Random(4)
    for number in range(30):
        services.receive_submission(xml=assessment_xml(rng, number), files={}, user=enumerator)
    return {"office": office, "officer": officer, "form": forms["coop_needs_assessment"]}


def test_the_analysis_counts_by_governorate_value_chain_needs_and_weaknesses():
    data = [
        {
            "identity": {"governorate": "IQ-DA", "value_chain": "dairy"},
            "members": {"members_women": "10", "members_men": "5", "members_syrian": "4"},
            "assessment": {"needs": "finance storage", "weaknesses": "water"},
            "capacity": {"capacity_management": "2"},
        },
        {
            "identity": {"governorate": "IQ-DA", "value_chain": "honey"},
            "members": {"members_women": "x", "members_men": "7"},
            "assessment": {"needs": "finance", "weaknesses": "water prices"},
            "capacity": {"capacity_management": "4"},
        },
        {
            "identity": {"governorate": "IQ-AR", "value_chain": "dairy"},
            "members": {},
            "assessment": {"needs": "", "weaknesses": ""},
        },
    ]
    result = needs.analyse(data)
    assert result.assessed == 3
    assert result.by_governorate == {"IQ-DA": 2, "IQ-AR": 1}
    assert result.by_value_chain == {"dairy": 2, "honey": 1}
    assert result.needs.most_common(1) == [("finance", 2)]
    assert result.weaknesses.most_common(1) == [("water", 2)]
    assert (result.women, result.men) == (10, 12)
    assert result.capacity_average("management") == 3.0
    only = needs.analyse(data, governorate="IQ-DA", value_chain="dairy")
    assert only.assessed == 1


def test_the_page_shows_iraqs_governorates_in_both_languages(client, iraq):
    client.force_login(iraq["officer"])
    english = client.get("/en/surveys/needs-assessment/").content.decode()
    assert "Most frequent needs" in english and "<svg" in english
    assert "Duhok" in english or "Erbil" in english
    arabic = client.get("/ar/surveys/needs-assessment/").content.decode()
    assert "دهوك" in arabic or "أربيل" in arabic
    filtered = client.get("/en/surveys/needs-assessment/?governorate=IQ-DA").content.decode()
    assert "Duhok" in filtered


def test_the_analysis_exports(client, iraq):
    client.force_login(iraq["officer"])
    response = client.get("/en/surveys/needs-assessment/?format=xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0] == ("Table", "Category", "Value")
    tables = {row[0] for row in rows[1:]}
    assert "Most frequent needs" in tables and "Assessed cooperatives by governorate" in tables
    total = sum(r[2] for r in rows[1:] if r[0] == "Assessed cooperatives by governorate")
    assert total == 30
    csv = client.get("/en/surveys/needs-assessment/?format=csv").content.decode("utf-8-sig")
    assert "#indicator+num" in csv


def test_others_see_no_assessment(client, iraq, personas):
    client.force_login(personas.officer)  # Jordan's country office
    page = client.get("/en/surveys/needs-assessment/").content.decode()
    assert "No assessment yet" in page
