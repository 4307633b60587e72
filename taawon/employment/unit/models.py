"""Choices and the coordinates mixin the employment records share."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Currency(models.TextChoices):
    JOD = "JOD", _("Jordanian dinar (JOD)")
    LBP = "LBP", _("Lebanese pound (LBP)")
    IQD = "IQD", _("Iraqi dinar (IQD)")
    USD = "USD", _("US dollar (USD)")


class WagePeriod(models.TextChoices):
    DAILY = "daily", _("per day")
    MONTHLY = "monthly", _("per month")


class PermitSector(models.TextChoices):
    """Sectors of a work permit, as the Ministry of Labour opens them to refugees."""

    AGRICULTURE = "agriculture", _("Agriculture")
    CONSTRUCTION = "construction", _("Construction")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    FOOD_SERVICES = "food_services", _("Food and beverage services")
    TRANSPORT = "transport", _("Transport")
    SERVICES = "services", _("Other services")


class Located(models.Model):
    """Optional coordinates (WGS 84), both or neither, for distances in matching."""

    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="%(app_label)s_%(class)s_coordinates",
            ),
        ]

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None
