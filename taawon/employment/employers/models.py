"""Employers, their workplaces, and the unit's visits to them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taawon.core.models import OwnedModel
from taawon.core.scripts import names_in_arabic_script

from ..unit import reference
from ..unit.models import Located


class Employer(Located, OwnedModel):
    class Kind(models.TextChoices):
        FARM = "farm", _("Farm")
        BUSINESS = "business", _("Business")

    class Size(models.TextChoices):
        """Workers employed, in the bands of Jordan's Department of Statistics."""

        MICRO = "micro", _("Micro (1–4 workers)")
        SMALL = "small", _("Small (5–19 workers)")
        MEDIUM = "medium", _("Medium (20–99 workers)")
        LARGE = "large", _("Large (100 workers or more)")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    owner_name = models.CharField(_("owner's name"), max_length=200, blank=True)
    sector = models.CharField(
        _("sector (ISIC Rev.4 section)"), max_length=1, help_text=_("A letter from A to U")
    )
    size = models.CharField(_("size"), max_length=10, choices=Size.choices, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
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
    address = models.CharField(_("address"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        constraints = [
            *Located.Meta.constraints,
            models.CheckConstraint(
                condition=~Q(name_ar="", name_en=""), name="employer_has_a_name"
            ),
            models.CheckConstraint(
                condition=Q(sector__in=reference.ISIC_CODES), name="employer_sector_is_isic"
            ),
        ]
        indexes = [models.Index(fields=["owner", "-id"], name="employer_owner_id")]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("employment:employer_detail", args=[self.pk])

    @property
    def display_name(self) -> str:
        if names_in_arabic_script():
            return self.name_ar or self.name_en
        return self.name_en or self.name_ar

    @property
    def sector_entry(self) -> reference.Entry | None:
        return reference.isic_section(self.sector)


class Workplace(Located, OwnedModel):
    """Where the work happens: a farm's fields, a packing house, a building site."""

    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="workplaces", verbose_name=_("employer")
    )
    name = models.CharField(_("name"), max_length=200)
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
    address = models.CharField(_("address or directions"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("workplace")
        verbose_name_plural = _("workplaces")
        ordering = ["name", "pk"]
        constraints = [
            *Located.Meta.constraints,
            models.UniqueConstraint(
                fields=["employer", "name"], name="workplace_name_per_employer"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class FarmVisit(OwnedModel):
    class Purpose(models.TextChoices):
        OUTREACH = "outreach", _("Outreach")
        VACANCY_COLLECTION = "vacancy_collection", _("Vacancy collection")
        AWARENESS = "awareness", _("OSH and labour rights awareness")
        FOLLOW_UP = "follow_up", _("Follow-up")

    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="visits", verbose_name=_("employer")
    )
    workplace = models.ForeignKey(
        Workplace,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visits",
        verbose_name=_("workplace"),
    )
    date = models.DateField(_("date"))
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("staff")
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    findings = models.TextField(_("findings"), blank=True)
    # {item code: "yes" | "no" | "na"} for items of reference.OSH_CHECKLIST; the services
    # validate it, since JSON shape is beyond a portable check constraint.
    osh_checklist = models.JSONField(_("OSH checklist"), default=dict, blank=True)
    next_steps = models.TextField(_("agreed next steps"), blank=True)

    class Meta:
        verbose_name = _("farm visit")
        verbose_name_plural = _("farm visits")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["owner", "-date"], name="visit_owner_date")]

    def __str__(self) -> str:
        return f"{self.employer} {self.date:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("employment:visit_detail", args=[self.pk])
