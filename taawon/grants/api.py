"""Grants over HTTP, mounted at /api/v1/grants: the same queries (scoping, the panel's rules)
and services as the pages. A record the caller does not read is 404."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from taawon.core.api_pages import PAGE_NOTE, PageIn, fetch_page
from taawon.core.exceptions import NotFound, PermissionDenied, ValidationFailed
from taawon.employment.placements import queries as placement_queries
from taawon.training import queries as training_queries

from . import queries, rules, services
from .models import Application, Award, Call, Tranche
from .schemas import (
    GrantApplicationListOut,
    GrantApplicationOut,
    GrantApprovalIn,
    GrantAwardIn,
    GrantAwardListOut,
    GrantAwardOut,
    GrantCallListOut,
    GrantCallOut,
    GrantDeclarationIn,
    GrantFollowUpIn,
    GrantFollowUpOut,
    GrantPaymentIn,
    GrantReportOut,
    GrantScoresIn,
    GrantTrainingListOut,
    GrantTrancheIn,
    GrantTrancheOut,
)

router = Router(tags=["grants"])


def _require_reader(request: HttpRequest) -> None:
    if not rules.may_read_any(request.auth):
        raise NotFound()


def _call(call: Call) -> dict:
    return {
        **{
            f: getattr(call, f)
            for f in (
                "id",
                "title",
                "kind",
                "country",
                "currency",
                "opens_on",
                "closes_on",
                "scoring_closes_on",
                "published",
                "owner_id",
            )
        },
        "budget": str(call.budget),
        "max_grant": str(call.max_grant),
        "awarded": str(services.awarded_total(call)),
    }


def _application(a: Application, ranking: dict, shown: bool) -> dict:
    ranked = ranking.get(a.pk) if shown else None
    award = getattr(a, "award", None)
    return {
        **{
            f: getattr(a, f)
            for f in ("id", "call_id", "owner_id", "name", "sector", "eligibility", "jobs_planned")
        },
        "governorate": a.governorate.name_en,
        "locality": a.locality.name_en if a.locality_id else None,
        "amount_requested": str(a.amount_requested),
        "currency": a.call.currency,
        "rank": ranked.rank if ranked else None,
        "score": str(ranked.score) if ranked and ranked.score is not None and ranked.rank else None,
        "awarded": str(award.amount) if award else None,
    }


def _ranking_for(user, call: Call) -> tuple[dict, bool]:
    # An application is ranked only once every reviewer has scored it (`call_ranking`): before
    # that nobody, reviewer or not, learns a score from its rank.
    return {r.application_id: r for r in queries.call_ranking(call)}, True


def _award(award: Award) -> dict:
    return {
        **{
            f: getattr(award, f)
            for f in (
                "id",
                "application_id",
                "call_id",
                "currency",
                "decided_on",
                "rank",
                "departs_from_ranking",
                "departure_reason",
                "agreement_reference",
                "agreement_signed_on",
            )
        },
        "amount": str(award.amount),
        "committed": str(services.committed(award)),
        "paid": str(services.paid_total(award)),
    }


def _tranche(t: Tranche) -> dict:
    return {
        **{
            f: getattr(t, f)
            for f in (
                "id",
                "award_id",
                "number",
                "status",
                "planned_on",
                "approved_on",
                "paid_on",
                "reference",
                "paid_currency",
                "rate_source",
            )
        },
        "amount": str(t.amount),
        "currency": t.award.currency,
        "paid_amount": None if t.paid_amount is None else str(t.paid_amount),
        "exchange_rate": None if t.exchange_rate is None else str(t.exchange_rate),
    }


@router.get(
    "/calls", response=GrantCallListOut, summary="List calls for proposals", description=PAGE_NOTE
)
def list_calls(request: HttpRequest, page: Query[PageIn]):
    _require_reader(request)
    result = fetch_page(queries.call_list(request.auth), page)
    result["items"] = [_call(c) for c in result["items"]]
    return result


@router.get("/calls/{call_id}", response=GrantCallOut, summary="One call for proposals")
def get_call(request: HttpRequest, call_id: int):
    return _call(queries.get_call_for_user(request.auth, call_id))


@router.get(
    "/applications",
    response=GrantApplicationListOut,
    summary="List applications",
    description=f"Your organisation's applications, or those you review. {PAGE_NOTE}",
)
def list_applications(request: HttpRequest, page: Query[PageIn], call_id: int | None = None):
    _require_reader(request)
    result = fetch_page(queries.application_list(request.auth, call=call_id), page)
    rankings: dict[int, tuple[dict, bool]] = {}
    items = []
    for a in result["items"]:
        if a.call_id not in rankings:
            rankings[a.call_id] = _ranking_for(request.auth, a.call)
        items.append(_application(a, *rankings[a.call_id]))
    result["items"] = items
    return result


@router.get(
    "/applications/{application_id}", response=GrantApplicationOut, summary="One application"
)
def get_application(request: HttpRequest, application_id: int):
    a = queries.get_application_for_user(request.auth, application_id)
    return _application(a, *_ranking_for(request.auth, a.call))


def _reviewed(request: HttpRequest, application_id: int) -> Application:
    a = queries.get_application_for_user(request.auth, application_id)
    if not queries.is_on_panel(request.auth, a.call):
        raise PermissionDenied()
    return a


@router.post(
    "/applications/{application_id}/declaration",
    response={201: GrantApplicationOut},
    summary="Declare a conflict of interest, or none, before scoring",
)
def declare(request: HttpRequest, application_id: int, payload: GrantDeclarationIn):
    a = _reviewed(request, application_id)
    services.declare_interest(
        application=a, reviewer=request.auth, conflicted=payload.conflicted, note=payload.note
    )
    return Status(201, _application(a, *_ranking_for(request.auth, a.call)))


@router.post(
    "/applications/{application_id}/scores",
    response=GrantApplicationOut,
    summary="Score an application (a reviewer of its call)",
)
def score(request: HttpRequest, application_id: int, payload: GrantScoresIn):
    a = _reviewed(request, application_id)
    try:
        scores = {int(k): v for k, v in payload.scores.items()}
    except ValueError:
        raise ValidationFailed(
            field_errors={"scores": [_("Name each criterion by its number.")]}
        ) from None
    services.score_application(application=a, reviewer=request.auth, scores=scores)
    return _application(a, *_ranking_for(request.auth, a.call))


@router.post(
    "/applications/{application_id}/award",
    response={201: GrantAwardOut},
    summary="Award a grant (the call's programme staff)",
    description=(
        "Within the call's remaining budget; a departure from the ranking needs `departure_reason`."
    ),
)
def award(request: HttpRequest, application_id: int, payload: GrantAwardIn):
    a = queries.get_application_for_user(request.auth, application_id)
    if not rules.may_run(request.auth, a.call):
        raise PermissionDenied()
    made = services.award_grant(
        application=a,
        amount=payload.amount,
        decided_on=payload.decided_on,
        departure_reason=payload.departure_reason,
        by=request.auth,
    )
    return Status(201, _award(made))


@router.get("/awards", response=GrantAwardListOut, summary="List awards", description=PAGE_NOTE)
def list_awards(request: HttpRequest, page: Query[PageIn]):
    _require_reader(request)
    result = fetch_page(queries.award_list(request.auth), page)
    result["items"] = [_award(a) for a in result["items"]]
    return result


@router.post(
    "/awards/{award_id}/tranches",
    response={201: GrantTrancheOut},
    summary="Plan a tranche",
    description="In the award's currency, within what the award's other tranches leave.",
)
def plan_tranche(request: HttpRequest, award_id: int, payload: GrantTrancheIn):
    a = queries.get_award_for_user(request.auth, award_id)
    if not rules.may_run(request.auth, a.call):
        raise PermissionDenied()
    return Status(
        201,
        _tranche(
            services.plan_tranche(
                award=a, amount=payload.amount, planned_on=payload.planned_on, by=request.auth
            )
        ),
    )


@router.post(
    "/tranches/{tranche_id}/approve", response=GrantTrancheOut, summary="Approve a planned tranche"
)
def approve_tranche(request: HttpRequest, tranche_id: int, payload: GrantApprovalIn):
    t = queries.get_tranche_for_user(request.auth, tranche_id)
    if not rules.may_run(request.auth, t.award.call):
        raise PermissionDenied()
    return _tranche(
        services.approve_tranche(tranche=t, approved_on=payload.approved_on, by=request.auth)
    )


@router.post(
    "/tranches/{tranche_id}/pay",
    response=GrantTrancheOut,
    summary="Record an approved tranche as paid",
    description=(
        "Paid in another currency than the award's: `exchange_rate` (units of the currency "
        "paid for one of the award's) and `rate_source` (official, bank_platform, market)."
    ),
)
def pay_tranche(request: HttpRequest, tranche_id: int, payload: GrantPaymentIn):
    t = queries.get_tranche_for_user(request.auth, tranche_id)
    if not rules.may_run(request.auth, t.award.call):
        raise PermissionDenied()
    return _tranche(
        services.pay_tranche(
            tranche=t,
            paid_on=payload.paid_on,
            reference=payload.reference,
            paid_currency=payload.paid_currency,
            exchange_rate=payload.exchange_rate,
            rate_source=payload.rate_source,
            by=request.auth,
        )
    )


@router.post(
    "/awards/{award_id}/follow-up",
    response={201: GrantFollowUpOut},
    summary="Record a funded venture's follow-up",
    description=(
        "`what`: `status` (operating, paused, closed from `date`), `progress` (`revenue`, "
        "`results` for the period ending on `date`), `jobs` (`placement_id` of a worker placed "
        "by an employment unit, or `count`, `sex`, `nationality`) or `visit` (`kind`, `mentor`, "
        "`topics`, `follow_up_actions`)."
    ),
)
def follow_up(request: HttpRequest, award_id: int, payload: GrantFollowUpIn):
    a = queries.get_award_for_user(request.auth, award_id)
    if not rules.may_report(request.auth, a):
        raise PermissionDenied()
    data = payload.dict()
    placement_id = data.pop("placement_id")
    data["placement"] = None
    if placement_id is not None:
        try:
            data["placement"] = placement_queries.get_placement_for_user(request.auth, placement_id)
        except Http404:
            raise ValidationFailed(
                field_errors={"placement_id": [_("No such placement you may read.")]}
            ) from None
    made = services.record_follow_up(award=a, by=request.auth, **data)
    return Status(201, {"id": made.pk, "what": payload.what})


@router.get(
    "/awards/{award_id}/training",
    response=GrantTrainingListOut,
    summary="The training a funded venture's people received",
    description=(
        f"Participations that name the venture, in the training events you read. {PAGE_NOTE}"
    ),
)
def award_training(request: HttpRequest, award_id: int, page: Query[PageIn]):
    a = queries.get_award_for_user(request.auth, award_id)
    result = fetch_page(training_queries.participations_of_venture(request.auth, a), page)
    result["items"] = [
        {
            "participant_id": p.pk,
            "event_id": p.event_id,
            "event": str(p.event),
            "course_id": p.event.course_id,
            "course": str(p.event.course),
            "start_date": p.event.start_date,
            "end_date": p.event.end_date,
            "completed": p.completed,
            "certified": bool(p.certificate_code),
        }
        for p in result["items"]
    ]
    return result


@router.get(
    "/report", response=GrantReportOut, summary="The grants report over the awards you read"
)
def report(request: HttpRequest):
    _require_reader(request)
    figures = queries.report(request.auth)
    return {
        "funded": figures["funded"],
        "by_sector": figures["by_sector"],
        "awarded": {k: str(v) for k, v in figures["awarded"].items()},
        "paid": {k: str(v) for k, v in figures["paid"].items()},
        "jobs_total": figures["jobs_total"],
        "jobs_men": figures["jobs_men"],
        "jobs_women": figures["jobs_women"],
        "jobs": {f"{s}/{n}": v for (s, n), v in figures["jobs"].items()},
        "survival": {
            f"{key}_{s.months}": value
            for s in figures["survival"]
            for key, value in (("followed", s.followed), ("surviving", s.surviving))
        },
    }
