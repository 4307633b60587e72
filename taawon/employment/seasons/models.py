"""Crop calendars and the crops farms grow: what the seasonal labour demand is forecast from.

A calendar says, for one crop in one governorate, in which months it is planted and harvested
and how many workers a dunum (1,000 m²) needs in those months. A farm attaches calendars of
its governorate with the dunums it grows; the demand of a month is the sum, over the farms'
crops worked that month, of dunums times workers per dunum.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taawon.core.models import OwnedModel

from ..employers.models import Employer, Workplace
from ..unit import reference


class CropCalendar(OwnedModel):
    crop = models.CharField(_("crop"), max_length=20)
    governorate = models.ForeignKey(
        "geo.Governorate", on_delete=models.PROTECT, related_name="+", verbose_name=_("governorate")
    )
    # Month numbers 1 to 12, sorted; the services check them (JSON shape is beyond a portable
    # check constraint).
    planting_months = models.JSONField(_("planting months"), default=list, blank=True)
    harvest_months = models.JSONField(_("harvest months"), default=list, blank=True)
    workers_per_dunum = models.DecimalField(
        _("workers needed per dunum"), max_digits=6, decimal_places=3
    )
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("crop calendar")
        verbose_name_plural = _("crop calendars")
        ordering = ["governorate__name_en", "crop", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "crop", "governorate"], name="cropcalendar_once_per_place"
            ),
            models.CheckConstraint(
                condition=Q(workers_per_dunum__gt=0), name="cropcalendar_workers_positive"
            ),
            models.CheckConstraint(
                condition=Q(crop__in=reference.CROP_CODES), name="cropcalendar_crop_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.crop_name} · {self.governorate}"

    def get_absolute_url(self) -> str:
        return reverse("employment:crop_calendar_edit", args=[self.pk])

    @property
    def crop_name(self) -> str:
        entry = reference.crop(self.crop)
        return entry.display_name if entry else self.crop

    @property
    def months(self) -> set[int]:
        """Months with work: planting or harvest."""
        return set(self.planting_months) | set(self.harvest_months)


class FarmCrop(OwnedModel):
    """A crop a farm grows, on how many dunums; owned by the farm's unit."""

    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="crops", verbose_name=_("farm")
    )
    workplace = models.ForeignKey(
        Workplace,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="crops",
        verbose_name=_("workplace"),
    )
    calendar = models.ForeignKey(
        CropCalendar, on_delete=models.PROTECT, related_name="farms", verbose_name=_("crop")
    )
    dunums = models.DecimalField(_("dunums"), max_digits=9, decimal_places=2)

    class Meta:
        verbose_name = _("farm crop")
        verbose_name_plural = _("farm crops")
        ordering = ["employer", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(dunums__gt=0), name="farmcrop_dunums_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.employer}: {self.calendar.crop_name} ({self.dunums})"
