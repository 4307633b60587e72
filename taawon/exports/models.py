"""A list export too large to build while the user waits: the task builds the file, the
progress page shows how far it got, and only the user who asked may download it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ExportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to start")
        RUNNING = "running", _("being written")
        DONE = "done", _("ready to download")
        FAILED = "failed", _("failed")
        EXPIRED = "expired", _("removed after a day")

    class Format(models.TextChoices):
        XLSX = "xlsx", "XLSX"
        CSV = "csv", "CSV"

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("requested by"),
    )
    list_name = models.CharField(_("list"), max_length=40)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    # The list's filters, as the query string's (key, value) pairs.
    params = models.JSONField(_("filters"), default=list, blank=True)
    identified = models.BooleanField(_("with names"), default=False)
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    # The file's name under settings.EXPORT_DIR (random, never from user input).
    file_name = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return f"{self.list_name}.{self.format} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("exports:job_detail", args=[self.pk])

    @property
    def percent(self) -> int:
        if not self.rows_total:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, round(100 * self.rows_done / self.rows_total))
