from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "taawon.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_login_failed

        from .lockout import audit_failed_login

        # Django's own hook for a refused sign-in (django-axes counts failures from it too).
        user_login_failed.connect(audit_failed_login, dispatch_uid="taawon.audit_failed_login")
