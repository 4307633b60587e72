"""Scoped reads of seasonal campaigns, their vacancies, assignments and totals."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Avg,
    Count,
    Q,
    QuerySet,
)

from taawon.accounts import scoping
from taawon.accounts.models import User

from ..unit.access import CHANGE, READ
from ..vacancies.models import Vacancy
from ..vacancies.queries import with_filled
from .models import Campaign, CampaignAssignment


def campaign_list(user: User) -> QuerySet[Campaign]:
    qs = scoping.scope(Campaign.objects.all(), user)
    return (
        qs.select_related("owner")
        .annotate(
            vacancy_count=Count("vacancies", distinct=True),
            assigned=Count("assignments", distinct=True),
        )
        .order_by("-pk")
    )


def get_campaign_for_user(user: User, pk, action: str = READ) -> Campaign:
    qs = Campaign.objects.select_related("owner", "created_by", "updated_by")
    return scoping.get_scoped_or_404(qs, user, pk, action)


def campaign_vacancies(campaign: Campaign) -> QuerySet[Vacancy]:
    return with_filled(
        campaign.vacancies.select_related("employer", "workplace", "occupation")
    ).order_by("employer__name_en", "pk")


def campaign_vacancy_choices(user: User) -> QuerySet[Vacancy]:
    """Open vacancies `user` may put in a campaign."""
    qs = scoping.scope(Vacancy.objects.filter(status=Vacancy.Status.OPEN), user, CHANGE)
    return qs.select_related("employer", "occupation").order_by("-start_date", "-pk")


def assignments_of(campaign: Campaign) -> QuerySet[CampaignAssignment]:
    return campaign.assignments.select_related(
        "job_seeker__person", "vacancy__employer", "vacancy__occupation", "referral"
    ).order_by("vacancy__employer__name_en", "vacancy_id", "-score", "job_seeker_id")


@dataclass
class CampaignTotals:
    positions: int
    assigned: int
    women: int
    refugees: int
    referred: int
    skipped: int
    mean_score: float | None

    @property
    def fill_rate(self) -> float:
        return self.assigned / self.positions if self.positions else 0.0

    @property
    def women_share(self) -> float:
        return self.women / self.assigned if self.assigned else 0.0

    @property
    def refugee_share(self) -> float:
        return self.refugees / self.assigned if self.assigned else 0.0


def campaign_totals(campaign: Campaign) -> CampaignTotals:
    refugee = Q(job_seeker__person__displacement_status__in=("refugee", "asylum_seeker"))
    row = campaign.assignments.aggregate(
        assigned=Count("pk"),
        women=Count("pk", filter=Q(job_seeker__person__sex="female")),
        refugees=Count("pk", filter=refugee),
        referred=Count("pk", filter=Q(referral__isnull=False)),
        skipped=Count("pk", filter=~Q(skipped_reason="")),
        mean=Avg("score"),
    )
    return CampaignTotals(
        positions=campaign.positions,
        assigned=row["assigned"],
        women=row["women"],
        refugees=row["refugees"],
        referred=row["referred"],
        skipped=row["skipped"],
        mean_score=row["mean"],
    )
