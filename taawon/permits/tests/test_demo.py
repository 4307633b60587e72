import datetime
import random
from collections import defaultdict

import pytest

from taawon.core.models import AuditEvent

from .. import queries
from ..demo import load_demo
from ..models import Permit
from .factories import cooperative_of, person

TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def summary(personas):
    coop_a = cooperative_of(personas.coop_a)
    coop_b = cooperative_of(personas.coop_b)
    for unit in (personas.unit_a, personas.unit_b):
        for _ in range(30):
            person(unit, sex="male", nationality="SY")
        for _ in range(10):
            person(unit, sex="female", nationality="SY")
        person(unit, sex="male", nationality="JO")
    return load_demo(
        rng=random.Random(7),
        cooperatives=[coop_a, coop_b],
        decided_by=personas.ministry_officer,
        staff={
            personas.unit_a.pk: personas.counsellor_a,
            personas.unit_b.pk: personas.counsellor_b,
        },
        today=TODAY,
    )


def test_the_demo_permits_look_like_the_ministrys_figures(summary):
    issued = Permit.objects.exclude(permit_number=None)
    assert summary.permits == Permit.objects.count() > 300
    assert not Permit.objects.exclude(person__nationality="SY").exists()
    women = issued.filter(person__sex="female").count()
    assert 0.03 <= women / issued.count() <= 0.07
    years = {d.year for d in issued.values_list("issued_on", flat=True)}
    assert min(years) == 2016 and max(years) == 2026


def test_the_demo_has_every_kind_of_permit(summary):
    statuses = set(Permit.objects.values_list("status", flat=True))
    assert {"issued", "rejected", "cancelled"} <= statuses
    assert Permit.objects.filter(status="issued", expires_on__lt=TODAY).exists()  # expired
    assert Permit.objects.filter(status="issued", expires_on__gte=TODAY).exists()  # in force
    assert Permit.objects.filter(previous__isnull=False, status="issued").exists()  # renewed
    assert queries.expiring(None, within_days=30, today=TODAY).count() >= 5
    assert summary.expiring_30_days >= 5


def test_no_holder_has_two_permits_in_force_on_the_same_day(summary):
    by_person = defaultdict(list)
    for person_id, start, end in Permit.objects.filter(status="issued").values_list(
        "person_id", "issued_on", "expires_on"
    ):
        by_person[person_id].append((start, end))
    for spans in by_person.values():
        spans.sort()
        for (_s1, end), (start, _e2) in zip(spans, spans[1:], strict=False):
            assert start > end


def test_every_demo_permit_has_its_history(summary):
    ids = {str(pk) for pk in Permit.objects.values_list("pk", flat=True)}
    noted = set(
        AuditEvent.objects.filter(
            object_type="permits.permit", note__in=["applied", "renewal_of"]
        ).values_list("object_id", flat=True)
    )
    assert ids == noted
    issued = Permit.objects.exclude(permit_number=None).count()
    assert AuditEvent.objects.filter(object_type="permits.permit", note="issued").count() == issued
