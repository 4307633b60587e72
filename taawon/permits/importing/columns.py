"""The columns of the ministry's permit lists, as they are headed in English and in Arabic,
and how their cells read: nationalities, cooperatives and names. No database here."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pycountry

from taawon.lib.tabular import ColumnSpec, normalise_header

# When a file has no column for the kind of identifier: the card Syrians in Jordan carry,
# which is what the Ministry of Labour's lists are keyed on.
DEFAULT_IDENTIFIER_KIND = "moi_card"

SPECS: tuple[ColumnSpec, ...] = (
    ColumnSpec(
        "permit_number",
        required=True,
        unique=True,
        synonyms=(
            "Permit number",
            "Permit No",
            "Work permit number",
            "Permit",
            "رقم التصريح",
            "رقم تصريح العمل",
        ),
    ),
    ColumnSpec(
        "identifier",
        required=True,
        synonyms=(
            "ID number",
            "Identity number",
            "Document number",
            "Service card number",
            "رقم الهوية",
            "رقم الوثيقة",
            "رقم بطاقة الخدمة",
        ),
    ),
    ColumnSpec(
        "identifier_kind",
        kind="choice",
        synonyms=("ID type", "Document type", "Identifier kind", "نوع الوثيقة", "نوع الهوية"),
        choices={
            "moi_card": (
                "MOI card",
                "MoI service card",
                "Service card",
                "بطاقة الخدمة",
                "بطاقة وزارة الداخلية",
            ),
            "unhcr_case": ("UNHCR", "UNHCR case", "UNHCR case number", "ملف المفوضية"),
            "national_id": ("National ID", "National number", "الرقم الوطني", "هوية وطنية"),
            "passport": ("Passport", "جواز سفر"),
        },
    ),
    ColumnSpec(
        "name_ar",
        synonyms=("Name (Arabic)", "Arabic name", "Full name (Arabic)", "الاسم", "الاسم الكامل"),
    ),
    ColumnSpec(
        "name_en",
        synonyms=("Name (English)", "Name", "Full name", "English name", "الاسم بالإنجليزية"),
    ),
    ColumnSpec(
        "sex",
        required=True,
        kind="choice",
        synonyms=("Sex", "Gender", "الجنس"),
        choices={
            "male": ("M", "Male", "Man", "ذكر", "ذ"),
            "female": ("F", "Female", "Woman", "أنثى", "انثى", "أ"),
        },
    ),
    ColumnSpec("nationality", required=True, synonyms=("Nationality", "الجنسية")),
    ColumnSpec(
        "date_of_birth",
        kind="date",
        synonyms=("Date of birth", "Birth date", "DOB", "تاريخ الميلاد", "تاريخ الولادة"),
    ),
    ColumnSpec("phone", synonyms=("Phone", "Mobile", "Phone number", "رقم الهاتف", "الهاتف")),
    ColumnSpec(
        "cooperative",
        required=True,
        synonyms=(
            "Cooperative",
            "Cooperative registration number",
            "Cooperative number",
            "الجمعية",
            "الجمعية التعاونية",
            "رقم تسجيل الجمعية",
        ),
    ),
    ColumnSpec(
        "sector",
        required=True,
        kind="choice",
        synonyms=("Sector", "القطاع"),
        choices={
            "agriculture": ("Agriculture", "Agricultural", "زراعة", "الزراعة", "زراعي"),
            "construction": ("Construction", "إنشاءات", "البناء", "انشاءات"),
            "other": ("Other", "أخرى", "اخرى"),
        },
    ),
    ColumnSpec(
        "kind",
        kind="choice",
        synonyms=("Permit type", "Type of permit", "نوع التصريح"),
        choices={
            "flexible": ("Flexible", "مرن", "تصريح مرن"),
            "employer": ("Employer-specific", "Employer specific", "مرتبط بصاحب عمل"),
        },
    ),
    ColumnSpec("employer_name", synonyms=("Employer", "Employer name", "صاحب العمل")),
    ColumnSpec(
        "issued_on",
        required=True,
        kind="date",
        synonyms=("Issue date", "Date of issue", "Issued on", "تاريخ الإصدار", "تاريخ الاصدار"),
    ),
    ColumnSpec(
        "expires_on",
        required=True,
        kind="date",
        synonyms=("Expiry date", "Expiration date", "Valid until", "تاريخ الانتهاء"),
    ),
    ColumnSpec(
        "fee_paid",
        kind="decimal",
        synonyms=("Fee", "Fee paid", "Fees (JOD)", "الرسوم", "الرسوم المدفوعة"),
    ),
    ColumnSpec(
        "ministry_reference",
        synonyms=("Reference", "Reference number", "Application number", "الرقم المرجعي"),
    ),
    ColumnSpec(
        "previous_permit_number",
        synonyms=("Previous permit", "Previous permit number", "Renewal of", "التصريح السابق"),
    ),
)
SPECS_BY_KEY = {spec.key: spec for spec in SPECS}

# ---- Nationalities ------------------------------------------------------------------------

# How lists write the nationalities the programme meets most, besides ISO codes and English
# country names (which pycountry reads): demonyms in both languages.
_DEMONYMS = {
    "SY": ("Syrian", "Syria", "سوري", "سورية", "سوريا", "سوري الجنسية"),
    "JO": ("Jordanian", "أردني", "أردنية", "الأردن"),
    "IQ": ("Iraqi", "عراقي", "عراقية", "العراق"),
    "LB": ("Lebanese", "لبناني", "لبنانية", "لبنان"),
    "PS": ("Palestinian", "فلسطيني", "فلسطينية", "فلسطين"),
    "EG": ("Egyptian", "مصري", "مصرية", "مصر"),
    "YE": ("Yemeni", "يمني", "يمنية", "اليمن"),
    "SD": ("Sudanese", "سوداني", "سودانية", "السودان"),
    "SO": ("Somali", "صومالي", "صومالية", "الصومال"),
}
_NATIONALITY_FORMS = {
    normalise_header(spelling): code
    for code, spellings in _DEMONYMS.items()
    for spelling in spellings
}


def nationality_code(text: str) -> str | None:
    """The ISO 3166-1 alpha-2 code `text` names, or None."""
    form = normalise_header(text)
    if not form:
        return None
    if form in _NATIONALITY_FORMS:
        return _NATIONALITY_FORMS[form]
    try:
        return pycountry.countries.lookup(text.strip()).alpha_2
    except LookupError:
        return None


# ---- Names --------------------------------------------------------------------------------

# Parts that belong to the next word ("عبد الله", "Abu Bakr", "Al Zoubi") or to the previous
# one ("نور الدين", "Saif Eddin"), so that a name splits into the person's names, not words.
_JOINS_NEXT = {"عبد", "ابو", "أبو", "abd", "abdel", "abdul", "abu", "abou", "al", "el"}
_JOINS_PREVIOUS = {"الله", "الدين", "allah", "ullah", "eddin", "eddine", "uddin", "al-din"}
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class NameParts:
    given: str = ""
    father: str = ""
    grandfather: str = ""
    family: str = ""


def split_full_name(text: str) -> NameParts:
    """A full name in the Arabic order (given, father, grandfather, family) split in parts.

    Two names are given and family; three add the father's; more than four keep the extra
    words in the family name ("Al Hajj Hassan").
    """
    words = [w for w in _SPACES.split((text or "").strip()) if w]
    parts: list[str] = []
    for word in words:
        lower = word.casefold()
        if parts and (lower in _JOINS_PREVIOUS or parts[-1].casefold() in _JOINS_NEXT):
            parts[-1] = f"{parts[-1]} {word}"
        else:
            parts.append(word)
    if len(parts) <= 1:
        return NameParts(given=parts[0] if parts else "")
    if len(parts) == 2:
        return NameParts(given=parts[0], family=parts[1])
    if len(parts) == 3:
        return NameParts(given=parts[0], father=parts[1], family=parts[2])
    return NameParts(
        given=parts[0], father=parts[1], grandfather=parts[2], family=" ".join(parts[3:])
    )
