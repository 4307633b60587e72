"""Complaints and feedback from workers, job seekers and employers, and their handling.

A complaint belongs to a unit (its owner, what scoping filters on). Its text and the
complainant's contact are personal data: the audit trail masks them. A sensitive complaint
(harassment or abuse always) is read only by the unit's focal points and the country office
(see `queries`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taawon.core.models import OwnedModel


class Category(models.TextChoices):
    WAGES_UNPAID = "wages_unpaid", _("Wages unpaid")
    SAFETY = "safety", _("Safety")
    HARASSMENT = "harassment", _("Harassment or abuse")
    DISCRIMINATION = "discrimination", _("Discrimination")
    PERMIT = "permit", _("Permit problems")
    SERVICE_QUALITY = "service_quality", _("Quality of service")
    THANKS = "thanks", _("Thanks")
    # An SMS that did not say which: a focal point reads it first (it comes in sensitive).
    OTHER = "other", _("Other, not yet classified")


# Always sensitive, whatever the person recording it chose.
SENSITIVE_CATEGORIES = frozenset({Category.HARASSMENT})


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    SMS = "sms", _("SMS")
    WEB = "web", _("Public form")


class ComplainantKind(models.TextChoices):
    WORKER = "worker", _("Worker")
    JOB_SEEKER = "job_seeker", _("Job seeker")
    EMPLOYER = "employer", _("Employer")
    ANONYMOUS = "anonymous", _("Anonymous")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    IN_PROGRESS = "in_progress", _("In progress")
    REFERRED = "referred", _("Referred")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


class ReferralService(models.TextChoices):
    """Services a complaint is referred to (the programme's partners by kind)."""

    LEGAL_AID = "legal_aid", _("Legal aid")
    PROTECTION = "protection", _("Protection partner")
    GBV = "gbv", _("Gender-based violence services")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial support")
    LABOUR_INSPECTION = "labour_inspection", _("Labour inspection")
    OTHER = "other", _("Other service")


class Complaint(OwnedModel):
    reference = models.CharField(_("reference number"), max_length=16, unique=True)
    # HMAC of the PIN given with the reference: the status page asks for both.
    pin_digest = models.CharField(_("PIN digest"), max_length=64)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    complainant_kind = models.CharField(
        _("complainant"), max_length=12, choices=ComplainantKind.choices
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    employer = models.ForeignKey(
        "employment.Employer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("employer concerned"),
    )
    named_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff member named"),
    )
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=20, blank=True)
    language = models.CharField(_("language"), max_length=5, default="ar")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    sensitive = models.BooleanField(_("sensitive"), default=False)
    description = models.TextField(_("complaint or feedback"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.RECEIVED,
    )
    received_at = models.DateTimeField(_("received at"))
    acknowledge_by = models.DateTimeField(_("acknowledge by"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    referred_to = models.CharField(
        _("referred to"), max_length=20, choices=ReferralService.choices, blank=True
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    days_to_close = models.PositiveIntegerField(_("days to close"), null=True, blank=True)
    person_informed = models.BooleanField(_("person informed"), default=False)
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction (1–5)"), null=True, blank=True)
    # The SMS gateway's id of the message it came in: a retried delivery is the same complaint.
    inbound_reference = models.CharField(_("gateway reference"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True)
                | Q(satisfaction__gte=1, satisfaction__lte=5),
                name="complaint_satisfaction_1_to_5",
            ),
            models.CheckConstraint(
                condition=~Q(category="harassment") | Q(sensitive=True),
                name="complaint_harassment_is_sensitive",
            ),
            models.CheckConstraint(
                condition=~Q(complainant_kind="anonymous")
                | Q(person__isnull=True, contact_name=""),
                name="complaint_anonymous_names_nobody",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False),
                name="complaint_closed_has_time",
            ),
            models.UniqueConstraint(
                fields=["inbound_reference"],
                condition=~Q(inbound_reference=""),
                name="complaint_unique_inbound_reference",
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "status"], name="complaint_owner_status"),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("complaints:complaint_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status not in (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED)


class ComplaintStep(models.Model):
    """One step of a complaint's handling: who, when, the status it led to, and a note."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.PROTECT, related_name="steps", verbose_name=_("complaint")
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    status = models.CharField(_("status"), max_length=12, choices=ComplaintStatus.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint} · {self.status}"


class FocalPoint(OwnedModel):
    """A staff member designated by the unit's manager to read and handle its sensitive
    complaints (the owner is the unit)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("staff member"),
    )

    class Meta:
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")
        constraints = [
            models.UniqueConstraint(fields=["owner", "user"], name="focal_point_once_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.owner}"


class SmsLine(OwnedModel):
    """A unit's phone number for complaints by SMS: a message the gateway delivers to it
    becomes a complaint of that unit."""

    number = models.CharField(_("number"), max_length=20, unique=True, help_text=_("E.164"))

    class Meta:
        verbose_name = _("SMS line")
        verbose_name_plural = _("SMS lines")

    def __str__(self) -> str:
        return self.number
