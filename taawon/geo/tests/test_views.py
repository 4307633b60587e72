import re

import pytest

from taawon.geo.models import District, Governorate


def _options(response) -> list[str]:
    return re.findall(r'<option value="(\d+)">', response.content.decode())


def test_district_options_require_login(client, db):
    amman = Governorate.objects.get(pcode="JO11")
    response = client.get(f"/en/geo/districts/?governorate={amman.pk}")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_district_options_list_that_governorate_only(client, personas):
    client.force_login(personas.counsellor_a)
    amman = Governorate.objects.get(pcode="JO11")
    response = client.get(f"/en/geo/districts/?governorate={amman.pk}")
    assert response.status_code == 200
    expected = {
        str(pk) for pk in District.objects.filter(governorate=amman).values_list("pk", flat=True)
    }
    assert set(_options(response)) == expected
    assert len(expected) == 9
    assert "Sahab" in response.content.decode()


def test_district_options_speak_arabic(client, personas):
    client.force_login(personas.counsellor_a)
    irbid = Governorate.objects.get(pcode="JO21")
    response = client.get(f"/ar/geo/districts/?governorate={irbid.pk}")
    assert "الرمثا" in response.content.decode()
    assert "Ramtha" not in response.content.decode()


@pytest.mark.parametrize("value", ["", "abc", "999999"])
def test_district_options_are_empty_for_a_missing_or_unknown_governorate(client, personas, value):
    client.force_login(personas.counsellor_a)
    response = client.get(f"/en/geo/districts/?governorate={value}")
    assert response.status_code == 200
    assert _options(response) == []


def test_governorate_options_of_one_country(client, personas):
    client.force_login(personas.counsellor_a)
    response = client.get("/en/geo/governorates/?country=LB")
    assert len(_options(response)) == 8
    assert "<optgroup" not in response.content.decode()


def test_governorate_options_of_all_countries_are_grouped(client, personas):
    client.force_login(personas.counsellor_a)
    response = client.get("/en/geo/governorates/")
    html = response.content.decode()
    assert len(_options(response)) == 38
    assert re.findall(r'<optgroup label="([^"]+)">', html) == ["Jordan", "Lebanon", "Iraq"]
