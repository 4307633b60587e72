"""Login pages come from django.contrib.auth (see urls.py); these are the project's own."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import queries


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    memberships = queries.memberships_of(request.user)
    return render(request, "accounts/profile.html", {"memberships": memberships})


@login_required
def organisation_users(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = queries.get_manageable_organisation(request.user, pk)
    return render(
        request,
        "accounts/organisation_users.html",
        {"organisation": organisation, "members": queries.members_of(organisation)},
    )
