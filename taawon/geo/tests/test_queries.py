import pytest
from django.utils import translation

from taawon.geo import queries
from taawon.geo.models import Governorate

pytestmark = pytest.mark.django_db


def test_districts_are_ordered_in_the_readers_language():
    amman = Governorate.objects.get(pcode="JO11")
    with translation.override("en"):
        names = [d.name_en for d in queries.districts_of(amman.pk)]
        assert names == sorted(names)
    with translation.override("ar"):
        names = [d.name_ar for d in queries.districts_of(str(amman.pk))]
        assert names == sorted(names)


@pytest.mark.parametrize("value", [None, "", "x", "1.5"])
def test_a_malformed_governorate_gives_no_districts(value):
    assert list(queries.districts_of(value)) == []


def test_governorates_of_a_country_accept_lower_case():
    assert queries.governorates("iq").count() == 18


def test_governorate_choices_are_grouped_by_country_programme_countries_first():
    with translation.override("ar"):
        groups = queries.governorate_choices()
    assert [country for country, _ in groups] == ["الأردن", "لبنان", "العراق"]
    assert [len(options) for _, options in groups] == [12, 8, 18]
    assert "إربد" in [name for _, name in groups[0][1]]


def test_governorate_choices_take_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        queries.governorate_choices("JO")
