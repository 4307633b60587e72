"""Survey forms (XLSForms and their XForm versions), who fills them, and what comes back:
submissions from ODK Collect with their attachments and the history of their edits.

A form belongs to the organisation that designed it (its owner) and is assigned to the
organisations whose staff fill it. A submission belongs to the organisation of whoever sent it:
what scoping filters on. Its `instanceID` is unique per form in the database, so that a
replay, however many copies arrive at once, stores one row.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taawon.core.models import OwnedModel


class FormStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class SurveyForm(OwnedModel):
    form_id = models.CharField(_("form ID"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=FormStatus.choices, default=FormStatus.OPEN
    )
    assigned = models.ManyToManyField(
        "accounts.Organisation",
        related_name="+",
        blank=True,
        verbose_name=_("filled by"),
        help_text=_("Their staff, and the staff of the organisations below them, fill it."),
    )
    # A registry target (surveys.targets) an approved submission feeds, and which form field
    # feeds which of its parameters: data, not code.
    target = models.CharField(_("feeds the registry as"), max_length=40, blank=True)
    mapping = models.JSONField(_("field mapping"), default=dict, blank=True)

    class Meta:
        verbose_name = _("survey form")
        verbose_name_plural = _("survey forms")
        ordering = ("title", "id")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:form_detail", args=[self.pk])


class FormVersion(models.Model):
    form = models.ForeignKey(
        SurveyForm, on_delete=models.CASCADE, related_name="versions", verbose_name=_("form")
    )
    version = models.CharField(_("version"), max_length=100)
    xlsform = models.BinaryField(_("XLSForm"))
    xform = models.TextField(_("XForm"))
    # pyxform's description of the form (names, types, labels, choices, groups, repeats).
    schema = models.JSONField(_("schema"))
    md5 = models.CharField(max_length=32)
    warnings = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("form version")
        verbose_name_plural = _("form versions")
        ordering = ("-created_at", "-id")
        constraints = [
            models.UniqueConstraint(fields=["form", "version"], name="surveys_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.form.form_id} {self.version}"


class FormMedia(models.Model):
    """A media file a form version uses (images, audio, CSV for select_one_from_file)."""

    version = models.ForeignKey(FormVersion, on_delete=models.CASCADE, related_name="media")
    filename = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()
    md5 = models.CharField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "filename"], name="surveys_media_unique")
        ]

    def __str__(self) -> str:
        return self.filename


class ReviewStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    WAITING = "waiting", _("Waiting: possible duplicates")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Submission(OwnedModel):
    form = models.ForeignKey(
        SurveyForm, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("form")
    )
    version = models.ForeignKey(
        FormVersion, on_delete=models.PROTECT, related_name="+", verbose_name=_("version")
    )
    instance_id = models.CharField(_("instance ID"), max_length=100)
    xml = models.TextField()
    digest = models.CharField(max_length=64)
    data = models.JSONField(default=dict)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    received_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)
    # Attachments the XML names that have not arrived yet (ODK Collect sends big ones later).
    missing_attachments = models.JSONField(default=list, blank=True)
    status = models.CharField(
        _("review status"),
        max_length=10,
        choices=ReviewStatus.choices,
        default=ReviewStatus.RECEIVED,
        db_index=True,
    )
    review_note = models.TextField(_("review note"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # What the registry made of it ({"person": id, "job_seeker": id, "visit": id}), and the
    # possible duplicates of its person while it waits.
    records = models.JSONField(default=dict, blank=True)
    candidates = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ("-received_at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=["form", "instance_id"], name="surveys_instance_unique_per_form"
            )
        ]

    def __str__(self) -> str:
        return self.instance_id

    def get_absolute_url(self) -> str:
        return reverse("surveys:submission_detail", args=[self.pk])


class Attachment(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("name",)
        constraints = [
            models.UniqueConstraint(fields=["submission", "name"], name="surveys_attachment_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Revision(models.Model):
    """An earlier state of a submission: replaced by an edit in ODK Collect (`deprecatedID`)
    or in Taawon."""

    class Source(models.TextChoices):
        COLLECT = "collect", _("Edited in ODK Collect")
        WEB = "web", _("Edited in Taawon")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="revisions")
    instance_id = models.CharField(max_length=100)
    xml = models.TextField()
    digest = models.CharField(max_length=64)
    data = models.JSONField(default=dict)
    source = models.CharField(max_length=10, choices=Source.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ("-changed_at", "-id")

    def __str__(self) -> str:
        return self.instance_id
