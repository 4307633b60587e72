"""Pages of the seasonal labour demand: crop calendars, the crops a farm grows, the
month-by-month forecast per governorate with the seasons ahead, and "Send season notice"."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from taawon.core import confirming
from taawon.core.exceptions import ValidationFailed
from taawon.core.forms import submit
from taawon.core.pagination import page_number, paginate

from .. import rules
from ..employers import queries as employer_queries
from ..unit import access, reference
from ..unit.web import require_adder, require_reader
from . import queries, services
from .forms import CropCalendarForm, FarmCropForm, ForecastFilterForm, SeasonNoticeForm


@login_required
def crop_calendar_list(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    filters = ForecastFilterForm(request.GET or None)
    governorate = filters.filters()["governorate"]
    calendars = queries.crop_calendar_list(request.user, governorate=governorate)
    page = paginate(calendars, page_number(request.GET.get("page")))
    for calendar in page:
        calendar.can_change = rules.may_change(request.user, calendar)
    return render(
        request,
        "employment/crop_calendar_list.html",
        {
            "page_obj": page,
            "filter_form": filters,
            "may_add": rules.may_add(request.user),
        },
    )


@login_required
def crop_calendar_create(request: HttpRequest) -> HttpResponse:
    require_adder(request)
    form = CropCalendarForm(request.POST or None, user=request.user)
    calendar = submit(
        request,
        form,
        lambda: services.add_crop_calendar(created_by=request.user, **form.service_kwargs()),
        shown=ValidationFailed,
    )
    if calendar is not None:
        messages.success(request, _("The crop calendar was added."))
        return redirect("employment:crop_calendar_list")
    return render(request, "employment/crop_calendar_form.html", {"form": form})


@login_required
def crop_calendar_edit(request: HttpRequest, pk: int) -> HttpResponse:
    calendar = queries.get_crop_calendar_for_user(request.user, pk, access.CHANGE)
    form = CropCalendarForm(request.POST or None, user=request.user, calendar=calendar)
    saved = submit(
        request,
        form,
        lambda: services.update_crop_calendar(
            calendar=calendar, updated_by=request.user, **form.service_kwargs()
        ),
        shown=ValidationFailed,
    )
    if saved is not None:
        messages.success(request, _("The changes were saved."))
        return redirect("employment:crop_calendar_list")
    return render(
        request, "employment/crop_calendar_form.html", {"form": form, "calendar": calendar}
    )


@login_required
def farm_crop_create(request: HttpRequest, pk: int) -> HttpResponse:
    employer = employer_queries.get_employer_for_user(request.user, pk, access.CHANGE)
    form = FarmCropForm(request.POST or None, user=request.user, employer=employer)
    crop = submit(
        request,
        form,
        lambda: services.add_farm_crop(
            employer=employer, created_by=request.user, **form.service_kwargs()
        ),
        shown=ValidationFailed,
    )
    if crop is not None:
        messages.success(request, _("The crop was added to the farm."))
        return redirect(employer)
    return render(request, "employment/farm_crop_form.html", {"form": form, "employer": employer})


@login_required
def farm_crop_edit(request: HttpRequest, pk: int) -> HttpResponse:
    crop = queries.get_farm_crop_for_user(request.user, pk, access.CHANGE)
    employer = crop.employer
    form = FarmCropForm(request.POST or None, user=request.user, employer=employer, farm_crop=crop)
    saved = submit(
        request,
        form,
        lambda: services.update_farm_crop(
            farm_crop=crop, updated_by=request.user, **form.service_kwargs()
        ),
        shown=ValidationFailed,
    )
    if saved is not None:
        messages.success(request, _("The changes were saved."))
        return redirect(employer)
    return render(
        request,
        "employment/farm_crop_form.html",
        {"form": form, "employer": employer, "farm_crop": crop},
    )


@login_required
def labour_forecast(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    filters = ForecastFilterForm(request.GET or None)
    forecast = queries.labour_forecast(request.user, **filters.filters())
    this_month = timezone.localdate().replace(day=1)
    units = list(rules.unit_choices(request.user))
    return render(
        request,
        "employment/labour_forecast.html",
        {
            "forecast": forecast,
            "filter_form": filters,
            "units": units,
            "this_month": this_month,
        },
    )


def _messages_of(request: HttpRequest, error: ValidationFailed | SeasonNoticeForm) -> None:
    problems = error.errors if isinstance(error, SeasonNoticeForm) else error.field_errors
    for field_problems in problems.values():
        for problem in field_problems:
            messages.error(request, problem)


@login_required
def season_notice_send(request: HttpRequest) -> HttpResponse:
    """GET (or a POST without `confirm`): what sending would do, to confirm; a POST with the
    token of what was shown sends, or asks again when the season's recipients changed."""
    require_adder(request)
    data = request.POST if request.method == "POST" else request.GET
    form = SeasonNoticeForm(data, user=request.user)
    back = reverse("employment:labour_forecast")
    if not form.is_valid():
        _messages_of(request, form)
        return redirect(back)
    season = {
        "owner": form.cleaned_data["owner"],
        "governorate": form.cleaned_data["governorate"],
        "month": form.cleaned_data["month"],
        "sent_by": request.user,
    }
    confirm = request.POST.get(confirming.FIELD) if request.method == "POST" else None
    try:
        if not confirm:
            return _confirm_page(request, services.plan_season_notices(**season))
        notices = services.send_season_notices(**season, confirm=confirm)
    except ValidationFailed as error:
        _messages_of(request, error)
        return redirect(back)
    except confirming.ConfirmationChanged as error:
        messages.warning(request, str(error.message))
        return _confirm_page(request, services.plan_season_notices(**season), status=409)
    already = notices.counts.get("already", 0)
    messages.success(
        request,
        ngettext(
            "%(n)s season notice was queued.", "%(n)s season notices were queued.", notices.queued
        )
        % {"n": notices.queued},
    )
    if already:
        messages.info(
            request,
            ngettext(
                "%(n)s job seeker had this notice already: it is not sent twice.",
                "%(n)s job seekers had this notice already: it is not sent twice.",
                already,
            )
            % {"n": already},
        )
    refused = notices.counts.get("refused_sms", 0)
    if refused:
        messages.warning(
            request,
            ngettext(
                "%(n)s job seeker is left out: they did not consent to SMS.",
                "%(n)s job seekers are left out: they did not consent to SMS.",
                refused,
            )
            % {"n": refused},
        )
    skipped = sum(
        n for key, n in notices.counts.items() if key not in ("queued", "already", "refused_sms")
    )
    if skipped:
        messages.warning(
            request,
            ngettext(
                "%(n)s job seeker has no usable phone number.",
                "%(n)s job seekers have no usable phone number.",
                skipped,
            )
            % {"n": skipped},
        )
    return redirect(back)


def _confirm_page(
    request: HttpRequest, plan: services.NoticePlan, status: int = 200
) -> HttpResponse:
    counts = plan.counts
    names = dict(settings.LANGUAGES)
    languages = [
        {"language": names.get(code, code), "n": n}
        for code, n in sorted(plan.languages.items(), key=lambda item: (-item[1], item[0]))
    ]
    return render(
        request,
        "employment/season_notice_confirm.html",
        {
            "plan": plan,
            "crops": [entry.display_name for code in plan.crops if (entry := reference.crop(code))],
            "hidden": [
                ("owner", plan.owner.pk),
                ("governorate", plan.governorate.pk),
                ("month", plan.month.isoformat()),
            ],
            "queued": counts.get("queued", 0),
            "languages": languages,
            "already": counts.get("already", 0),
            "refused_sms": counts.get("refused_sms", 0),
            "unreachable": sum(
                n for key, n in counts.items() if key not in ("queued", "already", "refused_sms")
            ),
            "confirm_field": confirming.FIELD,
        },
        status=status,
    )
