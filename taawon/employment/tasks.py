"""Background work of the employment units (django-tasks; `taawon db_worker` runs it)."""

from __future__ import annotations

from django_tasks import task

from taawon.accounts.models import User
from taawon.core.exceptions import DomainError

from .campaigns import services as campaign_services
from .campaigns.models import Campaign


@task()
def run_campaign_task(campaign_id: int, user_id: int | None) -> dict[str, int | str]:
    """Propose a big campaign's allocation; a refusal (an infeasible floor, say) is kept on
    the campaign for its page to show."""
    campaign = Campaign.objects.filter(pk=campaign_id, status=Campaign.Status.RUNNING).first()
    if campaign is None:
        return {"status": "gone"}
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user_id and user is None:
        # Never widen the candidates to everyone's: a run belongs to whoever asked for it.
        campaign_services.record_run_problem(
            campaign=campaign, problem="The user who ran it is gone."
        )
        return {"status": "refused"}
    try:
        campaign_services.propose_allocation(campaign=campaign, run_by=user)
    except DomainError as error:
        details = [m for messages in error.field_errors.values() for m in messages]
        campaign_services.record_run_problem(
            campaign=campaign, problem=" ".join([str(error.message), *details])
        )
        return {"status": "refused"}
    return {"status": "proposed", "assignments": campaign.assignments.count()}


@task()
def send_season_notices_task(today: str | None = None, months_ahead: int = 1) -> dict[str, int]:
    """Ahead of every season starting `months_ahead` months after `today` (ISO date; default
    today), each employment unit queues its notices (run it daily or monthly: a notice is
    never queued twice)."""
    import datetime

    from django.utils import timezone

    from taawon.accounts.models import Organisation

    from .seasons import labour_demand
    from .seasons import queries as season_queries
    from .seasons import services as seasons

    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    first = labour_demand.month_after(day, months_ahead)
    starts = labour_demand.season_starts(season_queries.crop_areas(None))
    governorates = sorted(place for place, months in starts.items() if first.month in months)
    units = Organisation.objects.filter(
        kind=Organisation.Kind.EMPLOYMENT_UNIT, is_active=True
    ).order_by("pk")
    totals: dict[str, int] = {}
    for unit in units:
        for governorate in governorates:
            notices = seasons.send_season_notices(
                owner=unit, governorate=governorate, month=first, sent_by=None, today=day
            )
            for key, count in notices.counts.items():
                totals[key] = totals.get(key, 0) + count
    return totals
