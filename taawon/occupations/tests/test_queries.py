import pytest
from django.utils import translation

from taawon.occupations import queries

pytestmark = pytest.mark.django_db


def test_unit_groups_are_the_436_four_digit_groups():
    units = queries.unit_groups()
    assert units.count() == 436
    assert all(len(code) == 4 for code in units.values_list("code", flat=True))


def test_get_by_code_finds_a_group_or_nothing():
    assert queries.get_by_code("8322").title_en == "Car, taxi and van drivers"
    assert queries.get_by_code(" 0110 ").level == 1 + 3
    assert queries.get_by_code("9999") is None
    assert queries.get_by_code("") is None


def test_search_by_code_prefix_puts_unit_groups_first():
    codes = [o.code for o in queries.search("921")]
    assert codes == ["9211", "9212", "9213", "9214", "9215", "9216", "921"]


def test_search_by_english_words_in_any_order():
    codes = [o.code for o in queries.search("labourers farm crop")]
    assert codes == ["9211", "9213"]  # crop farm, mixed crop and livestock farm
    assert "7126" in [o.code for o in queries.search("PLUMBERS")]


def test_search_by_arabic_ignores_hamza_and_taa_marbuta_variants():
    assert "9211" in [o.code for o in queries.search("عمال مزارع")]
    # typed without hamza: أ -> ا, and taa marbuta as haa
    assert "7512" in [o.code for o in queries.search("الخبازون")]
    assert "6111" in [o.code for o in queries.search("الخضراوات")]
    assert "8322" in [o.code for o in queries.search("سيارات الاجره")]


def test_search_returns_at_most_the_limit():
    assert len(queries.search("workers", limit=5)) == 5
    assert list(queries.search("   ")) == []
    assert list(queries.search("no such occupation")) == []


def test_unit_group_choices_are_grouped_by_major_group_in_the_readers_language():
    with translation.override("ar"):
        groups = queries.unit_group_choices()
    assert len(groups) == 10
    assert sum(len(options) for _, options in groups) == 436
    labels = dict(groups)
    assert any(label.startswith("9211 عمال مزارع") for _, label in labels["المهن الأولية"])


def test_unit_group_choices_take_two_queries(django_assert_num_queries):
    with django_assert_num_queries(2):
        queries.unit_group_choices()
