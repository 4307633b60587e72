"""Governorate pickers offer the user's own country's governorates, by name in the page's
language; a list open to several countries puts the programme's (Jordan) first, not Iraq."""

import re

import pytest
from django.utils import translation

from taawon.geo.models import Governorate

pytestmark = pytest.mark.django_db


def options(html: str, field: str) -> list[str]:
    select = re.search(rf'<select name="{field}"[^>]*>(.*?)</select>', html, re.S)
    assert select, field
    return re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', select.group(1))


def names_of(pks) -> set[str]:
    return set(Governorate.objects.filter(pk__in=pks).values_list("country", flat=True))


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/{lang}/employment/employers/new/", "governorate"),
        ("/{lang}/people/new/", "governorate"),
    ],
)
def test_a_jordanian_unit_picks_among_jordans_governorates_by_name(
    client, personas, language, url, field
):
    client.force_login(personas.counsellor_a)
    with translation.override(language):
        html = client.get(url.format(lang=language)).content.decode()
    found = options(html, field)
    assert names_of(pk for pk, _name in found) == {"JO"}
    assert len(found) == 12
    names = [name for _pk, name in found]
    assert names == sorted(names)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_list_open_to_every_country_puts_jordan_first_then_sorts_by_name(
    client, personas, language
):
    client.force_login(personas.counsellor_a)
    with translation.override(language):
        html = client.get(f"/{language}/employment/job-seekers/").content.decode()
    found = options(html, "governorate")
    country = dict(Governorate.objects.values_list("pk", "country"))
    countries = [country[int(pk)] for pk, _name in found]
    assert countries == sorted(countries, key=["JO", "LB", "IQ"].index)
    jordan = [name for pk, name in found if country[int(pk)] == "JO"]
    assert jordan == sorted(jordan)
