"""Name keys recomputed after the name rules change (issue 17: ى typed ي reads as the lexicon's)."""

import pytest
from django.core.management import call_command

from taawon.lib.names import index_keys
from taawon.people.models import NameKey, Person

pytestmark = pytest.mark.django_db


def test_stale_name_keys_are_rewritten_and_current_ones_left(personas):
    from taawon.duplicates.tests.factories import khaled

    stale = khaled(personas.unit_a, personas.counsellor_a, given_name_ar="سلمي", sex="female")
    fresh = khaled(personas.unit_a, personas.counsellor_a)
    # As an older release stored it: سلمي read with a final i.
    NameKey.objects.filter(person=stale, key="p:slma").update(key="p:slmi")
    call_command("rebuild-name-keys", batch_size=1)
    for person in (stale, fresh):
        keys = set(NameKey.objects.filter(person=person).values_list("key", flat=True))
        names = (getattr(person, f) for f in ("given_name_ar", "father_name_ar", "family_name_ar"))
        assert set(index_keys(*names)) <= keys
    assert not NameKey.objects.filter(key="p:slmi").exists()
    assert Person.objects.count() == 2
