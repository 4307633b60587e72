"""Who fills a form: staff of an organisation it is assigned to, or of one below it, however
deep the tree; an inactive organisation passes nothing upwards."""

import pytest

from taawon.accounts.models import Membership, Organisation, User

from ..rules import filling_organisation
from .factories import household_form

pytestmark = pytest.mark.django_db


def _chain(depth: int) -> list[Organisation]:
    """An office with `depth` organisations nested below it, top first."""
    chain = [
        Organisation.objects.create(
            name_en="Office", kind=Organisation.Kind.COUNTRY_OFFICE, country="IQ"
        )
    ]
    for level in range(depth):
        chain.append(
            Organisation.objects.create(
                name_en=f"Level {level + 1}",
                kind=Organisation.Kind.COOPERATIVE,
                country="IQ",
                parent=chain[-1],
            )
        )
    return chain


def _clerk_of(organisation: Organisation, name: str) -> User:
    user = User.objects.create_user(username=name, password=None)
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.DATA_CLERK)
    return user


@pytest.mark.parametrize("depth", [1, 4, 5, 9])
def test_staff_far_below_the_assigned_organisation_fill_for_their_own(personas, depth):
    form = household_form(personas)
    chain = _chain(depth)
    form.assigned.set([chain[0]])
    clerk = _clerk_of(chain[-1], f"clerk{depth}")
    assert filling_organisation(clerk, form) == chain[-1]
    beside = _chain(depth)  # the same shape under another office
    assert filling_organisation(_clerk_of(beside[-1], f"other{depth}"), form) is None


def test_an_inactive_organisation_between_passes_nothing_upwards(personas):
    form = household_form(personas)
    chain = _chain(6)
    form.assigned.set([chain[0]])
    clerk = _clerk_of(chain[-1], "clerk")
    chain[3].is_active = False
    chain[3].save()
    assert filling_organisation(clerk, form) is None
    form.assigned.set([chain[3]])  # the inactive one itself is still reached
    assert filling_organisation(clerk, form) == chain[-1]


def test_two_memberships_sharing_a_deep_ancestor_both_reach_it(personas):
    form = household_form(personas)
    chain = _chain(6)
    form.assigned.set([chain[0]])
    user = _clerk_of(chain[-1], "both")
    sibling = Organisation.objects.create(
        name_en="Sibling", kind=Organisation.Kind.COOPERATIVE, country="IQ", parent=chain[-2]
    )
    Membership.objects.create(user=user, organisation=sibling, role=Membership.Role.DATA_CLERK)
    from taawon.accounts import scoping

    scoping.forget(user)
    assert filling_organisation(user, form) in (chain[-1], sibling)
    Membership.objects.filter(user=user, organisation=chain[-1]).delete()
    scoping.forget(user)
    assert filling_organisation(user, form) == sibling
