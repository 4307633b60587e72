from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from taawon.core import navigation


class AccountsConfig(AppConfig):
    name = "taawon.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from .lockout import audit_failed_login
        from .middleware import start_session_clock

        # Django's own hooks for a sign-in, refused (django-axes counts failures from it too)
        # or done (by any login page, and by the test client's force_login).
        user_login_failed.connect(audit_failed_login, dispatch_uid="taawon.audit_failed_login")
        user_logged_in.connect(start_session_clock, dispatch_uid="taawon.start_session_clock")
        navigation.register_navigation(
            order=90,
            url_name="accounts:organisation_list",
            label=_("Users"),
            domain="accounts",
            action="manage_users",
        )
