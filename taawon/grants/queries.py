"""Every read of grants, scoped through `accounts.scoping`, plus the panel's rules:

- a call is read by the readers of its owner (the country office, country-wide) and, once
  published, by anyone who reads grants in its country (cooperatives apply to it);
- an application is read by the readers of its owner (the cooperative sees its own, the
  country office all of the country) and by the reviewers of its call;
- a reviewer sees other reviewers' scores of an application only once every reviewer who may
  score it (not conflicted) has scored every criterion.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import F, Q, QuerySet, Sum
from django.http import Http404

from taawon.accounts import scoping
from taawon.accounts.models import User

from . import figures, rules
from .models import (
    Application,
    Award,
    Call,
    ConflictDeclaration,
    JobRecord,
    PanelMember,
    Score,
    StatusChange,
    Tranche,
    TrancheStatus,
)


def _reach(user: User | None) -> scoping.Reach:
    return scoping.reach(user, scoping.READ, domain=rules.DOMAIN)


def _countries(user: User | None) -> set[str]:
    reach = _reach(user)
    if reach.empty:
        return set()
    return {m.organisation.country for m in scoping.memberships(user)}


def reviewed_calls(user: User | None) -> list[int]:
    if user is None or not user.is_authenticated:
        return []
    return list(PanelMember.objects.filter(reviewer=user).values_list("call_id", flat=True))


def calls_for(user: User | None) -> QuerySet[Call]:
    reach = _reach(user)
    if reach.everything:
        return Call.objects.all()
    condition = Q(owner_id__in=sorted(reach.organisation_ids)) | Q(pk__in=reviewed_calls(user))
    countries = _countries(user)
    if countries:
        condition |= Q(published=True, country__in=sorted(countries))
    return Call.objects.filter(condition)


def call_list(user: User | None, *, kind: str = "", country: str = "") -> QuerySet[Call]:
    qs = calls_for(user).select_related("owner")
    if kind:
        qs = qs.filter(kind=kind)
    if country:
        qs = qs.filter(country=country)
    return qs.order_by("-opens_on", "-id")


def get_call_for_user(user: User | None, pk) -> Call:
    try:
        return calls_for(user).select_related("owner").get(pk=pk)
    except (Call.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


def applications_for(user: User | None) -> QuerySet[Application]:
    reach = _reach(user)
    if reach.everything:
        return Application.objects.all()
    return Application.objects.filter(
        Q(owner_id__in=sorted(reach.organisation_ids)) | Q(call_id__in=reviewed_calls(user))
    )


def application_list(
    user: User | None, *, call: int | None = None, eligibility: str = "", sector: str = ""
) -> QuerySet[Application]:
    qs = applications_for(user).select_related("call", "owner", "governorate", "locality")
    if call is not None:
        qs = qs.filter(call_id=call)
    if eligibility:
        qs = qs.filter(eligibility=eligibility)
    if sector:
        qs = qs.filter(sector=sector)
    return qs.order_by("call_id", "name", "id")


def get_application_for_user(user: User | None, pk) -> Application:
    try:
        return (
            applications_for(user)
            .select_related("call", "owner", "governorate", "locality")
            .get(pk=pk)
        )
    except (Application.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


def awards_for(user: User | None) -> QuerySet[Award]:
    """Awards the user reads: of calls they run or read as the office, or of their own
    applications."""
    reach = _reach(user)
    if reach.everything:
        return Award.objects.all()
    ids = sorted(reach.organisation_ids)
    return Award.objects.filter(Q(owner_id__in=ids) | Q(application__owner_id__in=ids))


def award_list(
    user: User | None, *, call: int | None = None, sector: str = "", status: str = ""
) -> QuerySet[Award]:
    qs = awards_for(user).select_related(
        "call", "application", "application__owner", "application__governorate"
    )
    if call is not None:
        qs = qs.filter(call_id=call)
    if sector:
        qs = qs.filter(application__sector=sector)
    return qs.order_by("call_id", "application__name", "id")


def get_award_for_user(user: User | None, pk) -> Award:
    try:
        return (
            awards_for(user).select_related("call", "application", "application__owner").get(pk=pk)
        )
    except (Award.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


def get_tranche_for_user(user: User | None, pk) -> Tranche:
    try:
        return Tranche.objects.select_related("award__call", "award__application").get(
            pk=pk, award__in=awards_for(user)
        )
    except (Tranche.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


# ---- The panel ------------------------------------------------------------------------------


def _panel_state(call: Call, application_ids: list[int]):
    panel = list(PanelMember.objects.filter(call=call).values_list("reviewer_id", flat=True))
    conflicted: dict[int, set[int]] = defaultdict(set)
    for app_id, reviewer_id in ConflictDeclaration.objects.filter(
        application_id__in=application_ids, conflicted=True
    ).values_list("application_id", "reviewer_id"):
        conflicted[app_id].add(reviewer_id)
    scores: dict[int, dict[int, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    for app_id, reviewer_id, criterion_id, value in Score.objects.filter(
        application_id__in=application_ids
    ).values_list("application_id", "reviewer_id", "criterion_id", "value"):
        scores[app_id][reviewer_id][criterion_id] = value
    return panel, conflicted, scores


def call_ranking(call: Call) -> list[figures.Ranked]:
    """The call's applications ranked by the panel's average weighted score (out of 100),
    counting only applications every eligible reviewer has scored in full."""
    apps = list(Application.objects.filter(call=call).values_list("pk", "eligibility"))
    ids = [pk for pk, _e in apps]
    weights = dict(call.criteria.values_list("pk", "weight"))
    panel, conflicted, scores = _panel_state(call, ids)
    rows = []
    for pk, eligibility in apps:
        per = {r: figures.weighted_score(s, weights, call.score_max) for r, s in scores[pk].items()}
        complete = [r for r, value in per.items() if value is not None]
        done = figures.all_scores_in(panel, conflicted[pk], complete)
        average = figures.panel_average(per.values()) if done else None
        rows.append((pk, average, eligibility == "eligible"))
    return figures.rank(rows)


def scores_shown_to(user: User | None, application: Application) -> dict:
    """What `user` sees of the panel's scores of `application`: their own always; the others'
    and the average only once all are in (or always, for the call's programme staff who are
    not on its panel)."""
    call = application.call
    weights = dict(call.criteria.values_list("pk", "weight"))
    panel, conflicted, scores = _panel_state(call, [application.pk])
    per = {
        r: figures.weighted_score(s, weights, call.score_max)
        for r, s in scores[application.pk].items()
    }
    complete = [r for r, value in per.items() if value is not None]
    all_in = figures.all_scores_in(panel, conflicted[application.pk], complete)
    on_panel = user is not None and user.pk in panel
    visible = all_in or (not on_panel and rules.may_run(user, call))
    names = dict(User.objects.filter(pk__in=list(per)).values_list("pk", "username"))
    rows = [
        {"reviewer": names.get(r, ""), "score": value, "mine": user is not None and r == user.pk}
        for r, value in sorted(per.items())
        if visible or (user is not None and r == user.pk)
    ]
    return {
        "all_in": all_in,
        "visible": visible,
        "rows": rows,
        "average": figures.panel_average(per.values()) if all_in else None,
        "expected": len(set(panel) - conflicted[application.pk]),
        "received": len(complete),
    }


def declaration_of(user: User | None, application: Application) -> ConflictDeclaration | None:
    if user is None or not user.is_authenticated:
        return None
    return ConflictDeclaration.objects.filter(application=application, reviewer=user).first()


def my_scores(user: User | None, application: Application) -> dict[int, int]:
    if user is None or not user.is_authenticated:
        return {}
    return dict(
        Score.objects.filter(application=application, reviewer=user).values_list(
            "criterion_id", "value"
        )
    )


def is_on_panel(user: User | None, call: Call) -> bool:
    return user is not None and user.is_authenticated and call.pk in reviewed_calls(user)


# ---- Reports --------------------------------------------------------------------------------


def report(
    user: User | None, *, call: int | None = None, today: datetime.date | None = None
) -> dict:
    """The programme's grant figures over the awards `user` reads: ventures funded by sector
    and by governorate, money awarded and paid (per currency, and what was paid in another
    currency), jobs created by sex and nationality, and survival at 6 and 12 months."""
    awards = awards_for(user)
    if call is not None:
        awards = awards.filter(call_id=call)
    rows = list(
        awards.values(
            "pk",
            "amount",
            "currency",
            "decided_on",
            "application__sector",
            "application__governorate__name_en",
            "application__governorate__name_ar",
            "call__kind",
        )
    )
    ids = [r["pk"] for r in rows]
    by_sector: dict[str, int] = defaultdict(int)
    by_governorate: dict[tuple[str, str], int] = defaultdict(int)
    awarded: dict[str, Decimal] = defaultdict(Decimal)
    for r in rows:
        by_sector[r["application__sector"]] += 1
        by_governorate[
            (r["application__governorate__name_en"], r["application__governorate__name_ar"])
        ] += 1
        awarded[r["currency"]] += r["amount"]
    paid: dict[str, Decimal] = defaultdict(Decimal)
    for currency, total in (
        Tranche.objects.filter(award_id__in=ids, status=TrancheStatus.PAID)
        .values_list("award__currency")
        .annotate(total=Sum("amount"))
    ):
        paid[currency] = total
    paid_other = [
        {"award_currency": a, "paid_currency": p, "amount": amount, "paid_amount": paid_amount}
        for a, p, amount, paid_amount in Tranche.objects.filter(
            award_id__in=ids, status=TrancheStatus.PAID
        )
        .exclude(paid_currency=F("award__currency"))
        .values_list("award__currency", "paid_currency")
        .annotate(Sum("amount"), Sum("paid_amount"))
    ]
    jobs: dict[tuple[str, str], int] = defaultdict(int)
    for sex, nationality, count in (
        JobRecord.objects.filter(award_id__in=ids)
        .values_list("sex", "nationality")
        .annotate(total=Sum("count"))
    ):
        jobs[(sex, nationality)] += count
    changes: dict[int, list] = defaultdict(list)
    for award_id, as_of, status in StatusChange.objects.filter(award_id__in=ids).values_list(
        "award_id", "as_of", "status"
    ):
        changes[award_id].append((as_of, status))
    day = today or datetime.date.today()
    ventures = [(r["decided_on"], changes[r["pk"]]) for r in rows]
    return {
        "funded": len(rows),
        "by_sector": dict(by_sector),
        "by_governorate": dict(by_governorate),
        "awarded": dict(awarded),
        "paid": dict(paid),
        "paid_other": paid_other,
        "jobs": dict(jobs),
        "jobs_total": sum(jobs.values()),
        "jobs_men": sum(v for (s, _n), v in jobs.items() if s == "male"),
        "jobs_women": sum(v for (s, _n), v in jobs.items() if s == "female"),
        "survival": [figures.survival(ventures, months, day) for months in (6, 12)],
    }
