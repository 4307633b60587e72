"""Log in, own account, and the user management of an organisation's administrators."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy, translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taawon.core.exceptions import DomainError
from taawon.core.forms import submit

from . import queries, services
from .forms import ActiveForm, AddUserForm, LoginForm, RoleForm, StyledPasswordChangeForm
from .models import Membership, Organisation


class LoginView(auth_views.LoginView):
    """Django's login, audited, continuing in the user's preferred language."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm

    def form_valid(self, form: LoginForm) -> HttpResponse:
        response = super().form_valid(form)
        user = self.request.user
        services.record_login(user=user)
        translation.activate(self._language())
        # The cookie carries the choice to pages reached without a language prefix ("/").
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            self._language(),
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response

    def get_success_url(self) -> str:
        # Resolved under the login page's language, so translate_url can map /en/x to /ar/x.
        return translate_url(super().get_success_url(), self._language())

    def _language(self) -> str:
        # A login page in another language than the site's default was chosen by the user
        # (the language button or an /ar/ link), so it wins over the preferred language.
        page_language = translation.get_language_from_path(self.request.path_info)
        if page_language and page_language != settings.LANGUAGE_CODE:
            return page_language
        return self.request.user.preferred_language


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = StyledPasswordChangeForm
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form: StyledPasswordChangeForm) -> HttpResponse:
        services.change_password(user=form.user, password=form.cleaned_data["new_password1"])
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, _("Your password has been changed."))
        return HttpResponseRedirect(self.get_success_url())


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    rows = queries.memberships_with_management(request.user)
    manages_any = queries.manageable_organisations(request.user).exists()
    return render(request, "accounts/profile.html", {"rows": rows, "manages_any": manages_any})


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations = queries.manageable_organisations(request.user)
    return render(request, "accounts/organisation_list.html", {"organisations": organisations})


def _members_context(request: HttpRequest, organisation: Organisation) -> dict:
    return {
        "organisation": organisation,
        "members": queries.members_of(organisation),
        "units": queries.sub_organisations(request.user, organisation),
        "roles": Membership.Role.choices,
    }


@login_required
def organisation_users(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = queries.get_manageable_organisation(request.user, pk)
    return render(
        request, "accounts/organisation_users.html", _members_context(request, organisation)
    )


@login_required
def add_user(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = queries.get_manageable_organisation(request.user, pk)
    form = AddUserForm(request.POST or None)
    user = submit(
        request,
        form,
        lambda: services.add_user(
            organisation=organisation, added_by=request.user, **form.service_arguments()
        ),
    )
    if user is not None:
        messages.success(request, _("%(username)s can now log in.") % {"username": user.username})
        return redirect("accounts:organisation_users", pk=organisation.pk)
    return render(request, "accounts/user_add.html", {"organisation": organisation, "form": form})


def _after_member_change(
    request: HttpRequest, organisation: Organisation, *, done: str, error: str | None
) -> HttpResponse:
    """htmx swaps the members table, with the outcome above it; a plain form redirects."""
    if request.htmx:
        context = _members_context(request, organisation)
        context.update(done=None if error else done, error=error)
        return render(request, "accounts/organisation_users.html#members", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, done)
    return redirect("accounts:organisation_users", pk=organisation.pk)


def _message_of(error: DomainError) -> str:
    messages_ = [m for msgs in error.field_errors.values() for m in msgs]
    return " ".join(messages_) or str(error.message)


@login_required
@require_POST
def change_role(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    organisation = queries.get_manageable_organisation(request.user, pk)
    membership = queries.get_membership(organisation, membership_pk)
    form = RoleForm(request.POST)
    error = None
    if not form.is_valid():
        error = _("Choose a valid role.")
    else:
        try:
            services.set_membership_role(
                membership=membership, role=form.cleaned_data["role"], changed_by=request.user
            )
        except DomainError as exc:
            error = _message_of(exc)
    done = _("%(username)s is now %(role)s.") % {
        "username": membership.user.username,
        "role": membership.get_role_display(),
    }
    return _after_member_change(request, organisation, done=done, error=error)


@login_required
@require_POST
def set_user_active(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    organisation = queries.get_manageable_organisation(request.user, pk)
    member = queries.get_member(organisation, user_pk)
    form = ActiveForm(request.POST)
    if not form.is_valid():
        return _after_member_change(
            request, organisation, done="", error=_("The request could not be completed.")
        )
    active = form.cleaned_data["active"]
    error = None
    try:
        services.set_user_active(
            user=member, active=active, changed_by=request.user, organisation=organisation
        )
    except DomainError as exc:
        error = _message_of(exc)
    if active:
        done = _("%(username)s may log in again.") % {"username": member.username}
    else:
        done = _("%(username)s may no longer log in.") % {"username": member.username}
    return _after_member_change(request, organisation, done=done, error=error)
