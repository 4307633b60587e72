"""Work permits issued through cooperatives: the application, the ministry's decision, the
permit, its renewal and cancellation; and the spreadsheets imported from the ministry.

One row is one permit from application to end: a renewal is a new row pointing to the permit
it renews. Whether an issued permit has expired is not stored; it follows from the date.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taawon.core.crypto import EncryptedBinaryField
from taawon.core.models import OwnedModel


class Sector(models.TextChoices):
    AGRICULTURE = "agriculture", _("Agriculture")
    CONSTRUCTION = "construction", _("Construction")
    OTHER = "other", _("Other")


class PermitKind(models.TextChoices):
    FLEXIBLE = "flexible", _("Flexible, under a cooperative")
    EMPLOYER = "employer", _("Employer-specific")


class PermitStatus(models.TextChoices):
    DRAFT = "draft", _("Application in preparation")
    SUBMITTED = "submitted", _("Submitted to the ministry")
    ISSUED = "issued", _("Issued")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


class MessageLanguage(models.TextChoices):
    ARABIC = "ar", _("Arabic")
    ENGLISH = "en", _("English")


# A renewal that still counts: one of these blocks another renewal of the same permit.
LIVE_STATUSES = (PermitStatus.DRAFT, PermitStatus.SUBMITTED, PermitStatus.ISSUED)
APPLICATION_STATUSES = (PermitStatus.DRAFT, PermitStatus.SUBMITTED)


class Permit(OwnedModel):
    Status = PermitStatus
    Kind = PermitKind

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="work_permits",
        verbose_name=_("holder"),
    )
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        on_delete=models.PROTECT,
        related_name="work_permits",
        verbose_name=_("cooperative"),
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    kind = models.CharField(
        _("kind of permit"), max_length=10, choices=PermitKind.choices, default=PermitKind.FLEXIBLE
    )
    employer_name = models.CharField(_("employer"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PermitStatus.choices, default=PermitStatus.DRAFT
    )
    # Codes of the documents received (taawon.permits.documents).
    documents = models.JSONField(_("documents received"), default=list, blank=True)
    language = models.CharField(
        _("language for messages"),
        max_length=5,
        choices=MessageLanguage.choices,
        default=MessageLanguage.ARABIC,
        help_text=_("Reminders to the holder are written in this language."),
    )
    applied_on = models.DateField(_("application date"), null=True, blank=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    ministry_reference = models.CharField(_("ministry reference"), max_length=50, blank=True)
    permit_number = models.CharField(_("permit number"), max_length=40, null=True, blank=True)
    issued_on = models.DateField(_("issue date"), null=True, blank=True)
    expires_on = models.DateField(_("expiry date"), null=True, blank=True)
    fee_paid = models.DecimalField(
        _("fee paid"), max_digits=10, decimal_places=3, null=True, blank=True
    )
    fee_currency = models.CharField(_("currency"), max_length=3, default="JOD")
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    cancellation_reason = models.TextField(_("reason for cancellation"), blank=True)
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewals",
        verbose_name=_("renewal of"),
    )
    source = models.ForeignKey(
        "PermitImport",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported from"),
    )

    class Meta:
        verbose_name = _("work permit")
        verbose_name_plural = _("work permits")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PermitStatus.values), name="permit_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(sector__in=Sector.values), name="permit_sector_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=PermitKind.values), name="permit_kind_valid"
            ),
            models.UniqueConstraint(
                fields=["permit_number"],
                condition=Q(permit_number__isnull=False),
                name="permit_number_unique",
            ),
            models.CheckConstraint(
                condition=~Q(status=PermitStatus.ISSUED)
                | Q(permit_number__isnull=False, issued_on__isnull=False, expires_on__isnull=False),
                name="permit_issued_has_number_and_dates",
            ),
            models.CheckConstraint(
                condition=Q(issued_on__isnull=True)
                | Q(expires_on__isnull=True)
                | Q(expires_on__gt=models.F("issued_on")),
                name="permit_expires_after_issue",
            ),
            models.CheckConstraint(
                condition=~Q(status=PermitStatus.REJECTED) | ~Q(rejection_reason=""),
                name="permit_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(fee_paid__isnull=True) | Q(fee_paid__gte=0),
                name="permit_fee_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(kind=PermitKind.EMPLOYER) | ~Q(employer_name=""),
                name="permit_employer_specific_names_employer",
            ),
            # A permit has at most one renewal under way or issued.
            models.UniqueConstraint(
                fields=["previous"],
                condition=Q(previous__isnull=False, status__in=LIVE_STATUSES),
                name="permit_one_live_renewal",
            ),
            models.CheckConstraint(
                condition=Q(previous__isnull=True) | ~Q(previous=models.F("id")),
                name="permit_not_its_own_renewal",
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "status", "-id"], name="permit_owner_status_id"),
            models.Index(fields=["status", "expires_on"], name="permit_status_expiry"),
            models.Index(fields=["issued_on", "status"], name="permit_issued_status"),
            models.Index(fields=["person", "status"], name="permit_person_status"),
        ]

    def __str__(self) -> str:
        if self.permit_number:
            return self.permit_number
        return str(_("Application %(id)s") % {"id": self.pk or "—"})

    def get_absolute_url(self) -> str:
        return reverse("permits:permit_detail", args=[self.pk])

    @property
    def is_application(self) -> bool:
        return self.status in APPLICATION_STATUSES


class PermitImport(OwnedModel):
    """One spreadsheet of issued permits, from upload through dry run to commit.

    The file is kept in the row (at most 40 MB, see taawon.lib.tabular), encrypted, until it is
    committed or TAAWON_UPLOAD_RETENTION_DAYS have passed, so that the mapping step, the dry
    run and the commit read the same bytes.
    """

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        CHECKING = "checking", _("Being checked")
        CHECKED = "checked", _("Checked")
        COMMITTING = "committing", _("Being imported")
        COMMITTED = "committed", _("Imported")
        FAILED = "failed", _("Cannot be imported")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.UPLOADED
    )
    filename = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size in bytes"))
    # Encrypted: the file carries the holders' identity numbers (purged by purge_import_files).
    content = EncryptedBinaryField(_("content"), null=True, blank=True)
    headers = models.JSONField(_("headers"), default=list, blank=True)
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    # The file's day/month order: true day first, false month first, null unknown.
    day_first = models.BooleanField(_("day before month"), null=True, blank=True)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    file_error = models.JSONField(_("file error"), default=dict, blank=True)
    error_count = models.PositiveIntegerField(_("row errors"), default=0)
    # Each error as {"row", "column", "code", "message", "params"}, shown and downloaded in
    # the reader's language (at most MAX_STORED_ERRORS; error_count has them all).
    errors = models.JSONField(_("errors"), default=list, blank=True)
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    committed_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("permit import")
        verbose_name_plural = _("permit imports")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse("permits:import_detail", args=[self.pk])
