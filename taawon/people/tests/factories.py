"""Persons for tests, registered through the service so that name keys, identifiers and the
audit trail exist as they would in use. Names come in both scripts."""

from __future__ import annotations

import factory

from taawon.geo.models import District, Governorate
from taawon.people import services
from taawon.people.models import Consent, DisplacementStatus, Person, Sex

# (Arabic, Latin, sex)
GIVEN_NAMES = [
    ("خالد", "Khaled", Sex.MALE),
    ("فاطمة", "Fatima", Sex.FEMALE),
    ("يوسف", "Youssef", Sex.MALE),
    ("مريم", "Mariam", Sex.FEMALE),
    ("عمر", "Omar", Sex.MALE),
    ("ليلى", "Layla", Sex.FEMALE),
    ("سامر", "Samer", Sex.MALE),
    ("نور", "Nour", Sex.FEMALE),
]
FATHER_NAMES = [("إبراهيم", "Ibrahim"), ("حسن", "Hassan"), ("سليمان", "Suleiman")]
FAMILY_NAMES = [
    ("الزعبي", "Al-Zoubi"),
    ("العمري", "Al-Omari"),
    ("الحوراني", "Al-Hourani"),
    ("المصري", "Al-Masri"),
    ("الشامي", "Al-Shami"),
    ("القاسم", "Al-Qasem"),
    ("البدوي", "Al-Badawi"),
]


def governorate(iso_code: str = "JO-AM") -> Governorate:
    """A governorate shipped by the geo data migration."""
    return Governorate.objects.get(iso_code=iso_code)


def district_of(gov: Governorate) -> District:
    return gov.districts.order_by("pk").first()


def _pick(table, index: int, part: int):
    return table[index % len(table)][part]


class PersonFactory(factory.django.DjangoModelFactory):
    """`PersonFactory(owner=personas.unit_a)`; pass `identifiers={"national_id": "..."}`."""

    class Meta:
        model = Person

    class Params:
        n = factory.Sequence(int)

    given_name_ar = factory.LazyAttribute(lambda o: _pick(GIVEN_NAMES, o.n, 0))
    given_name_en = factory.LazyAttribute(lambda o: _pick(GIVEN_NAMES, o.n, 1))
    sex = factory.LazyAttribute(lambda o: _pick(GIVEN_NAMES, o.n, 2))
    father_name_ar = factory.LazyAttribute(lambda o: _pick(FATHER_NAMES, o.n // 8, 0))
    father_name_en = factory.LazyAttribute(lambda o: _pick(FATHER_NAMES, o.n // 8, 1))
    family_name_ar = factory.LazyAttribute(lambda o: _pick(FAMILY_NAMES, o.n // 24, 0))
    family_name_en = factory.LazyAttribute(lambda o: _pick(FAMILY_NAMES, o.n // 24, 1))
    birth_year = factory.LazyAttribute(lambda o: 1960 + (o.n * 7) % 45)
    displacement_status = DisplacementStatus.REFUGEE
    nationality = "SY"

    @classmethod
    def _create(cls, model_class, *args, owner, identifiers=None, registered_by=None, **kwargs):
        return services.register_person(
            owner=owner,
            data=kwargs,
            identifiers=identifiers or {},
            registered_by=registered_by,
            duplicate_decision="new",
        )


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    purpose = Consent.Purpose.REGISTRATION
    given = True
    date = factory.Faker("past_date")

    @classmethod
    def _create(cls, model_class, *args, person, recorded_by=None, **kwargs):
        return services.record_consent(person=person, recorded_by=recorded_by, **kwargs)
