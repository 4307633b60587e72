"""Scoped reads of organisations, users, memberships and tokens, and the one owner picker."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from taawon.core.exceptions import PermissionDenied, ValidationFailed

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
    """The memberships of `organisation`, each with its user and `has_second_factor`."""
    authenticators = TOTPDevice.objects.filter(user=OuterRef("user_id"), confirmed=True)
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .annotate(has_second_factor=Exists(authenticators))
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


# ---- The owning organisation of a new record --------------------------------------------------


@dataclass(frozen=True)
class OwnerWords:
    """What the owner picker says, in the words of the records being added."""

    none: str | Promise  # the user may add them for no organisation at all
    choose: str | Promise  # several organisations are possible and none was named
    refused: str | Promise  # the one named is not among them


OWNER_WORDS = OwnerWords(
    none=gettext_lazy("You may not add records for any organisation."),
    choose=gettext_lazy("You may register for several organisations: choose the owner."),
    refused=gettext_lazy("You may not add records for this organisation."),
)


def owner_choices(user: User, domain: str) -> QuerySet[Organisation]:
    """The organisations `user` may add records of `domain` for (every owner picker)."""
    return scoping.organisations(user, scoping.CHANGE, domain=domain)


def pick_owner(
    user: User,
    owner_id: int | None,
    domain: str,
    *,
    choices: Iterable[Organisation] | None = None,
    words: OwnerWords = OWNER_WORDS,
) -> Organisation:
    """The owner of a new record: the organisation named by `owner_id`, or the only possible
    one when none is named. `choices` replaces `owner_choices(user, domain)` where a domain
    narrows them further (employment units, permit importers).

    Raises PermissionDenied when there is nothing to choose from, else ValidationFailed on
    the field "owner".
    """
    options = list(owner_choices(user, domain) if choices is None else choices)
    if not options:
        raise PermissionDenied(words.none)
    if owner_id is None:
        if len(options) == 1:
            return options[0]
        raise ValidationFailed(field_errors={"owner": [words.choose]})
    for organisation in options:
        if organisation.pk == owner_id:
            return organisation
    raise ValidationFailed(field_errors={"owner": [words.refused]})


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


def own_organisations(user: User) -> QuerySet[Organisation]:
    """The active organisations `user` is a member of (what a token may be limited to)."""
    return (
        Organisation.objects.filter(is_active=True, memberships__user=user)
        .distinct()
        .order_by("country", "name_en")
    )


def tokens_of(user: User) -> QuerySet[ApiToken]:
    """`user`'s tokens, newest first, revoked and expired ones included (for their page)."""
    return (
        ApiToken.objects.filter(user=user).select_related("organisation").order_by("-created_at")
    )


def get_own_token(user: User, pk: int) -> ApiToken:
    token = ApiToken.objects.filter(user=user, pk=pk).first()
    if token is None:
        raise Http404
    return token


def get_organisation(pk: int) -> Organisation | None:
    """For the command line, which runs with no user to scope by."""
    return Organisation.objects.filter(pk=pk).first()
