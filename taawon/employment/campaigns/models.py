"""Seasonal campaigns: many job seekers allocated to chosen vacancies at once, with floors.

A campaign is drafted (vacancies and floors), run (the matching library proposes one vacancy
per job seeker at most, `positions` per vacancy at most, maximising the total score under the
floors), reviewed, and applied (the proposed assignments become referrals in one action).
Floors are special measures set by the programme (ILO Convention 111, article 5): a share of
women in each vacancy, a share of refugees over the campaign. No vacancy sets one.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taawon.core.models import OwnedModel

from ..placements.models import Referral
from ..seekers.models import JobSeeker
from ..vacancies.models import Vacancy


class CampaignStatus(models.TextChoices):
    """A campaign's state (its transitions: employment.rules)."""

    DRAFT = "draft", _("Draft")
    RUNNING = "running", _("Running")
    PROPOSED = "proposed", _("Proposed")
    APPLIED = "applied", _("Referrals created")


class Campaign(OwnedModel):
    # Defined apart under a name of its own: the OpenAPI document names an enum by its class.
    Status = CampaignStatus

    name = models.CharField(_("name"), max_length=200)
    vacancies = models.ManyToManyField(
        Vacancy, related_name="campaigns", verbose_name=_("vacancies")
    )
    women_share = models.PositiveSmallIntegerField(
        _("women in each vacancy, at least (%)"), null=True, blank=True
    )
    refugee_share = models.PositiveSmallIntegerField(
        _("refugees over the campaign, at least (%)"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # What the last run found; empty until a run proposes an allocation.
    proposed_at = models.DateTimeField(_("proposed at"), null=True, blank=True)
    applied_at = models.DateTimeField(_("referrals created at"), null=True, blank=True)
    method = models.CharField(_("solver"), max_length=40, blank=True)
    optimal = models.BooleanField(_("proven optimal"), null=True, blank=True)
    positions = models.PositiveIntegerField(_("positions"), default=0)
    candidates = models.PositiveIntegerField(_("candidates"), default=0)
    total_score = models.FloatField(_("total score"), null=True, blank=True)
    # One entry per floor (and per vacancy for the per-vacancy floor), as the library reports
    # it: {"group", "scope", "share", "vacancy", "status", "allocated", "members", "eligible",
    # "unconstrained", "message"}. The page words it again from the numbers, translated.
    floor_report = models.JSONField(_("floor report"), default=list, blank=True)
    # Why the last background run proposed nothing (an infeasible floor, say); empty otherwise.
    run_error = models.TextField(_("last run's problem"), blank=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(women_share__isnull=True) | Q(women_share__gte=1, women_share__lte=100),
                name="campaign_women_share_percent",
            ),
            models.CheckConstraint(
                condition=Q(refugee_share__isnull=True)
                | Q(refugee_share__gte=1, refugee_share__lte=100),
                name="campaign_refugee_share_percent",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("employment:campaign_detail", args=[self.pk])


class CampaignAssignment(models.Model):
    """One proposed (job seeker, vacancy) pair; it becomes a referral when the campaign is
    applied, or says why it was skipped."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="assignments")
    job_seeker = models.ForeignKey(
        JobSeeker, on_delete=models.PROTECT, related_name="+", verbose_name=_("job seeker")
    )
    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.PROTECT, related_name="+", verbose_name=_("vacancy")
    )
    score = models.FloatField(_("score"))
    distance_km = models.FloatField(_("distance (km)"))
    referral = models.ForeignKey(
        Referral,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referral"),
    )
    skipped_reason = models.CharField(_("why it was skipped"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("campaign assignment")
        verbose_name_plural = _("campaign assignments")
        ordering = ["vacancy_id", "-score", "job_seeker_id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "job_seeker"], name="campaign_seeker_once"),
            models.CheckConstraint(
                condition=Q(referral__isnull=True) | Q(skipped_reason=""),
                name="campaign_assignment_referred_or_skipped",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job_seeker_id} → {self.vacancy_id}"
