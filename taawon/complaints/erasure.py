"""A person's erasure ("person.anonymised"): their complaints keep what happened, not who
complained or how to reach them."""

from __future__ import annotations

from taawon.people.models import Person

from .models import Complaint


def anonymise_person(*, person: Person) -> int:
    """Blank the complainant's name and phone on `person`'s complaints; how many."""
    return Complaint.objects.filter(person=person).update(contact_name="", contact_phone="")
