"""The duplicates panel of the home page (registered in apps.py; see taawon.core.panels): the
possible duplicates a counsellor may review, read through the review queue's scoped query."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from taawon.accounts.models import Membership
from taawon.core.panels import SHOWN, role_reach

from . import queries

REVIEWING = frozenset({Membership.Role.COUNSELLOR})


def pairs_to_review(*, request: HttpRequest) -> str:
    """Pending pairs whose two persons the counsellor may read, the likeliest first."""
    user = request.user
    if role_reach(user, domain="duplicates", roles=REVIEWING).empty:
        return ""
    pairs = queries.review_queue(user)
    rows = list(pairs[:SHOWN])
    return render_to_string(
        "duplicates/home/pairs_to_review.html",
        {
            "panel_id": "pairs-to-review",
            "rows": rows,
            "count": pairs.count() if len(rows) == SHOWN else len(rows),
            "more_url": reverse("duplicates:queue"),
        },
        request=request,
    )
