"""Awareness sessions and who came: registered persons, or head counts."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taawon.core.models import OwnedModel


class AwarenessTopic(models.TextChoices):
    """What an awareness session was about."""

    LABOUR_LAW = "labour_law", _("Labour law")
    OSH = "osh", _("Occupational safety and health")
    COVID19 = "covid19", _("COVID-19 in the workplace")
    WORK_PERMITS = "work_permits", _("Work permits")
    OTHER = "other", _("Other")


class AwarenessSession(OwnedModel):
    # Defined apart under a name of its own: the OpenAPI document names an enum by its class.
    Topic = AwarenessTopic

    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices)
    topic_detail = models.CharField(_("topic, in a few words"), max_length=200, blank=True)
    date = models.DateField(_("date"))
    governorate = models.ForeignKey(
        "geo.Governorate", on_delete=models.PROTECT, related_name="+", verbose_name=_("governorate")
    )
    district = models.ForeignKey(
        "geo.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    venue = models.CharField(_("place"), max_length=200)
    facilitator = models.CharField(_("facilitator"), max_length=200)
    participants = models.ManyToManyField(
        "people.Person", blank=True, related_name="+", verbose_name=_("registered participants")
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("awareness session")
        verbose_name_plural = _("awareness sessions")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(topic="other") | ~Q(topic_detail=""),
                name="awareness_other_topic_described",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_topic_display()} {self.date:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("employment:awareness_detail", args=[self.pk])


class AwarenessHeadCount(models.Model):
    """Participants who were not registered, counted by sex and nationality."""

    class Sex(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")

    session = models.ForeignKey(
        AwarenessSession, on_delete=models.CASCADE, related_name="head_counts"
    )
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices)
    nationality = models.CharField(
        _("nationality"), max_length=2, help_text=_("ISO 3166-1 alpha-2")
    )
    count = models.PositiveIntegerField(_("count"))

    class Meta:
        verbose_name = _("head count")
        verbose_name_plural = _("head counts")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "sex", "nationality"], name="headcount_once_per_group"
            ),
            models.CheckConstraint(condition=Q(count__gte=1), name="headcount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.sex}/{self.nationality}: {self.count}"
