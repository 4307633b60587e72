"""Pages that look across permits: those expiring soon, by cooperative, and the report of
permits issued in a period (on screen and as XLSX)."""

from __future__ import annotations

from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from taawon.core import audit

from .. import queries, reports
from ..forms import ExpiringForm, ReportForm
from .permits import require_reader

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_EXPIRING = 2000


@login_required
def expiring_list(request: HttpRequest) -> HttpResponse:
    """Issued permits expiring within N days with no renewal under way, by cooperative."""
    require_reader(request)
    form = ExpiringForm(request.GET or None, user=request.user)
    days, cooperative = form.values()
    permits = queries.expiring(request.user, within_days=days)
    if cooperative is not None:
        permits = permits.filter(cooperative=cooperative)
    rows = list(permits[: MAX_EXPIRING + 1])
    groups = [
        (rows_of[0].cooperative, rows_of)
        for rows_of in (
            list(group) for _key, group in groupby(rows[:MAX_EXPIRING], lambda p: p.cooperative_id)
        )
    ]
    template_name = "permits/expiring_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template_name += "#rows"
    return render(
        request,
        template_name,
        {
            "form": form,
            "days": days,
            "groups": groups,
            "count": min(len(rows), MAX_EXPIRING),
            "truncated": len(rows) > MAX_EXPIRING,
        },
    )


def _report(request: HttpRequest) -> tuple[ReportForm, reports.PermitReport | None]:
    form = ReportForm(request.GET or None, initial=ReportForm.default_period())
    if not form.is_bound or not form.is_valid():
        return form, None
    data = form.cleaned_data
    return form, reports.permit_report(
        request.user, start=data["start"], end=data["end"], national_total=data["national_total"]
    )


@login_required
def permit_report(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    form, report = _report(request)
    return render(
        request,
        "permits/permit_report.html",
        {"form": form, "report": report, "query_string": request.GET.urlencode()},
    )


@login_required
def permit_report_xlsx(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    form, report = _report(request)
    if report is None:
        return render(
            request,
            "permits/permit_report.html",
            {"form": form, "report": None, "query_string": ""},
            status=400,
        )
    audit.record_export(
        actor=request.user,
        name="permits.report",
        filters={key: value for key, value in request.GET.items() if value},
    )
    response = HttpResponse(reports.to_xlsx(report), content_type=XLSX)
    filename = f"work-permits-{report.start.isoformat()}-{report.end.isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
