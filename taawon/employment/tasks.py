"""Background work of the employment units (django-tasks; `taawon db_worker` runs it)."""

from __future__ import annotations

from django_tasks import task

from taawon.accounts.models import User
from taawon.core.exceptions import DomainError

from . import services
from .models import Campaign


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
        services.record_run_problem(campaign=campaign, problem="The user who ran it is gone.")
        return {"status": "refused"}
    try:
        services.propose_allocation(campaign=campaign, run_by=user)
    except DomainError as error:
        details = [m for messages in error.field_errors.values() for m in messages]
        services.record_run_problem(
            campaign=campaign, problem=" ".join([str(error.message), *details])
        )
        return {"status": "refused"}
    return {"status": "proposed", "assignments": campaign.assignments.count()}
