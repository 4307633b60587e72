"""Log in, own account, and the user management of an organisation's administrators."""

from __future__ import annotations

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy, translate_url
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from taawon.core.exceptions import DomainError
from taawon.core.forms import run_service, submit

from . import queries, second_factor, services
from .forms import (
    ActiveForm,
    AddUserForm,
    CodeForm,
    LoginForm,
    RecoveryCodeForm,
    RoleForm,
    StyledPasswordChangeForm,
    TokenForm,
)
from .middleware import second_factor_redirect
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
        if second_factor.has_second_factor(user) or second_factor.required_for(user):
            # The password alone opens no page: the second factor comes first.
            target = (
                "accounts:two_factor_verify"
                if second_factor.has_second_factor(user)
                else "accounts:two_factor_setup"
            )
            response = second_factor_redirect(target, self.get_success_url())
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
    user = request.user
    rows = queries.memberships_with_management(user)
    manages_any = queries.manageable_organisations(user).exists()
    context = {
        "rows": rows,
        "manages_any": manages_any,
        "has_second_factor": second_factor.has_second_factor(user),
        "second_factor_required": second_factor.required_for(user),
        "recovery_codes_left": second_factor.recovery_codes_left(user),
    }
    return render(request, "accounts/profile.html", context)


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


@login_required
@require_POST
def reset_second_factor(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    organisation = queries.get_manageable_organisation(request.user, pk)
    member = queries.get_member(organisation, user_pk)
    error = None
    try:
        services.reset_second_factor(user=member, reset_by=request.user, organisation=organisation)
    except DomainError as exc:
        error = _message_of(exc)
    done = _(
        "%(username)s's second factor is removed; they set up a new one at their next login."
    ) % {"username": member.username}
    return _after_member_change(request, organisation, done=done, error=error)


# ---- Second factor ---------------------------------------------------------------------------


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def _recovery_codes_page(request: HttpRequest, codes: list[str]) -> HttpResponse:
    # Shown once, in this response only: never stored in a message or the session.
    response = render(
        request, "accounts/recovery_codes.html", {"codes": codes, "next": _next_url(request)}
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: QR code and secret, confirmed with a code it shows."""
    user = request.user
    if second_factor.has_second_factor(user) and not user.is_verified():
        # The password alone never replaces an authenticator.
        return second_factor_redirect("accounts:two_factor_verify", _next_url(request))
    device = services.start_second_factor(user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = run_service(
            form,
            services.confirm_second_factor,
            user=user,
            device=device,
            code=form.cleaned_data["code"],
        )
        if codes is not None:
            otp_login(request, device)
            return _recovery_codes_page(request, codes)
    context = {
        "form": form,
        "qr_code": mark_safe(second_factor.qr_code_svg(device)),
        "secret": second_factor.secret_of(device),
        "replacing": second_factor.has_second_factor(user),
        "next": _next_url(request),
    }
    return render(request, "accounts/two_factor_setup.html", context)


def _verify(request: HttpRequest, *, recovery: bool) -> HttpResponse:
    user = request.user
    if not second_factor.has_second_factor(user):
        if second_factor.required_for(user):
            return second_factor_redirect("accounts:two_factor_setup", _next_url(request))
        return redirect(_next_url(request))
    form = (RecoveryCodeForm if recovery else CodeForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.verify_second_factor(
            user=user,
            code=form.cleaned_data["code"],
            ip_address=get_client_ip_address(request),
        )
        if device is not None:
            otp_login(request, device)
            if recovery:
                messages.warning(
                    request,
                    _("Set up your authenticator again now, on your new phone."),
                )
                return second_factor_redirect("accounts:two_factor_setup", _next_url(request))
            return redirect(_next_url(request))
        form.add_error("code", _("This code is not right. Wait a moment and try again."))
    template = "accounts/two_factor_recover.html" if recovery else "accounts/two_factor_verify.html"
    return render(request, template, {"form": form, "next": _next_url(request)})


@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """After the password: the code of the authenticator app."""
    return _verify(request, recovery=False)


@login_required
def two_factor_recover(request: HttpRequest) -> HttpResponse:
    """A lost phone: one of the recovery codes, then a new authenticator."""
    return _verify(request, recovery=True)


@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    try:
        services.disable_second_factor(user=request.user)
    except DomainError as exc:
        messages.error(request, _message_of(exc))
    else:
        messages.success(request, _("You now log in with your password only."))
    return redirect("accounts:profile")


@login_required
@require_POST
def recovery_codes_renew(request: HttpRequest) -> HttpResponse:
    try:
        codes = services.renew_recovery_codes(user=request.user)
    except DomainError as exc:
        messages.error(request, _message_of(exc))
        return redirect("accounts:profile")
    return _recovery_codes_page(request, codes)


# ---- API tokens -----------------------------------------------------------------------------


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    """The user's API tokens: list, and a new one (shown once)."""
    user = request.user
    form = TokenForm(request.POST or None, user=user)
    token = submit(
        request,
        form,
        lambda: services.create_token(
            user=user,
            created_by=user,
            name=form.cleaned_data["name"],
            organisation=form.cleaned_data["organisation"],
            expires_on=form.cleaned_data["expires_on"],
        ),
    )
    if token is not None:
        form = TokenForm(user=user)
    context = {
        "form": form,
        "new_token": token,
        "tokens": queries.tokens_of(user),
        "now": timezone.now(),
    }
    response = render(request, "accounts/tokens.html", context)
    if token is not None:
        response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    token = queries.get_own_token(request.user, pk)
    services.revoke_token(token=token, revoked_by=request.user)
    messages.success(
        request, _("The token %(prefix)s… no longer works.") % {"prefix": token.prefix}
    )
    return redirect("accounts:tokens")
