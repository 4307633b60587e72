from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("profile/", views.profile, name="profile"),
    path("two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("two-factor/recover/", views.two_factor_recover, name="two_factor_recover"),
    path("two-factor/disable/", views.two_factor_disable, name="two_factor_disable"),
    path("two-factor/recovery-codes/", views.recovery_codes_renew, name="recovery_codes_renew"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.revoke_token, name="revoke_token"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<int:pk>/users/", views.organisation_users, name="organisation_users"),
    path("organisations/<int:pk>/users/add/", views.add_user, name="add_user"),
    path(
        "organisations/<int:pk>/users/<int:user_pk>/active/",
        views.set_user_active,
        name="set_user_active",
    ),
    path(
        "organisations/<int:pk>/users/<int:user_pk>/two-factor/reset/",
        views.reset_second_factor,
        name="reset_second_factor",
    ),
    path(
        "organisations/<int:pk>/memberships/<int:membership_pk>/role/",
        views.change_role,
        name="change_role",
    ),
]
