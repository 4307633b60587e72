"""Persons planted as duplicates, and pairs between two persons, for the duplicates tests.

Persons come from the people app's factory (through register_person, so that name keys and
the audit trail exist); a pair is scored by the matcher as batch detection scores it.
"""

from __future__ import annotations

import datetime

from taawon.lib.person_match import compare
from taawon.people.queries import person_record
from taawon.people.tests.factories import ConsentFactory, PersonFactory, governorate

from ..models import DuplicatePair
from ..services import reasons_json

__all__ = ["ConsentFactory", "PersonFactory", "governorate", "khaled", "pair_of"]


def khaled(owner, registered_by, **overrides):
    """خالد إبراهيم الزعبي, born 4 March 1990, in Arabic and Latin letters."""
    values = {
        "given_name_ar": "خالد",
        "father_name_ar": "إبراهيم",
        "family_name_ar": "الزعبي",
        "given_name_en": "Khaled",
        "father_name_en": "Ibrahim",
        "family_name_en": "Al-Zoubi",
        "sex": "male",
        "date_of_birth": datetime.date(1990, 3, 4),
        "phone": "+962791234567",
    }
    values.update(overrides)
    return PersonFactory(owner=owner, registered_by=registered_by, **values)


def pair_of(first, second, **fields) -> DuplicatePair:
    """The pair of two persons as batch detection would store it."""
    a, b = sorted((first, second), key=lambda p: p.pk)
    match = compare(person_record(a), person_record(b))
    values = {
        "score": match.score,
        "reasons": reasons_json(match.reasons),
        "source": DuplicatePair.Source.BATCH,
    }
    values.update(fields)
    return DuplicatePair.objects.create(person_a=a, person_b=b, **values)
