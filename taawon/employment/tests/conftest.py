from __future__ import annotations

import contextlib
from dataclasses import dataclass

import pytest
from django.apps import apps

from taawon.core.models import AuditEvent
from taawon.people.models import Person

from ..employers.models import Employer, Workplace
from ..seekers.models import JobSeeker
from ..vacancies.models import Vacancy
from .factories import (
    EmployerFactory,
    JobSeekerFactory,
    PersonFactory,
    VacancyFactory,
    WorkplaceFactory,
)


@dataclass
class Unit:
    """One unit's records: an employer with a workplace, an open vacancy, a job seeker."""

    employer: Employer
    workplace: Workplace
    vacancy: Vacancy
    person: Person
    seeker: JobSeeker


def build_unit(owner, counsellor) -> Unit:
    employer = EmployerFactory(owner=owner, created_by=counsellor)
    workplace = WorkplaceFactory(employer=employer, created_by=counsellor)
    vacancy = VacancyFactory(employer=employer, workplace=workplace, posted_by=counsellor)
    person = PersonFactory(owner=owner)
    seeker = JobSeekerFactory(person=person, registered_by=counsellor)
    return Unit(employer, workplace, vacancy, person, seeker)


@pytest.fixture
def unit_a(personas) -> Unit:
    return build_unit(personas.unit_a, personas.counsellor_a)


@pytest.fixture
def unit_b(personas) -> Unit:
    return build_unit(personas.unit_b, personas.counsellor_b)


def _counts() -> dict[str, int]:
    models = [*apps.get_app_config("employment").get_models(), AuditEvent]
    return {model._meta.label: model.objects.count() for model in models}


@pytest.fixture
def writes_nothing():
    """`with writes_nothing(): ...` fails if the block adds, changes or removes any employment
    row or audit event."""

    @contextlib.contextmanager
    def check():
        before = _counts()
        latest = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
        yield
        assert _counts() == before
        assert AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() == latest

    return check
