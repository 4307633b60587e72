"""The ISCO-08 groups shipped in occupations/data/isco08.csv, as the data migration loads them."""

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from taawon.occupations.isco08 import load_groups, read_groups, unload_groups
from taawon.occupations.models import Occupation

REFERENCE = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "isco08-groups.csv"

# The groups the programme codes most: agriculture, construction, food processing, cleaning,
# driving and care (unit groups under these prefixes must all have an Arabic title).
PROGRAMME_PREFIXES = ["61", "62", "63", "92", "71", "93", "751", "816", "91", "83", "53"]

pytestmark = pytest.mark.django_db


def test_it_loads_the_619_groups_of_isco_08():
    counts = Counter(Occupation.objects.values_list("level", flat=True))
    assert counts == {1: 10, 2: 43, 3: 130, 4: 436}


def test_every_code_has_as_many_digits_as_its_level():
    for code, level in Occupation.objects.values_list("code", "level"):
        assert code.isdigit() and len(code) == level, code


def test_every_parent_exists_one_level_up():
    for group in Occupation.objects.select_related("parent"):
        if group.level == 1:
            assert group.parent is None
        else:
            assert group.parent.level == group.level - 1
            assert group.parent.code == group.code[:-1]


def test_every_group_below_unit_has_children():
    assert not Occupation.objects.filter(level__lt=4, children=None).exists()


def test_major_and_sub_major_groups_all_have_arabic_titles():
    missing = Occupation.objects.filter(level__lte=2, title_ar="")
    assert list(missing.values_list("code", flat=True)) == []


@pytest.mark.parametrize("prefix", PROGRAMME_PREFIXES)
def test_the_programmes_unit_groups_have_arabic_titles(prefix):
    units = Occupation.objects.filter(level=4, code__startswith=prefix)
    assert units.exists()
    assert list(units.filter(title_ar="").values_list("code", flat=True)) == []


def test_arabic_titles_are_arabic_and_english_titles_are_not():
    for code, title_en, title_ar in Occupation.objects.values_list("code", "title_en", "title_ar"):
        assert title_en and not re.search("[\u0600-\u06ff]", title_en), code
        if title_ar:
            assert re.search("[\u0621-\u064a]", title_ar), code
            assert not re.search("[A-Za-z\u064b-\u0652]", title_ar), code


def test_database_holds_exactly_what_the_file_says():
    rows = read_groups()
    assert len(rows) == Occupation.objects.count()
    stored = {o.code: o for o in Occupation.objects.all()}
    for row in rows:
        group = stored[row.code]
        assert (group.level, group.title_en, group.title_ar) == (
            row.level,
            row.title_en,
            row.title_ar,
        )


def test_loading_again_updates_in_place():
    Occupation.objects.filter(code="9211").update(title_ar="")
    load_groups(Occupation)
    assert Occupation.objects.count() == 619
    assert Occupation.objects.get(code="9211").title_ar == "عمال مزارع المحاصيل"


def test_unloading_removes_every_group():
    unload_groups(Occupation)
    assert not Occupation.objects.exists()
    load_groups(Occupation)
    assert Occupation.objects.count() == 619


def test_codes_and_english_titles_match_the_esco_reference():
    if not REFERENCE.exists():
        pytest.skip(f"{REFERENCE} is absent")
    with REFERENCE.open(encoding="utf-8", newline="") as f:
        reference = {
            row["code"]: (int(row["level"]), row["parent_code"], row["title_en"])
            for row in csv.DictReader(f)
        }
    ours = {
        o.code: (o.level, o.parent.code if o.parent else "", o.title_en)
        for o in Occupation.objects.select_related("parent")
    }
    assert ours == reference
