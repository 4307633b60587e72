"""Every change to organisations, users, memberships, tokens and second factors."""

from __future__ import annotations

import datetime
import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from taawon.core import audit
from taawon.core.contention import write_unless_busy
from taawon.core.exceptions import PermissionDenied, ValidationFailed
from taawon.core.models import AuditEvent

from . import scoping, second_factor
from .models import (
    TOKEN_DEFAULT_DAYS,
    TOKEN_MAX_DAYS,
    TOKEN_PREFIX,
    TOKEN_PREFIX_LENGTH,
    ApiToken,
    Membership,
    Organisation,
    User,
    token_digest,
)


def _token_expiry(expires_on: datetime.date | None) -> datetime.datetime:
    """The end of `expires_on` (the token works through that day), in the server's zone."""
    today = timezone.localdate()
    if expires_on is None:
        expires_on = today + datetime.timedelta(days=TOKEN_DEFAULT_DAYS)
    if expires_on < today:
        raise ValidationFailed(field_errors={"expires_on": [_("Choose a date from today on.")]})
    if expires_on > today + datetime.timedelta(days=TOKEN_MAX_DAYS):
        raise ValidationFailed(
            field_errors={"expires_on": [_("A token works for one year at most.")]}
        )
    next_day = datetime.datetime.combine(expires_on + datetime.timedelta(days=1), datetime.time())
    return timezone.make_aware(next_day)


@transaction.atomic
def create_token(
    *,
    user: User,
    name: str = "",
    created_by: User | None = None,
    organisation: Organisation | None = None,
    expires_on: datetime.date | None = None,
) -> str:
    """Create an API token for `user` and return it; only its digest is kept.

    It works through `expires_on` (default: 90 days from today; one year at most) and, with
    an `organisation`, reaches only what `user`'s memberships of it reach. `created_by` None
    is the command line.
    """
    if created_by is not None and created_by.pk != user.pk:
        raise PermissionDenied()
    if not user.is_active:
        raise ValidationFailed(_("This user is inactive; an inactive user's token never works."))
    expires_at = _token_expiry(expires_on)
    if organisation is not None and organisation.pk not in {
        m.organisation_id for m in scoping.memberships(user)
    }:
        raise ValidationFailed(
            field_errors={"organisation": [_("Choose one of your own organisations.")]}
        )
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(
        user=user,
        name=name,
        organisation=organisation,
        expires_at=expires_at,
        prefix=token[:TOKEN_PREFIX_LENGTH],
        digest=token_digest(token),
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


def token_in_use(token: str) -> ApiToken | None:
    """The unrevoked, unexpired token row of an active user for `token`, user joined; its
    last use is noted (at most once a minute)."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    now = timezone.now()
    row = (
        ApiToken.objects.select_related("user")
        .filter(
            digest=token_digest(token),
            revoked_at__isnull=True,
            expires_at__gt=now,
            user__is_active=True,
        )
        .first()
    )
    if row is None:
        return None
    # Writing on every request would serialise API reads on SQLite; a minute is precise enough.
    # A busy database (a long import) skips the note rather than fail the read.
    if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 60:
        write_unless_busy(lambda: ApiToken.objects.filter(pk=row.pk).update(last_used_at=now))
    return row


def user_for_token(token: str) -> User | None:
    row = token_in_use(token)
    return row.user if row is not None else None


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


@transaction.atomic
def record_failed_login(*, username: str, ip_address: str | None, reason: str = "") -> AuditEvent:
    """Audit a refused login: the username tried, the address and (by the event) the time;
    never the password. The object is the user of that name, when there is one."""
    username = (username or "")[:150]
    user = User.objects.filter(username=username).first()
    event = audit.event(
        actor=None,
        action=AuditEvent.Action.LOGIN_FAILED,
        obj=user or User(username=username),
        changes={"username": [None, username], "ip_address": [None, ip_address or ""]},
        note=reason,
    )
    if user is None:
        event.object_id = ""
    event.save(force_insert=True)
    return event


# ---- Second factor (see second_factor.py) ------------------------------------------------


def _second_factor_changed(*, actor: User | None, user: User, after: str, note: str = "") -> None:
    before = "authenticator" if second_factor.has_second_factor(user) else "none"
    audit.record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        obj=user,
        changes={"second_factor": [before, after]},
        note=note,
    )


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(second_factor.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def start_second_factor(*, user: User) -> TOTPDevice:
    """The authenticator `user` is setting up: the same one until confirmed, so that the QR
    code stays the same when the page is reloaded."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


@transaction.atomic
def confirm_second_factor(*, user: User, device: TOTPDevice, code: str) -> list[str]:
    """Confirm `device` with a code it shows: it replaces any earlier authenticator, and ten
    new recovery codes replace the old ones. Returns the codes, to be shown once."""
    if device.user_id != user.pk or device.confirmed:
        raise PermissionDenied()
    if not device.verify_token(_normalised(code)):
        raise ValidationFailed(
            field_errors={"code": [_("This code is not right. Type the code the app shows now.")]}
        )
    _second_factor_changed(actor=user, user=user, after="authenticator")
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return _new_recovery_codes(user)


@transaction.atomic
def renew_recovery_codes(*, user: User) -> list[str]:
    """Ten new recovery codes for `user`; the old ones stop working."""
    if not second_factor.has_second_factor(user):
        raise ValidationFailed(_("Set up an authenticator first."))
    codes = _new_recovery_codes(user)
    audit.record(
        actor=user,
        action=AuditEvent.Action.UPDATE,
        obj=user,
        changes={"recovery_codes": [audit.MASK, audit.MASK]},
    )
    return codes


def _normalised(code: str) -> str:
    return "".join((code or "").split()).lower()


@transaction.atomic
def verify_second_factor(*, user: User, code: str, ip_address: str | None = None) -> Device | None:
    """The device of `user` that accepts `code` (the authenticator's code of the moment, or an
    unused recovery code, which is then used up); None, audited, when none does.

    Refusal is a return value, not an error, so that django-otp's throttling (each wrong code
    doubles the wait before the next try) is committed.
    """
    code = _normalised(code)
    for device in devices_for_user(user, for_verify=True):
        if code and device.verify_token(code):
            if isinstance(device, StaticDevice):
                audit.record(
                    actor=user,
                    action=AuditEvent.Action.LOGIN,
                    obj=user,
                    note="second factor: a recovery code",
                )
            return device
    record_failed_login(
        username=user.username, ip_address=ip_address, reason="wrong second-factor code"
    )
    return None


@transaction.atomic
def disable_second_factor(*, user: User) -> None:
    """`user` stops using a second factor (only when their roles do not require one)."""
    if second_factor.required_for(user):
        raise PermissionDenied(
            _("Your role requires a second factor; you may replace it but not remove it.")
        )
    _second_factor_changed(actor=user, user=user, after="none")
    _delete_devices(user)


@transaction.atomic
def reset_second_factor(*, user: User, reset_by: User, organisation: Organisation) -> None:
    """An administrator removes `user`'s authenticator and recovery codes (a lost phone): at
    their next sign-in `user` sets up a new one if their role requires it."""
    if (
        not scoping.may_manage_users(reset_by, organisation)
        or not user.memberships.filter(organisation=organisation).exists()
    ):
        raise PermissionDenied()
    if user.pk == reset_by.pk:
        raise PermissionDenied(_("Ask another administrator to reset your own second factor."))
    _check_may_change(reset_by, user)
    _second_factor_changed(
        actor=reset_by, user=user, after="none", note="reset by an administrator"
    )
    _delete_devices(user)


def _delete_devices(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
