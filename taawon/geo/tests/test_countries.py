from django.utils import translation

from taawon.geo.countries import country_choices, country_name, is_country


def test_country_name_speaks_arabic_and_english():
    assert country_name("JO", "en") == "Jordan"
    assert country_name("JO", "ar") == "الأردن"
    assert country_name("SY", "en") == "Syria"
    assert country_name("SY", "ar") == "سوريا"
    assert country_name("iq", "ar") == "العراق"


def test_country_name_follows_the_active_language():
    with translation.override("ar"):
        assert country_name("LB") == "لبنان"
    with translation.override("en"):
        assert country_name("LB") == "Lebanon"


def test_arabic_names_carry_no_vowel_marks():
    for _, name in country_choices("ar"):
        assert not any("\u064b" <= ch <= "\u0652" for ch in name), name


def test_an_unknown_code_is_returned_as_is():
    assert country_name("XX", "en") == "XX"
    assert country_name("", "en") == ""
    assert not is_country("XX")
    assert is_country("jo")


def test_country_choices_put_jordan_and_syria_first():
    for language in ("en", "ar"):
        choices = country_choices(language)
        assert [code for code, _ in choices[:2]] == ["JO", "SY"]
        assert len(choices) == len({code for code, _ in choices}) > 240


def test_the_other_countries_follow_in_alphabetical_order():
    rest = [name for code, name in country_choices("en")[8:]]
    assert rest == sorted(rest)


def test_sorani_names_the_programmes_nationalities_in_sorani():
    names = {code: country_name(code, "ckb") for code in ("JO", "SY", "IQ", "PS", "LB")}
    assert names == {
        "JO": "ئوردن",
        "SY": "سووریا",
        "IQ": "عێراق",
        "PS": "فەلەستین",
        "LB": "لوبنان",
    }
    with translation.override("ckb"):
        assert country_name("SY") == "سووریا"
        assert dict(country_choices())["EG"] == "میسر"
