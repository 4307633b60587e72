"""A person's erasure ("person.anonymised"): their correction requests keep their dates,
field and outcome, not the values or words that named them."""

from __future__ import annotations

from taawon.people.models import Person

from .models import CorrectionRequest


def anonymise_person(*, person: Person) -> int:
    """Blank the values and statement of `person`'s correction requests; how many."""
    return CorrectionRequest.objects.filter(person=person).update(
        current_value="", requested_value="", statement=""
    )
