"""Iraq's districts (admin 2), loaded by migration 0003 from geo/data/areas.csv."""

from __future__ import annotations

import re

import pytest
from django.db import IntegrityError, transaction

from taawon.geo.areas import load_areas, read_areas
from taawon.geo.models import District, Governorate
from taawon.geo.tests.test_areas import BOUNDS, IRAQ_DISTRICTS

pytestmark = pytest.mark.django_db

# The Kurdistan Region's three governorates of ISO 3166-2:IQ; Halabja is a district of
# Sulaymaniyah here, as in ISO 3166-2 and the OCHA common operational dataset.
KURDISTAN = {"IQG06": "Sulaymaniyah", "IQG09": "Duhok", "IQG11": "Erbil"}


def iraqi_districts():
    return District.objects.filter(governorate__country="IQ").select_related("governorate")


def test_it_loads_iraqs_districts_under_every_governorate():
    assert iraqi_districts().count() == IRAQ_DISTRICTS
    iraqi = Governorate.objects.filter(country="IQ")
    assert iraqi.count() == 18
    assert not iraqi.filter(districts=None).exists()


def test_each_district_of_the_file_is_under_an_iraqi_governorate():
    rows = [r for r in read_areas() if r.kind == "district" and r.parent_pcode.startswith("IQG")]
    assert len(rows) == IRAQ_DISTRICTS
    for row in rows:
        d = District.objects.get(governorate__pcode=row.parent_pcode, name_en=row.name_en)
        assert d.governorate.country == "IQ"
        assert (d.name_ar, d.pcode) == (row.name_ar, row.pcode or None)


def test_kurdistan_region_districts_are_there():
    names = {
        pcode: {d.name_en for d in iraqi_districts().filter(governorate__pcode=pcode)}
        for pcode in KURDISTAN
    }
    assert {"Erbil", "Soran", "Shaqlawa", "Koysinjaq"} <= names["IQG11"]
    assert {"Duhok", "Zakho", "Amedi", "Sumel"} <= names["IQG09"]
    assert {"Sulaymaniyah", "Halabja", "Kalar", "Rania"} <= names["IQG06"]


def test_every_iraqi_district_has_an_arabic_name():
    for d in iraqi_districts():
        assert re.search("[\u0621-\u064a]", d.name_ar), d.name_en
        assert not re.search("[A-Za-z0-9]", d.name_ar), d.name_en


def test_points_lie_inside_iraq():
    south, north, west, east = BOUNDS["IQ"]
    for d in iraqi_districts():
        assert south < d.latitude < north and west < d.longitude < east, d.name_en


def test_p_codes_are_either_empty_or_ocha_codes_under_the_governorate():
    coded = 0
    for d in iraqi_districts():
        if d.pcode:
            coded += 1
            assert re.fullmatch(r"IQG\d\dQ\d\d", d.pcode), d.pcode
            assert d.pcode.startswith(d.governorate.pcode)
    assert 0 < coded < IRAQ_DISTRICTS


def test_district_names_are_unique_within_a_governorate():
    with transaction.atomic(), pytest.raises(IntegrityError):
        District.objects.create(
            governorate=Governorate.objects.get(pcode="IQG11"),
            name_en="Erbil",
            name_ar="أربيل",
            latitude=36.19,
            longitude=44.01,
        )


def test_loading_again_updates_districts_without_p_codes_in_place():
    soran = District.objects.get(governorate__pcode="IQG11", name_en="Soran")
    District.objects.filter(pk=soran.pk).update(name_ar="قديم")
    load_areas(Governorate, District)
    assert iraqi_districts().count() == IRAQ_DISTRICTS
    soran.refresh_from_db()
    assert soran.name_ar == "سوران"
