"""Every change to organisations, users, memberships and tokens."""

from __future__ import annotations

import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taawon.core import audit
from taawon.core.contention import write_unless_busy
from taawon.core.exceptions import PermissionDenied, ValidationFailed
from taawon.core.models import AuditEvent

from . import scoping
from .models import (
    TOKEN_PREFIX,
    TOKEN_PREFIX_LENGTH,
    ApiToken,
    Membership,
    Organisation,
    User,
    token_digest,
)


@transaction.atomic
def create_token(*, user: User, name: str = "", created_by: User | None = None) -> str:
    """Create an API token for `user` and return it; only its digest is kept."""
    if not user.is_active:
        raise ValidationFailed(_("This user is inactive; an inactive user's token never works."))
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(
        user=user, name=name, prefix=token[:TOKEN_PREFIX_LENGTH], digest=token_digest(token)
    )
    audit.record_create(created_by or user, row, sensitive=["digest"])
    return token


@transaction.atomic
def revoke_token(*, token: ApiToken, revoked_by: User | None) -> ApiToken:
    """Stop `token` working from now on. `revoked_by` is None from the command line."""
    if revoked_by is not None and revoked_by.pk != token.user_id and not revoked_by.is_superuser:
        raise PermissionDenied()
    if token.revoked_at is not None:
        return token
    before = audit.snapshot(token, ["revoked_at"])
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record_update(revoked_by, token, before)
    return token


def user_for_token(token: str) -> User | None:
    if not token.startswith(TOKEN_PREFIX):
        return None
    row = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if row is None:
        return None
    now = timezone.now()
    # Writing on every request would serialise API reads on SQLite; a minute is precise enough.
    # A busy database (a long import) skips the note rather than fail the read.
    if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 60:
        write_unless_busy(lambda: ApiToken.objects.filter(pk=row.pk).update(last_used_at=now))
    return row.user


@transaction.atomic
def create_organisation(
    *,
    name_en: str,
    kind: str,
    country: str,
    name_ar: str = "",
    parent: Organisation | None = None,
    created_by: User | None = None,
) -> Organisation:
    if kind == Organisation.Kind.EMPLOYMENT_UNIT and parent is None:
        raise ValidationFailed(
            field_errors={"parent": [_("An employment unit belongs to a cooperative.")]}
        )
    org = Organisation(name_en=name_en, name_ar=name_ar, kind=kind, country=country, parent=parent)
    org.full_clean()
    org.save()
    audit.record_create(created_by, org)
    return org


@transaction.atomic
def add_user(
    *,
    organisation: Organisation,
    username: str,
    role: str,
    password: str | None,
    added_by: User | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    preferred_language: str = "en",
) -> User:
    """Create a user with one membership in `organisation`.

    `added_by` None is the command line or the demo; a person must manage `organisation`.
    Never a superuser: those are made with `taawon createsuperuser` only.
    """
    if added_by is not None and not scoping.may_manage_users(added_by, organisation):
        raise PermissionDenied()
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        preferred_language=preferred_language,
    )
    # Collect every field's errors at once, so the form shows them all after one submit.
    errors: dict[str, list[str]] = {}
    if role not in Membership.Role.values:
        errors["role"] = [_("Choose a valid role.")]
    try:
        user.full_clean(exclude=["password"], validate_unique=False)
    except DjangoValidationError as exc:
        errors.update(exc.message_dict)
    if "username" not in errors and User.objects.filter(username__iexact=username).exists():
        errors["username"] = [_("This username is taken.")]
    if password:
        try:
            validate_password(password, user)
        except DjangoValidationError as exc:
            errors["password"] = list(exc.messages)
    if errors:
        raise ValidationFailed(field_errors=errors)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    membership = Membership.objects.create(user=user, organisation=organisation, role=role)
    audit.record_create(added_by, user, sensitive=["password"])
    audit.record_create(added_by, membership)
    return user


def _check_may_change(changed_by: User, user: User) -> None:
    """An administrator changes only users wholly inside their reach, and never a superuser.

    Deactivating is global, so a cooperative's administrator may not lock out someone who
    also works for an organisation they do not manage.
    """
    if changed_by.is_superuser:
        return
    if user.is_superuser:
        raise PermissionDenied(_("Only a system administrator may change a system administrator."))
    # Memberships of closed organisations grant nothing, so they do not count.
    outside = [
        m.organisation
        for m in user.memberships.filter(organisation__is_active=True).select_related(
            "organisation"
        )
        if not scoping.may_manage_users(changed_by, m.organisation)
    ]
    if outside:
        raise PermissionDenied(
            _("This user also belongs to organisations you do not manage; ask their administrator.")
        )


@transaction.atomic
def set_membership_role(*, membership: Membership, role: str, changed_by: User) -> Membership:
    if not scoping.may_manage_users(changed_by, membership.organisation):
        raise PermissionDenied()
    if membership.user.is_superuser and not changed_by.is_superuser:
        raise PermissionDenied(_("Only a system administrator may change a system administrator."))
    if role not in Membership.Role.values:
        raise ValidationFailed(field_errors={"role": [_("Choose a valid role.")]})
    if membership.user_id == changed_by.pk and not changed_by.is_superuser:
        # Demoting yourself could leave the organisation with no one to undo it.
        raise ValidationFailed(
            field_errors={"role": [_("Ask another administrator to change your own role.")]}
        )
    if role == membership.role:
        return membership
    duplicate = Membership.objects.filter(
        user_id=membership.user_id, organisation_id=membership.organisation_id, role=role
    ).exists()
    if duplicate:
        raise ValidationFailed(
            field_errors={"role": [_("This user already has that role in this organisation.")]}
        )
    before = audit.snapshot(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    audit.record_update(changed_by, membership, before)
    scoping.forget(membership.user)
    return membership


@transaction.atomic
def set_user_active(
    *, user: User, active: bool, changed_by: User, organisation: Organisation
) -> User:
    """Let `user` log in and use tokens again, or stop them; their records stay."""
    if (
        not scoping.may_manage_users(changed_by, organisation)
        or not user.memberships.filter(organisation=organisation).exists()
    ):
        raise PermissionDenied()
    if user.pk == changed_by.pk and not active:
        raise ValidationFailed(_("You cannot deactivate yourself."))
    _check_may_change(changed_by, user)
    before = audit.snapshot(user, ["is_active"])
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit.record_update(changed_by, user, before)
    return user


@transaction.atomic
def change_password(*, user: User, password: str) -> User:
    """Set `user`'s own new password (already validated by the password change form)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(
        actor=user,
        action=AuditEvent.Action.UPDATE,
        obj=user,
        changes={"password": [audit.MASK, audit.MASK]},
    )
    return user


def record_login(*, user: User) -> AuditEvent:
    """Audit a successful login. Django has already logged `user` in."""
    return audit.record(actor=user, action=AuditEvent.Action.LOGIN, obj=user)
