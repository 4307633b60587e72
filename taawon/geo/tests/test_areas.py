"""The places shipped in geo/data/areas.csv, as the data migration loads them."""

from __future__ import annotations

import csv
import difflib
import math
import re
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest

from taawon.geo.areas import load_areas, read_areas, unload_areas
from taawon.geo.models import District, Governorate

REFERENCE = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "jordan-districts.csv"

# (south, north, west, east) with a little margin around each country's land.
BOUNDS = {
    "JO": (29.1, 33.4, 34.9, 39.35),
    "LB": (33.0, 34.7, 35.05, 36.65),
    "IQ": (29.0, 37.4, 38.75, 48.65),
}

# How far a district's point may lie from its governorate's: a few tens of km, except for
# the governorates that stretch across the eastern desert to the Iraqi and Saudi borders.
NEAR_KM = 60
WIDE_GOVERNORATES_KM = {"JO22": 130, "JO33": 100}  # Mafraq, Ma'an
# Iraq's districts are placed at their seat towns, and the desert governorates' points lie
# far out in the desert; the wide ones are Anbar, Muthanna, Najaf and Ninewa.
WIDE_GOVERNORATES_KM |= {"IQG01": 200, "IQG03": 180, "IQG04": 160, "IQG15": 160}
NEAR_KM_BY_COUNTRY = {"IQ": 125}

IRAQ_DISTRICTS = 106

pytestmark = pytest.mark.django_db


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def arabic_key(name: str) -> str:
    """Arabic name without the word liwa', vowel marks, hamza seats or taa marbuta."""
    name = re.sub(r"^(لواء|محافظة)\s+", "", name.strip())
    name = re.sub("[\u064b-\u0652\u0640]", "", name)
    name = re.sub("[أإآٱ]", "ا", name)
    return name.replace("ؤ", "و").replace("ئ", "ي").replace("ى", "ي").replace("ة", "ه")


def latin_key(name: str) -> str:
    """Latin name without 'District', 'Qasabah', articles (al-, ash- ...) or punctuation."""
    name = name.lower().replace("'", "").replace("\u2019", "")
    name = re.sub(r"\b(district|governorate|qasabah|qasabat|liwa)\b", " ", name)
    name = re.sub(r"(^|[\s-])(al|el|ar|as|ash|at|az|an|ad)[- ]", " ", name)
    return re.sub(r"[^a-z]", "", name)


def test_it_loads_every_governorate_of_the_three_countries():
    counts = {c: Governorate.objects.filter(country=c).count() for c in ("JO", "LB", "IQ")}
    assert counts == {"JO": 12, "LB": 8, "IQ": 18}


@pytest.mark.parametrize("country", ["JO", "LB", "IQ"])
def test_governorates_are_those_iso_3166_2_lists(country):
    iso = {
        s.code for s in pycountry.subdivisions.get(country_code=country) if s.type == "Governorate"
    }
    ours = Governorate.objects.filter(country=country).values_list("iso_code", flat=True)
    assert set(ours) == iso


def test_it_loads_the_51_districts_of_jordan_and_the_26_qada_of_lebanon():
    assert District.objects.filter(governorate__country="JO").count() == 51
    assert District.objects.filter(governorate__country="LB").count() == 26
    assert not Governorate.objects.filter(country="LB", districts=None).exists()
    assert not Governorate.objects.filter(country="JO", districts=None).exists()


def test_database_holds_exactly_what_the_file_says():
    rows = read_areas()
    assert len(rows) == Governorate.objects.count() + District.objects.count()
    for row in rows:
        model = Governorate if row.kind == "governorate" else District
        if row.pcode:
            area = model.objects.get(pcode=row.pcode)
        else:  # a district whose P-code is left empty (Lebanon's qada, some of Iraq's)
            area = District.objects.get(
                pcode__isnull=True, governorate__pcode=row.parent_pcode, name_en=row.name_en
            )
        assert (area.name_en, area.name_ar) == (row.name_en, row.name_ar)
        assert (area.latitude, area.longitude) == (row.latitude, row.longitude)
        if row.kind == "district":
            assert area.governorate.pcode == row.parent_pcode


def test_p_codes_follow_ocha_patterns():
    patterns = {"JO": r"JO\d\d", "LB": r"LB\d", "IQ": r"IQG\d\d"}
    for g in Governorate.objects.all():
        assert re.fullmatch(patterns[g.country], g.pcode), g.pcode
        assert g.iso_code.startswith(g.country + "-")
    for d in District.objects.select_related("governorate"):
        if d.governorate.country in ("IQ", "LB") and not d.pcode:
            continue  # left empty rather than guessed
        pattern = {"JO": r"JO\d{4}", "IQ": r"IQG\d\dQ\d\d", "LB": r"LB\d+"}[d.governorate.country]
        assert re.fullmatch(pattern, d.pcode)
        assert d.pcode.startswith(d.governorate.pcode)
    # A code not checked against its source is left empty, never guessed.
    assert not District.objects.filter(governorate__country="LB").exclude(pcode=None).exists()


def test_every_area_has_an_arabic_and_an_english_name():
    areas = [*Governorate.objects.all(), *District.objects.all()]
    for area in areas:
        assert re.search("[\u0621-\u064a]", area.name_ar), area.pcode
        assert not re.search("[A-Za-z]", area.name_ar), area.pcode
        assert re.fullmatch(r"[A-Za-z][A-Za-z' -]+", area.name_en), area.pcode


def test_every_point_lies_inside_its_country():
    for g in Governorate.objects.all():
        south, north, west, east = BOUNDS[g.country]
        assert south < g.latitude < north and west < g.longitude < east, g.pcode
        for d in g.districts.all():
            assert south < d.latitude < north and west < d.longitude < east, d.pcode


def test_each_district_lies_near_its_governorate():
    for d in District.objects.select_related("governorate"):
        g = d.governorate
        distance = km_between(
            float(d.latitude), float(d.longitude), float(g.latitude), float(g.longitude)
        )
        limit = WIDE_GOVERNORATES_KM.get(g.pcode, NEAR_KM_BY_COUNTRY.get(g.country, NEAR_KM))
        assert distance < limit, (d.name_en, distance)


def test_loading_again_updates_in_place():
    Governorate.objects.filter(pcode="JO11").update(name_en="Old name")
    before = (Governorate.objects.count(), District.objects.count())
    load_areas(Governorate, District)
    assert (Governorate.objects.count(), District.objects.count()) == before
    assert Governorate.objects.get(pcode="JO11").name_en == "Amman"


def test_unloading_removes_the_file_areas():
    from taawon.geo.models import Locality

    Locality.objects.all().delete()  # the localities point at the districts
    unload_areas(Governorate, District)
    assert not Governorate.objects.exists() and not District.objects.exists()
    load_areas(Governorate, District)
    assert District.objects.filter(governorate__country="JO").count() == 51
    assert District.objects.filter(governorate__country="IQ").count() == IRAQ_DISTRICTS
    assert District.objects.filter(governorate__country="LB").count() == 26


@pytest.fixture
def reference() -> dict[str, list[dict[str, str]]]:
    """Jordan's districts by governorate (Arabic key) from the shared OSM-derived table."""
    if not REFERENCE.exists():
        pytest.skip(f"{REFERENCE} is absent")
    by_governorate = defaultdict(list)
    with REFERENCE.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            by_governorate[arabic_key(row["governorate_ar"])].append(row)
    return by_governorate


def _match(governorate: Governorate, reference_rows: list[dict[str, str]]):
    """Pair each of our districts with the reference district of the closest Latin name."""
    pairs = []
    for district in governorate.districts.all():
        ours = latin_key(district.name_en)
        scored = [
            (difflib.SequenceMatcher(None, ours, latin_key(r["district_en"])).ratio(), i)
            for i, r in enumerate(reference_rows)
        ]
        score, index = max(scored)
        assert score >= 0.55, (district.name_en, reference_rows[index]["district_en"], score)
        pairs.append((district, reference_rows[index]))
    return pairs


def test_jordan_has_the_reference_governorates_and_districts(reference):
    ours = {arabic_key(g.name_ar): g for g in Governorate.objects.filter(country="JO")}
    assert set(ours) == set(reference)
    for key, governorate in ours.items():
        pairs = _match(governorate, reference[key])
        matched = [r["district_en"] for _, r in pairs]
        assert sorted(matched) == sorted(r["district_en"] for r in reference[key]), governorate


def test_jordan_district_names_and_points_agree_with_the_reference(reference):
    for governorate in Governorate.objects.filter(country="JO"):
        for district, ref in _match(governorate, reference[arabic_key(governorate.name_ar)]):
            assert arabic_key(district.name_ar) == arabic_key(ref["district_ar"])
            ours = float(district.latitude), float(district.longitude)
            distance = km_between(*ours, float(ref["lat"]), float(ref["lon"]))
            assert distance < 25, (district.name_en, distance)


def test_the_programmes_lebanese_localities_are_loaded_with_their_district():
    from taawon.geo.areas import read_localities
    from taawon.geo.models import Locality

    places = {
        (p.name_en, p.name_ar, p.district.name_en, p.governorate.pcode)
        for p in Locality.objects.select_related("district", "governorate")
    }
    assert places == {
        ("Kfar Habou", "كفرحبو", "Minieh-Danniyeh", "LB3"),
        ("Sir ed-Danniyeh", "سير الضنية", "Minieh-Danniyeh", "LB3"),
        ("Akroum", "أكروم", "Akkar", "LB7"),
        ("Bebnine", "ببنين", "Akkar", "LB7"),
    }
    assert len(read_localities()) == Locality.objects.count()
    south, north, west, east = BOUNDS["LB"]
    for locality in Locality.objects.select_related("district"):
        assert south < locality.latitude < north and west < locality.longitude < east
        distance = km_between(
            float(locality.latitude),
            float(locality.longitude),
            float(locality.district.latitude),
            float(locality.district.longitude),
        )
        assert distance < 30, (locality.name_en, distance)
        assert locality.code == ""  # no official code checked yet
