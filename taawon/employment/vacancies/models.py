"""Vacancies. Positions filled are never stored: they are the placements, counted."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taawon.core.models import OwnedModel
from taawon.protection.rules import is_hazardous

from ..employers.models import Employer, Workplace
from ..unit.models import Currency, PermitSector, WagePeriod


class VacancyStatus(models.TextChoices):
    """A vacancy's state (its transitions: employment.rules)."""

    OPEN = "open", _("Open")
    FILLED = "filled", _("Filled")
    CLOSED = "closed", _("Closed")


class Vacancy(OwnedModel):
    # Defined apart under a name of its own: the OpenAPI document names an enum by its class.
    Status = VacancyStatus

    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="vacancies", verbose_name=_("employer")
    )
    workplace = models.ForeignKey(
        Workplace,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vacancies",
        verbose_name=_("workplace"),
    )
    title = models.CharField(_("job title"), max_length=200, blank=True)
    occupation = models.ForeignKey(
        "occupations.Occupation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("occupation (ISCO-08 unit group)"),
    )
    positions = models.PositiveSmallIntegerField(_("positions"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    wage = models.DecimalField(_("wage"), max_digits=10, decimal_places=3)
    wage_period = models.CharField(_("wage period"), max_length=10, choices=WagePeriod.choices)
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.JOD
    )
    hours_per_day = models.DecimalField(_("hours per day"), max_digits=3, decimal_places=1)
    days_per_week = models.PositiveSmallIntegerField(_("days per week"), default=6)
    skills = models.JSONField(_("skills wanted"), default=list, blank=True)
    min_experience_years = models.PositiveSmallIntegerField(
        _("experience wanted (years)"), default=0
    )
    # What the work involves, as codes of taawon.protection's hazardous tasks: a vacancy that
    # states one (or whose occupation is on the list) is never given to anyone under 18.
    tasks = models.JSONField(_("tasks"), default=list, blank=True)
    work_permit_required = models.BooleanField(_("work permit required"), default=False)
    permit_sector = models.CharField(
        _("work permit sector"), max_length=20, choices=PermitSector.choices, blank=True
    )
    # The facilities that make the job accessible; what matching compares with a job seeker's
    # needs (never their sex or nationality: ILO Convention 111).
    offers_transport = models.BooleanField(_("transport provided"), default=False)
    offers_childcare = models.BooleanField(_("childcare provided"), default=False)
    separate_sanitation = models.BooleanField(_("separate sanitation"), default=False)
    women_in_team = models.BooleanField(_("women in the team"), default=False)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        constraints = [
            models.CheckConstraint(condition=Q(positions__gte=1), name="vacancy_positions_min_1"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="vacancy_ends_after_start",
            ),
            models.CheckConstraint(condition=Q(wage__gt=0), name="vacancy_wage_positive"),
            models.CheckConstraint(
                condition=Q(hours_per_day__gt=0, hours_per_day__lte=24),
                name="vacancy_hours_in_a_day",
            ),
            models.CheckConstraint(
                condition=Q(days_per_week__gte=1, days_per_week__lte=7),
                name="vacancy_days_in_a_week",
            ),
            models.CheckConstraint(
                condition=Q(work_permit_required=False) | ~Q(permit_sector=""),
                name="vacancy_permit_has_sector",
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "status", "-id"], name="vacancy_owner_status_id"),
            # The matching cache's stamp reads the latest change (employment.matching).
            models.Index(fields=["updated_at"], name="vacancy_updated_at"),
        ]

    def __str__(self) -> str:
        return self.title or str(self.occupation)

    def get_absolute_url(self) -> str:
        return reverse("employment:vacancy_detail", args=[self.pk])

    @property
    def hazardous(self) -> bool:
        """Hazardous work: nobody under 18 (taawon.protection.rules)."""
        return is_hazardous(self.occupation.code, self.tasks)

    @property
    def facilities(self) -> list[str]:
        """Codes of what the job offers, as the matching library names them."""
        offered = {
            "transport": self.offers_transport,
            "childcare": self.offers_childcare,
            "separate_sanitation": self.separate_sanitation,
            "women_in_team": self.women_in_team,
        }
        return [code for code, on in offered.items() if on]
