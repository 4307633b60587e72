"""Who may act on people's rights over their data: the one place that says so.

- A subject-access copy, a correction request and a change of consent are made for a person by
  staff who may reveal that person's record (administrator, manager, counsellor of an
  organisation whose reach holds the person), after checking who is asking.
- Data-sharing agreements are recorded, and partner exports made under them, by the
  managers and administrators (the programme officers of a country office among them) of the
  organisation that owns the agreement.
- Every role that reads an organisation's records reads its requests and agreements.
Reach is `taawon.accounts.scoping`'s alone; these rules add the roles and the states.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from taawon.accounts import scoping
from taawon.accounts.models import Membership, User
from taawon.people.models import Person

from .models import CorrectionRequest, SharingAgreement

DOMAIN = "datarights"
Role = Membership.Role
AGREEMENT_ROLES = frozenset({Role.ADMINISTRATOR, Role.MANAGER})

# Person fields a correction may change, in the registry's own names.
CORRECTABLE_FIELDS = (
    "given_name_ar",
    "father_name_ar",
    "grandfather_name_ar",
    "family_name_ar",
    "given_name_en",
    "father_name_en",
    "grandfather_name_en",
    "family_name_en",
    "sex",
    "date_of_birth",
    "nationality",
    "displacement_status",
    "phone",
    "education_level",
)


def may_handle_person(user: User | None, person: Person) -> bool:
    """Whether `user` hands `person` their data, records their corrections and consents."""
    if user is None:
        return True
    return person.status != Person.Status.MERGED and scoping.can(user, scoping.REVEAL, person)


def may_decide_correction(user: User | None, request: CorrectionRequest) -> bool:
    return request.status == CorrectionRequest.Status.OPEN and may_handle_person(
        user, request.person
    )


def _agreement_reach(user: User | None) -> scoping.Reach:
    return scoping.reach(user, scoping.CHANGE, domain=DOMAIN, roles=AGREEMENT_ROLES)


def may_record_agreements(user: User | None) -> bool:
    return not _agreement_reach(user).empty


def may_record_agreement_for(user: User | None, owner_id: int) -> bool:
    return user is None or owner_id in _agreement_reach(user)


def may_export_under(
    user: User | None, agreement: SharingAgreement, *, today: datetime.date | None = None
) -> bool:
    """Whether `user` may send person-level data to the agreement's partner today."""
    today = today or timezone.localdate()
    return agreement.in_force_on(today) and may_record_agreement_for(user, agreement.owner_id)


def correction_actions(user: User | None, request: CorrectionRequest) -> list[str]:
    """ "apply" and "refuse" while the request is open and `user` handles the person."""
    return ["apply", "refuse"] if may_decide_correction(user, request) else []
