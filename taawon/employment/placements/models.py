"""Referrals of job seekers to vacancies, placements, and their follow-ups."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taawon.core.models import OwnedModel

from ..seekers.models import JobSeeker
from ..unit.models import Currency, WagePeriod
from ..vacancies.models import Vacancy


class ReferralStatus(models.TextChoices):
    """A referral's state (its transitions: employment.rules)."""

    REFERRED = "referred", _("Referred")
    INTERVIEWED = "interviewed", _("Interviewed")
    HIRED = "hired", _("Hired")
    REJECTED = "rejected", _("Rejected")
    DID_NOT_ATTEND = "did_not_attend", _("Did not attend")


class Referral(OwnedModel):
    """A job seeker sent to a vacancy; owned by the vacancy's unit."""

    # Defined apart under a name of its own: the OpenAPI document names an enum by its class.
    Status = ReferralStatus

    job_seeker = models.ForeignKey(
        JobSeeker, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("job seeker")
    )
    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("vacancy")
    )
    referred_on = models.DateField(_("referred on"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REFERRED
    )
    status_on = models.DateField(_("status since"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-referred_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["job_seeker", "vacancy"], name="referral_once_per_vacancy"
            ),
            models.CheckConstraint(
                condition=Q(status_on__gte=F("referred_on")), name="referral_status_after_referral"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job_seeker} → {self.vacancy}"


class Placement(OwnedModel):
    """A hire: one per hired referral, and what makes a vacancy's position filled."""

    class ContractType(models.TextChoices):
        SEASONAL = "seasonal", _("Seasonal")
        DAILY = "daily", _("Daily labour")
        FIXED_TERM = "fixed_term", _("Fixed term")
        OPEN_ENDED = "open_ended", _("Open-ended")

    referral = models.OneToOneField(
        Referral, on_delete=models.PROTECT, related_name="placement", verbose_name=_("referral")
    )
    # Copies of the referral's, so that counting a vacancy's placements needs no join.
    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.PROTECT, related_name="placements", verbose_name=_("vacancy")
    )
    job_seeker = models.ForeignKey(
        JobSeeker,
        on_delete=models.PROTECT,
        related_name="placements",
        verbose_name=_("job seeker"),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    contract_type = models.CharField(
        _("contract type"), max_length=12, choices=ContractType.choices
    )
    wage = models.DecimalField(_("wage"), max_digits=10, decimal_places=3)
    wage_period = models.CharField(_("wage period"), max_length=10, choices=WagePeriod.choices)
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.JOD
    )

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(wage__gt=0), name="placement_wage_positive"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="placement_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job_seeker} @ {self.vacancy}"

    def get_absolute_url(self) -> str:
        return reverse("employment:placement_detail", args=[self.pk])


class FollowUp(OwnedModel):
    class Checkpoint(models.IntegerChoices):
        ONE_MONTH = 1, _("after 1 month")
        THREE_MONTHS = 3, _("after 3 months")

    class Reason(models.TextChoices):
        CONTRACT_ENDED = "contract_ended", _("Contract or season ended")
        RESIGNED_WAGE = "resigned_wage", _("Resigned: wage too low or unpaid")
        RESIGNED_CONDITIONS = "resigned_conditions", _("Resigned: working conditions")
        TRANSPORT = "transport", _("Transport")
        CARE_DUTIES = "care_duties", _("Family or care duties")
        HEALTH = "health", _("Health or injury")
        DISMISSED = "dismissed", _("Dismissed")
        MOVED = "moved", _("Moved away")
        PERMIT = "permit", _("Work permit problem")
        OTHER = "other", _("Other")

    placement = models.ForeignKey(
        Placement, on_delete=models.PROTECT, related_name="follow_ups", verbose_name=_("placement")
    )
    checkpoint = models.PositiveSmallIntegerField(_("follow-up"), choices=Checkpoint.choices)
    date = models.DateField(_("date"))
    still_employed = models.BooleanField(_("still employed"))
    reason = models.CharField(
        _("reason, if not employed"), max_length=20, choices=Reason.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["placement", "checkpoint"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "checkpoint"], name="followup_once_per_checkpoint"
            ),
            models.CheckConstraint(
                condition=Q(still_employed=True, reason="")
                | Q(still_employed=False, reason__gt=""),
                name="followup_reason_iff_not_employed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement} {self.get_checkpoint_display()}"
