"""Scoped reads of organisations, users and memberships."""

from django.db.models import QuerySet
from django.http import Http404

from . import scoping
from .models import Membership, Organisation, User


def memberships_of(user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name_en")
    )


def get_manageable_organisation(user: User, pk: int) -> Organisation:
    organisation = Organisation.objects.filter(pk=pk, is_active=True).first()
    if organisation is None or not scoping.may_manage_users(user, organisation):
        raise Http404
    return organisation


def members_of(organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__username")
    )
