"""Organisations, users, their memberships (roles) and API tokens."""

import hashlib

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from taawon.core.scripts import names_in_arabic_script


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COUNTRY_OFFICE = "country_office", _("Country office")
        COOPERATIVE = "cooperative", _("Cooperative")
        EMPLOYMENT_UNIT = "employment_unit", _("Employment unit")
        MINISTRY = "ministry", _("Ministry")
        PARTNER = "partner", _("Partner")
        DONOR = "donor", _("Donor")

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent organisation"),
    )
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2"))
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["country", "name_en"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="employment_unit") | models.Q(parent__isnull=False),
                name="employment_unit_has_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if names_in_arabic_script() and self.name_ar:
            return self.name_ar
        return self.name_en


class User(AbstractUser):
    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        ARABIC = "ar", _("Arabic")
        KURDISH = "ckb", _("Kurdish (Sorani)")

    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=Language.choices, default=Language.ENGLISH
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMINISTRATOR = "administrator", _("Administrator")
        MANAGER = "manager", _("Manager")
        COUNSELLOR = "counsellor", _("Counsellor")
        DATA_CLERK = "data_clerk", _("Data clerk")
        VIEWER = "viewer", _("Viewer")
        MINISTRY_OFFICER = "ministry_officer", _("Ministry officer")
        AGGREGATE_VIEWER = "aggregate_viewer", _("Aggregate viewer")

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_membership_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"


TOKEN_PREFIX = "tw_"
TOKEN_PREFIX_LENGTH = 10


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


TOKEN_DEFAULT_DAYS = 90
TOKEN_MAX_DAYS = 365


class ApiToken(models.Model):
    """A bearer token. Only its SHA-256 digest is stored; the token is shown once.

    It stops working at `expires_at`; with an `organisation` it reaches only what its user's
    memberships of that organisation reach.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("Empty: every organisation of the user."),
    )
    prefix = models.CharField(_("prefix"), max_length=12)
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
