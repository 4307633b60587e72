"""One registry, three paths to whom a person might be: the registration check, the permit
import's matching and batch detection raise the same candidates for the same persons.

Registration and the import share the registry's candidate search (people.candidates), one
record at a time and in bulk; batch detection blocks the whole registry in arrays. Each is
run here on the same returning persons, written differently from their first registration.
"""

import datetime

import pytest

from taawon.core.crypto import cipher
from taawon.core.exceptions import ValidationFailed
from taawon.duplicates import services as duplicates
from taawon.duplicates.models import DetectionRun, DuplicatePair
from taawon.lib.person_match import CANDIDATE_THRESHOLD, PersonRecord
from taawon.people import queries
from taawon.people import services as people
from taawon.people.tests.factories import PersonFactory
from taawon.people.validation import identifier_field
from taawon.permits.importing.matching import confident_matches

NATIONAL_ID = "9851012345"

ORIGINALS = {
    "khaled": {
        "given_name_ar": "خالد",
        "father_name_ar": "إبراهيم",
        "family_name_ar": "الزعبي",
        "given_name_en": "Khaled",
        "father_name_en": "Ibrahim",
        "family_name_en": "Al-Zoubi",
        "sex": "male",
        "date_of_birth": datetime.date(1990, 3, 4),
        "phone": "+962791234567",
    },
    "mariam": {
        "given_name_ar": "مريم",
        "father_name_ar": "أحمد",
        "family_name_ar": "الشامي",
        "sex": "female",
        "date_of_birth": datetime.date(1988, 7, 11),
    },
    "yousef": {
        "given_name_ar": "يوسف",
        "father_name_ar": "حسن",
        "family_name_ar": "المصري",
        "given_name_en": "Yousef",
        "father_name_en": "Hasan",
        "family_name_en": "Al-Masri",
        "sex": "male",
        "birth_year": 1975,
        "phone": "+962795550101",
    },
    "fatima": {
        "given_name_ar": "فاطمة",
        "father_name_ar": "علي",
        "family_name_ar": "الحوراني",
        "sex": "female",
        "date_of_birth": datetime.date(1995, 1, 20),
    },
}
# Others in the registry, none of them anyone's duplicate.
OTHERS = (
    {"given_name_ar": "عمر", "family_name_ar": "القاسم", "sex": "male", "birth_year": 1960},
    {"given_name_ar": "ليلى", "family_name_ar": "النجار", "sex": "female", "birth_year": 2001},
    {"given_name_en": "Sami", "family_name_en": "Haddad", "sex": "male", "birth_year": 1983},
)
# The same persons coming back, written otherwise.
RETURNING = {
    # In Latin letters only, spelt otherwise.
    "khaled": {
        "given_name_en": "Khalid",
        "father_name_en": "Ibraheem",
        "family_name_en": "Alzoubi",
        "sex": "male",
        "date_of_birth": datetime.date(1990, 3, 4),
    },
    # Day and month of birth swapped, and in Latin letters too.
    "mariam": {
        "given_name_ar": "مريم",
        "father_name_ar": "أحمد",
        "family_name_ar": "الشامي",
        "given_name_en": "Mariam",
        "family_name_en": "Al-Shami",
        "sex": "female",
        "date_of_birth": datetime.date(1988, 11, 7),
    },
    # The same phone, no father's name, a year of birth only.
    "yousef": {
        "given_name_en": "Yusuf",
        "family_name_en": "Almasri",
        "sex": "male",
        "birth_year": 1975,
        "phone": "+962795550101",
    },
}
# Her identity document, under a name written quite otherwise.
SAME_DOCUMENT = {"given_name_en": "Fatma", "family_name_en": "Hourani", "sex": "female"}


# Every name part the test does not write is blank, not the factory's sequence names, so
# that the persons are the same whatever ran before.
BLANK_NAMES = {
    f"{part}_name_{script}": ""
    for part in ("given", "father", "grandfather", "family")
    for script in ("ar", "en")
}


def _data(values: dict) -> dict:
    born = {"birth_year": None} if "date_of_birth" in values else {}
    return {**BLANK_NAMES, "displacement_status": "refugee", "nationality": "SY", **born, **values}


def _record(values: dict, identifiers: dict | None = None) -> PersonRecord:
    """The import's view of a holder (as permits.importing.resolving builds it)."""
    born = values.get("date_of_birth")
    return PersonRecord(
        id=None,
        **{
            f"{part}_{script}": values.get(f"{part}_name_{script}", "")
            for part in ("given", "father", "grandfather", "family")
            for script in ("ar", "en")
        },
        sex=values["sex"],
        birth_date=born,
        birth_year=born.year if born else values.get("birth_year"),
        phone=values.get("phone", ""),
        identifiers=frozenset(
            f"{kind}:{cipher().blind_index(kind, value)}"
            for kind, value in (identifiers or {}).items()
        ),
    )


@pytest.fixture
def registry(personas):
    originals = {
        name: PersonFactory(
            owner=personas.unit_a,
            registered_by=personas.counsellor_a,
            **_data(values),
            identifiers={"national_id": NATIONAL_ID} if name == "fatima" else None,
        )
        for name, values in ORIGINALS.items()
    }
    for values in OTHERS:
        PersonFactory(owner=personas.unit_b, registered_by=personas.counsellor_b, **_data(values))
    return originals


def test_the_three_paths_raise_the_same_candidates(personas, registry):
    expected = {name: registry[name].pk for name in RETURNING}

    # 1. The registration check, before the returning persons are registered again.
    registration = {
        name: {
            c.person.pk
            for c in people.check_duplicates(
                owner=personas.unit_b, data=_data(values), user=personas.counsellor_b
            )
        }
        for name, values in RETURNING.items()
    }
    assert registration == {name: {pk} for name, pk in expected.items()}

    # 2. The import's matching links a holder at its sure score; here at the registration's
    # threshold, so that it shows whom it would raise, not only how sure it is.
    records = {("service_card", name): _record(values) for name, values in RETURNING.items()}
    linked = confident_matches(records, min_score=CANDIDATE_THRESHOLD)
    assert {name: pk for (_kind, name), pk in linked.items()} == expected

    # 3. Batch detection, once they are registered again (by unit B: "a new person").
    returning = {
        name: PersonFactory(
            owner=personas.unit_b, registered_by=personas.counsellor_b, **_data(values)
        )
        for name, values in RETURNING.items()
    }
    run = DetectionRun.objects.create(started_by=personas.officer)
    duplicates.run_detection(run=run, workers=1)
    pairs = set(DuplicatePair.objects.values_list("person_a_id", "person_b_id"))
    assert pairs == {(expected[name], person.pk) for name, person in returning.items()}


def test_a_shared_identity_document_is_seen_by_registration_and_the_import(personas, registry):
    fatima = registry["fatima"].pk
    # Registration refuses the document outright, on its field, before any candidate is
    # shown; the check it would run next raises its holder all the same.
    with pytest.raises(ValidationFailed) as refused:
        people.check_duplicates(
            owner=personas.unit_b,
            data=_data(SAME_DOCUMENT),
            identifiers={"national_id": NATIONAL_ID},
            user=personas.counsellor_b,
        )
    assert list(refused.value.field_errors) == [identifier_field("national_id")]
    blind = cipher().blind_index("national_id", NATIONAL_ID)
    found = queries.find_duplicate_candidates(
        values=_data(SAME_DOCUMENT), blind_indexes={"national_id": blind}
    )
    assert [person.pk for person, _match in found] == [fatima]
    assert "same_identifier" in {r.code for r in found[0][1].reasons}

    # An import finds a holder by their document before it asks its matching (resolving.py);
    # asked, the matching links them all the same, whatever the name.
    ident = ("national_id", NATIONAL_ID)
    records = {ident: _record(SAME_DOCUMENT, {"national_id": NATIONAL_ID})}
    assert confident_matches(records, min_score=0.99) == {ident: fatima}

    # Batch detection cannot see this evidence, by design: one document belongs to one
    # registered person (constraint identifier_unique_value), so no two persons share one.
