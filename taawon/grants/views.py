"""Pages of grants: calls, applications with their screening and the panel's scoring,
awards with their agreement and tranches, the follow-up of funded ventures, and the report.
Thin: each parses, reads through `queries`, calls one service and renders."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as Forbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taawon.core.exceptions import DomainError, ValidationFailed
from taawon.core.forms import submit
from taawon.core.pagination import page_number, paginate
from taawon.employment.placements import queries as placement_queries
from taawon.geo.countries import country_name
from taawon.training import queries as training_queries

from . import queries, rules, services
from .forms import (
    AgreementForm,
    ApplicationFilterForm,
    ApplicationForm,
    ApproveForm,
    AwardFilterForm,
    AwardForm,
    CallFilterForm,
    CallForm,
    DeclarationForm,
    FollowUpForm,
    PayForm,
    ScoreForm,
    ScreeningForm,
    TrancheForm,
)
from .models import Sector

SEX = {"female": gettext_lazy("Women"), "male": gettext_lazy("Men")}


def _require_reader(request: HttpRequest) -> None:
    if not rules.may_read_any(request.user):
        raise Http404


def _listing(request: HttpRequest, qs, template: str, context: dict) -> HttpResponse:
    page = paginate(qs, page_number(request.GET.get("page")))
    query = request.GET.copy()
    query.pop("page", None)
    if request.htmx:
        template += "#rows"
    return render(
        request, template, {**context, "page_obj": page, "query_string": query.urlencode()}
    )


def _form_page(
    request: HttpRequest,
    form,
    run: Callable[[], object],
    *,
    title: str,
    done: str,
    back,
    intro: str = "",
) -> HttpResponse:
    result = submit(request, form, run, shown=DomainError)
    if result is not None:
        messages.success(request, done)
        return redirect(back)
    return render(
        request,
        "grants/form.html",
        {"form": form, "title": title, "intro": intro, "back": back.get_absolute_url()},
    )


# ---- Calls ----------------------------------------------------------------------------------


@login_required
def call_list(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    form = CallFilterForm(request.GET or None)
    return _listing(
        request,
        queries.call_list(request.user, **form.filters()),
        "grants/call_list.html",
        {"form": form, "may_run": rules.may_run_any(request.user)},
    )


@login_required
def call_create(request: HttpRequest) -> HttpResponse:
    if not rules.may_run_any(request.user):
        raise Http404
    form = CallForm(request.POST or None, user=request.user)
    call = submit(
        request,
        form,
        lambda: services.create_call(created_by=request.user, **form.service_kwargs()),
        shown=DomainError,
    )
    if call is not None:
        messages.success(request, _("The call was created. Publish it when it is ready."))
        return redirect(call)
    return render(
        request,
        "grants/form.html",
        {"form": form, "title": _("New call for proposals"), "back": "/"},
    )


@login_required
def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = queries.get_call_for_user(request.user, pk)
    ranking = {r.application_id: r for r in queries.call_ranking(call)}
    applications = list(queries.application_list(request.user, call=call.pk))
    runs = rules.may_run(request.user, call)
    # An application is ranked only once all its scores are in (`call_ranking`), so the rank
    # shows no reviewer another's score early.
    rows = [(a, ranking.get(a.pk), getattr(a, "award", None)) for a in applications]
    rows.sort(
        key=lambda row: (
            row[1] is None or row[1].rank is None,
            row[1].rank if row[1] and row[1].rank else 0,
            row[0].name,
        )
    )
    awarded = services.awarded_total(call)
    return render(
        request,
        "grants/call_detail.html",
        {
            "call": call,
            "rows": rows,
            "may_run": runs,
            "may_apply": call.published and rules.may_apply_any(request.user),
            "awarded": awarded,
            "remaining": call.budget - awarded,
            "eligibility": call.eligibility.all(),
            "criteria": call.criteria.all(),
        },
    )


@login_required
@require_POST
def call_publish(request: HttpRequest, pk: int) -> HttpResponse:
    call = queries.get_call_for_user(request.user, pk)
    if not rules.may_run(request.user, call):
        raise Forbidden
    try:
        services.publish_call(call=call, by=request.user)
        messages.success(request, _("The call is published."))
    except DomainError as error:
        messages.error(request, str(error.message))
    return redirect(call)


# ---- Applications ---------------------------------------------------------------------------


@login_required
def application_create(request: HttpRequest, pk: int) -> HttpResponse:
    call = queries.get_call_for_user(request.user, pk)
    if not rules.may_apply_any(request.user):
        raise Http404
    form = ApplicationForm(request.POST or None, user=request.user, call=call)
    return _form_page(
        request,
        form,
        lambda: services.submit_application(
            call=call, submitted_by=request.user, **form.service_kwargs()
        ),
        title=_("Apply to %(call)s") % {"call": call.title},
        done=_("The application was submitted."),
        back=call,
    )


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    form = ApplicationFilterForm(request.GET or None)
    return _listing(
        request,
        queries.application_list(request.user, **form.filters()),
        "grants/application_list.html",
        {"form": form},
    )


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = queries.get_application_for_user(request.user, pk)
    call = application.call
    on_panel = queries.is_on_panel(request.user, call)
    declaration = queries.declaration_of(request.user, application)
    return render(
        request,
        "grants/application_detail.html",
        {
            "application": application,
            "call": call,
            "members": application.members.select_related("person"),
            "checks": application.checks.select_related("criterion"),
            "panel": queries.scores_shown_to(request.user, application),
            "may_run": rules.may_run(request.user, call),
            "on_panel": on_panel,
            "declaration": declaration,
            "award": getattr(application, "award", None),
        },
    )


@login_required
def application_screen(request: HttpRequest, pk: int) -> HttpResponse:
    application = queries.get_application_for_user(request.user, pk)
    if not rules.may_run(request.user, application.call):
        raise Forbidden
    form = ScreeningForm(request.POST or None, criteria=application.call.eligibility.all())
    return _form_page(
        request,
        form,
        lambda: services.screen_application(
            application=application,
            checks=form.checks(),
            reasons=form.cleaned_data["reasons"],
            by=request.user,
        ),
        title=_("Eligibility screening: %(name)s") % {"name": application.name},
        done=_("The screening was recorded."),
        back=application,
    )


@login_required
def application_declare(request: HttpRequest, pk: int) -> HttpResponse:
    application = queries.get_application_for_user(request.user, pk)
    if not queries.is_on_panel(request.user, application.call):
        raise Forbidden
    form = DeclarationForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda: services.declare_interest(
            application=application, reviewer=request.user, **form.cleaned_data
        ),
        title=_("Declaration of interest: %(name)s") % {"name": application.name},
        intro=_(
            "Declare before you score. With a conflict of interest you do not score this "
            "application."
        ),
        done=_("Your declaration was recorded."),
        back=application,
    )


@login_required
def application_score(request: HttpRequest, pk: int) -> HttpResponse:
    application = queries.get_application_for_user(request.user, pk)
    call = application.call
    if not queries.is_on_panel(request.user, call):
        raise Forbidden
    initial = {f"criterion_{k}": v for k, v in queries.my_scores(request.user, application).items()}
    form = ScoreForm(
        request.POST or None,
        criteria=call.criteria.all(),
        score_max=call.score_max,
        initial=initial,
    )
    return _form_page(
        request,
        form,
        lambda: services.score_application(
            application=application, reviewer=request.user, scores=form.scores()
        ),
        title=_("Score: %(name)s") % {"name": application.name},
        intro=_("Other reviewers' scores are shown once every reviewer has scored."),
        done=_("Your scores were recorded."),
        back=application,
    )


@login_required
def application_award(request: HttpRequest, pk: int) -> HttpResponse:
    application = queries.get_application_for_user(request.user, pk)
    if not rules.may_run(request.user, application.call):
        raise Forbidden
    form = AwardForm(request.POST or None, initial={"amount": application.amount_requested})
    return _form_page(
        request,
        form,
        lambda: services.award_grant(application=application, by=request.user, **form.cleaned_data),
        title=_("Award a grant: %(name)s") % {"name": application.name},
        done=_("The grant was awarded."),
        back=application,
    )


# ---- Awards and tranches --------------------------------------------------------------------


@login_required
def award_list(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    form = AwardFilterForm(request.GET or None)
    return _listing(
        request,
        queries.award_list(request.user, **form.filters()),
        "grants/award_list.html",
        {"form": form},
    )


@login_required
def award_detail(request: HttpRequest, pk: int) -> HttpResponse:
    award = queries.get_award_for_user(request.user, pk)
    tranches = list(award.tranches.all())
    return render(
        request,
        "grants/award_detail.html",
        {
            "award": award,
            "tranches": tranches,
            "committed": services.committed(award),
            "paid": services.paid_total(award),
            "statuses": award.statuses.all(),
            "reports": award.reports.all(),
            "jobs": award.jobs.all(),
            "visits": award.visits.all(),
            "trainings": training_queries.participations_of_venture(request.user, award),
            "members": award.application.members.select_related("person"),
            "may_run": rules.may_run(request.user, award.call),
            "may_report": rules.may_report(request.user, award),
        },
    )


def _award_run(request: HttpRequest, pk: int):
    award = queries.get_award_for_user(request.user, pk)
    if not rules.may_run(request.user, award.call):
        raise Forbidden
    return award


@login_required
def award_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    award = _award_run(request, pk)
    form = AgreementForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda: services.sign_agreement(
            award=award,
            reference=form.cleaned_data["reference"],
            signed_on=form.cleaned_data["signed_on"],
            by=request.user,
        ),
        title=_("Grant agreement: %(name)s") % {"name": award.application.name},
        done=_("The agreement was recorded."),
        back=award,
    )


@login_required
def tranche_create(request: HttpRequest, pk: int) -> HttpResponse:
    award = _award_run(request, pk)
    form = TrancheForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda: services.plan_tranche(award=award, by=request.user, **form.cleaned_data),
        title=_("Plan a tranche: %(name)s") % {"name": award.application.name},
        done=_("The tranche was planned."),
        back=award,
    )


def _tranche_run(request: HttpRequest, pk: int):
    tranche = queries.get_tranche_for_user(request.user, pk)
    if not rules.may_run(request.user, tranche.award.call):
        raise Forbidden
    return tranche


@login_required
def tranche_approve(request: HttpRequest, pk: int) -> HttpResponse:
    tranche = _tranche_run(request, pk)
    form = ApproveForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda: services.approve_tranche(tranche=tranche, by=request.user, **form.cleaned_data),
        title=_("Approve tranche %(number)s") % {"number": tranche.number},
        done=_("The tranche was approved."),
        back=tranche.award,
    )


@login_required
def tranche_pay(request: HttpRequest, pk: int) -> HttpResponse:
    tranche = _tranche_run(request, pk)
    form = PayForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda: services.pay_tranche(tranche=tranche, by=request.user, **form.cleaned_data),
        title=_("Record the payment of tranche %(number)s") % {"number": tranche.number},
        intro=_(
            "Paid in another currency than the award's, give the rate of the day and its source "
            "(official, the banks' platform or the market)."
        ),
        done=_("The payment was recorded."),
        back=tranche.award,
    )


@login_required
def award_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    award = queries.get_award_for_user(request.user, pk)
    if not rules.may_report(request.user, award):
        raise Forbidden
    form = FollowUpForm(request.POST or None, initial={"what": request.GET.get("what")})

    def run():
        data = dict(form.cleaned_data)
        number = data.pop("placement")
        data["placement"] = None
        if number is not None:
            try:
                data["placement"] = placement_queries.get_placement_for_user(request.user, number)
            except Http404:
                raise ValidationFailed(
                    field_errors={"placement": [_("No such placement you may read.")]}
                ) from None
        return services.record_follow_up(award=award, by=request.user, **data)

    return _form_page(
        request,
        form,
        run,
        title=_("Follow-up: %(name)s") % {"name": award.application.name},
        done=_("The follow-up was recorded."),
        back=award,
    )


# ---- Report ---------------------------------------------------------------------------------


@login_required
def grants_report(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    figures = queries.report(request.user)
    arabic = get_language() == "ar"
    sectors = dict(Sector.choices)
    currencies = sorted(set(figures["awarded"]) | set(figures["paid"]))
    return render(
        request,
        "grants/report.html",
        {
            "figures": figures,
            "sectors": [(sectors.get(k, k), v) for k, v in sorted(figures["by_sector"].items())],
            "governorates": [
                (ar if arabic else en, count)
                for (en, ar), count in sorted(figures["by_governorate"].items())
            ],
            "money_rows": [
                (c, figures["awarded"].get(c, 0), figures["paid"].get(c, 0)) for c in currencies
            ],
            "jobs": [
                (SEX.get(sex, sex), country_name(nationality), count)
                for (sex, nationality), count in sorted(figures["jobs"].items())
            ],
        },
    )
