"""Permits for tests, made through the services so that history and invariants hold as in use."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

from taawon.cooperatives.tests.factories import CooperativeFactory
from taawon.people.tests.factories import PersonFactory, governorate

from .. import services
from ..documents import REQUIRED
from ..models import Permit

ISSUED_ON = datetime.date(2023, 3, 1)
EXPIRES_ON = datetime.date(2024, 2, 29)
_numbers = itertools.count(1)


def cooperative_of(organisation, **kwargs):
    """A registry entry represented in Taawon by `organisation` (coop_a or coop_b)."""
    kwargs.setdefault("governorate", governorate("JO-MA"))
    return CooperativeFactory(
        owner=organisation.parent or organisation, organisation=organisation, **kwargs
    )


def person(owner, **kwargs):
    kwargs.setdefault("phone", "+962791234567")
    return PersonFactory(owner=owner, **kwargs)


def application(*, person, cooperative, by, owner=None, **kwargs) -> Permit:
    kwargs.setdefault("sector", "agriculture")
    return services.create_application(
        person=person,
        cooperative=cooperative,
        owner=owner or person.owner,
        created_by=by,
        **kwargs,
    )


def submitted(*, by, **kwargs) -> Permit:
    permit = application(by=by, **kwargs)
    services.set_documents(permit=permit, documents_received=REQUIRED[permit.kind], updated_by=by)
    return services.submit_application(permit=permit, submitted_by=by)


def issue(permit, *, by, number=None, issued_on=ISSUED_ON, expires_on=EXPIRES_ON, **kwargs):
    kwargs.setdefault("fee_paid", Decimal("10.000"))
    return services.issue_permit(
        permit=permit,
        permit_number=number or f"WP-{next(_numbers):06d}",
        issued_on=issued_on,
        expires_on=expires_on,
        decided_by=by,
        **kwargs,
    )


def issued(*, by, decided_by, number=None, issued_on=ISSUED_ON, expires_on=EXPIRES_ON, **kwargs):
    return issue(
        submitted(by=by, **kwargs),
        by=decided_by,
        number=number,
        issued_on=issued_on,
        expires_on=expires_on,
    )
