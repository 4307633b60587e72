"""The indicators page: choose an indicator, a period and up to two dimensions; see the cross
table with its totals, each figure linked to the records behind it."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import get_language_bidi

from taawon.lib.tabular.export import FORMATS

from . import access, dimensions, downloads
from .engine import IndicatorError, compute
from .forms import IndicatorForm, default_data
from .provenance import Links
from .published import publish


@login_required
def indicator_table(request: HttpRequest) -> HttpResponse:
    if not access.may_see_indicators(request.user):
        raise Http404
    fmt = request.GET.get("format")
    if fmt is not None and fmt not in FORMATS:
        return downloads.unknown_format()
    params = request.GET.copy()
    params.pop("format", None)
    form = IndicatorForm(params or default_data(request.user), user=request.user)
    query = form.query()
    shown = links = None
    if query is not None:
        try:
            table = compute(request.user, query.pop("code"), **query)
            shown = publish(table, request.user)
        except IndicatorError as error:
            for field, messages in error.field_errors.items():
                target = {"by": "rows", "indicator": "indicator"}.get(field)
                if target is None:
                    target = field if field in form.fields else None
                for message in messages:
                    form.add_error(target, message)
        else:
            if fmt is not None:
                return downloads.response(
                    [shown],
                    fmt=fmt,
                    name=f"taawon-{table.indicator.code}-{table.start}-{table.end}",
                    title=str(table.indicator.name),
                    right_to_left=get_language_bidi(),
                )
            links = Links(table, request.user)
    template = "indicators/indicator_table.html"
    if request.htmx:
        template += "#results"
    return render(
        request,
        template,
        {
            "form": form,
            "shown": shown,
            "links": links,
            "query": _query(form.data),
            **_grid(shown, links),
        },
        status=400 if params and shown is None else 200,
    )


def _query(data) -> str:
    """The form's values as a query string, for the download links beside the table."""
    if isinstance(data, QueryDict):
        return data.urlencode()
    return urlencode(data)


def _grid(shown, links: Links | None) -> dict:
    """The cross table laid out for the template: rows of (label, cells, total), with links."""
    if shown is None or not shown.table.dimensions:
        return {}
    table = shown.table
    first = table.dimensions[0]
    columns = table.keys[1] if len(table.keys) == 2 else ()
    second = table.dimensions[1] if columns else None
    grid = [
        {
            "label": table.labels[first][row],
            "cells": [
                {"value": shown.cell(row, col), "url": links.url(row, col)} for col in columns
            ],
            "total": shown.row_total(row),
            "url": links.url(row),
        }
        for row in table.keys[0]
    ]
    column_totals = [
        {"value": shown.col_total(col), "url": links.url_of({second: col})} for col in columns
    ]
    return {
        "grid": grid,
        "row_label": dimensions.DIMENSIONS[first].label,
        "column_keys": [(col, table.labels[second][col]) for col in columns],
        "column_totals": column_totals,
        "total_url": links.url(),
    }
