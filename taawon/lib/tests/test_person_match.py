import datetime
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taawon.lib.names import index_keys, phonetic_key
from taawon.lib.person_match import (
    CANDIDATE_THRESHOLD,
    OFFSET,
    REASON_CODES,
    Match,
    PersonRecord,
    Reason,
    blocking_keys,
    compare,
    could_be_candidate,
    jaro_winkler,
    name_similarity,
    names_can_decide,
)


def person(**fields) -> PersonRecord:
    return PersonRecord(id=fields.pop("id", None), **fields)


def codes(match: Match) -> set[str]:
    return {r.code for r in match.reasons}


AHMAD = {
    "given_ar": "أحمد",
    "father_ar": "محمود",
    "grandfather_ar": "علي",
    "family_ar": "الزعبي",
    "given_en": "Ahmad",
    "father_en": "Mahmoud",
    "grandfather_en": "Ali",
    "family_en": "Al-Zoubi",
    "sex": "male",
    "birth_date": datetime.date(1990, 3, 4),
    "district": "JO2101",
    "governorate": "JO21",
    "phone": "+962791234567",
}


# ------------------------------------------------------------------ the same person


def test_an_arabic_name_and_its_latin_spelling_with_the_same_birth_year_make_a_candidate():
    a = person(given_ar="محمد", family_ar="الخليل", birth_year=1990)
    b = person(given_en="Mohammed", family_en="El-Khalil", birth_year=1990)
    match = compare(a, b)
    assert match.is_candidate
    assert "same_name" in codes(match)


def test_the_same_record_typed_twice_is_a_near_certain_candidate():
    assert compare(person(**AHMAD), person(**AHMAD)).score > 0.99


def test_day_and_month_swapped_still_make_a_candidate():
    b = person(**{**AHMAD, "birth_date": datetime.date(1990, 4, 3), "phone": ""})
    match = compare(person(**AHMAD), b)
    assert match.is_candidate
    assert "day_month_swapped" in codes(match)


def test_a_record_in_latin_only_with_other_spellings_and_no_grandfather_is_a_candidate():
    b = person(
        given_en="Ahmed",
        father_en="Mahmood",
        family_en="Al Zoubi",
        sex="male",
        birth_year=1990,
        phone="+962791234576",
    )
    match = compare(person(**AHMAD), b)
    assert match.is_candidate
    assert {"similar_phone", "same_birth_year"} <= codes(match)


def test_a_shared_identifier_makes_a_candidate_even_with_a_changed_given_name():
    a = person(given_en="Kylie", family_en="Dixon", identifiers=frozenset({"national_id:ab12"}))
    b = person(given_en="Madison", family_en="Dixon", identifiers=frozenset({"national_id:ab12"}))
    match = compare(a, b)
    assert match.is_candidate
    assert "same_identifier" in codes(match)


def test_given_and_family_names_written_the_other_way_round_still_match():
    a = person(given_en="Vincent", family_en="Ruby", birth_year=1980)
    b = person(given_en="Ruby", family_en="Vincent", birth_year=1980)
    assert compare(a, b).is_candidate


def test_a_typo_in_the_family_name_counts_as_a_similar_name():
    a = person(given_en="Nathan", family_en="Challenor", birth_date=datetime.date(1960, 1, 13))
    b = person(given_en="Natahn", family_en="Challmenor", birth_date=datetime.date(1960, 1, 13))
    match = compare(a, b)
    assert match.is_candidate


# ------------------------------------------------------------------ different people


def test_namesakes_with_a_common_name_born_years_apart_are_not_a_candidate():
    a = person(given_en="Mohammad", family_en="Khalil", sex="male", birth_year=1985,
               phone="+962791234567")  # fmt: skip
    b = person(given_ar="محمد", family_ar="خليل", sex="male", birth_year=1992,
               phone="+962799999999")  # fmt: skip
    match = compare(a, b)
    assert not match.is_candidate
    assert "different_birth_year" in codes(match)


def test_a_shared_mohammad_alone_is_never_a_candidate():
    match = compare(person(given_en="Mohammad"), person(given_ar="محمد"))
    assert not match.is_candidate
    assert "common_name" in codes(match)
    match = compare(
        person(given_en="Mohammad", sex="male"), person(given_en="Muhammad", sex="male")
    )
    assert not match.is_candidate


def test_a_common_given_name_says_less_than_a_rare_one():
    common = compare(person(given_en="Mohammad"), person(given_en="Mohammad")).score
    rare = compare(person(given_en="Zuhair"), person(given_en="Zuhair")).score
    assert rare > common


def test_brothers_sharing_a_phone_and_their_fathers_line_are_not_a_candidate():
    brother = person(**{**AHMAD, "given_ar": "خالد", "given_en": "Khaled",
                        "birth_date": datetime.date(1993, 5, 1)})  # fmt: skip
    match = compare(person(**AHMAD), brother)
    assert not match.is_candidate
    assert "different_name" in codes(match)


def test_a_brother_and_sister_are_not_a_candidate():
    sister = person(**{**AHMAD, "given_ar": "فاطمة", "given_en": "Fatima", "sex": "female",
                       "birth_date": datetime.date(1992, 7, 9)})  # fmt: skip
    match = compare(person(**AHMAD), sister)
    assert not match.is_candidate
    assert "different_sex" in codes(match)


def test_different_sex_is_strong_evidence_against():
    b = person(**{**AHMAD, "sex": "female"})
    match = compare(person(**AHMAD), b)
    assert any(r.code == "different_sex" and r.points <= -5 for r in match.reasons)
    assert match.score < compare(person(**AHMAD), person(**AHMAD)).score


def test_a_name_the_registry_says_is_common_counts_for_less():
    a, b = (
        person(given_en="Zuhair", family_en="Kanaan"),
        person(given_en="Zuhair", family_en="Kanaan"),
    )
    share = {phonetic_key("Zuhair"): 0.2, phonetic_key("Kanaan"): 0.2}
    assert compare(a, b, key_share=share).score < compare(a, b).score


def test_family_names_are_compared_without_their_article():
    # الزعبي and الزيدي share only the article and the nisba ending.
    assert name_similarity("الزعبي", "الزيدي") < 0.8
    assert name_similarity("Al-Rawi", "Al-Rashidi") < 0.8


def test_two_known_names_are_not_taken_for_typos_of_each_other():
    assert name_similarity("Ahmad", "Mohammad") < 0.8
    assert name_similarity("أحمد", "محمد") < 0.8
    assert name_similarity("Dana", "دينا") < 0.8
    assert name_similarity("عبدالكريم", "عبدالعزيز") < 0.8


def test_name_similarity_sees_the_same_name_across_scripts():
    assert name_similarity("محمد", "Mohammed") >= 0.95
    assert name_similarity("عبد الرحمن", "Abdulrahman") >= 0.95
    assert name_similarity("جون", "John") >= 0.95
    assert name_similarity("", "John") == 0.0


# ------------------------------------------------------------------ birth dates and phones


@pytest.mark.parametrize(
    "other,code",
    [
        ({"birth_date": datetime.date(1990, 3, 4)}, "same_birth_date"),
        ({"birth_date": datetime.date(1990, 4, 3)}, "day_month_swapped"),
        ({"birth_year": 1990}, "same_birth_year"),
        ({"birth_year": 1991}, "close_birth_year"),
        ({"birth_year": 1999}, "different_birth_year"),
        ({"birth_date": datetime.date(1975, 3, 4)}, "different_birth_year"),
    ],
)
def test_birth_dates_compare_by_what_both_records_know(other, code):
    match = compare(person(birth_date=datetime.date(1990, 3, 4)), person(**other))
    assert code in codes(match)


def test_birth_years_far_apart_count_against_more_than_close_ones():
    def points(year):
        match = compare(person(birth_year=1990), person(birth_year=year))
        return sum(r.points for r in match.reasons)

    assert points(1990) > points(1991) > points(1993) > points(1999)


def test_a_missing_birth_date_is_no_evidence_either_way():
    match = compare(person(birth_date=datetime.date(1990, 3, 4)), person())
    assert not any("birth" in r.code for r in match.reasons)


@pytest.mark.parametrize(
    "other,code",
    [
        ("+962791234567", "same_phone"),
        ("+962791234568", "similar_phone"),
        ("+962791234576", "similar_phone"),
    ],
)
def test_phones_compare_exactly_or_one_digit_off(other, code):
    assert code in codes(compare(person(phone="+962791234567"), person(phone=other)))


def test_unrelated_phones_and_places_say_nothing():
    match = compare(
        person(phone="+962791234567", district="A", governorate="X"),
        person(phone="+962780000001", district="B", governorate="Y"),
    )
    assert match.reasons == ()


def test_same_district_counts_more_than_same_governorate():
    district = compare(person(district="A", governorate="X"), person(district="A", governorate="X"))
    governorate = compare(
        person(district="A", governorate="X"), person(district="B", governorate="X")
    )
    assert codes(district) == {"same_district"}
    assert codes(governorate) == {"same_governorate"}
    assert district.score > governorate.score


# ------------------------------------------------------------------ the result itself


def test_reasons_use_known_codes_and_add_up_to_the_score():
    match = compare(person(**AHMAD), person(**{**AHMAD, "birth_date": None, "birth_year": 1991}))
    assert match.reasons and all(r.code in REASON_CODES for r in match.reasons)
    assert all(isinstance(r, Reason) and r.detail for r in match.reasons)
    total = sum(r.points for r in match.reasons)
    assert match.score == pytest.approx(1 / (1 + math.exp(OFFSET - total)))


def test_the_score_is_between_zero_and_one_and_the_threshold_decides():
    for a, b in [(person(**AHMAD), person(**AHMAD)), (person(), person())]:
        match = compare(a, b)
        assert 0.0 <= match.score <= 1.0
        assert match.is_candidate == (match.score >= CANDIDATE_THRESHOLD)


def test_comparison_is_symmetric():
    a = person(**AHMAD)
    b = person(given_en="Ahmed", family_en="Zoubi", birth_year=1990, sex="male")
    assert compare(a, b).score == compare(b, a).score


# ------------------------------------------------------------------ blocking


def test_blocking_keys_are_phonetic_keys_the_index_stores():
    record = person(**AHMAD)
    keys = blocking_keys(record)
    fields = ("given_ar", "father_ar", "family_ar", "given_en", "father_en", "family_en")
    stored = index_keys(*(getattr(record, f) for f in fields))
    assert keys and keys <= stored
    assert all(k.startswith("p:") for k in keys)


def test_duplicates_in_the_other_script_or_spelling_share_a_blocking_key():
    a = person(given_ar="عبد الرحمن", family_ar="الخليل")
    for b in (
        person(given_en="Abdulrahman", family_en="Al-Khalil"),
        person(given_en="Abdel Rahman", family_en="Khaleel"),
        person(given_en="Abdurahman", family_en="Elkhalil"),  # a typo in the given name
        person(given_en="Abd al-Rahman"),  # no family name
    ):
        assert blocking_keys(a) & blocking_keys(b), b


def test_a_record_without_names_has_no_blocking_keys():
    assert blocking_keys(person(birth_year=1990)) == set()


# ------------------------------------------------------------------ bad input


def test_bad_input_never_crashes():
    long_name = "محمد " * 100
    odd = [
        person(),
        person(given_en="X"),
        person(given_ar="😀", family_en="🙂"),
        person(given_en=long_name, family_en="a" * 500),
        person(given_ar="Mohammed محمد", family_en="الخليل Khalil"),
        person(given_en="-", phone="12", birth_year=0),
        person(given_en="Ali", birth_date=datetime.date(2000, 2, 29), phone="not a phone"),
    ]
    for a in odd:
        for b in odd:
            match = compare(a, b)
            assert 0.0 <= match.score <= 1.0
        blocking_keys(a)


def test_jaro_winkler_matches_its_textbook_values():
    assert jaro_winkler("martha", "marhta") == pytest.approx(0.9611, abs=1e-4)
    assert jaro_winkler("dwayne", "duane") == pytest.approx(0.84, abs=1e-4)
    assert jaro_winkler("dixon", "dicksonx") == pytest.approx(0.8133, abs=1e-4)
    assert jaro_winkler("", "abc") == 0.0
    assert jaro_winkler("abc", "abc") == 1.0


# ------------------------------------------------------------------ the bound that skips pairs

_GIVEN = ["محمد", "Mohammad", "Mohamed", "أحمد", "Ahmad", "فاطمة", "Fatima", "Rawan", "روان", ""]
_FAMILY = ["الزعبي", "Al-Zoubi", "Zoubi", "الخليل", "El-Khalil", "Derwich", "درويش", ""]
_FATHER = ["محمود", "Mahmoud", "علي", "Ali", "خالد", "Khaled", ""]
_SHARE = {"mhmd": 0.3, "ahmd": 0.2, "zbi": 0.08, "xll": 0.001}


@st.composite
def _records(draw) -> PersonRecord:
    # Years one and more apart, and another generation (more than FAR_YEARS).
    year = draw(st.sampled_from([1980, 1981, 1984, 1995]))
    dated = draw(st.booleans())
    return person(
        given_ar=draw(st.sampled_from(_GIVEN)),
        given_en=draw(st.sampled_from(_GIVEN)),
        father_ar=draw(st.sampled_from(_FATHER)),
        grandfather_en=draw(st.sampled_from(_FATHER)),
        family_ar=draw(st.sampled_from(_FAMILY)),
        family_en=draw(st.sampled_from(_FAMILY)),
        sex=draw(st.sampled_from(["male", "female", ""])),
        birth_date=datetime.date(year, draw(st.integers(1, 3)), draw(st.integers(1, 3)))
        if dated
        else None,
        birth_year=year,
        district=draw(st.sampled_from(["JO2101", "JO2102", ""])),
        governorate=draw(st.sampled_from(["JO21", ""])),
        phone=draw(st.sampled_from(["+962791234567", "+962791234576", ""])),
        identifiers=frozenset(
            draw(st.sets(st.sampled_from(["national_id:x", "national_id:z", "passport:y"])))
        ),
        near_identifiers=frozenset(draw(st.sets(st.sampled_from(["national_id:n"])))),
    )


@settings(max_examples=400, deadline=None)
@given(a=_records(), b=_records(), registry_shares=st.booleans())
def test_no_pair_compare_takes_for_a_candidate_is_ruled_out(a, b, registry_shares):
    key_share = _SHARE if registry_shares else None

    if compare(a, b, key_share=key_share).is_candidate:
        assert could_be_candidate(a, b, key_share=key_share)


def test_the_bound_rules_out_namesakes_sharing_only_common_names():
    a = person(given_en="Mohammad", family_en="Al-Zoubi", sex="male", birth_year=1980)
    b = person(given_ar="محمد", family_ar="الزعبي", sex="male", birth_year=1990)

    assert not could_be_candidate(a, b, key_share={"mhmd": 0.3, "zbi": 0.08})
    assert could_be_candidate(a, a, key_share=None)


def test_common_names_alone_cannot_decide_but_rare_ones_can():
    common = person(given_ar="محمد", given_en="Mohammad", birth_date=datetime.date(1990, 1, 2))
    rare = person(given_en="Zuhair", father_en="Nizar", family_en="Derwich", birth_year=1990)

    assert not names_can_decide(common)
    assert names_can_decide(rare)
