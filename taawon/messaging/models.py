"""Messages to people (SMS and the like), kept from the moment they are queued.

`dedupe_key` is unique, so "send this reminder once" is a database invariant rather than a
check that two workers could both pass.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from taawon.core.models import OwnedModel


class OutboundMessage(OwnedModel):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    to = models.CharField(_("to"), max_length=20, help_text=_("Phone number, E.164"))
    body = models.TextField(_("message"))
    language = models.CharField(_("language"), max_length=5)
    purpose = models.CharField(_("purpose"), max_length=40, db_index=True)
    dedupe_key = models.CharField(_("deduplication key"), max_length=200, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # A worker owns a queued message until then; a worker that died loses it afterwards.
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    backend = models.CharField(_("sent through"), max_length=20, blank=True)
    provider_reference = models.CharField(_("gateway reference"), max_length=100, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("outbound message")
        verbose_name_plural = _("outbound messages")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "sent", "failed"]),
                name="outboundmessage_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="outboundmessage_sent_has_time",
            ),
            models.CheckConstraint(
                condition=~models.Q(dedupe_key=""), name="outboundmessage_has_dedupe_key"
            ),
        ]
        indexes = [models.Index(fields=["status", "id"], name="outboundmessage_status_id")]

    def __str__(self) -> str:
        return f"{self.purpose} → {self.to} ({self.status})"
