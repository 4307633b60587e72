"""Every change to grants. Each validates, runs in one transaction, writes the audit trail and
raises a DomainError with field messages on bad input, writing nothing.

The money rules: the sum awarded under a call never exceeds its budget, and the sum of an
award's tranches (planned, approved or paid) never exceeds the amount awarded. Both are checked
after locking the row that holds the ceiling (the call, the award) with SELECT ... FOR UPDATE,
so that two requests at once cannot both pass the check (tested on PostgreSQL; SQLite runs one
writer at a time).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from taawon.accounts.models import Organisation, User
from taawon.core import audit, validation
from taawon.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from taawon.geo import programme
from taawon.lib import money

from . import rules
from .models import (
    Application,
    ApplicationMember,
    Award,
    Call,
    CallKind,
    ConflictDeclaration,
    Currency,
    Eligibility,
    EligibilityCheck,
    EligibilityCriterion,
    JobRecord,
    MentoringVisit,
    PanelMember,
    ProgressReport,
    RateSource,
    Score,
    ScoringCriterion,
    Sector,
    StatusChange,
    Tranche,
    TrancheStatus,
    VentureStatus,
    VisitKind,
)

Errors = dict[str, list[str]]
MAX_TEXT = 4000


def today_in(country: str) -> datetime.date:
    """Today where the call runs (Amman, Beirut, Baghdad): a call closes at its own midnight."""
    return timezone.now().astimezone(programme.settings_for(country).zone).date()


def _fail(errors: Errors) -> None:
    if errors:
        raise ValidationFailed(field_errors=errors)


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _text(
    value: str, errors: Errors, field: str, *, required: bool = True, limit: int = MAX_TEXT
) -> str:
    text = validation.clean_text(value or "", errors=errors, field=field).strip()
    if required and not text and field not in errors:
        _add(errors, field, _("This field is required."))
    elif len(text) > limit:
        _add(errors, field, _("Enter at most %(n)s characters.") % {"n": limit})
    return text


def _amount(value, currency: str, errors: Errors, field: str) -> Decimal | None:
    if value is None or value == "":
        _add(errors, field, _("This field is required."))
        return None
    if isinstance(value, str | int | Decimal) and str(value).strip().startswith("-"):
        _add(errors, field, _("The amount cannot be negative."))
        return None
    return validation.clean_amount(
        value, currency=currency, positive=True, errors=errors, field=field
    )


def shown(amount: Decimal, currency: str) -> str:
    return f"{amount:,.{money.decimals(currency)}f} {currency}"


# ---- Calls ----------------------------------------------------------------------------------


@transaction.atomic
def create_call(
    *,
    owner: Organisation,
    title: str,
    kind: str,
    currency: str,
    budget,
    max_grant,
    opens_on: datetime.date,
    closes_on: datetime.date,
    scoring_closes_on: datetime.date,
    eligibility: Sequence[str],
    criteria: Sequence[tuple[str, int]],
    score_max: int = 10,
    reviewers: Sequence[User] = (),
    created_by: User | None,
) -> Call:
    """A call for proposals in `owner`'s country, with its eligibility checklist, its
    scoring criteria (weights summing to 100) and its panel of reviewers."""
    if created_by is not None and not rules.may_run_for(created_by, owner.pk):
        raise PermissionDenied()
    errors: Errors = {}
    title = _text(title, errors, "title", limit=200)
    if kind not in CallKind.values:
        _add(errors, "kind", _("Choose a valid option."))
    elif kind == CallKind.SSE and not programme.has_feature(
        owner.country, programme.SSE_INITIATIVES
    ):
        _add(errors, "kind", _("SSE initiative calls are run in Lebanon only."))
    if not programme.has_feature(owner.country, programme.GRANTS):
        _add(errors, "owner", _("Grants are not run in this country."))
    if currency not in Currency.values:
        _add(errors, "currency", _("Choose a valid option."))
        currency = "USD"
    budget_d = _amount(budget, currency, errors, "budget")
    max_d = _amount(max_grant, currency, errors, "max_grant")
    if budget_d is not None and max_d is not None and max_d > budget_d:
        _add(errors, "max_grant", _("The maximum grant cannot be more than the budget."))
    if opens_on and closes_on and closes_on < opens_on:
        _add(errors, "closes_on", _("The call cannot close before it opens."))
    if closes_on and scoring_closes_on and scoring_closes_on < closes_on:
        _add(errors, "scoring_closes_on", _("Scoring cannot close before the call does."))
    if not 1 <= int(score_max or 0) <= 100:
        _add(errors, "score_max", _("Give a number from 1 to 100."))
    checklist = [
        _text(text, errors, "eligibility", limit=300)
        for text in eligibility
        if (text or "").strip()
    ]
    if not checklist:
        _add(errors, "eligibility", _("List at least one eligibility criterion."))
    cleaned: list[tuple[str, int]] = []
    for name, weight in criteria:
        name = _text(name, errors, "criteria", limit=200)
        try:
            weight = int(weight)
        except (TypeError, ValueError):
            _add(errors, "criteria", _("Each weight is a whole number."))
            continue
        if not 1 <= weight <= 100:
            _add(errors, "criteria", _("Each weight is from 1 to 100."))
        cleaned.append((name, weight))
    if not cleaned:
        _add(errors, "criteria", _("List at least one scoring criterion."))
    elif "criteria" not in errors and sum(w for _n, w in cleaned) != 100:
        _add(
            errors,
            "criteria",
            _("The weights add up to %(total)s; they must add up to 100.")
            % {"total": sum(w for _n, w in cleaned)},
        )
    _fail(errors)
    call = Call.objects.create(
        owner=owner,
        title=title,
        kind=kind,
        country=owner.country,
        currency=currency,
        budget=budget_d,
        max_grant=max_d,
        opens_on=opens_on,
        closes_on=closes_on,
        scoring_closes_on=scoring_closes_on,
        score_max=score_max,
        created_by=created_by,
        updated_by=created_by,
    )
    EligibilityCriterion.objects.bulk_create(
        EligibilityCriterion(call=call, text=text, position=i) for i, text in enumerate(checklist)
    )
    ScoringCriterion.objects.bulk_create(
        ScoringCriterion(call=call, name=name, weight=weight, position=i)
        for i, (name, weight) in enumerate(cleaned)
    )
    audit.record_create(created_by, call)
    for reviewer in reviewers:
        add_reviewer(call=call, reviewer=reviewer, by=created_by)
    return call


@transaction.atomic
def publish_call(*, call: Call, by: User | None) -> Call:
    rules.check_run(by, call)
    if call.published:
        raise Conflict(_("The call is published already."))
    before = audit.snapshot(call, ["published"])
    call.published = True
    call.updated_by = by
    call.save(update_fields=["published", "updated_by", "updated_at"])
    audit.record_update(by, call, before)
    return call


@transaction.atomic
def add_reviewer(*, call: Call, reviewer: User, by: User | None) -> PanelMember:
    rules.check_run(by, call)
    if not reviewer.is_active:
        raise ValidationFailed(field_errors={"reviewer": [_("Choose an active user.")]})
    if PanelMember.objects.filter(call=call, reviewer=reviewer).exists():
        raise ValidationFailed(
            field_errors={"reviewer": [_("This reviewer is on the panel already.")]}
        )
    member = PanelMember.objects.create(call=call, reviewer=reviewer)
    audit.record_create(by, member)
    return member


# ---- Applications ---------------------------------------------------------------------------


@transaction.atomic
def submit_application(
    *,
    call: Call,
    owner: Organisation,
    name: str,
    sector: str,
    governorate,
    summary: str,
    amount_requested,
    planned: Mapping[str, int] | None = None,
    members: Iterable = (),
    locality=None,
    submitted_on: datetime.date | None = None,
    submitted_by: User | None,
) -> Application:
    """An application of `owner` (the cooperative, or the partner supporting an initiative)
    to an open call. `planned`: jobs planned, keys men_host, women_host, men_refugee,
    women_refugee."""
    rules.check_apply(submitted_by, owner.pk)
    errors: Errors = {}
    day = submitted_on or today_in(call.country)
    if not call.published:
        _add(errors, "call", _("The call is not published."))
    elif not call.opens_on <= day <= call.closes_on:
        _add(errors, "call", _("The call is not open on this date."))
    if owner.country != call.country:
        _add(errors, "owner", _("The call is for another country."))
    name = _text(name, errors, "name", limit=200)
    if sector not in Sector.values:
        _add(errors, "sector", _("Choose a valid option."))
    if governorate is None or governorate.country != call.country:
        _add(errors, "governorate", _("Choose a governorate of the call's country."))
    if (
        locality is not None
        and governorate is not None
        and locality.governorate_id != governorate.pk
    ):
        _add(errors, "locality", _("This locality is not in the governorate."))
    if call.kind == CallKind.SSE and locality is None:
        _add(errors, "locality", _("An SSE initiative names its village."))
    summary = _text(summary, errors, "summary")
    amount = _amount(amount_requested, call.currency, errors, "amount_requested")
    if amount is not None and amount > call.max_grant:
        _add(
            errors,
            "amount_requested",
            _("The call gives at most %(max)s.") % {"max": shown(call.max_grant, call.currency)},
        )
    jobs = {}
    for key in ("men_host", "women_host", "men_refugee", "women_refugee"):
        value = (planned or {}).get(key, 0)
        try:
            value = int(value)
        except (TypeError, ValueError):
            value = -1
        if value < 0:
            _add(errors, f"planned_{key}", _("Enter a whole number, zero or more."))
        jobs[f"planned_{key}"] = value
    if name and Application.objects.filter(call=call, name__iexact=name).exists():
        _add(errors, "name", _("An application with this name was submitted to the call already."))
    members = list(members)
    _fail(errors)
    application = Application.objects.create(
        call=call,
        owner=owner,
        name=name,
        sector=sector,
        governorate=governorate,
        locality=locality,
        summary=summary,
        amount_requested=amount,
        submitted_on=day,
        created_by=submitted_by,
        updated_by=submitted_by,
        **jobs,
    )
    ApplicationMember.objects.bulk_create(
        ApplicationMember(application=application, person=person) for person in members
    )
    audit.record_create(submitted_by, application)
    return application


@transaction.atomic
def screen_application(
    *,
    application: Application,
    checks: Mapping[int, bool],
    reasons: str = "",
    by: User | None,
) -> Application:
    """Eligibility screening against the call's checklist: each criterion met or not. An
    application failing any is not eligible, and the reasons say why."""
    rules.check_run(by, application.call)
    errors: Errors = {}
    criteria = list(application.call.eligibility.all())
    missing = [c for c in criteria if c.pk not in checks]
    if missing:
        _add(errors, "checks", _("Answer every criterion of the checklist."))
    reasons = _text(reasons, errors, "reasons", required=False)
    eligible = all(checks.get(c.pk, False) for c in criteria)
    if not eligible and not reasons and "reasons" not in errors:
        _add(errors, "reasons", _("Say why the application is not eligible."))
    _fail(errors)
    before = audit.snapshot(application, ["eligibility", "eligibility_reasons"])
    EligibilityCheck.objects.filter(application=application).delete()
    EligibilityCheck.objects.bulk_create(
        EligibilityCheck(application=application, criterion=c, met=bool(checks[c.pk]))
        for c in criteria
    )
    application.eligibility = Eligibility.ELIGIBLE if eligible else Eligibility.INELIGIBLE
    application.eligibility_reasons = reasons
    application.updated_by = by
    application.save()
    audit.record_update(by, application, before)
    return application


# ---- Panel scoring --------------------------------------------------------------------------


def _panel_member(application: Application, reviewer: User) -> None:
    if not PanelMember.objects.filter(call_id=application.call_id, reviewer=reviewer).exists():
        raise PermissionDenied(_("You are not on this call's panel."))


@transaction.atomic
def declare_interest(
    *, application: Application, reviewer: User, conflicted: bool, note: str = ""
) -> ConflictDeclaration:
    """A reviewer's declaration, once, before scoring: a conflict of interest or none."""
    _panel_member(application, reviewer)
    errors: Errors = {}
    note = _text(note, errors, "note", required=bool(conflicted), limit=300)
    if ConflictDeclaration.objects.filter(application=application, reviewer=reviewer).exists():
        _add(
            errors, "conflicted", _("You have declared your interest in this application already.")
        )
    _fail(errors)
    declaration = ConflictDeclaration.objects.create(
        application=application, reviewer=reviewer, conflicted=bool(conflicted), note=note
    )
    audit.record_create(reviewer, declaration)
    return declaration


@transaction.atomic
def score_application(
    *,
    application: Application,
    reviewer: User,
    scores: Mapping[int, object],
    today: datetime.date | None = None,
) -> list[Score]:
    """A reviewer's scores of every criterion of the call, after declaring no conflict of
    interest, while scoring is open; scoring again replaces their scores."""
    _panel_member(application, reviewer)
    call = application.call
    errors: Errors = {}
    day = today or today_in(call.country)
    declaration = ConflictDeclaration.objects.filter(
        application=application, reviewer=reviewer
    ).first()
    if declaration is None:
        _add(errors, "conflicted", _("Declare whether you have a conflict of interest first."))
    elif declaration.conflicted:
        raise PermissionDenied(
            _("You declared a conflict of interest: you do not score this application.")
        )
    if day > call.scoring_closes_on:
        _add(
            errors,
            "__all__",
            _("Scoring of this call closed on %(date)s.")
            % {"date": call.scoring_closes_on.isoformat()},
        )
    if application.eligibility != Eligibility.ELIGIBLE:
        _add(errors, "__all__", _("Only applications screened eligible are scored."))
    criteria = list(call.criteria.all())
    values: dict[int, int] = {}
    for criterion in criteria:
        field = f"criterion_{criterion.pk}"
        raw = scores.get(criterion.pk)
        try:
            value = int(str(raw).strip()) if raw is not None and str(raw).strip() != "" else None
        except ValueError:
            value = -1
        if value is None:
            _add(errors, field, _("Score this criterion."))
        elif not 0 <= value <= call.score_max:
            _add(errors, field, _("Give a score from 0 to %(max)s.") % {"max": call.score_max})
        else:
            values[criterion.pk] = value
    unknown = set(scores) - {c.pk for c in criteria}
    if unknown:
        _add(errors, "scores", _("A criterion of another call was scored."))
    _fail(errors)
    Score.objects.filter(application=application, reviewer=reviewer).delete()
    made = Score.objects.bulk_create(
        Score(application=application, reviewer=reviewer, criterion_id=pk, value=value)
        for pk, value in values.items()
    )
    audit.record(actor=reviewer, action="update", obj=application, note="scored")
    return made


# ---- Awards ---------------------------------------------------------------------------------


def awarded_total(call: Call) -> Decimal:
    return Award.objects.filter(call=call).aggregate(total=Sum("amount"))["total"] or Decimal(0)


@transaction.atomic
def award_grant(
    *,
    application: Application,
    amount,
    decided_on: datetime.date | None = None,
    departure_reason: str = "",
    by: User | None,
) -> Award:
    """Fund an eligible, scored application within what is left of the call's budget.

    Passing over a better-ranked eligible application not yet funded is a departure from the
    ranking: allowed with the manager's reason, which is recorded."""
    from . import queries

    # The call's row is the lock every award of the call waits on.
    call = Call.objects.select_for_update().get(pk=application.call_id)
    rules.check_run(by, call)
    application = Application.objects.get(pk=application.pk)
    errors: Errors = {}
    if hasattr(application, "award"):
        raise Conflict(_("This application has been awarded already."))
    if application.eligibility != Eligibility.ELIGIBLE:
        _add(errors, "__all__", _("Only an eligible application is awarded."))
    value = _amount(amount, call.currency, errors, "amount")
    remaining = call.budget - awarded_total(call)
    if value is not None:
        if value > call.max_grant:
            _add(
                errors,
                "amount",
                _("The call gives at most %(max)s.")
                % {"max": shown(call.max_grant, call.currency)},
            )
        elif value > remaining:
            _add(
                errors,
                "amount",
                _("Only %(remaining)s of the call's budget is left.")
                % {"remaining": shown(remaining, call.currency)},
            )
    ranking = {r.application_id: r for r in queries.call_ranking(call)}
    mine = ranking.get(application.pk)
    if mine is None or mine.rank is None:
        _add(errors, "__all__", _("The panel has not finished scoring this application."))
    reason = _text(departure_reason, errors, "departure_reason", required=False)
    funded = set(Award.objects.filter(call=call).values_list("application_id", flat=True))
    passed_over = [
        r
        for r in ranking.values()
        if mine is not None
        and mine.rank is not None
        and r.rank is not None
        and r.rank < mine.rank
        and r.application_id not in funded
    ]
    if passed_over and not reason and "departure_reason" not in errors:
        _add(
            errors,
            "departure_reason",
            _("Better-ranked applications are not funded yet: give the reason for this decision."),
        )
    _fail(errors)
    award = Award.objects.create(
        owner=call.owner,
        call=call,
        application=application,
        amount=value,
        currency=call.currency,
        decided_on=decided_on or today_in(call.country),
        decided_by=by,
        rank=mine.rank,
        departs_from_ranking=bool(passed_over),
        departure_reason=reason if passed_over else "",
        created_by=by,
        updated_by=by,
    )
    audit.record_create(by, award)
    return award


@transaction.atomic
def sign_agreement(
    *, award: Award, reference: str, signed_on: datetime.date, by: User | None
) -> Award:
    rules.check_run(by, award.call)
    errors: Errors = {}
    reference = _text(reference, errors, "agreement_reference", limit=100)
    if signed_on is None:
        _add(errors, "agreement_signed_on", _("This field is required."))
    elif signed_on < award.decided_on:
        _add(errors, "agreement_signed_on", _("The agreement cannot be signed before the award."))
    _fail(errors)
    before = audit.snapshot(award, ["agreement_reference", "agreement_signed_on"])
    award.agreement_reference, award.agreement_signed_on = reference, signed_on
    award.updated_by = by
    award.save()
    audit.record_update(by, award, before)
    return award


# ---- Tranches -------------------------------------------------------------------------------


def committed(award: Award) -> Decimal:
    return award.tranches.aggregate(total=Sum("amount"))["total"] or Decimal(0)


@transaction.atomic
def plan_tranche(*, award: Award, amount, planned_on: datetime.date, by: User | None) -> Tranche:
    """A tranche of the award in its currency, within what its other tranches leave."""
    # The award's row is the lock every tranche of the award waits on.
    award = Award.objects.select_for_update().select_related("call").get(pk=award.pk)
    rules.check_run(by, award.call)
    errors: Errors = {}
    value = _amount(amount, award.currency, errors, "amount")
    if planned_on is None:
        _add(errors, "planned_on", _("This field is required."))
    if not award.agreement_signed_on:
        _add(errors, "__all__", _("Sign the grant agreement before planning tranches."))
    remaining = award.amount - committed(award)
    if value is not None and value > remaining:
        _add(
            errors,
            "amount",
            _("Only %(remaining)s of the award is left for tranches.")
            % {"remaining": shown(remaining, award.currency)},
        )
    _fail(errors)
    number = (award.tranches.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    tranche = Tranche.objects.create(
        owner=award.owner,
        award=award,
        number=number,
        amount=value,
        planned_on=planned_on,
        created_by=by,
        updated_by=by,
    )
    audit.record_create(by, tranche)
    return tranche


@transaction.atomic
def approve_tranche(*, tranche: Tranche, approved_on: datetime.date, by: User | None) -> Tranche:
    tranche = Tranche.objects.select_for_update().select_related("award__call").get(pk=tranche.pk)
    rules.check_run(by, tranche.award.call)
    if tranche.status != TrancheStatus.PLANNED:
        raise Conflict(_("Only a planned tranche is approved."))
    if approved_on is None:
        raise ValidationFailed(field_errors={"approved_on": [_("This field is required.")]})
    before = audit.snapshot(tranche, ["status", "approved_on"])
    tranche.status, tranche.approved_on, tranche.updated_by = (
        TrancheStatus.APPROVED,
        approved_on,
        by,
    )
    tranche.save()
    audit.record_update(by, tranche, before)
    return tranche


def paid_total(award: Award) -> Decimal:
    return award.tranches.filter(status=TrancheStatus.PAID).aggregate(total=Sum("amount"))[
        "total"
    ] or Decimal(0)


@transaction.atomic
def pay_tranche(
    *,
    tranche: Tranche,
    paid_on: datetime.date,
    reference: str,
    paid_currency: str = "",
    exchange_rate=None,
    rate_source: str = "",
    by: User | None,
) -> Tranche:
    """Record an approved tranche as paid. Paid in another currency than the award's, the
    payment records the rate of its day (units of the payment's currency for one of the
    award's) and the rate's source; the amount paid is the tranche converted at that rate,
    to its currency's decimals."""
    award = Award.objects.select_for_update().select_related("call").get(pk=tranche.award_id)
    tranche = Tranche.objects.select_for_update().get(pk=tranche.pk)
    rules.check_run(by, award.call)
    if tranche.status != TrancheStatus.APPROVED:
        raise Conflict(_("Only an approved tranche is paid."))
    errors: Errors = {}
    if paid_on is None:
        _add(errors, "paid_on", _("This field is required."))
    elif tranche.approved_on and paid_on < tranche.approved_on:
        _add(errors, "paid_on", _("A tranche is paid after its approval."))
    reference = _text(reference, errors, "reference", limit=100)
    currency = paid_currency or award.currency
    if currency not in Currency.values:
        _add(errors, "paid_currency", _("Choose a valid option."))
    rate: Decimal | None = None
    paid_amount: Decimal | None = tranche.amount
    if currency != award.currency and currency in Currency.values:
        if exchange_rate in (None, ""):
            _add(
                errors,
                "exchange_rate",
                _("Paid in %(paid)s, not %(award)s: give that day's exchange rate.")
                % {"paid": currency, "award": award.currency},
            )
        else:
            rate = validation.clean_amount(
                exchange_rate, places=6, positive=True, errors=errors, field="exchange_rate"
            )
        if rate_source not in RateSource.values:
            _add(
                errors,
                "rate_source",
                _("Say where the rate comes from: official, the banks' platform or the market."),
            )
        if rate is not None:
            quantum = Decimal(1).scaleb(-money.decimals(currency))
            paid_amount = (tranche.amount * rate).quantize(quantum, ROUND_HALF_UP)
    else:
        rate_source = ""
    # Paid never exceeds awarded: the tranches already hold it, checked again under the lock.
    if paid_total(award) + tranche.amount > award.amount:
        _add(errors, "__all__", _("This payment would pay more than the amount awarded."))
    _fail(errors)
    before = audit.snapshot(
        tranche,
        [
            "status",
            "paid_on",
            "reference",
            "paid_currency",
            "paid_amount",
            "exchange_rate",
            "rate_source",
        ],
    )
    tranche.status = TrancheStatus.PAID
    tranche.paid_on = paid_on
    tranche.reference = reference
    tranche.paid_currency = currency
    tranche.paid_amount = paid_amount
    tranche.exchange_rate = rate
    tranche.rate_source = rate_source
    tranche.updated_by = by
    tranche.save()
    audit.record_update(by, tranche, before)
    return tranche


# ---- After the award: the venture or initiative -------------------------------------------


@transaction.atomic
def record_status(
    *, award: Award, status: str, as_of: datetime.date, note: str = "", by: User | None
) -> StatusChange:
    rules.check_report(by, award)
    errors: Errors = {}
    if status not in VentureStatus.values:
        _add(errors, "status", _("Choose a valid option."))
    if as_of is None:
        _add(errors, "as_of", _("This field is required."))
    elif as_of < award.decided_on:
        _add(errors, "as_of", _("A status is recorded from the award on."))
    note = _text(note, errors, "note", required=False, limit=300)
    _fail(errors)
    change = StatusChange.objects.create(award=award, status=status, as_of=as_of, note=note)
    audit.record_create(by, change)
    return change


@transaction.atomic
def record_progress(
    *,
    award: Award,
    period_end: datetime.date,
    revenue=None,
    results: str = "",
    by: User | None,
) -> ProgressReport:
    rules.check_report(by, award)
    errors: Errors = {}
    value = None
    if revenue not in (None, ""):
        if str(revenue).strip().startswith("-"):
            _add(errors, "revenue", _("The amount cannot be negative."))
        else:
            value = validation.clean_amount(
                revenue, currency=award.currency, errors=errors, field="revenue"
            )
    results = _text(results, errors, "results", required=value is None)
    if period_end is None:
        _add(errors, "period_end", _("This field is required."))
    _fail(errors)
    report = ProgressReport.objects.create(
        award=award, period_end=period_end, revenue=value, currency=award.currency, results=results
    )
    audit.record_create(by, report)
    return report


@transaction.atomic
def record_jobs(
    *,
    award: Award,
    recorded_on: datetime.date,
    placement=None,
    count: int = 1,
    sex: str = "",
    nationality: str = "",
    by: User | None,
) -> JobRecord:
    """Jobs created by the venture: a worker placed through the employment app (sex and
    nationality are the person's), or a head count of workers not in the registry."""
    rules.check_report(by, award)
    errors: Errors = {}
    if placement is not None:
        person = placement.job_seeker.person
        sex, nationality, count = person.sex, person.nationality or "", 1
        if JobRecord.objects.filter(placement=placement).exists():
            _add(errors, "placement", _("This placement is counted already."))
    else:
        try:
            count = int(count)
        except (TypeError, ValueError):
            count = 0
        if count < 1:
            _add(errors, "count", _("Enter a whole number, one or more."))
        if sex not in ("female", "male"):
            _add(errors, "sex", _("Choose a valid option."))
        if not nationality or len(nationality) != 2:
            _add(errors, "nationality", _("Choose a valid option."))
    if recorded_on is None:
        _add(errors, "recorded_on", _("This field is required."))
    _fail(errors)
    record = JobRecord.objects.create(
        owner=award.application.owner,
        award=award,
        placement=placement,
        recorded_on=recorded_on,
        sex=sex,
        nationality=nationality.upper(),
        count=count,
        created_by=by,
        updated_by=by,
    )
    audit.record_create(by, record)
    return record


@transaction.atomic
def record_visit(
    *,
    award: Award,
    kind: str,
    date: datetime.date,
    mentor: str,
    topics: str,
    follow_up_actions: str = "",
    by: User | None,
) -> MentoringVisit:
    rules.check_report(by, award)
    errors: Errors = {}
    if kind not in VisitKind.values:
        _add(errors, "kind", _("Choose a valid option."))
    if date is None:
        _add(errors, "date", _("This field is required."))
    mentor = _text(mentor, errors, "mentor", limit=200)
    topics = _text(topics, errors, "topics")
    follow_up_actions = _text(follow_up_actions, errors, "follow_up_actions", required=False)
    _fail(errors)
    visit = MentoringVisit.objects.create(
        award=award,
        kind=kind,
        date=date,
        mentor=mentor,
        topics=topics,
        follow_up_actions=follow_up_actions,
    )
    audit.record_create(by, visit)
    return visit


FOLLOW_UPS = ("status", "progress", "jobs", "visit")


def record_follow_up(
    *,
    award: Award,
    what: str,
    date: datetime.date,
    by: User | None,
    status: str = "",
    revenue=None,
    results: str = "",
    placement=None,
    count: int | None = None,
    sex: str = "",
    nationality: str = "",
    kind: str = "",
    mentor: str = "",
    topics: str = "",
    follow_up_actions: str = "",
) -> object:
    """One follow-up record of a funded venture, as the page and the API send it: `what` is
    a status from `date`, a progress report for the period ending on `date`, jobs created
    (a placement, or a head count) or a visit."""
    if what == "status":
        return record_status(award=award, status=status, as_of=date, note=results, by=by)
    if what == "progress":
        return record_progress(
            award=award, period_end=date, revenue=revenue, results=results, by=by
        )
    if what == "jobs":
        return record_jobs(
            award=award,
            recorded_on=date,
            placement=placement,
            count=count or 0,
            sex=sex,
            nationality=nationality,
            by=by,
        )
    if what == "visit":
        return record_visit(
            award=award,
            kind=kind,
            date=date,
            mentor=mentor,
            topics=topics,
            follow_up_actions=follow_up_actions,
            by=by,
        )
    raise ValidationFailed(field_errors={"what": [_("Choose a valid option.")]})
