"""The complaints panel of the home page (registered in apps.py): for a unit's focal points,
the complaints they read that wait for acknowledgement, the longest due first."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from taawon.core.panels import SHOWN

from . import queries


def awaiting_acknowledgement(*, request: HttpRequest) -> str:
    if not queries.is_focal_point(request.user):
        return ""
    waiting = queries.awaiting_acknowledgement(request.user)
    rows = list(waiting[:SHOWN])
    if not rows:
        return ""
    return render_to_string(
        "complaints/home/awaiting.html",
        {
            "panel_id": "complaints-awaiting",
            "rows": rows,
            "count": waiting.count() if len(rows) == SHOWN else len(rows),
            "now": timezone.now(),
            "more_url": reverse("complaints:complaint_list") + "?status=received",
        },
        request=request,
    )
