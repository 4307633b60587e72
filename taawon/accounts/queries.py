"""Scoped reads of organisations, users, memberships and tokens."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.http import Http404

from . import scoping
from .models import TOKEN_PREFIX_LENGTH, ApiToken, Membership, Organisation, User, token_digest


@dataclass(frozen=True)
class MembershipRow:
    membership: Membership
    manageable: bool


def memberships_of(user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name_en", "role")
    )


def memberships_with_management(user: User) -> list[MembershipRow]:
    """`user`'s memberships, each flagged when `user` may manage that organisation's users."""
    return [
        MembershipRow(
            m, m.organisation.is_active and scoping.may_manage_users(user, m.organisation)
        )
        for m in memberships_of(user)
    ]


def manageable_organisations(user: User) -> QuerySet[Organisation]:
    """The active organisations whose users `user` may manage, with their member counts."""
    return (
        scoping.organisations(user, scoping.MANAGE_USERS, domain="accounts")
        .select_related("parent")
        .annotate(member_count=Count("memberships"))
        .order_by("country", "name_en")
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
        .order_by("user__username", "role")
    )


def get_membership(organisation: Organisation, pk: int) -> Membership:
    """A membership of `organisation` (already checked manageable), or Http404."""
    membership = (
        Membership.objects.filter(organisation=organisation, pk=pk)
        .select_related("user", "organisation")
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def get_member(organisation: Organisation, user_pk: int) -> User:
    """A user with a membership in `organisation` (already checked manageable), or Http404."""
    user = User.objects.filter(pk=user_pk, memberships__organisation=organisation).first()
    if user is None:
        raise Http404
    return user


def sub_organisations(user: User, organisation: Organisation) -> QuerySet[Organisation]:
    """Active children of `organisation` whose users `user` may also manage."""
    return manageable_organisations(user).filter(parent=organisation)


def user_by_username(username: str) -> User | None:
    """For the command line, which runs with no user to scope by."""
    return User.objects.filter(username=username).first()


def active_tokens(*, user: User | None = None, token: str | None = None) -> QuerySet[ApiToken]:
    """Unrevoked tokens of `user`, or those matching `token` (a whole token or its prefix)."""
    rows = ApiToken.objects.filter(revoked_at__isnull=True).select_related("user")
    if user is not None:
        rows = rows.filter(user=user)
    if token is not None:
        if len(token) > TOKEN_PREFIX_LENGTH:
            rows = rows.filter(digest=token_digest(token))
        else:
            rows = rows.filter(prefix=token)
    return rows.order_by("created_at")
