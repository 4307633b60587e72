"""The Sorani Kurdish (ckb) catalogue translates every string the Arabic one does, keeps each
placeholder, is compiled, and a page renders in Sorani, right to left."""

import gettext
import re
import subprocess
from pathlib import Path

import pytest
from django.test import Client

import taawon

LOCALE = Path(taawon.__file__).resolve().parent / "locale"
AR_MO = LOCALE / "ar" / "LC_MESSAGES" / "django.mo"
CKB_PO = LOCALE / "ckb" / "LC_MESSAGES" / "django.po"
CKB_MO = CKB_PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
# Letters Sorani writes and Arabic does not (ە ێ ۆ ڕ ڵ ڤ گ پ چ ژ ی).
SORANI_LETTERS = re.compile("[\u06d5\u06ce\u06c6\u0695\u06b5\u06a4\u06af\u067e\u0686\u0698\u06cc]")


def _catalogue(mo: Path) -> dict:
    """The compiled catalogue: msgid (with "context\x04" before it) -> msgstr, and
    (msgid, n) -> the n-th plural form. msgfmt leaves out untranslated and fuzzy entries,
    and the last test checks that the .mo is the .po compiled."""
    with mo.open("rb") as f:
        catalogue = dict(gettext.GNUTranslations(f)._catalog)  # the only way to list them
    catalogue.pop("", None)  # the header
    return catalogue


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _plural_msgids(po: Path) -> dict[str, str]:
    """msgid -> msgid_plural, read from the .po (the .mo keeps only the msgid)."""
    plurals = {}
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        fields, current = {}, None
        for line in block.splitlines():
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr\S*) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if "msgid_plural" in fields:
            plurals[_unescape(fields["msgid"])] = _unescape(fields["msgid_plural"])
    return plurals


def _unescape(text: str) -> str:
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def test_ckb_has_every_msgid_of_the_arabic_catalogue_translated_and_not_fuzzy():
    arabic, sorani = _catalogue(AR_MO), _catalogue(CKB_MO)
    assert len(arabic) > 2000
    # Arabic has six plural forms and Sorani two: compare the msgids.
    msgids = {key[0] if isinstance(key, tuple) else key for key in arabic}
    missing = [
        msgid
        for msgid in msgids
        if not sorani.get(msgid) and not (sorani.get((msgid, 0)) and sorani.get((msgid, 1)))
    ]
    assert missing == []
    assert "#, fuzzy" not in CKB_PO.read_text(encoding="utf-8")


def test_ckb_has_two_plural_forms():
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in CKB_PO.read_text(encoding="utf-8")
    sorani = _catalogue(CKB_MO)
    plurals = [key for key in sorani if isinstance(key, tuple)]
    assert plurals and {n for _msgid, n in plurals} == {0, 1}


def test_ckb_translations_keep_the_placeholders_of_their_msgid():
    plural_of = _plural_msgids(CKB_PO)
    wrong = []
    for key, text in _catalogue(CKB_MO).items():
        if isinstance(key, tuple):
            msgid, n = key
            msgid = msgid.rpartition("\x04")[2]
            if n == 0:  # the singular may leave out the count ("one day"), as Arabic does
                ok = _placeholders(text) <= _placeholders(msgid)
            else:
                ok = _placeholders(text) == _placeholders(plural_of.get(msgid, msgid))
        else:
            ok = _placeholders(text) == _placeholders(key.rpartition("\x04")[2])
        if not ok:
            wrong.append((key, text))
    assert wrong == []


def test_ckb_is_written_in_sorani_not_copied_from_english_or_arabic():
    arabic, sorani = _catalogue(AR_MO), _catalogue(CKB_MO)
    singular = {k: v for k, v in sorani.items() if isinstance(k, str)}
    in_sorani = [k for k, v in singular.items() if SORANI_LETTERS.search(v)]
    as_arabic = [k for k, v in singular.items() if v == arabic.get(k)]
    assert len(in_sorani) > 0.9 * len(singular)
    assert len(as_arabic) < 0.05 * len(singular)


def test_the_compiled_ckb_catalogue_matches_the_translations(tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(compiled), str(CKB_PO)], check=True)
    assert compiled.read_bytes() == CKB_MO.read_bytes()


@pytest.mark.django_db
def test_a_page_renders_in_sorani_right_to_left(client: Client):
    page = client.get("/ckb/accounts/login/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="ckb" dir="rtl">' in html
    assert "bootstrap.rtl.min.css" in html
    assert _catalogue(CKB_MO)["Log in"] in html
    # The switcher offers the two other languages by their own names.
    assert 'value="en" lang="en">English</button>' in html
    assert 'value="ar" lang="ar">العربية</button>' in html
