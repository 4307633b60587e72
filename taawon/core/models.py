"""Base models every domain row builds on, and the audit trail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OwnedModel(models.Model):
    """A domain row: an owning organisation, and who created and last changed it, when.

    The owner is what `accounts.scoping` filters on, so every domain row gets it.
    """

    owner = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owning organisation"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("updated")
        ARCHIVE = "archive", _("archived")
        RESTORE = "restore", _("restored")
        DELETE = "delete", _("deleted")
        REVEAL = "reveal", _("viewed a sensitive identifier")
        MERGE = "merge", _("merged")
        UNMERGE = "unmerge", _("unmerged")
        DECIDE = "decide", _("decided")
        LOGIN = "login", _("logged in")
        LOGIN_FAILED = "login_failed", _("failed to log in")
        ANONYMISE = "anonymise", _("anonymised")
        VIEW = "view", _("viewed")
        EXPORT = "export", _("exported")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    # A string label ("people.person") and id rather than a generic foreign key: the trail
    # must outlive the rows it describes and never cascade.
    object_type = models.CharField(_("object type"), max_length=64)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    owner_id = models.BigIntegerField(_("owning organisation"), null=True, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}:{self.object_id}"
