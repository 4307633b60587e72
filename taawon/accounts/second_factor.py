"""Who must sign in with a second factor, and what a user's second factor is.

A second factor is an authenticator app (TOTP, django-otp's `otp_totp`) with ten recovery
codes for the day the phone is lost (`otp_static`). Administrators and managers must have one
(and system administrators); every other user may choose to.
"""

from __future__ import annotations

import base64

import segno
from django.conf import settings
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import scoping
from .models import Membership, User

REQUIRED_ROLES = frozenset({Membership.Role.ADMINISTRATOR, Membership.Role.MANAGER})
RECOVERY_CODE_COUNT = 10


def required_for(user: User) -> bool:
    """Whether `user` may use no page before passing a second factor."""
    if not settings.TWO_FACTOR_REQUIRED:
        return False
    if user.is_superuser:
        return True
    return any(m.role in REQUIRED_ROLES for m in scoping.memberships(user))


def authenticator(user: User) -> TOTPDevice | None:
    """`user`'s confirmed authenticator, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user: User) -> int:
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    return device.token_set.count() if device is not None else 0


def secret_of(device: TOTPDevice) -> str:
    """The key as typed into an authenticator app by hand: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// address as an inline SVG QR code, drawn here (no service)."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", title=settings.OTP_TOTP_ISSUER
    )
