"""Names on a Sorani page are in the Arabic script, as on an Arabic page: a person's, a
governorate's and an organisation's; an English page keeps the Latin names."""

import re

import pytest
from django.utils import translation

from taawon.people.tests.factories import PersonFactory, governorate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language, arabic_script", [("en", False), ("ar", True), ("ckb", True)])
def test_names_are_shown_in_the_pages_script(client, personas, language, arabic_script):
    place = governorate("JO-MA")
    person = PersonFactory(owner=personas.unit_a, governorate=place)
    client.force_login(personas.counsellor_a)
    listed = client.get(f"/{language}/people/").content.decode()
    assert (place.name_ar if arabic_script else place.name_en) in listed
    assert (place.name_en if arabic_script else place.name_ar) not in listed
    unit = personas.unit_a
    profile = client.get(f"/{language}/accounts/profile/").content.decode()
    assert (unit.name_ar if arabic_script else unit.name_en) in profile
    with translation.override("en"):
        path = person.get_absolute_url().removeprefix("/en")
    page = client.get(f"/{language}{path}").content.decode()
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert (person.name_ar if arabic_script else person.name_en) in title
