"""The readers shared by every kind of employment record. Who may do what, and what each
record's state allows, is `taawon.employment.rules`."""

from __future__ import annotations

from django.db.models import (
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Coalesce, NullIf
from django.http import Http404

from taawon.accounts import scoping
from taawon.accounts.models import Membership, Organisation, User
from taawon.people import queries as people_queries
from taawon.people.models import Person

READ, CHANGE = scoping.READ, scoping.CHANGE


STAFF_ROLES = (
    Membership.Role.ADMINISTRATOR,
    Membership.Role.MANAGER,
    Membership.Role.COUNSELLOR,
    Membership.Role.DATA_CLERK,
)


def by_name(prefix: str = "") -> Coalesce:
    # A record with an Arabic name only still sorts by its name.
    return Coalesce(NullIf(f"{prefix}name_en", Value("")), f"{prefix}name_ar")


def staff_choices(owner_id: int, user: User) -> QuerySet[User]:
    """Who can be named as visit staff: the unit's and its cooperative's staff, and `user`."""
    unit = Organisation.objects.filter(pk=owner_id).only("parent_id").first()
    organisations = [owner_id] + ([unit.parent_id] if unit and unit.parent_id else [])
    staff = Membership.objects.filter(
        organisation_id__in=organisations, role__in=STAFF_ROLES, user__is_active=True
    ).values("user_id")
    return User.objects.filter(Q(pk__in=staff) | Q(pk=user.pk)).order_by(
        "first_name", "last_name", "username"
    )


def get_person_for_user(user: User, pk, action: str = READ) -> Person:
    """A registry person `user` may read (for a new job seeker profile or a participant)."""
    try:
        return people_queries.get_person_for_user(user, pk, action)
    except (ValueError, TypeError):
        raise Http404 from None


def find_people(user: User, q: str, *, exclude: set[int], limit: int = 10) -> list[Person]:
    """Active registry persons `user` may read whose names match `q` (participant search)."""
    found = people_queries.person_list(user, q=q).exclude(pk__in=sorted(exclude))
    return list(found[:limit])


def people_by_ids(user: User, ids) -> list[Person]:
    """The active registry persons of `ids` that `user` may read; the others are left out."""
    return list(people_queries.person_list(user).filter(pk__in=sorted(set(ids))))


def readable_units(user: User) -> QuerySet[Organisation]:
    """Employment units whose records `user` may read (the indicators' unit filter)."""
    return (
        scoping.organisations(user, READ, domain="employment")
        .filter(kind=Organisation.Kind.EMPLOYMENT_UNIT)
        .order_by("name_en")
    )
