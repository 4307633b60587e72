from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("profile/", views.profile, name="profile"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<int:pk>/users/", views.organisation_users, name="organisation_users"),
    path("organisations/<int:pk>/users/add/", views.add_user, name="add_user"),
    path(
        "organisations/<int:pk>/users/<int:user_pk>/active/",
        views.set_user_active,
        name="set_user_active",
    ),
    path(
        "organisations/<int:pk>/memberships/<int:membership_pk>/role/",
        views.change_role,
        name="change_role",
    ),
]
