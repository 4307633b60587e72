"""The country and unit dashboards, their PDF progress reports, and the DHIS2 export page.

Who sees what: staff count the records of their own reach (a unit its unit, a country office
its country); an aggregate viewer (donor) gets the country dashboard with small cells withheld
and no record links, and no unit dashboard (finer than a governorate); the ministry officer,
who reads permits only, gets none (404), as with the indicators page.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import replace

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language_bidi, ngettext
from django.utils.translation import gettext as _

from taawon.accounts import scoping
from taawon.core.exceptions import ValidationFailed
from taawon.formats.render import listing_text
from taawon.indicators import access, dhis2, downloads, registry
from taawon.indicators.dimensions import DIMENSIONS
from taawon.indicators.engine import IndicatorError
from taawon.lib.tabular.export import FORMATS
from taawon.reports import dashboards
from taawon.reports.forms import PeriodForm
from taawon.reports.progress import progress_report_pdf


def _require_viewer(request: HttpRequest) -> None:
    if not access.may_see_indicators(request.user):
        raise Http404


def _units(user) -> list[tuple[str, str]]:
    """The units whose dashboard `user` may open: (id, name)."""
    if access.aggregate_only(user):
        return []
    viewer = access.viewer(user, registry.get(dashboards.REGISTERED))
    today = datetime.date.today()
    return DIMENSIONS["unit"].keys(today, today, viewer)


def _scope_text(user, unit_name: str = "") -> str:
    if unit_name:
        return _("Records of %(unit)s.") % {"unit": unit_name}
    if access.aggregate_only(user):
        return _("Every organisation of the country; counts under 5 withheld.")
    names = [m.organisation.display_name for m in scoping.memberships(user)]
    if not names:
        return _("Every organisation.")
    return _("Records that %(organisations)s may see.") % {"organisations": listing_text(names)}


def _dashboard(request: HttpRequest, unit: tuple[str, str] | None):
    """(form, dashboard or None, status): the dashboard of the asked or default period."""
    params = request.GET.copy()
    params.pop("format", None)
    form = PeriodForm(params or None)
    if params and not form.is_valid():
        return form, None, 400
    period = form.period() if form.is_bound else None
    start, end = period or dashboards.default_period(request.user)
    if not form.is_bound:
        form = PeriodForm(initial={"start": start, "end": end})
    try:
        built = dashboards.build(request.user, start=start, end=end, unit=unit[0] if unit else None)
    except IndicatorError as error:
        for field, messages in error.field_errors.items():
            for message in messages:
                form.add_error(field if field in form.fields else None, message)
        return form, None, 400
    return form, built, 200


def _page(request: HttpRequest, unit: tuple[str, str] | None) -> HttpResponse:
    fmt = request.GET.get("format")
    if fmt is not None and fmt not in FORMATS:
        return downloads.unknown_format()
    form, built, status = _dashboard(request, unit)
    title = _("Unit dashboard: %(unit)s") % {"unit": unit[1]} if unit else _("Country dashboard")
    if fmt is not None and built is not None:
        return downloads.response(
            built.tables,
            fmt=fmt,
            name=f"taawon-dashboard-{built.start.isoformat()}-{built.end.isoformat()}",
            title=title,
            right_to_left=get_language_bidi(),
        )
    query = previous = following = ""
    if built is not None:
        query = f"start={built.start.isoformat()}&end={built.end.isoformat()}"
        previous, following = (
            "start={}&end={}".format(*(day.isoformat() for day in dashboards.quarter_of(d)))
            for d in (
                built.start - datetime.timedelta(days=1),
                built.end + datetime.timedelta(days=1),
            )
        )
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": form,
            "dashboard": built,
            "title": title,
            "unit": unit,
            "units": _units(request.user),
            "scope": _scope_text(request.user, unit[1] if unit else ""),
            "pdf_query": query,
            "previous_quarter": previous,
            "next_quarter": following,
            "may_export": dhis2.may_export(request.user),
        },
        status=status,
    )


def _pdf(request: HttpRequest, unit: tuple[str, str] | None) -> HttpResponse:
    form, built, status = _dashboard(request, unit)
    if built is None:
        return _page(request, unit)
    title = _("Progress report: %(unit)s") % {"unit": unit[1]} if unit else _("Progress report")
    notes = [_withheld_note()] if built.suppressed else []
    if built.edits_after_lock:
        notes.append(_edits_after_lock_note(built.edits_after_lock))
    pdf = progress_report_pdf(
        title=title,
        start=built.start,
        end=built.end,
        # A link in a PDF would lead nowhere: the paper copy names its figures only.
        figures=[replace(f, url="") for f in built.figures],
        charts=[replace(c, url="") for c in built.charts],
        scope=_scope_text(request.user, unit[1] if unit else ""),
        notes=notes,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"taawon-report-{built.start.isoformat()}-{built.end.isoformat()}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _withheld_note() -> str:
    return _(
        "“x”: withheld, a count under 5 or a figure that would give one away, so that no one "
        "can be recognised."
    )


def _edits_after_lock_note(count: int) -> str:
    return ngettext(
        "%(counter)s edit after lock: a record of this period was created or changed after the "
        "period was locked (the reason is kept).",
        "%(counter)s edits after lock: records of this period were created or changed after the "
        "period was locked (the reasons are kept).",
        count,
    ) % {"counter": count}


def _unit(request: HttpRequest, unit_id: int) -> tuple[str, str]:
    for key, name in _units(request.user):
        if key == str(unit_id):
            return key, name
    raise Http404


@login_required
def country_dashboard(request: HttpRequest) -> HttpResponse:
    _require_viewer(request)
    return _page(request, None)


@login_required
def country_report_pdf(request: HttpRequest) -> HttpResponse:
    _require_viewer(request)
    return _pdf(request, None)


@login_required
def unit_picker(request: HttpRequest) -> HttpResponse:
    _require_viewer(request)
    units = _units(request.user)
    if not units:
        raise Http404
    if len(units) == 1:
        return redirect("reports:unit_dashboard", unit_id=int(units[0][0]))
    return render(request, "reports/unit_picker.html", {"units": units})


@login_required
def unit_dashboard(request: HttpRequest, unit_id: int) -> HttpResponse:
    _require_viewer(request)
    return _page(request, _unit(request, unit_id))


@login_required
def unit_report_pdf(request: HttpRequest, unit_id: int) -> HttpResponse:
    _require_viewer(request)
    return _pdf(request, _unit(request, unit_id))


@login_required
def dhis2_export(request: HttpRequest) -> HttpResponse:
    """The dataValueSets of a period as a JSON download, or the mapping's problems listed."""
    if not dhis2.may_export(request.user):
        raise Http404
    form = PeriodForm(request.GET or None)
    problems: list[str] = []
    if form.is_bound and form.is_valid() and form.period():
        start, end = form.period()
        try:
            document = dhis2.export(request.user, start=start, end=end)
        except ValidationFailed as error:
            for field, messages in error.field_errors.items():
                if field in form.fields:
                    for message in messages:
                        form.add_error(field, message)
                else:
                    problems += messages
        else:
            response = HttpResponse(json.dumps(document, indent=2), content_type="application/json")
            name = f"taawon-dhis2-{start.isoformat()}-{end.isoformat()}.json"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
    elif form.is_bound and form.is_valid():
        form.add_error("start", _("Give the first and last day of a month, quarter or year."))
    if not form.is_bound:
        start, end = dashboards.default_period(request.user)
        form = PeriodForm(initial={"start": start, "end": end})
    status = 400 if form.is_bound else 200
    return render(
        request, "reports/dhis2_export.html", {"form": form, "problems": problems}, status=status
    )
