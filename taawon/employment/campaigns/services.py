"""Seasonal campaigns: drafting, running the allocation, and creating the referrals.

Running asks the matching library (employment.matching loads the inputs) for the allocation
with the highest total score under the campaign's floors, and stores it as the campaign's
proposed assignments. A floor request that cannot be met is refused with the floor named and
how far from feasible it is, and nothing is written:
- the campaign's refugee floor, when the candidates hold too few refugees to keep the share
  among those the campaign could place without it;
- the per-vacancy women floor, when no vacancy has enough women among its candidates to
  place anyone.
A per-vacancy floor that some vacancies cannot meet in full is not refused: those vacancies
keep fewer people, and the review page says so (the library's "short").

Applying creates every proposed referral through `refer_job_seeker` in one transaction;
assignments that became invalid since the run (vacancy closed, person archived, already
referred or placed) are skipped, each with its reason.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taawon import matching as engine
from taawon.accounts import scoping
from taawon.accounts.models import Organisation, User
from taawon.core import audit, confirming
from taawon.core.exceptions import PermissionDenied, ValidationFailed
from taawon.matching.floor_effects import FloorEffect, floor_effects

from .. import matching, rules
from ..placements.services import refer_job_seeker
from ..unit import cleaning
from ..unit.cleaning import Errors
from ..vacancies.models import Vacancy
from .models import Campaign, CampaignAssignment

# Up to this many (job seeker, vacancy) pairs a run is made while the page waits; beyond,
# a background task makes it and the page polls.
INLINE_PAIRS = 2_000_000
CANDIDATES_PER_SEEKER = 10
MAX_VACANCIES = 500


class InfeasibleFloors(ValidationFailed):
    code = "infeasible_floors"


@dataclass(frozen=True)
class Applied:
    created: int
    skipped: list[tuple[CampaignAssignment, str]]


def _clean(values: dict[str, Any], actor: User | None, errors: Errors) -> dict[str, Any]:
    cleaned: dict[str, Any] = {
        "name": cleaning.text(values["name"], max_length=200, field="name", errors=errors)
    }
    if not cleaned["name"]:
        errors.add("name", _("Name the campaign."))
    for field in ("women_share", "refugee_share"):
        cleaned[field] = cleaning.integer(
            values[field], field=field, errors=errors, minimum=1, maximum=100, required=False
        )
    ids = sorted({getattr(v, "pk", v) for v in values["vacancies"] or ()})
    vacancies = list(Vacancy.objects.filter(pk__in=ids))
    reach = scoping.reach(actor, scoping.CHANGE, domain="employment") if actor else None
    if not ids:
        errors.add("vacancies", _("Choose the campaign's vacancies."))
    elif len(ids) > MAX_VACANCIES:
        errors.add("vacancies", _("Choose at most %(n)s vacancies.") % {"n": MAX_VACANCIES})
    elif len(vacancies) != len(ids) or (
        reach is not None and any(v.owner_id not in reach for v in vacancies)
    ):
        errors.add("vacancies", _("Unknown or out of reach."))
    elif any(v.status != Vacancy.Status.OPEN for v in vacancies):
        errors.add("vacancies", _("Choose open vacancies only."))
    cleaned["vacancies"] = vacancies
    return cleaned


@transaction.atomic
def draft_campaign(
    *,
    owner: Organisation,
    name: str,
    vacancies: Iterable[Vacancy | int],
    drafted_by: User | None,
    women_share: int | None = None,
    refugee_share: int | None = None,
) -> Campaign:
    """A campaign of `vacancies`, with optional floors in percent: women in each vacancy,
    refugees over the campaign."""
    errors = Errors()
    cleaning.owner_unit(owner, drafted_by, errors)
    cleaned = _clean(dict(locals()), drafted_by, errors)
    errors.raise_if_any()
    chosen = cleaned.pop("vacancies")
    actor = cleaning.acting(drafted_by)
    campaign = Campaign.objects.create(owner=owner, created_by=actor, updated_by=actor, **cleaned)
    campaign.vacancies.set(chosen)
    cleaning.audit_create(campaign, drafted_by, vacancies=chosen)
    return campaign


@transaction.atomic
def update_campaign(*, campaign: Campaign, updated_by: User | None, **changes: Any) -> Campaign:
    """Change the name, vacancies or floors; a proposal made before goes back to draft."""
    rules.check_may_change(updated_by, campaign)
    fields = ("name", "vacancies", "women_share", "refugee_share")
    unknown = set(changes) - set(fields)
    if unknown:
        raise TypeError(f"update_campaign() got unexpected fields {sorted(unknown)}")
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    errors = Errors()
    if not rules.campaign_opens(campaign, rules.CHANGE):
        errors.add("status", _("This campaign can no longer change."))
    values = {name: getattr(campaign, name) for name in fields if name != "vacancies"}
    values["vacancies"] = list(campaign.vacancies.all())
    cleaned = _clean(values | changes, updated_by, errors)
    errors.raise_if_any()
    chosen = cleaned.pop("vacancies")
    campaign.assignments.all().delete()
    cleaning.save_changes(campaign, cleaned | _cleared(), updated_by, vacancies=chosen)
    return campaign


def _cleared() -> dict[str, Any]:
    """A campaign without a proposal; its assignments go too."""
    return {
        "status": Campaign.Status.DRAFT,
        "proposed_at": None,
        "method": "",
        "optimal": None,
        "positions": 0,
        "candidates": 0,
        "total_score": None,
        "floor_report": [],
    }


def floors_of(campaign: Campaign) -> list[engine.Floor]:
    floors = []
    if campaign.women_share:
        floors.append(
            engine.Floor(engine.Group.WOMEN, campaign.women_share / 100, engine.Scope.VACANCY)
        )
    if campaign.refugee_share:
        floors.append(
            engine.Floor(engine.Group.REFUGEES, campaign.refugee_share / 100, engine.Scope.CAMPAIGN)
        )
    return floors


def _report_row(report: engine.FloorReport) -> dict[str, Any]:
    return {
        "group": str(report.floor.group),
        "scope": str(report.floor.scope),
        "share": report.floor.share,
        "vacancy": report.vacancy_id,
        "status": str(report.status),
        "allocated": report.allocated,
        "members": report.members,
        "eligible": report.eligible,
        "unconstrained": report.unconstrained,
        "message": report.message,
    }


def _report_rows(
    allocation: engine.Allocation, effects: tuple[FloorEffect, ...]
) -> list[dict[str, Any]]:
    """The report rows, each with the positions its floor left empty: on this row's vacancy
    (or over the campaign), and in all ("floor_left_empty")."""
    by_floor = {effect.floor: effect for effect in effects}
    rows = []
    for report in allocation.floor_reports:
        effect = by_floor[report.floor]
        row = _report_row(report)
        row["floor_left_empty"] = effect.left_empty
        row["left_empty"] = (
            effect.left_empty
            if report.vacancy_id is None
            else effect.by_vacancy.get(report.vacancy_id, 0)
        )
        rows.append(row)
    return rows


def _infeasible(allocation: engine.Allocation) -> dict[str, list[str]]:
    """Field errors for floors that cannot be met (see the module), with how far they are."""
    errors: dict[str, list[str]] = {}
    for report in allocation.reports(engine.FloorStatus.SHORT):
        share = report.floor.share
        if report.floor.scope is engine.Scope.CAMPAIGN:
            needed = math.ceil(share * report.unconstrained - 1e-9)
            best = report.eligible / report.unconstrained if report.unconstrained else 0
            errors["refugee_share"] = [
                _(
                    "At least %(share)s%% refugees over the campaign cannot be met: placing the "
                    "%(could)s job seekers it could place without this floor needs %(needed)s "
                    "refugees, and %(eligible)s are among the candidates (%(short)s short). "
                    "At most %(best)s%% can be met."
                )
                % {
                    "share": round(share * 100),
                    "could": report.unconstrained,
                    "needed": needed,
                    "eligible": report.eligible,
                    "short": needed - report.eligible,
                    "best": math.floor(best * 100),
                }
            ]
    vacancy_short = [
        r
        for r in allocation.reports(engine.FloorStatus.SHORT)
        if r.floor.scope is engine.Scope.VACANCY
    ]
    # Reports of a vacancy floor cover every vacancy: theirs add up to the whole campaign.
    unconstrained = sum(
        r.unconstrained for r in allocation.floor_reports if r.floor.scope is engine.Scope.VACANCY
    )
    if vacancy_short and allocation.allocated == 0 and unconstrained > 0:
        share = vacancy_short[0].floor.share
        needed = sum(math.ceil(share * r.unconstrained - 1e-9) for r in vacancy_short)
        eligible = sum(r.eligible for r in vacancy_short)
        errors["women_share"] = [
            _(
                "At least %(share)s%% women in each vacancy cannot be met in any vacancy: to keep "
                "the places they could fill without this floor, the vacancies need %(needed)s "
                "women, and %(eligible)s are among their candidates (%(short)s short)."
            )
            % {
                "share": round(share * 100),
                "needed": needed,
                "eligible": eligible,
                "short": needed - eligible,
            }
        ]
    return errors


@transaction.atomic
def propose_allocation(*, campaign: Campaign, run_by: User | None) -> Campaign:
    """Run the allocation and store it as the campaign's proposal (replacing any before).

    The candidates are the job seekers `run_by` may read (everyone for the system). Raises
    InfeasibleFloors, writing nothing, when a floor cannot be met (see the module).
    """
    rules.check_may_change(run_by, campaign)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status not in rules.PROPOSABLE:
        raise ValidationFailed(field_errors={"status": [_("This campaign can no longer change.")]})
    vacancy_ids = list(campaign.vacancies.values_list("pk", flat=True))
    problem = matching.campaign_input(
        run_by, vacancy_ids, candidates_per_seeker=CANDIDATES_PER_SEEKER
    )
    try:
        allocation = engine.allocate(problem.problem, floors_of(campaign))
    except engine.InvalidFloors as error:  # pragma: no cover - our two floors never conflict
        raise InfeasibleFloors(str(error)) from error
    errors = _infeasible(allocation)
    if errors:
        raise InfeasibleFloors(
            _("The floors asked for cannot be met; nothing was changed."), field_errors=errors
        )
    # What each floor cost in positions: one more allocation per floor that changed anything.
    effects = floor_effects(problem.problem, floors_of(campaign), allocation)
    campaign.assignments.all().delete()
    CampaignAssignment.objects.bulk_create(
        CampaignAssignment(
            campaign=campaign,
            job_seeker_id=seeker,
            vacancy_id=vacancy,
            score=round(score * 100, 4),
            distance_km=round(problem.km[(seeker, vacancy)], 3),
        )
        for seeker, vacancy, score in zip(
            allocation.seeker_ids.tolist(),
            allocation.vacancy_ids.tolist(),
            allocation.scores.tolist(),
            strict=True,
        )
    )
    values = {
        "status": Campaign.Status.PROPOSED,
        "proposed_at": timezone.now(),
        "method": allocation.method,
        "optimal": allocation.optimal,
        "positions": allocation.positions,
        "candidates": len(problem.info),
        "total_score": round(allocation.objective * 100, 4),
        "floor_report": _report_rows(allocation, effects),
        "run_error": "",
    }
    cleaning.save_changes(campaign, values, run_by)
    return campaign


def pairs_to_score(campaign: Campaign, user: User | None) -> int:
    """How many (job seeker, vacancy) pairs a run would weigh: what decides inline or not."""
    vacancy_ids = list(campaign.vacancies.values_list("pk", flat=True))
    pool, rows = matching.campaign_pool(user, vacancy_ids)
    return pool.count() * len(rows) if rows else 0


@transaction.atomic
def run_campaign(*, campaign: Campaign, run_by: User | None) -> bool:
    """Propose the allocation now when it is small; otherwise mark the campaign running and
    leave it to the background task. True when the proposal is made."""
    rules.check_campaign(run_by, campaign, rules.RUN)
    if pairs_to_score(campaign, run_by) <= INLINE_PAIRS:
        propose_allocation(campaign=campaign, run_by=run_by)
        return True
    cleaning.save_changes(campaign, {"status": Campaign.Status.RUNNING, "run_error": ""}, run_by)
    user_id = getattr(run_by, "pk", None)
    transaction.on_commit(lambda: _enqueue(campaign.pk, user_id))
    return False


def _enqueue(campaign_id: int, user_id: int | None) -> None:
    from ..tasks import run_campaign_task

    run_campaign_task.enqueue(campaign_id, user_id)


@transaction.atomic
def record_run_problem(*, campaign: Campaign, problem: str) -> Campaign:
    """A background run that proposed nothing: back to draft, with the reason to show."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    values = _cleared() | {"run_error": problem[:2000]}
    campaign.assignments.all().delete()
    cleaning.save_changes(campaign, values, None)
    return campaign


@dataclass(frozen=True)
class ReferralPlan:
    """What `apply_campaign` would do now: the proposed assignments, those whose job seeker
    was placed since the run (skipped), and the token a confirmation page carries."""

    campaign: Campaign
    assignments: list[CampaignAssignment]
    placed: set[int]

    @property
    def to_refer(self) -> list[CampaignAssignment]:
        return [a for a in self.assignments if a.job_seeker_id not in self.placed]

    @property
    def job_seekers(self) -> int:
        return len({a.job_seeker_id for a in self.to_refer})

    @property
    def vacancies(self) -> int:
        return len({a.vacancy_id for a in self.to_refer})

    @property
    def token(self) -> str:
        pairs = sorted((a.job_seeker_id, a.vacancy_id) for a in self.to_refer)
        return confirming.token("campaign_referrals", self.campaign.pk, pairs)


def plan_campaign_referrals(*, campaign: Campaign) -> ReferralPlan:
    """The referrals applying `campaign` would create. Writes nothing."""
    if not rules.campaign_opens(campaign, rules.APPLY):
        raise ValidationFailed(
            field_errors={"status": [_("Run the campaign and review its proposal first.")]}
        )
    assignments = list(
        campaign.assignments.select_related("job_seeker__person", "vacancy").order_by("pk")
    )
    placed = set(
        matching.job_seekers(None)
        .filter(pk__in=[a.job_seeker_id for a in assignments], placed=True)
        .values_list("pk", flat=True)
    )
    return ReferralPlan(campaign, assignments, placed)


@transaction.atomic
def apply_campaign(
    *, campaign: Campaign, applied_by: User | None, confirm: str | None = None
) -> Applied:
    """Create the proposed referrals in one transaction, skipping (and saying why) those that
    became invalid since the run. `confirm`, the token of the plan a user was shown, refuses
    to act (`ConfirmationChanged`) when the plan is no longer the same."""
    rules.check_may_change(applied_by, campaign)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    rules.check_campaign(applied_by, campaign, rules.APPLY)
    plan = plan_campaign_referrals(campaign=campaign)
    confirming.check(confirm, plan.token)
    assignments, placed = plan.assignments, plan.placed
    note = _("Campaign: %(name)s") % {"name": campaign.name}
    created, skipped = 0, []
    for assignment in assignments:
        reason = ""
        if assignment.job_seeker_id in placed:
            reason = _("This job seeker was placed since the proposal.")
        else:
            try:
                assignment.referral = refer_job_seeker(
                    job_seeker=assignment.job_seeker,
                    vacancy=assignment.vacancy,
                    referred_by=applied_by,
                    note=note[:500],
                )
                created += 1
            except ValidationFailed as error:
                reason = " ".join(m for ms in error.field_errors.values() for m in ms)
                reason = reason or str(error.message)
            except PermissionDenied as error:
                reason = str(error.message)
        if reason:
            assignment.skipped_reason = reason[:500]
            skipped.append((assignment, reason))
    CampaignAssignment.objects.bulk_update(assignments, ["referral", "skipped_reason"])
    values = {"status": Campaign.Status.APPLIED, "applied_at": timezone.now()}
    cleaning.save_changes(campaign, values, applied_by)
    audit.record(
        actor=applied_by,
        action="update",
        obj=campaign,
        note=f"referrals created: {created}, skipped: {len(skipped)}",
    )
    return Applied(created, skipped)
