"""Key rotation: identifiers rewritten under the new key in resumable batches; while it runs,
lookups and uniqueness checks find rows under the old key and under the new one."""

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command

from taawon.core.crypto import cipher
from taawon.core.exceptions import ValidationFailed
from taawon.lib.crypto import FieldCipher
from taawon.people import keys, queries, services
from taawon.people.models import KeyRotation, PersonIdentifier

from .factories import PersonFactory
from .test_services import valid_data

NEW_KEY = Fernet.generate_key().decode()
OLD_KEY = Fernet.generate_key().decode()
NUMBERS = ["1000000001", "1000000002", "1000000003", "1000000004"]


@pytest.fixture
def registered(personas, settings):
    """Four persons registered under the old key, then the new key put first."""
    old = list(settings.FIELD_KEYS)
    persons = [
        PersonFactory(owner=personas.unit_a, identifiers={"national_id": n}) for n in NUMBERS
    ]
    settings.FIELD_KEYS = [NEW_KEY, *old]
    return persons


def rows() -> list[PersonIdentifier]:
    return list(PersonIdentifier.objects.order_by("pk"))


def register_same(personas, number):
    return services.register_person(
        owner=personas.unit_b,
        data=valid_data(given_name_en="Other", phone="0797777777"),
        identifiers={"national_id": number},
        registered_by=personas.counsellor_b,
        duplicate_decision="new",
    )


def test_the_index_under_every_key_comes_newest_first():
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    rotating = FieldCipher([new, old])

    assert rotating.blind_indexes("passport", "N1") == (
        FieldCipher([new]).blind_index("passport", "N1"),
        FieldCipher([old]).blind_index("passport", "N1"),
    )
    assert rotating.decrypt(rotating.rotate(FieldCipher([old]).encrypt("N1"))) == "N1"
    assert FieldCipher([new]).decrypt(rotating.rotate(FieldCipher([old]).encrypt("N1"))) == "N1"


def test_numbers_one_digit_apart_share_a_near_index_and_others_do_not():
    fields = FieldCipher([NEW_KEY])
    mine = set(fields.near_indexes("national_id", "9861012345").split())
    assert mine & set(fields.near_indexes("national_id", "9861012354").split())  # swapped
    assert mine & set(fields.near_indexes("national_id", "986-101-2346").split())  # mistyped
    assert not mine & set(fields.near_indexes("national_id", "9861014355").split())
    assert not mine & set(fields.near_indexes("passport", "9861012346").split())  # other kind
    assert not mine & set(FieldCipher([OLD_KEY]).near_indexes("national_id", "9861012354").split())
    assert fields.near_indexes("national_id", "12345") == ""


def test_rotation_rewrites_every_identifier_under_the_new_key(registered, settings):
    call_command("rotate-keys", batch_size=3)

    only_new = FieldCipher([NEW_KEY])
    for row, number in zip(rows(), NUMBERS, strict=True):
        assert only_new.decrypt(row.value_encrypted) == number
        assert row.blind_index == only_new.blind_index("national_id", number)
        # The near forms' indexes follow the key too, or a typo would no longer show.
        assert row.near_indexes == only_new.near_indexes("national_id", number)
    assert KeyRotation.objects.get().finished_at is not None
    # With the old key dropped, lookups still find them.
    settings.FIELD_KEYS = [NEW_KEY]
    assert queries.identifier_holder(kind="national_id", value=NUMBERS[0]) is not None


def test_an_interrupted_rotation_resumes_and_still_catches_duplicates(registered, personas):
    progress = keys.rotate_keys(batch_size=2, max_batches=1)

    assert (progress.rewritten, progress.remaining, progress.finished) == (2, 2, False)
    new_index = cipher().blind_index
    done, waiting = rows()[:2], rows()[2:]
    assert done[0].blind_index == new_index("national_id", NUMBERS[0])
    assert waiting[0].blind_index != new_index("national_id", NUMBERS[2])
    # A duplicate of a row already rewritten, and of one still under the old key.
    for number in (NUMBERS[0], NUMBERS[2]):
        with pytest.raises(ValidationFailed) as raised:
            register_same(personas, number)
        assert "identifiers.national_id" in raised.value.field_errors
    # Lookups by the identifier find both kinds of rows.
    for number, person in ((NUMBERS[1], registered[1]), (NUMBERS[3], registered[3])):
        assert queries.persons_by_identifier(personas.admin_a, number) == [person]

    progress = keys.rotate_keys(batch_size=2)

    assert (progress.rewritten, progress.remaining, progress.finished) == (4, 0, True)
    assert all(
        r.blind_index == new_index("national_id", n) for r, n in zip(rows(), NUMBERS, strict=True)
    )


def test_editing_a_person_with_an_identifier_under_the_old_key_keeps_it(registered, personas):
    person = registered[0]
    before = rows()[0].value_encrypted

    services.update_person(
        person=person,
        data={"given_name_en": "Renamed"},
        identifiers={"national_id": NUMBERS[0]},
        updated_by=personas.admin_a,
    )

    assert rows()[0].value_encrypted == before


def test_the_migration_fills_the_near_indexes_of_identifiers_registered_before_it(personas):
    import importlib

    from django.apps import apps

    person = PersonFactory(owner=personas.unit_a, identifiers={"national_id": "9861012345"})
    PersonIdentifier.objects.filter(person=person).update(near_indexes="")
    migration = importlib.import_module("taawon.people.migrations.0006_identifier_near_indexes")

    migration.fill_near_indexes(apps, None)

    row = PersonIdentifier.objects.get(person=person)
    assert row.near_indexes == cipher().near_indexes("national_id", "9861012345") != ""
