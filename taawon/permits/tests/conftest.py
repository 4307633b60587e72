from __future__ import annotations

import contextlib
from dataclasses import dataclass

import pytest
from django.apps import apps

from taawon.cooperatives.models import Cooperative
from taawon.core.models import AuditEvent
from taawon.people.models import Person

from .factories import cooperative_of, person


@dataclass
class World:
    """Two cooperatives in Taawon (A and B), each with a person registered by its unit."""

    coop_a: Cooperative
    coop_b: Cooperative
    khaled: Person  # unit A
    mariam: Person  # unit B


@pytest.fixture
def world(personas) -> World:
    return World(
        coop_a=cooperative_of(personas.coop_a, registration_number="1187/1993"),
        coop_b=cooperative_of(personas.coop_b, registration_number="842/1986"),
        khaled=person(
            personas.unit_a,
            given_name_en="Khaled",
            given_name_ar="خالد",
            family_name_en="Al-Hourani",
            family_name_ar="الحوراني",
            sex="male",
            identifiers={"moi_card": "MOI-1000001"},
        ),
        mariam=person(
            personas.unit_b,
            given_name_en="Mariam",
            given_name_ar="مريم",
            family_name_en="Al-Shami",
            family_name_ar="الشامي",
            sex="female",
            phone="+962781112233",
        ),
    )


def _counts() -> dict[str, int]:
    models = [
        *apps.get_app_config("permits").get_models(),
        *apps.get_app_config("people").get_models(),
        AuditEvent,
    ]
    return {model._meta.label: model.objects.count() for model in models}


@pytest.fixture
def writes_nothing():
    """`with writes_nothing(): ...` fails if the block adds or removes permit, person or audit
    rows."""

    @contextlib.contextmanager
    def check():
        before = _counts()
        yield
        assert _counts() == before

    return check
