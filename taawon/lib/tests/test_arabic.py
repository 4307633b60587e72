from taawon.lib.arabic import is_arabic, normalise_arabic


def test_hamza_seats_fold_to_their_letter():
    assert normalise_arabic("أحمد") == normalise_arabic("احمد") == "احمد"
    assert normalise_arabic("إبراهيم") == "ابراهيم"
    assert normalise_arabic("آمنة") == "امنه"
    assert normalise_arabic("ٱلله") == "الله"
    assert normalise_arabic("مؤمن") == "مومن"
    assert normalise_arabic("رائد") == "رايد"


def test_lone_hamza_is_kept_so_alaa_and_ola_stay_apart():
    assert normalise_arabic("علاء") == "علاء"
    assert normalise_arabic("علاء") != normalise_arabic("علا")


def test_taa_marbuta_and_alef_maqsura_fold():
    assert normalise_arabic("فاطمة") == normalise_arabic("فاطمه")
    assert normalise_arabic("مصطفى") == normalise_arabic("مصطفي")


def test_tashkeel_and_tatweel_are_removed():
    assert normalise_arabic("مُحَمَّد") == "محمد"
    assert normalise_arabic("مـــحـمد") == "محمد"
    assert normalise_arabic("الرَّحْمٰن") == "الرحمن"


def test_arabic_indic_digits_become_ascii():
    assert normalise_arabic("٠٧٩١٢٣") == "079123"
    assert normalise_arabic("۰۷۹") == "079"


def test_spaces_are_collapsed_and_invisible_marks_dropped():
    assert normalise_arabic("  عبد \u200f  الله\u200c ") == "عبد الله"


def test_persian_keyboard_letters_fold_to_arabic():
    assert normalise_arabic("کریم") == "كريم"


def test_presentation_forms_fold_to_letters():
    assert normalise_arabic("\ufefb") == "لا"


def test_empty_text_normalises_to_empty():
    assert normalise_arabic("") == ""


def test_is_arabic_goes_by_the_majority_of_letters():
    assert is_arabic("محمد")
    assert not is_arabic("Mohammed")
    assert is_arabic("محمد علي Ali")
    assert not is_arabic("Mohammed Ali محمد")
    assert not is_arabic("123 -")
    assert not is_arabic("")
