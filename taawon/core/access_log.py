"""The access log: who looked at whose record and who took data away, for administrators.

It reads core's own audit trail (person page views, identifier reveals, exports) and is
scoped like user management: an administrator sees the events about records of their
organisation and below, and those of that organisation's users.
"""

from __future__ import annotations

import datetime

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from taawon.accounts import scoping
from taawon.accounts.models import Membership

from .fields import DateField
from .forms import StyledFormMixin
from .models import AuditEvent
from .pagination import page_number, paginate

ACCESS_ACTIONS = (AuditEvent.Action.VIEW, AuditEvent.Action.REVEAL, AuditEvent.Action.EXPORT)


class AccessLogFilterForm(StyledFormMixin, forms.Form):
    user = forms.CharField(label=_("User"), required=False, max_length=150)
    person = forms.IntegerField(label=_("Person number"), required=False, min_value=1)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All")), *[(a.value, a.label) for a in ACCESS_ACTIONS]],
    )
    # dd/mm/yyyy text boxes like every date of the pages, not the browser's own date input
    # (which asks mm/dd/yyyy in an English-speaking browser).
    start = DateField(label=_("From"), required=False)
    end = DateField(label=_("To"), required=False)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}


def may_see_access_log(user) -> bool:
    return not scoping.reach(user, scoping.MANAGE_USERS, domain="accounts").empty


def access_events(
    user,
    *,
    user_name: str = "",
    person: int | None = None,
    kind: str = "",
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    """Access events `user` may see, newest first, filtered."""
    reach = scoping.reach(user, scoping.MANAGE_USERS, domain="accounts")
    if reach.empty:
        raise Http404
    qs = AuditEvent.objects.filter(action__in=ACCESS_ACTIONS)
    if not reach.everything:
        ids = sorted(reach.organisation_ids)
        members = Membership.objects.filter(organisation_id__in=ids).values("user_id")
        qs = qs.filter(Q(owner_id__in=ids) | Q(actor_id__in=members))
    if user_name:
        qs = qs.filter(actor__username__icontains=user_name)
    if person:
        # Views and reveals note whose record it was; core names no app above it.
        qs = qs.filter(changes__person=person)
    if kind:
        qs = qs.filter(action=kind)
    if start:
        qs = qs.filter(at__date__gte=start)
    if end:
        qs = qs.filter(at__date__lte=end)
    return qs.select_related("actor").order_by("-at", "-id")


@login_required
def access_log(request: HttpRequest) -> HttpResponse:
    if not may_see_access_log(request.user):
        raise Http404
    form = AccessLogFilterForm(request.GET or None)
    filters = form.filters()
    events = access_events(
        request.user,
        user_name=filters.get("user", ""),
        person=filters.get("person"),
        kind=filters.get("kind", ""),
        start=filters.get("start"),
        end=filters.get("end"),
    )
    page = paginate(events, page_number(request.GET.get("page")))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/access_log.html",
        {
            "form": form,
            "page_obj": page,
            "query_string": f"{query.urlencode()}&" if query else "",
        },
    )
