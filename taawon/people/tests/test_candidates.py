"""The bulk candidate search is bounded however common the name: a "Mohammad Ahmad" brings
at most `limit` namesakes per record, the newest, of the record's sex and born near it."""

import pytest

from taawon.core.crypto import cipher
from taawon.lib.person_match import PersonRecord
from taawon.people import candidates
from taawon.people.models import Person

from .factories import PersonFactory

NAMESAKES = 30
MOHAMMAD_AHMAD = {
    "given_name_ar": "محمد",
    "family_name_ar": "أحمد",
    "given_name_en": "Mohammad",
    "family_name_en": "Ahmad",
}


@pytest.fixture
def namesakes(personas) -> list[int]:
    found = [
        PersonFactory(
            owner=personas.unit_a,
            registered_by=personas.counsellor_a,
            sex="male",
            birth_year=1990,
            **MOHAMMAD_AHMAD,
        ).pk
        for _ in range(NAMESAKES)
    ]
    PersonFactory(
        owner=personas.unit_a,
        registered_by=personas.counsellor_a,
        sex="female",
        birth_year=1990,
        **MOHAMMAD_AHMAD,
    )
    PersonFactory(
        owner=personas.unit_a,
        registered_by=personas.counsellor_a,
        sex="male",
        birth_year=1970,
        **MOHAMMAD_AHMAD,
    )
    return found


def _record(**changes) -> PersonRecord:
    return PersonRecord(
        id=None,
        given_ar="محمد",
        family_ar="أحمد",
        given_en="Mohammad",
        family_en="Ahmad",
        sex="male",
        birth_year=1990,
        **changes,
    )


def test_a_common_name_brings_at_most_limit_namesakes_the_newest(namesakes):
    found = candidates.find_candidates({"row": _record()}, bulk=True, limit=10, birth_window=1)

    assert list(found["row"]) == sorted(namesakes, reverse=True)[:10]
    assert all(evidence == {candidates.NAME} for evidence in found["row"].values())


def test_without_a_limit_the_bulk_search_still_stops_at_max_pairs(namesakes):
    found = candidates.find_candidates({"row": _record()}, bulk=True, birth_window=1)

    # Every namesake of the record's sex and years, no one else: fewer than MAX_PAIRS here.
    assert sorted(found["row"]) == sorted(namesakes)
    assert len(found["row"]) <= candidates.MAX_PAIRS


def test_the_stream_gives_every_record_once_round_by_round(namesakes):
    records = {index: _record() for index in range(3)}

    rounds = list(candidates.stream_candidates(records, limit=5, birth_window=1))

    assert [sorted(r) for r in rounds] == [[0, 1, 2]]
    assert all(len(persons) == 5 for persons in rounds[0].values())


def test_an_identity_document_names_its_holder_and_a_merged_holder_the_record_it_went_into(
    personas,
):
    def blind(value: str) -> str:
        return cipher().blind_indexes("national_id", value)[0]

    first, middle, last = (
        PersonFactory(owner=personas.unit_a, identifiers={"national_id": number})
        for number in ("9861000001", "9861000002", "9861000003")
    )
    other = PersonFactory(owner=personas.unit_b, identifiers={"national_id": "9861000004"})
    # first went into middle, which went into last in turn.
    Person.objects.filter(pk=first.pk).update(status=Person.Status.MERGED, merged_into=middle)
    Person.objects.filter(pk=middle.pk).update(status=Person.Status.MERGED, merged_into=last)

    found = candidates.holders_by_identity(
        {
            ("national_id", blind("9861000001")),
            ("national_id", blind("9861000004")),
            ("national_id", blind("9861000009")),  # no one holds it
            ("unhcr_case", blind("9861000004")),  # another kind of document, same number
        }
    )

    assert found == {
        ("national_id", blind("9861000001")): last.pk,
        ("national_id", blind("9861000004")): other.pk,
    }
